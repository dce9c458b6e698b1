# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Who may do what: a payload's raw content, company walls (ORM and RPC), hostile files."""

import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from ..adapters.webhook import sign
from ..const import WEBHOOK_MAX_BYTES
from . import hostile
from .common import EcomCase, company_user, shopify_order


@tagged("post_install", "-at_install")
class TestPayloadIsReadOnly(EcomCase):
    """What a shop sent is written once, by the importer; users retry, they don't edit."""

    def setUp(self):
        super().setUp()
        self.clerk = new_test_user(self.env, "ecom_clerk", groups="ecom_connector.group_ecom_user")
        self.manager = new_test_user(
            self.env, "ecom_boss", groups="ecom_connector.group_ecom_manager"
        )

    def test_nobody_edits_what_the_shop_sent(self):
        (payload,) = self.import_orders(shopify_order(order_id=7101))
        for user in (self.clerk, self.manager):
            for field, value in (
                ("body", "{}"),
                ("source", "webhook"),
                ("received_at", "2020-01-01 00:00:00"),
                ("delivery_id", "forged"),
                ("shop_id", self.shop.id),
            ):
                with self.subTest(user=user.login, field=field), self.assertRaises(AccessError):
                    payload.with_user(user).write({field: value})
        # Even the superuser goes through the importer, not through write.
        with self.assertRaisesRegex(AccessError, "cannot be changed"):
            payload.write({"body": "{}"})
        self.assertIn('"id": 7101', payload.body)
        # Retrying (state, error) stays possible for the clerk.
        payload.with_user(self.clerk).write({"state": "failed", "error": "x"})
        payload.with_user(self.clerk).action_retry()
        self.assertIn(payload.state, ("done", "duplicate"))

    def test_a_user_cannot_pass_a_payload_off_as_the_shops(self):
        Payload = self.env["ecom.payload"].with_user(self.clerk)
        for source in ("pull", "webhook", "command"):
            with self.subTest(source=source), self.assertRaises(AccessError):
                Payload.create({"shop_id": self.shop.id, "body": "{}", "source": source})
        manual = Payload.create({"shop_id": self.shop.id, "body": "{}", "source": "manual"})
        self.assertEqual(manual.source, "manual")

    def test_a_users_file_is_marked_as_theirs(self):
        content = json.dumps({"orders": [shopify_order(order_id=7102)]}).encode()
        payloads = self.shop.with_user(self.clerk)._ecom_receive_file(content, "x.json")
        self.assertEqual(payloads.source, "file")
        payloads = self.shop._ecom_receive_file(content, "x.json")  # the command line
        self.assertEqual(payloads.source, "command")
        payloads._ecom_process()
        self.assertEqual(self.order_of(7102).ecom_origin, "command")


@tagged("post_install", "-at_install")
class TestHostileFiles(EcomCase):
    """Bad files end as failed payloads with a sentence naming the field, never a crash."""

    def test_wrong_types_and_bad_bytes_fail_alone_with_the_field(self):
        good = shopify_order(order_id=7201)
        wrong_type = shopify_order(order_id=7202)
        wrong_type["line_items"] = ["a", "b"]
        bad_status = shopify_order(order_id=7203)
        bad_status["financial_status"] = {"paid": True}
        bad_quantity = shopify_order(order_id=7204)
        bad_quantity["line_items"][0]["quantity"] = "abc"
        lines = [json.dumps(o) for o in (good, wrong_type, bad_status, bad_quantity)]
        # A truncated emoji and a NUL escape: stored and imported, as U+FFFD.
        surrogate = shopify_order(order_id=7205)
        lines.append(
            json.dumps(surrogate).replace('"id": 7205', '"note": "\\ud83d\\u0000", "id": 7205')
        )
        lines.append('{"id": 7206, "total_price": NaN}')
        lines.append("[" * 50_000 + "]" * 50_000)
        content = "\n".join(lines).encode()
        payloads = self.shop._ecom_receive_file(content, "orders.ndjson")
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        self.assertEqual(len(payloads), 7)
        by_id = {p.external_id: p for p in payloads}
        self.assertEqual(by_id["7201"].state, "done")
        self.assertEqual(by_id["7205"].state, "done")
        self.assertIn("\ufffd", by_id["7205"].body)
        self.assertTrue(self.order_of(7205))
        self.assertEqual(by_id["7202"].error, "line_items, item 1: 'a' is not an object.")
        self.assertEqual(by_id["7203"].error, "financial_status: an object is not a single value.")
        self.assertIn("quantity is not a number: 'abc'", by_id["7204"].error)
        failed = payloads.filtered(lambda p: p.state == "failed")
        self.assertEqual(len(failed), 5)
        self.assertIn("NaN is not a number JSON allows", " ".join(failed.mapped("error")))
        self.assertIn("nested too deeply", " ".join(failed.mapped("error")))
        for payload in failed:
            self.assertNotIn("please report", payload.error)

    def test_a_file_that_is_not_json_is_refused_whole(self):
        with self.assertRaisesRegex(UserError, "cannot be read"):
            self.shop._ecom_receive_file(b"\x00\xff" * 100, "orders.json")


