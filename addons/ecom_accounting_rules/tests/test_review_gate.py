# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The review gate holds against the company's own users.

What the web client can send (any field value, any context) as a salesperson,
a billing user, an accounting manager without web-shop rights, a web-shop
user, a portal customer or an anonymous visitor: none of them releases a held
web order, stamps an entry as the rules', declares a parcel lost without the
web-shop group, or reads the order's internal fields without being staff.
"""

import datetime
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PostingCase, shopify_order
from .web_client import WebClientCalls

ACCESS_ERROR = "odoo.exceptions.AccessError"
# The web order's fields the issue named, as a salesperson sent them.
RELEASE_ATTEMPTS = (
    {"ecom_hold_reason_ids": [Command.clear()]},
    {"ecom_origin": "webhook"},
    {"ecom_posting_state": "pending"},
    {"ecom_shop_total": 55.20},
    {"ecom_financial_status": "paid"},
    {"ecom_held": False},
)


def held_payload(order_id):
    """A Shopify order whose total the shop says is 5.00 more than its lines: held."""
    payload = shopify_order(order_id)
    payload["total_price"] = "60.20"
    return payload


class RpcRefusals(WebClientCalls):
    """The web client's calls, when the server is expected to refuse them."""

    def refused(self, model, method, *args, **kwargs):
        """Call as the logged-in user; the call must fail: returns (error name, message)."""
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": kwargs,
                    },
                }
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        answer = response.json()
        self.assertIn("error", answer, f"{model}.{method}{args} was accepted")
        return answer["error"]["data"]["name"], answer["error"]["data"]["message"]


