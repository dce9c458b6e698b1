# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Customers' personal data in payloads: retention, redaction, who reads the raw body, erasure."""

import io
import json
import re
from datetime import timedelta
from pathlib import Path

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged

from ..adapters import get_adapter
from ..const import REDACTED
from .common import EcomCase, shopify_order

PAYLOADS = Path(__file__).parent / "payloads"
# The sample files of each platform whose orders the redaction is tried on.
SAMPLES = {
    "shopify": ["*.json"],
    "woocommerce": ["*.json"],
    "prestashop": ["orders.json", "order_42.xml"],
    "magento": ["*.json"],
    "csv": ["export_fr_utf8.csv"],
}
IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def books_facts(order):
    """What the books need of a canonical order: it must survive the redaction."""
    addresses = [a for a in (order.billing_address, order.shipping_address) if a]
    return {
        "id": (order.external_id, order.reference, order.currency, order.created_at),
        "totals": order.totals,
        "status": (order.financial_status, order.cancelled_at, order.prices_include_tax),
        "lines": [
            (line.external_id, line.sku, line.quantity, line.unit_price, line.discount, line.taxes)
            for line in order.lines
        ],
        "shipping": [(s.code, s.price, s.taxes) for s in order.shipping_lines],
        "fees": [(f.amount, f.taxes) for f in order.fee_lines],
        "payments": [(p.gateway, p.amount, p.transaction_id, p.kind) for p in order.payments],
        "refunds": [(r.external_id, r.amount, r.lines) for r in order.refunds],
        "places": [(a.country_code, a.state_code) for a in addresses],
        "vat": order.customer.vat or next((a.vat for a in addresses if a.vat), ""),
    }


def personal_values(order, note=True):
    """The customer's names, contacts, addresses and note in a canonical order."""
    customer = order.customer
    values = [customer.email, customer.name, customer.phone, customer.company]
    if note:
        # The adapters add the coupons used to the customer's note.
        values.append(order.note)
    for address in (order.billing_address, order.shipping_address):
        if address:
            values += [
                address.name,
                address.company,
                address.street,
                getattr(address, "street2", ""),
                address.city,
                address.zip,
                address.phone,
                address.email,
            ]
    return {value.strip() for value in values if value and len(value.strip()) >= 3}