@tagged("post_install", "-at_install")
class TestNoSilentConfiguration(EcomCase):
    def test_currency_waits_for_a_managers_activation(self):
        """An import never activates a currency: the order waits, saying which one,
        until a connector manager activates it from the order."""
        chf = self.env.ref("base.CHF")
        chf.active = False
        # Users who may create what an import creates (customers, a pricelist).
        rights = "base.group_partner_manager,product.group_product_manager"
        clerk = new_test_user(
            self.env, "ecom_chf_clerk", groups=f"ecom_connector.group_ecom_user,{rights}"
        )
        manager = new_test_user(
            self.env, "ecom_chf_boss", groups=f"ecom_connector.group_ecom_manager,{rights}"
        )
        content = json.dumps({"orders": [shopify_order(order_id=7401, currency="CHF")]}).encode()
        payload = self.shop.with_user(clerk)._ecom_receive_file(content, "chf.json")
        payload.with_user(clerk)._ecom_process()
        order = self.order_of(7401)
        self.assertFalse(chf.active)
        self.assertEqual(payload.state, "held")
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.ecom_hold_reason_ids.mapped("code"), ["inactive_currency"])
        self.assertIn("The order is in CHF, a currency not active in Odoo", order.ecom_problems)
        self.assertTrue(order.ecom_inactive_currency)
        # A pull or the command line (the system) does not activate it either.
        self.import_orders(shopify_order(order_id=7402, currency="CHF"))
        self.assertFalse(chf.active)
        self.assertEqual(
            self.order_of(7402).ecom_hold_reason_ids.mapped("code"), ["inactive_currency"]
        )
        # A clerk cannot activate it; a manager does, and the order comes through.
        with self.assertRaises(AccessError):
            order.with_user(clerk).action_ecom_activate_currency()
        self.assertFalse(chf.active)
        order.with_user(manager).action_ecom_activate_currency()
        self.assertTrue(chf.active)
        self.assertFalse(order.ecom_hold_reason_ids)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.currency_id, chf)
        self.assertEqual(order.ecom_released_by_id, manager)
        self.assertIn(
            f"{manager.name} activated the currency CHF for this shop's orders.",
            " ".join(self.shop.message_ids.mapped("body")),
        )


@tagged("post_install", "-at_install")
class TestCompanyWallsEverywhere(EcomCase):
    """A user of company B neither reads, writes nor triggers anything of company A."""

    def setUp(self):
        super().setUp()
        self.import_orders(shopify_order(order_id=7301))
        self.other = self.env["res.company"].create({"name": "Société B"})
        self.outsider = company_user(
            self.env, "ecom_b_manager", "ecom_connector.group_ecom_manager", self.other
        )

    def test_orm(self):
        env = self.env(user=self.outsider)
        payload = self.env["ecom.payload"].search([("shop_id", "=", self.shop.id)])
        for model, record in (("ecom.shop", self.shop), ("ecom.payload", payload)):
            with self.subTest(model=model):
                self.assertFalse(env[model].search([("id", "=", record.id)]))
                with self.assertRaises(AccessError):
                    env[model].browse(record.id).read(["display_name"])
        with self.assertRaises(AccessError):
            env["ecom.shop"].browse(self.shop.id).write({"name": "pwned"})
        with self.assertRaises(AccessError):
            env["ecom.payload"].browse(payload.id).action_retry()
        # A record of B cannot point at a record of A.
        shop_b = self.env["ecom.shop"].create(
            {"name": "B", "code": "B", "platform": "shopify", "company_id": self.other.id}
        )
        journal_a = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "bank")], limit=1
        )
        with self.assertRaises(UserError):
            self.env["ecom.payment.map"].create(
                {"shop_id": shop_b.id, "gateway": "x", "journal_id": journal_a.id}
            )
        with self.assertRaises(UserError):
            shop_b.write({"warehouse_id": self.shop._ecom_warehouse().id})
        self.assertEqual(self.shop.name, "Boutique Test")