@tagged("post_install", "-at_install")
class TestReviewGateOverRpc(RpcRefusals, PostingCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls.browser_user("vendeur", "sales_team.group_sale_salesman")
        cls.billing = cls.browser_user("facturation", "account.group_account_invoice")
        cls.accountant = cls.browser_user("comptable", "account.group_account_manager")
        cls.web_user = cls.browser_user(
            "boutique", "ecom_connector.group_ecom_user,sales_team.group_sale_salesman_all_leads"
        )

    def setUp(self):
        super().setUp()
        self.held = self.import_and_post(held_payload(9101))
        self.posted = self.import_and_post(shopify_order(9102))
        # The salesperson's own orders (a salesperson reads and writes his own).
        (self.held | self.posted).user_id = self.salesperson
        self.assertEqual(self.held.ecom_hold_reason_ids.mapped("code"), ["total_mismatch"])
        self.assertEqual(self.posted.ecom_posting_state, "posted")

    def assertStillHeld(self, order):
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.ecom_hold_reason_ids.mapped("code"), ["total_mismatch"])
        self.assertEqual(order.ecom_origin, "command")
        self.assertEqual(order.ecom_posting_state, "review")
        self.assertEqual(order.ecom_shop_total, 60.20)
        self.assertEqual(order.ecom_financial_status, "paid")
        self.assertFalse(order.invoice_ids)

    # ------------------------------------------------------------ the hold

    def test_salesperson_cannot_release_a_held_order(self):
        self.authenticate("vendeur", "vendeur")
        for vals in RELEASE_ATTEMPTS:
            with self.subTest(vals=vals):
                name, message = self.refused("sale.order", "write", [self.held.id], vals)
                self.assertEqual(name, ACCESS_ERROR)
                self.assertIn("written by the connector and the posting rules only", message)
        # Nor all at once, as the salesperson did, nor on the lines.
        everything = {key: value for vals in RELEASE_ATTEMPTS for key, value in vals.items()}
        name, _message = self.refused("sale.order", "write", [self.held.id], everything)
        self.assertEqual(name, ACCESS_ERROR)
        line = self.held.order_line[:1]
        name, _message = self.refused("sale.order.line", "write", [line.id], {"ecom_sku": "X"})
        self.assertEqual(name, ACCESS_ERROR)
        # The old context key releases nothing.
        name, message = self.refused(
            "sale.order",
            "action_confirm",
            [self.held.id],
            context={"ecom_release_hold": True, "ecom_keep_date": True},
        )
        self.assertEqual(name, "odoo.exceptions.UserError")
        self.assertIn(f"{self.held.name} is held for review (Totals do not match)", message)
        # Nor does a new order that passes for a web order.
        name, _message = self.refused(
            "sale.order",
            "create",
            {
                "partner_id": self.held.partner_id.id,
                "ecom_shop_id": self.shop.id,
                "ecom_origin": "webhook",
            },
        )
        self.assertEqual(name, ACCESS_ERROR)
        # The next posting run leaves the order where it was.
        self.engine._post_orders(self.held)
        self.assertStillHeld(self.held)
        self.assertEqual(self.held.order_line[:1].ecom_sku, "TSHIRT-M")

    def test_billing_accountant_and_web_shop_user_cannot_write_the_fields_either(self):
        for login in ("facturation", "comptable", "boutique"):
            self.authenticate(login, login)
            for vals in (
                {"ecom_hold_reason_ids": [Command.clear()]},
                {"ecom_posting_state": "posted"},
            ):
                with self.subTest(login=login, vals=vals):
                    name, _message = self.refused("sale.order", "write", [self.held.id], vals)
                    self.assertEqual(name, ACCESS_ERROR)
        self.assertStillHeld(self.held)

    def test_a_salesperson_can_still_work_on_a_plain_quotation(self):
        self.authenticate("vendeur", "vendeur")
        order_id = self.call(
            "sale.order",
            "create",
            {
                "partner_id": self.held.partner_id.id,
                "order_line": [
                    Command.create({"product_id": self.held.order_line[0].product_id.id})
                ],
            },
        )
        self.call("sale.order", "write", [order_id], {"note": "Livraison lundi"})
        self.call("sale.order", "action_confirm", [order_id])
        order = self.env["sale.order"].browse(order_id)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.ecom_shop_id)

    # ------------------------------------------------------------ entries

    def test_nobody_chooses_what_an_entry_says_made_it(self):
        invoice = self.invoice_of(self.posted)
        made_by = (invoice.ecom_trigger, invoice.ecom_triggered_by_id)
        self.assertEqual(made_by[0], "rules")
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "general")], limit=1
        )
        admin = self.env.ref("base.user_admin")
        for login in ("facturation", "comptable"):
            self.authenticate(login, login)
            with self.subTest(login=login, path="create values"):
                move_id = self.call(
                    "account.move",
                    "create",
                    {
                        "move_type": "entry",
                        "journal_id": journal.id,
                        "ecom_trigger": "rules",
                        "ecom_triggered_by_id": admin.id,
                    },
                )
                move = self.env["account.move"].browse(move_id)
                self.assertFalse(move.ecom_trigger)
                self.assertFalse(move.ecom_triggered_by_id)
            with self.subTest(login=login, path="context"):
                move_id = self.call(
                    "account.move",
                    "create",
                    {"move_type": "entry", "journal_id": journal.id},
                    context={"ecom_trigger": "rules", "ecom_trigger_uid": admin.id},
                )
                move = self.env["account.move"].browse(move_id)
                self.assertFalse(move.ecom_trigger)
                self.assertFalse(move.ecom_triggered_by_id)
            with self.subTest(login=login, path="write"):
                name, message = self.refused(
                    "account.move",
                    "write",
                    [invoice.id],
                    {"ecom_trigger": "review", "ecom_triggered_by_id": admin.id},
                )
                self.assertEqual(name, ACCESS_ERROR)
                self.assertIn("written by the posting rules only", message)
        invoice.invalidate_recordset()
        self.assertEqual((invoice.ecom_trigger, invoice.ecom_triggered_by_id), made_by)

    # ------------------------------------------------------------ lost parcels

    def test_declaring_a_parcel_lost_needs_the_web_shop_group(self):
        for login in ("vendeur", "facturation"):
            self.authenticate(login, login)
            with self.subTest(login=login):
                name, message = self.refused(
                    "sale.order", "action_ecom_declare_lost", [self.posted.id]
                )
                self.assertEqual(name, ACCESS_ERROR)
                self.assertIn("Only the web-shop staff declare a parcel lost", message)
        self.posted.invalidate_recordset()
        self.assertFalse(self.posted.ecom_parcel_lost)
        self.assertFalse(self.posted.ecom_review_item_ids.filtered(lambda i: i.key == "lost"))
        self.authenticate("boutique", "boutique")
        self.call("sale.order", "action_ecom_declare_lost", [self.posted.id])
        self.posted.invalidate_recordset()
        self.assertTrue(self.posted.ecom_parcel_lost)
        item = self.posted.ecom_review_item_ids.filtered(lambda i: i.key == "lost")
        self.assertEqual(item.reason_code, "lost_parcel")
        self.assertEqual(item.state, "todo")
        tracked = self.posted.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "ecom_parcel_lost"
        )
        self.assertEqual(tracked.mail_message_id.author_id, self.web_user.partner_id)

    # ------------------------------------------------------------ reading

    def test_portal_customer_reads_no_internal_field(self):
        new_test_user(
            self.env,
            login="camille",
            groups="base.group_portal",
            partner_id=self.posted.partner_id.id,
        )
        self.posted.note = "Merci pour votre commande"
        # A customer who follows the order (a shop with "Customers Follow Their
        # Orders" on): the portal's access to it.
        self.posted.message_subscribe(partner_ids=self.posted.partner_id.ids)
        self.authenticate("camille", "camille")
        # The portal customer reads her order...
        (values,) = self.call("sale.order", "read", [self.posted.id], ["name", "amount_total"])
        self.assertEqual(values["name"], self.posted.name)
        # ...but none of its web-shop fields.
        for field in (
            "ecom_problems",
            "ecom_note",
            "ecom_origin",
            "ecom_payload_id",
            "ecom_shop_id",
            "ecom_hold_reason_ids",
            "ecom_posting_state",
        ):
            with self.subTest(field=field):
                name, _message = self.refused("sale.order", "read", [self.posted.id], [field])
                self.assertEqual(name, ACCESS_ERROR)
        # Whether it is held is all she may read (Odoo's form hides Confirm on it).
        readable = self.call("sale.order", "fields_get", [], ["type"])
        self.assertEqual([name for name in readable if name.startswith("ecom_")], ["ecom_held"])
        readable = self.call("sale.order.line", "fields_get", [], ["type"])
        self.assertFalse([name for name in readable if name.startswith("ecom_")])
        line = self.posted.order_line[:1]
        name, _message = self.refused("sale.order.line", "read", [line.id], ["ecom_sku"])
        self.assertEqual(name, ACCESS_ERROR)
        invoice = self.invoice_of(self.posted)
        name, _message = self.refused("account.move", "read", [invoice.id], ["ecom_trigger"])
        self.assertEqual(name, ACCESS_ERROR)
        # Her order's page still shows.
        page = self.url_open(f"/my/orders/{self.posted.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.posted.name, page.text)

    def test_public_visitor_reads_and_writes_nothing(self):
        self.authenticate(None, None)
        for method, args in (
            ("read", [[self.posted.id], ["ecom_problems"]]),
            ("write", [[self.held.id], {"ecom_hold_reason_ids": [Command.clear()]}]),
            ("action_ecom_declare_lost", [[self.posted.id]]),
        ):
            with self.subTest(method=method):
                name, _message = self.refused("sale.order", method, *args)
                self.assertEqual(name, "odoo.http.SessionExpiredException")
        self.assertStillHeld(self.held)

    def test_salesperson_reads_no_internal_field_and_still_opens_web_orders(self):
        self.authenticate("vendeur", "vendeur")
        for field in ("ecom_problems", "ecom_note", "ecom_origin", "ecom_payload_id"):
            with self.subTest(field=field):
                name, _message = self.refused("sale.order", "read", [self.held.id], [field])
                self.assertEqual(name, ACCESS_ERROR)
        # The form and the list, as the web client opens them.
        arch, values = self.open_form(self.held)
        self.assertEqual(values["name"], self.held.name)
        self.assertTrue(values["ecom_held"])
        self.assertNotIn("ecom_problems", arch)
        arch, fields = self.view_fields("sale.order", "list")
        rows = self.call(
            "sale.order",
            "web_search_read",
            [("id", "in", (self.held | self.posted).ids)],
            self.specification(fields),
        )
        self.assertEqual(rows["length"], 2)
        self.assertFalse(
            [name for name in fields if name.startswith("ecom_") and name != "ecom_held"]
        )
        # The accountant without web-shop rights reads where the order stands.
        self.authenticate("facturation", "facturation")
        (values,) = self.call(
            "sale.order", "read", [self.held.id], ["ecom_problems", "ecom_posting_state"]
        )
        self.assertEqual(values["ecom_posting_state"], "review")
        self.assertIn("The shop charged 60.20\xa0€", values["ecom_problems"])


def _value_strategy(env, field):
    """Plausible values a caller could send for ``field`` (what the web client would)."""
    if field.type == "boolean":
        return st.booleans()
    if field.type in ("char", "text", "html"):
        return st.text(max_size=12) | st.just(False)
    if field.type == "selection":
        values = [value for value, _label in field._description_selection(env)]
        return st.sampled_from([*values, False])
    if field.type in ("integer",):
        return st.integers(min_value=-5, max_value=10**6)
    if field.type in ("float", "monetary"):
        return st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda f: round(f, 2))
    if field.type == "date":
        return st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 1, 1)).map(str)
    if field.type == "datetime":
        return st.datetimes(datetime.datetime(2020, 1, 1), datetime.datetime(2030, 1, 1)).map(
            lambda d: d.replace(microsecond=0).strftime("%Y-%m-%d %H:%M:%S")
        )
    ids = env[field.comodel_name].sudo().search([], limit=3, order="id").ids
    if field.type == "many2one":
        return st.sampled_from([*ids, False])
    return st.sampled_from(
        [
            [Command.clear()],
            [Command.set(ids)],
            [Command.link(ids[0])] if ids else [Command.clear()],
        ]
    )


