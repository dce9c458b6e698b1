# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The accountant works the books of the web shops with accounting rights alone.

An accounting firm's user has Odoo's *Accounting* rights, not the seller's web-shop
group: every screen of Accounting ▸ Web Shops opens, and every resolution of the
review queue applies, for such a user. Screens are opened through the web
client's own calls (``get_views``, ``web_search_read``, ``web_read``, ``onchange``,
``web_save``), so a field, a compute or a view node that needs web-shop rights
fails here as it would in the browser.
"""

import base64
import json
import re

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import format_amount

from odoo.addons.ecom_connector.const import REASON_UNVERIFIED_PAYMENT
from odoo.addons.ecom_connector.tests.common import french_env

from .common import PostingCase, shopify_order
from .payout_common import PayoutCase
from .test_payout_booking import TestPayoutReview
from .test_resolutions import refund
from .web_client import WebClientCalls

MENU_ACTIONS = (
    "ecom_accounting_rules.ecom_review_item_action",
    "ecom_accounting_rules.ecom_automation_report_action",
    "ecom_accounting_rules.ecom_payout_action",
    "ecom_accounting_rules.ecom_payout_figures_action",
    "ecom_accounting_rules.ecom_payout_account_set_action",
    "ecom_accounting_rules.ecom_posting_rule_action",
)


class AccountantInTheBrowser(WebClientCalls):
    """An accounting firm's user (``fiduciaire``) and the web client's calls (a mixin
    put before an :class:`HttpCase` with a ``company``)."""

    def setUp(self):
        super().setUp()
        self.accountant = self.browser_user("fiduciaire", "account.group_account_manager")
        self.assertFalse(self.accountant.has_group("ecom_connector.group_ecom_user"))

    def resolve_in_browser(self, item, **values):
        """The accountant's clicks: open the wizard from the item, fill it, apply."""
        context = {"default_item_id": item.id}
        _arch, fields = self.view_fields("ecom.review.resolve", "form", context=context)
        spec = self.specification(fields)
        new = self.call("ecom.review.resolve", "onchange", [], {}, [], spec, context=context)
        self.assertEqual(new["value"]["item_id"]["id"], item.id)
        saved = self.call("ecom.review.resolve", "web_save", [], values, spec, context=context)
        self.call("ecom.review.resolve", "action_apply", [saved[0]["id"]], context=context)
        self.assertEqual(item.state, "done", item.name)
        self.assertEqual(item.resolved_by_id, self.accountant)
        return item