@tagged("post_install", "-at_install")
class TestCompanyWallsRpc(HttpCase):
    """The same walls through the web client's calls (JSON-RPC ``call_kw``)."""

    def test_rpc(self):
        company_a = self.env.company
        shop = self.env["ecom.shop"].create(
            {"name": "Shop A", "code": "RPCA", "platform": "shopify", "company_id": company_a.id}
        )
        other = self.env["res.company"].create({"name": "Société RPC"})
        company_user(self.env, "rpc_b", "ecom_connector.group_ecom_manager", other).write(
            {"password": "rpc_b_password"}
        )
        self.authenticate("rpc_b", "rpc_b_password")

        def call(model, method, *args, **kwargs):
            return self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/{method}",
                {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            )

        self.assertEqual(call("ecom.shop", "search_read", [], ["name"]), [])
        for method, args in (
            ("read", [[shop.id], ["name"]]),
            ("write", [[shop.id], {"name": "pwned"}]),
            ("action_pull_now", [[shop.id]]),
            ("action_reprocess_held", [[shop.id]]),
        ):
            with self.subTest(method=method), self.assertRaises(Exception) as caught:
                call("ecom.shop", method, *args)
            self.assertIn("AccessError", str(caught.exception))
        self.assertEqual(shop.name, "Shop A")
        self.assertFalse(call("ecom.payload", "search_read", [("shop_id", "=", shop.id)], ["id"]))


@tagged("post_install", "-at_install")
class TestHostileWebhooks(EcomCase, HttpCase):
    """A part of the hostile corpus through the real endpoint: never a 500, nothing lost."""

    def test_hostile_bodies(self):
        self.shop.webhook_secret = "hostile-secret"
        woo = self.create_shop("woocommerce", "WOOH", webhook_secret="hostile-secret")
        inputs = [
            item
            for item in hostile.corpus(every=4)
            # (An empty body is sent as a GET by the test client: left to test_webhook.)
            if item[1] in ("shopify", "woocommerce") and 0 < len(item[3]) < WEBHOOK_MAX_BYTES
        ]
        self.assertGreaterEqual(len(inputs), 60)
        statuses = {}
        with trap_jobs() as trap:
            for number, (name, platform, _filename, body) in enumerate(inputs):
                shop, headers = (
                    (self.shop, {"X-Shopify-Topic": "orders/updated"})
                    if platform == "shopify"
                    else (woo, {"X-WC-Webhook-Topic": "order.updated"})
                )
                prefix = "X-Shopify" if platform == "shopify" else "X-WC-Webhook"
                headers |= {
                    "Content-Type": "application/json",
                    f"{prefix}-{'Webhook-Id' if platform == 'shopify' else 'Delivery-ID'}": (
                        f"h-{number}"
                    ),
                    f"{prefix}-{'Hmac-Sha256' if platform == 'shopify' else 'Signature'}": sign(
                        body, "hostile-secret"
                    ),
                }
                self.env.flush_all()
                response = self.url_open(f"/ecom/webhook/{shop.id}", data=body, headers=headers)
                self.env.invalidate_all()
                statuses[name] = response.status_code
            queued = self.env["ecom.payload"].search(
                [("shop_id", "in", (self.shop | woo).ids), ("state", "=", "queued")]
            )
            queued._ecom_process()
        self.assertFalse([name for name, status in statuses.items() if status >= 500])
        self.assertEqual(set(statuses.values()) - {200, 400}, set())
        stored = self.env["ecom.payload"].search([("shop_id", "in", (self.shop | woo).ids)])
        answered_200 = sum(1 for status in statuses.values() if status == 200)
        events = self.env["ecom.webhook.event"].search([("shop_id", "in", (self.shop | woo).ids)])
        # Every 200 is a stored payload, or a body already stored (counted as a duplicate).
        duplicates = sum(events.filtered(lambda e: e.reason == "duplicate").mapped("call_count"))
        self.assertEqual(len(stored), answered_200 - duplicates)
        self.assertFalse(stored.filtered(lambda p: p.state in ("new", "queued")))
        for payload in stored.filtered(lambda p: p.state == "failed"):
            self.assertTrue(payload.error)
            self.assertNotIn("please report", payload.error)
        refused = events.filtered(lambda event: event.status_code == 400)
        self.assertEqual(sum(refused.mapped("call_count")), len(statuses) - answered_200)
        self.assertTrue(all(refused.mapped("detail")))
        self.assertTrue(trap.enqueued_jobs)