def _comparable(value):
    return value.ids if hasattr(value, "ids") else value


@tagged("post_install", "-at_install")
class TestNoWebShopFieldChangesThroughWrite(PostingCase):
    """A property: whichever ``ecom_*`` field of a web order, whatever value, whoever of
    the company's users (managers included) writes it: refused, and the value stays."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = [
            new_test_user(cls.env, login, groups=groups)
            for login, groups in (
                ("prop_sales", "sales_team.group_sale_salesman_all_leads"),
                ("prop_billing", "account.group_account_invoice,sales_team.group_sale_salesman"),
                ("prop_accountant", "account.group_account_manager"),
                ("prop_web", "ecom_connector.group_ecom_user"),
                ("prop_web_manager", "ecom_connector.group_ecom_manager"),
            )
        ]

    def setUp(self):
        super().setUp()
        self.order = self.import_orders(held_payload(9201)).sale_order_id
        self.field_names = sorted(name for name in self.order._fields if name.startswith("ecom_"))
        self.values = {
            name: _value_strategy(self.env, self.order._fields[name]) for name in self.field_names
        }

    @settings(
        max_examples=120,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def test_no_ecom_field_changes_through_write(self, data):
        name = data.draw(st.sampled_from(self.field_names), label="field")
        user = data.draw(st.sampled_from(self.users), label="user")
        value = data.draw(self.values[name], label="value")
        self.order.invalidate_recordset()
        before = _comparable(self.order[name])
        # AccessError is a UserError (Odoo's assertRaises takes one class).
        with self.assertRaises(UserError):
            self.order.with_user(user).write({name: value})
        self.order.invalidate_recordset()
        self.assertEqual(_comparable(self.order[name]), before, f"{name} changed for {user.login}")