@tagged("post_install", "-at_install")
class TestAccountantWithoutWebShopRights(AccountantInTheBrowser, PostingCase, HttpCase):
    # ------------------------------------------------------------ the queue's cases

    def refund_item(self):
        order = self.import_and_post(shopify_order(8801))
        update = shopify_order(
            8801, updated_at="2026-11-08T10:00:00+01:00", financial_status="partially_refunded"
        )
        update["refunds"] = [refund(98801, lines=[(880101, 1, "20.00")], amount="24.00")]
        self.import_orders(update)
        return order.ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")

    def lost_parcel_item(self):
        order = self.import_and_post(shopify_order(8802))
        # Lost goods are written off at cost: the products have one.
        order.order_line.product_id.filtered(lambda p: p.type == "consu").standard_price = 8.0
        order.action_ecom_declare_lost()
        return order.ecom_review_item_ids.filtered(lambda i: i.key == "lost")

    def mismatch_item(self):
        payload = shopify_order(8803)
        payload["total_price"] = "56.20"
        return self.import_and_post(payload).ecom_review_item_ids

    def unknown_gateway_item(self):
        payload = shopify_order(8804)
        payload["payment_gateway_names"] = ["klarna"]
        return self.import_and_post(payload).ecom_review_item_ids

    def unverified_payment_item(self):
        clerk = new_test_user(
            self.env,
            "ecom_clerk_rights",
            groups="ecom_connector.group_ecom_user,base.group_partner_manager,"
            "product.group_product_manager",
        )
        content = json.dumps({"orders": [shopify_order(8805)]}).encode()
        payloads = self.shop.with_user(clerk)._ecom_receive_file(content, "paid.json")
        payloads._ecom_process()
        self.engine._post_orders(payloads.sale_order_id)
        item = payloads.sale_order_id.ecom_review_item_ids.with_env(self.env)
        self.assertEqual(item.reason_code, REASON_UNVERIFIED_PAYMENT)
        return item

    # ------------------------------------------------------------ tests

    def test_every_web_shop_screen_of_accounting_opens(self):
        items = self.refund_item() | self.lost_parcel_item() | self.mismatch_item()
        self.assertEqual(len(items), 3)
        self.authenticate("fiduciaire", "fiduciaire")
        for xmlid in MENU_ACTIONS:
            action = self.env.ref(xmlid)
            model = action.res_model
            for view_type in ("list", "pivot", "graph", "kanban", "form", "search"):
                if view_type not in action.view_mode.split(",") + ["search"]:
                    continue
                arch, fields = self.view_fields(model, view_type)
                self.assertTrue(arch, f"{xmlid}: {view_type}")
            _arch, fields = self.view_fields(model, "list")
            rows = self.call(
                model,
                "web_search_read",
                domain=[],
                specification=self.specification(fields),
                limit=80,
            )
            for row in rows["records"][:5]:
                if "form" in action.view_mode:
                    self.open_form(self.env[model].browse(row["id"]))
        listed = self.call(
            "ecom.review.item",
            "web_search_read",
            domain=[("id", "in", items.ids)],
            specification={"partner_id": {"fields": {"display_name": {}}}, "amount_at_stake": {}},
        )
        self.assertEqual(listed["length"], 3)
        for item in items:
            _arch, values = self.open_form(item)
            self.assertEqual(values["name"], item.name)
            # Every record the form links to opens for the accountant.
            for name in ("sale_order_id", "credit_note_id"):
                if values.get(name):
                    self.open_form(item[name])
        arch, _fields = self.view_fields("ecom.review.item", "form")
        self.assertNotIn('name="payload_id"', arch)  # the shop's raw data: web-shop staff only
        # The shop's name, not a link to its settings (the web-shop staff's screen).
        self.assertRegex(arch, r'<field name="shop_id"[^>]*no_open')

    def test_every_resolution_applies_with_accounting_rights_alone(self):
        cases = [
            (self.refund_item(), {"resolution": "credit_note"}),
            (self.lost_parcel_item(), {"resolution": "lost_parcel"}),
            (self.mismatch_item(), {"resolution": "accept_difference"}),
            (self.unknown_gateway_item(), {"resolution": "post_anyway"}),
            (self.unverified_payment_item(), {"resolution": "register_payment"}),
        ]
        self.authenticate("fiduciaire", "fiduciaire")
        for item, values in cases:
            self.resolve_in_browser(item, **values)
            self.assertEqual(item.resolution, values["resolution"])
            self.assertTrue(item.move_ids.filtered(lambda m: m.state == "posted"), item.name)
            for move in item.move_ids:
                self.assertEqual(move.ecom_triggered_by_id, self.accountant, move.name)