def region_names(data):
    """The values of the region and country keys anywhere in decoded JSON ``data``."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("province", "state", "region", "country", "country_name"):
                    yield item
                stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)


class PrivacyCase(EcomCase):
    def age(self, payloads, days):
        """Make ``payloads`` processed ``days`` ago (and their orders changed then)."""
        moment = fields.Datetime.now() - timedelta(days=days)
        payloads.write({"processed_at": moment})
        if payloads.sale_order_id:
            payloads.sale_order_id.flush_recordset()
            self.env.cr.execute(
                "UPDATE sale_order SET write_date = %s WHERE id IN %s",
                (moment, tuple(payloads.sale_order_id.ids)),
            )
            payloads.sale_order_id.invalidate_recordset(["write_date"])

    def redact_due(self):
        self.env["ecom.payload"]._cron_redact_payloads()
        self.env["ecom.payload"].invalidate_model()


@tagged("post_install", "-at_install")
class TestRetention(PrivacyCase):
    def sample_payloads(self, platform):
        """The platform's sample orders, stored and read, skipped (before the shop's start)."""
        shop = self.create_shop(platform, f"P-{platform}", import_start_date=fields.Datetime.now())
        payloads = self.env["ecom.payload"]
        for pattern in SAMPLES[platform]:
            for path in sorted((PAYLOADS / platform).glob(pattern)):
                payloads |= shop._ecom_receive_file(path.read_bytes(), path.name)
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        return shop, payloads.filtered(lambda p: p.state == "skipped")

    def test_the_schedule_redacts_each_platforms_payloads_past_retention(self):
        for platform in SAMPLES:
            with self.subTest(platform=platform):
                shop, payloads = self.sample_payloads(platform)
                self.assertGreaterEqual(len(payloads), 2 if platform != "csv" else 1)
                adapter = get_adapter(platform, shop._ecom_adapter_options())
                before = {
                    p.id: (p.body, p.body_hash, adapter.parse(p._ecom_document())) for p in payloads
                }
                recent = payloads[-1]
                self.age(payloads - recent, 91)
                self.age(recent, 89)
                self.redact_due()
                self.assertFalse(recent.redacted_on)
                self.assertEqual(recent.body, before[recent.id][0])
                for payload in payloads - recent:
                    body, body_hash, order = before[payload.id]
                    self.assertTrue(payload.redacted_on)
                    self.assertEqual(payload.body_hash, body_hash, "the hash is the one received")
                    self.assertIn(REDACTED, payload.body)
                    # A city may share its name with its region (Zürich): the region stays.
                    regions = set(region_names(json.loads(body)))
                    for value in personal_values(order) - regions | set(IPV4.findall(body)):
                        self.assertNotIn(value, payload.body, f"{platform} {payload.external_id}")
                    self.assertFalse(EMAIL.findall(payload.body))
                    # What the books need reads the same from the redacted payload.
                    redacted = adapter.parse(payload._ecom_document())
                    self.assertEqual(books_facts(redacted), books_facts(order))
                    self.assertTrue(redacted.lines)
                    left = {
                        value
                        for value in personal_values(redacted, note=False)
                        if value.replace(REDACTED, "").strip()
                    }
                    self.assertEqual(left, set(), f"{platform} {payload.external_id}")

    def test_the_period_is_the_shops_and_waits_for_what_is_not_done(self):
        self.shop.payload_retention_days = 30
        (done,) = self.import_orders(shopify_order(order_id=7501))
        self.shop.unknown_product_policy = "hold"
        lines = (("NEW-SKU", "Nouveau", 1, "9.00", "0", "20"),)
        (held,) = self.import_orders(shopify_order(order_id=7502, lines=lines))
        broken = shopify_order(order_id=7503)
        broken["line_items"][0]["quantity"] = -1
        (failed,) = self.import_orders(broken)
        (waiting,) = self.shop._ecom_receive_file(
            json.dumps({"orders": [shopify_order(order_id=7504)]}).encode(), "late.json"
        )
        self.assertEqual(
            (done.state, held.state, failed.state, waiting.state), ("done", "held", "failed", "new")
        )
        self.age(done | held | failed | waiting, 31)
        # The order changed a week ago: its clock starts again then.
        self.env.cr.execute(
            "UPDATE sale_order SET write_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=7), done.sale_order_id.id),
        )
        self.redact_due()
        self.assertFalse((done | held | waiting).filtered("redacted_on"))
        self.assertTrue(failed.redacted_on)
        self.assertNotIn("camille@example.com", failed.body)
        self.assertIn('"sku": "TSHIRT-M"', failed.body)
        with self.assertRaises(ValidationError):
            self.shop.payload_retention_days = 0

    def test_a_redacted_payload_is_not_processed_again(self):
        broken = shopify_order(order_id=7511)
        broken["line_items"][0]["quantity"] = -1
        (payload,) = self.import_orders(broken)
        self.age(payload, 120)
        self.redact_due()
        self.assertTrue(payload.redacted_on)
        with self.assertRaisesRegex(UserError, "was redacted on .*cannot be imported again"):
            payload.action_retry()
        with self.assertRaisesRegex(UserError, "was redacted on"):
            payload._ecom_reprocess()
        # Through the job or a batch: the payload fails with the sentence, nothing is read.
        payload._ecom_process()
        self.assertEqual(payload.state, "failed")
        self.assertIn("was redacted on", payload.error)
        self.assertFalse(self.order_of(7511))

    def test_the_same_order_sent_again_after_redaction_is_still_a_duplicate(self):
        # No revision: only the body's hash tells the two apart.
        content = json.dumps({"orders": [shopify_order(order_id=7521, updated_at=None)]})
        (first,) = self.shop._ecom_receive_file(content.encode(), "a.json")
        first._ecom_process()
        self.assertEqual(first.state, "done")
        received_hash = first.body_hash
        first._ecom_redact()
        self.assertEqual(first.body_hash, received_hash)
        self.assertNotIn("camille@example.com", first.body)
        (again,) = self.shop._ecom_receive_file(content.encode(), "b.json")
        again._ecom_process()
        self.assertEqual(again.state, "duplicate")
        self.assertEqual(again.sale_order_id, first.sale_order_id)
        self.assertEqual(len(self.order_of(7521)), 1)
        # A pull of the same body stores nothing.
        documents = list(self.shop._ecom_file_documents(io.BytesIO(content.encode()), "c.json"))
        self.assertEqual(self.shop._ecom_store_pulled(documents)[1], 1)

    def test_nobody_writes_the_redaction_by_hand(self):
        (payload,) = self.import_orders(shopify_order(order_id=7531))
        manager = new_test_user(self.env, "ecom_privacy_boss", "ecom_connector.group_ecom_manager")
        for vals in ({"redacted_on": fields.Datetime.now()}, {"body": "{}"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                payload.with_user(manager).write(vals)
        self.assertFalse(payload.redacted_on)


@tagged("post_install", "-at_install")
class TestErasure(PrivacyCase):
    def test_archiving_a_customer_redacts_their_payloads(self):
        (mine,) = self.import_orders(shopify_order(order_id=7541, email="lea@example.fr"))
        broken = shopify_order(order_id=7542, email="lea@example.fr")
        broken["line_items"][0]["quantity"] = -1
        (failed,) = self.import_orders(broken)  # no order: found by the e-mail
        (other,) = self.import_orders(shopify_order(order_id=7543, email="noe@example.fr"))
        customer = mine.sale_order_id.partner_id
        self.assertEqual(customer.email, "lea@example.fr")
        customer.action_archive()
        self.assertTrue(mine.redacted_on)
        self.assertTrue(failed.redacted_on)
        self.assertFalse(other.redacted_on)
        self.assertNotIn("lea@example.fr", mine.body + failed.body)
        self.assertIn('"total_price": "55.20"', mine.body)
        # The contact and the order are Odoo's: they stay as they were.
        self.assertEqual(mine.sale_order_id.partner_id.email, "lea@example.fr")

    def test_merging_duplicates_keeps_the_payloads_of_the_kept_contact(self):
        (payload,) = self.import_orders(shopify_order(order_id=7551, email="tom@example.fr"))
        duplicate = self.env["res.partner"].create({"name": "Tom", "email": "tom@example.fr"})
        duplicate.action_archive()
        self.assertFalse(payload.redacted_on)

    def test_a_manager_erases_a_customer_from_the_action_menu(self):
        self.shop.unknown_product_policy = "hold"
        lines = (("NEW-SKU", "Nouveau", 1, "9.00", "0", "20"),)
        (payload,) = self.import_orders(
            shopify_order(order_id=7561, email="ines@example.fr", lines=lines)
        )
        self.assertEqual(payload.state, "held")
        customer = payload.sale_order_id.partner_id
        clerk = new_test_user(self.env, "ecom_privacy_clerk", "ecom_connector.group_ecom_user")
        with self.assertRaisesRegex(AccessError, "connector managers"):
            customer.with_user(clerk).action_ecom_erase_personal_data()
        self.assertFalse(payload.redacted_on)
        action = self.env.ref("ecom_connector.res_partner_action_ecom_erase")
        result = action.with_context(
            active_model="res.partner", active_id=customer.id, active_ids=customer.ids
        ).run()
        self.assertTrue(payload.redacted_on)
        self.assertTrue(customer.active)
        self.assertIn("1 web-shop payloads about", result["params"]["message"])
        with self.assertRaisesRegex(UserError, "was redacted on"):
            payload.sale_order_id.action_ecom_reprocess()


@tagged("post_install", "-at_install")
class TestRawBodyOverRpc(EcomCase, HttpCase):
    """Web-shop users read the masked payload; connector managers the raw one."""

    def call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_only_managers_read_the_raw_body(self):
        (payload,) = self.import_orders(shopify_order(order_id=7571, email="zoe@example.fr"))
        new_test_user(self.env, "ecom_rpc_clerk", "ecom_connector.group_ecom_user")
        new_test_user(self.env, "ecom_rpc_boss", "ecom_connector.group_ecom_manager")

        self.authenticate("ecom_rpc_clerk", "ecom_rpc_clerk")
        for fields_read in (["body"], ["body_display"]):
            with self.subTest(fields=fields_read), self.assertRaises(JsonRpcException) as caught:
                self.call("ecom.payload", "read", [payload.id], fields_read)
            self.assertIn("AccessError", str(caught.exception))
        with self.assertRaises(JsonRpcException):
            self.call("ecom.payload", "search_read", [("body", "ilike", "zoe@")], ["id"])
        # The form as the web client opens it: the masked content, no raw body.
        views = self.call("ecom.payload", "get_views", [[False, "form"]], options={})
        form_fields = views["models"]["ecom.payload"]["fields"]
        self.assertIn("body_masked", form_fields)
        self.assertNotIn("body_display", form_fields)
        specification = {
            name: {"fields": {"display_name": {}}} if field["type"] == "many2one" else {}
            for name, field in form_fields.items()
        }
        (values,) = self.call("ecom.payload", "web_read", [payload.id], specification)
        self.assertNotIn("zoe@example.fr", values["body_masked"])
        self.assertIn('"sku": "TSHIRT-M"', values["body_masked"])
        self.assertIn('"total_price": "55.20"', values["body_masked"])
        # Retrying still works for the clerk (the importer reads the body itself).
        self.call("ecom.payload", "write", [payload.id], {"state": "failed"})
        self.call("ecom.payload", "action_retry", [payload.id])

        self.authenticate("ecom_rpc_boss", "ecom_rpc_boss")
        (raw,) = self.call("ecom.payload", "read", [payload.id], ["body", "body_display"])
        self.assertIn("zoe@example.fr", raw["body"])
        self.assertIn("zoe@example.fr", raw["body_display"])