@tagged("post_install", "-at_install")
class TestAccountantWorksPayouts(AccountantInTheBrowser, PayoutCase, HttpCase):
    charge = TestPayoutReview.charge
    paid = TestPayoutReview.paid

    def test_payout_items_resolve_with_accounting_rights_alone(self):
        self.post_orders(5001, 5002, 6004)
        self.refund_paid_back(5002, 9201, 500201)
        self.receive("shopify_payments", "payouts.json")
        self.receive("shopify_payments", "transactions.json")
        dispute = self.payout(623721858).review_item_ids.filtered(
            lambda i: i.reason_code == "chargeback"
        )
        self.receive_json(
            "shopify_payments",
            {"payouts": [self.paid(7003, "54.00")], "transactions": [self.charge(4, 6004, 7003)]},
        )
        payout = self.payout(7003)
        mismatch = payout.review_item_ids
        self.assertEqual((len(dispute), mismatch.reason_code), (1, "payout_mismatch"))
        # A chargeback shows its order's amounts, and its sentences read as amounts.
        order = dispute.sale_order_id
        self.assertTrue(order)
        self.assertEqual(dispute.shop_amount, order.ecom_shop_total)
        self.assertEqual(dispute.odoo_amount, order.amount_total)
        self.assertGreater(dispute.odoo_amount, 0.0)
        line = dispute.payout_line_id
        for amount in (abs(line.amount), line.fee):
            self.assertIn(format_amount(self.env, amount, line.currency_id), dispute.description)
        self.assertEqual(dispute.payout_transaction, line.external_id)
        self.authenticate("fiduciaire", "fiduciaire")
        self.open_form(payout)
        # The transaction by its provider's id, not as a record reference.
        arch, _fields = self.view_fields("ecom.review.item", "form")
        self.assertIn('name="payout_transaction"', arch)
        self.assertNotIn('name="payout_line_id"', arch)
        self.resolve_in_browser(dispute, resolution="dispute_lost")
        self.resolve_in_browser(mismatch, resolution="payout_difference")
        self.assertEqual(payout.state, "booked")
        self.assertEqual(payout.move_id.ecom_triggered_by_id, self.accountant)
        self.assertEqual(payout.move_id.ecom_trigger, "review")


#: The FEC's first line, as the tax administration's specification names its columns.
FEC_HEADER = (
    "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|"
    "CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|"
    "Montantdevise|Idevise"
)

BOOKS_MENUS = (
    "ecom_accounting_rules.ecom_account_move_menu",
    "ecom_accounting_rules.ecom_account_move_line_menu",
    "ecom_accounting_rules.ecom_fec_export_menu",
)


@tagged("post_install", "-at_install")
class TestAccountantReadsTheBooks(WebClientCalls, PostingCase, HttpCase):
    """The roles README gives the accountant, *Billing* and *Administrator*, read the
    entries the web shops write, with their lines, and export the FEC, in Odoo
    Community (whose journal items need its hidden accounting-features groups)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        french_env(cls.env, "account", "ecom_accounting_rules")
        cls.billing_admin = cls.browser_user("compta_admin", "account.group_account_manager")
        cls.billing = cls.browser_user("compta_factu", "account.group_account_invoice")
        (cls.billing_admin | cls.billing).lang = "fr_FR"

    def setUp(self):
        super().setUp()
        order = self.import_and_post(shopify_order(8901))
        # Goods lost are valued at cost: the products need one.
        order.order_line.product_id.filtered(lambda p: p.type == "consu").standard_price = 8.0
        order.action_ecom_declare_lost()
        item = order.ecom_review_item_ids.filtered(lambda i: i.key == "lost")
        self.resolve(item, resolution="lost_parcel")
        self.write_off = item.move_ids
        self.assertEqual((len(self.write_off), self.write_off.state), (1, "posted"))
        self.payment_move = self.payments_of(self.invoice_of(order)).move_id
        self.assertEqual(len(self.payment_move), 1)

    def assert_reads_the_books(self, user):
        self.authenticate(user.login, user.login)
        self.assertFalse(user.has_group("ecom_connector.group_ecom_user"))
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        for xmlid in BOOKS_MENUS:
            self.assertIn(self.env.ref(xmlid).id, visible, f"{user.login}: {xmlid}")
        lines_spec = {
            "account_id": {"fields": {"code": {}}},
            "debit": {},
            "credit": {},
        }
        for move in self.write_off | self.payment_move:
            # The entry's form, as the browser opens it: Odoo's own Journal Items tab.
            arch, fields = self.view_fields("account.move", "form")
            self.assertTrue(re.search(r'<page[^>]* name="aml_tab"', arch), user.login)
            spec = dict(self.specification(fields), line_ids={"fields": lines_spec})
            values = self.call("account.move", "web_read", [move.id], spec)[0]
            read = sorted(
                (line["account_id"]["code"], line["debit"], line["credit"])
                for line in values["line_ids"]
            )
            self.assertEqual(
                read,
                sorted((line.account_id.code, line.debit, line.credit) for line in move.line_ids),
            )
            self.assertEqual(len(read), len(move.line_ids))
            self.assertGreaterEqual(len(read), 2)
        # The journal items' list.
        _arch, fields = self.view_fields("account.move.line", "list")
        items = self.call(
            "account.move.line",
            "web_search_read",
            domain=[("move_id", "=", self.write_off.id)],
            specification=self.specification(fields),
        )
        self.assertEqual(items["length"], len(self.write_off.line_ids))

    def export_fec(self):
        """The FEC wizard of the menu, as the logged-in user fills it and clicks Generate;
        returns the file's lines."""
        action = self.env.ref("ecom_accounting_rules.ecom_fec_export_action")
        self.assertEqual(action.target, "new")
        arch, fields = self.view_fields("ecom.fec.export", "form")
        self.assertIn('name="action_generate"', arch)
        spec = self.specification(fields)
        new = self.call("ecom.fec.export", "onchange", [], {}, [], spec)["value"]
        # The fiscal year of today by default.
        self.assertLess(new["date_from"], new["date_to"])
        saved = self.call(
            "ecom.fec.export",
            "web_save",
            [],
            {"date_from": "2026-01-01", "date_to": "2026-12-31"},
            spec,
        )
        wizard_id = saved[0]["id"]
        reopened = self.call("ecom.fec.export", "action_generate", [wizard_id])
        self.assertEqual((reopened["res_id"], reopened["target"]), (wizard_id, "new"))
        values = self.call("ecom.fec.export", "web_read", [wizard_id], spec)[0]
        self.assertRegex(values["fec_filename"], r"^\w*FEC20261231\.csv$")
        content = base64.b64decode(values["fec_file"]).decode()
        lines = content.split("\r\n")
        self.assertEqual(values["line_count"], len(lines) - 1)
        # Exporting never locks the period.
        self.assertFalse(self.company.fiscalyear_lock_date)
        return lines

    def assert_fec_holds(self, lines, move):
        self.assertEqual(lines[0], FEC_HEADER)
        rows = [line.split("|") for line in lines[1:]]
        of_move = [row for row in rows if row[2] == move.name]
        self.assertEqual(len(of_move), len(move.line_ids), move.name)
        self.assertEqual({row[0] for row in of_move}, {move.journal_id.code})
        self.assertEqual(
            sorted(row[4] for row in of_move), sorted(move.line_ids.account_id.mapped("code"))
        )
        # Amounts with a decimal comma, as the administration reads them.
        debit = sum(float(row[11].replace(",", ".")) for row in of_move)
        self.assertAlmostEqual(debit, sum(move.line_ids.mapped("debit")), places=2)

    def test_french_billing_administrator_reads_entries_and_exports_the_fec(self):
        self.assertTrue(self.billing_admin.has_group("account.group_account_user"))
        self.assert_reads_the_books(self.billing_admin)
        lines = self.export_fec()
        for move in self.write_off | self.payment_move:
            self.assert_fec_holds(lines, move)

    def test_french_billing_user_reads_entries_and_exports_the_fec(self):
        self.assertTrue(self.billing.has_group("account.group_account_readonly"))
        self.assertFalse(self.billing.has_group("account.group_account_user"))
        self.assert_reads_the_books(self.billing)
        lines = self.export_fec()
        for move in self.write_off | self.payment_move:
            self.assert_fec_holds(lines, move)
