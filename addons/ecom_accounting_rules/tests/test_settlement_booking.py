# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Marketplace settlements in the books of a French seller (Odoo's French chart).

Amazon's settlement report and a Mirakl payment cycle, by file and from the
stand-ins of their APIs: the sales of orders in Odoo clear their payments,
those of orders not in Odoo are booked with the report's VAT, the fees are one
vendor bill to the operator with deductible VAT, reserves go to 467 and are
carried, the deposit matches its bank line; what does not add up or is not
known goes to review with nothing booked.
"""

from argparse import Namespace
from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged
from odoo.tools import config

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from ..cli.payouts import payouts_import
from ..const import CONFIG_PAYOUT_API_OVERRIDE
from ..payouts.mirakl.client import MiraklPaymentClient
from . import amazon_reports_server as amazon_api
from . import mirakl_payment_server as mirakl_api
from . import test_french_books as french_books
from .common import FrenchAccountantMixin, ResolveMixin
from .payout_common import PAYLOADS
from .test_french_books import order_of_day


class SettlementCase(FrenchAccountantMixin, ResolveMixin, AccountTestInvoicingCommon):
    """A French seller with an Amazon.fr shop and a Fnac Darty one, their journals,
    clearing accounts and payout accounts (no test of its own: the booking's and the
    e-reporting's tests start from it)."""

    country_code = "FR"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.company
        env.user.groups_id |= (
            env.ref("ecom_connector.group_ecom_manager")
            | env.ref("sales_team.group_sale_manager")
            | env.ref("stock.group_stock_manager")
        )
        Account = env["account.account"]
        cls.company.ecom_rounding_account_id = Account.create(
            {"code": "658010", "name": "Écarts d'arrondi", "account_type": "expense"}
        )
        # Each marketplace's clearing receivable: its journal's outstanding receipts.
        journals = {}
        for code, name, account_code in (
            ("AMZ", "Amazon.fr", "411710"),
            ("FNAC", "Fnac Darty", "411720"),
        ):
            clearing = Account.create(
                {
                    "code": account_code,
                    "name": f"{name} à encaisser",
                    "account_type": "asset_current",
                    "reconcile": True,
                }
            )
            journal = env["account.journal"].create({"name": name, "code": code, "type": "bank"})
            (
                journal.inbound_payment_method_line_ids | journal.outbound_payment_method_line_ids
            ).payment_account_id = clearing
            journals[code] = (journal, clearing)
        cls.amazon_journal, cls.amazon_clearing = journals["AMZ"]
        cls.fnac_journal, cls.fnac_clearing = journals["FNAC"]
        cls.bank = env["account.journal"].create(
            {"name": "Banque Versements", "code": "BQV", "type": "bank"}
        )
        cls.bank_outstanding = Account.create(
            {
                "code": "512900",
                "name": "Encaissements à rapprocher",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        cls.bank.inbound_payment_method_line_ids.payment_account_id = cls.bank_outstanding
        cls.bank.outbound_payment_method_line_ids.payment_account_id = cls.bank_outstanding
        cls.shop = env["ecom.shop"].create(
            {
                "name": "Amazon.fr",
                "code": "AMZFR",
                "platform": "shopify",
                "unknown_product_policy": "create",
                "confirm_orders": True,
                "payment_map_ids": [
                    Command.create(
                        {"gateway": "shopify_payments", "journal_id": cls.amazon_journal.id}
                    ),
                    Command.create({"gateway": "amazon", "journal_id": cls.amazon_journal.id}),
                ],
            }
        )
        cls.fnac = env["ecom.shop"].create(
            {
                "name": "Fnac Darty",
                "code": "FNAC",
                "platform": "shopify",
                "payment_map_ids": [
                    Command.create({"gateway": "mirakl", "journal_id": cls.fnac_journal.id})
                ],
            }
        )
        cls.engine = env["ecom.posting.engine"]
        cls.accounts = env["ecom.payout.account.set"]._ecom_for(cls.company, "amazon", cls.shop)
        cls.accounts.bank_journal_id = cls.bank
        cls.mirakl_accounts = env["ecom.payout.account.set"]._ecom_for(
            cls.company, "mirakl", cls.fnac
        )
        cls.mirakl_accounts.bank_journal_id = cls.bank
        cls.Payout = env["ecom.payout"]

    import_orders = french_books.TestFrenchBooks.import_orders
    post = french_books.TestFrenchBooks.post

    def receive(self, name, provider="amazon", shop=None):
        return self.Payout._ecom_import_content(
            provider, (PAYLOADS / name).read_bytes(), name, shop=shop or self.shop
        )

    def balance(self, account, moves=None):
        domain = [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        if moves is not None:
            domain.append(("move_id", "in", moves.ids))
        return round(sum(self.env["account.move.line"].search(domain).mapped("balance")), 2)

    def deposit(self, amount, day, ref):
        return self.env["account.bank.statement.line"].create(
            {"journal_id": self.bank.id, "date": day, "amount": amount, "payment_ref": ref}
        )


@tagged("post_install", "-at_install")
class TestSettlementBooking(SettlementCase):
    def test_amazon_settlement_booked_to_the_cent(self):
        orders = self.post(order_of_day(7601, 2))
        self.assertEqual(orders.ecom_posting_state, "posted")
        st_line = self.deposit(8.24, "2026-11-05", "AMAZON PAYMENTS EUROPE 12345678901")
        received = self.receive("amazon_settlement_full.txt")
        payout = received["payouts"]
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertEqual(
            received["counts"],
            {"received": 24, "booked": 24, "pending": 0, "review": 0, "duplicates": 0},
        )
        self.assertTrue(payout.balanced)
        move = payout.move_id
        self.assertEqual(move.date, date(2026, 11, 5))
        accounts = payout.account_set_id
        # The operator's bill: the fees, French VAT deductible (Amazon EU SARL's French branch).
        bill = payout.settlement_bill_id
        self.assertEqual((bill.move_type, bill.state), ("in_invoice", "posted"))
        self.assertEqual(bill.partner_id.name, "Amazon EU SARL")
        self.assertEqual(bill.invoice_date, date(2026, 11, 3))
        self.assertAlmostEqual(bill.amount_total, 72.96)
        self.assertAlmostEqual(bill.amount_tax, 12.16)
        self.assertEqual(len(bill.invoice_line_ids), 5)
        self.assertEqual(bill.payment_state, "paid", "the settlement paid it")
        # The order in Odoo: its payment cleared on Amazon's clearing account.
        payment = orders.invoice_ids._get_reconciled_payments()
        cleared = payout.line_ids.cleared_line_id
        self.assertEqual(cleared.move_id, payment.move_id)
        self.assertTrue(cleared.reconciled)
        order_line = move.line_ids.filtered(lambda line: "7601" in (line.name or ""))
        self.assertAlmostEqual(order_line.balance, -55.20)
        # Orders not in Odoo: one sales entry per day of sales (the refund on its day), in
        # the shop's sales journal, said to be the settlement's.
        sales = payout.settlement_move_ids.filtered(lambda m: m.ref.startswith("Sales"))
        self.assertEqual(
            sorted(sales.mapped("date")),
            [date(2026, 10, 25), date(2026, 11, 1), date(2026, 11, 2)],
        )
        self.assertEqual(set(sales.journal_id.mapped("type")), {"sale"})
        # A journal of the marketplace's own (not the invoices', not other shops' daily
        # summaries), made on its first settlement.
        journal = self.shop.settlement_journal_id
        self.assertEqual(sales.journal_id, journal)
        self.assertEqual(journal.code, "MP1")
        self.assertEqual(journal.name, f"{self.shop.name} sales (settlements)")
        self.assertEqual(
            sales.sorted("date").mapped("name"), [f"MP1/2026/{number:05d}" for number in (1, 2, 3)]
        )
        self.assertEqual(sales.ecom_settlement_id, payout)
        self.assertEqual(self.balance(accounts.sale_account_id, sales), -55.00)
        vat = sales.line_ids.filtered("tax_repartition_line_id")
        self.assertAlmostEqual(sum(vat.mapped("balance")), -11.00)
        self.assertEqual(vat.tax_line_id.mapped("amount"), [20.0])
        self.assertTrue(all(vat.mapped("tax_tag_ids")), "the VAT return sees the sales' VAT")
        # Month-end split: October's fees accrued at its end, reversed the next day.
        accrual = (
            payout.settlement_move_ids.filtered(lambda m: m.date == date(2026, 10, 31)) - sales
        )
        reversal = payout.settlement_move_ids.filtered(lambda m: m.date == date(2026, 11, 1))
        self.assertAlmostEqual(self.balance(accounts.accrual_account_id, accrual), -47.25)
        self.assertEqual(self.balance(accounts.accrual_account_id, accrual | reversal), 0.0)
        # Reserve held on 467; the clearing account and the bill are settled; the deposit matched.
        self.assertEqual(accounts.reserve_account_id.code, "467500")
        self.assertEqual(self.balance(accounts.reserve_account_id), 40.00)
        self.assertEqual(self.balance(self.amazon_clearing), 0.0)
        self.assertAlmostEqual(payout.deposit_line_id.balance, 8.24)
        self.assertEqual(payout.statement_line_id, st_line)
        self.assertTrue(st_line.is_reconciled)
        self.assertEqual(self.balance(self.bank_outstanding), 0.0)
        # The fees: expense 60.80 excluding VAT, 12.16 deductible VAT.
        self.assertEqual(self.balance(accounts.fee_account_id, bill), 60.80)

        # Received again: nothing new.
        moves = self.env["account.move"].search_count([])
        again = self.receive("amazon_settlement_full.txt")
        self.assertEqual(
            again["counts"],
            {"received": 24, "booked": 0, "pending": 0, "review": 0, "duplicates": 24},
        )
        self.assertEqual(self.env["account.move"].search_count([]), moves)

        # The next settlement releases the reserve and holds a new one: 467 carries it.
        following = self.receive("amazon_settlement_next.txt")["payouts"]
        self.assertEqual(following.state, "booked", following.problems)
        next_sales = following.settlement_move_ids.filtered(lambda m: m.ref.startswith("Sales"))
        self.assertEqual(next_sales.journal_id, journal, "the same journal, numbers in date order")
        self.assertEqual(next_sales.mapped("name"), ["MP1/2026/00004"])
        self.assertEqual(self.balance(accounts.reserve_account_id), 15.00)

    def test_settlement_not_adding_up_books_nothing(self):
        moves = self.env["account.move"].search_count([])
        payout = self.receive("amazon_settlement_mismatch.txt")["payouts"]
        self.assertEqual(payout.state, "review")
        self.assertFalse(payout.move_id or payout.settlement_bill_id)
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        item = payout.review_item_ids
        self.assertEqual(item.reason_code, "settlement_mismatch")
        self.assertIn("49.99", item.description)
        self.assertIn("0.01", item.description)

    def test_unknown_transaction_type_goes_to_review_by_name(self):
        moves = self.env["account.move"].search_count([])
        payout = self.receive("amazon_settlement_unknown.txt")["payouts"]
        self.assertEqual(payout.state, "review")
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        item = payout.review_item_ids
        self.assertEqual(item.reason_code, "settlement_unknown_type")
        self.assertIn("FBA Inventory Reimbursement", item.description)
        unknown = payout.line_ids.filtered(lambda line: line.type == "other")
        self.assertEqual(len(unknown), 1, "kept, never dropped")

    def test_mirakl_cycle_export_booked(self):
        st_line = self.deposit(60.00, "2026-11-10", "VIR FNAC DARTY DOC-2026-11-01")
        payout = self.receive("mirakl_cycle.csv", provider="mirakl", shop=self.fnac)["payouts"]
        self.assertEqual(payout.state, "booked", payout.problems)
        bill = payout.settlement_bill_id
        self.assertEqual(bill.partner_id, self.fnac.marketplace_operator_id)
        self.assertEqual(bill.partner_id.name, "Fnac Darty")
        self.assertAlmostEqual(bill.amount_total, 66.00)
        self.assertAlmostEqual(bill.amount_tax, 11.00)
        self.assertEqual(self.balance(self.fnac_clearing), 0.0)
        self.assertTrue(st_line.is_reconciled)
        self.assertEqual(payout.statement_line_id, st_line)

    def test_mirakl_tl02_from_the_stand_in(self):
        with mirakl_api.MiraklPaymentServer() as server:
            client = MiraklPaymentClient(server.url, mirakl_api.API_KEY)
            pages = list(client.transactions(date(2026, 11, 1)))
        self.assertEqual(len(pages), 2)
        self.assertEqual(server.requests[0][2]["date_created_from"], "2026-11-01T00:00:00Z")
        self.assertEqual(server.requests[1][2]["page_token"], "eyJvZmZzZXQiOjl9")
        first = self.Payout._ecom_import_content("mirakl", pages[0], "tl02.json", shop=self.fnac)
        self.assertEqual(first["counts"]["pending"], 9, "waiting for the cycle's payment")
        second = self.Payout._ecom_import_content("mirakl", pages[1], "tl02.json", shop=self.fnac)
        payout = second["payouts"]
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertEqual(len(payout.line_ids), 17)
        self.assertAlmostEqual(payout.settlement_bill_id.amount_total, 66.00)

    def test_mirakl_cycle_pulled_through_the_mirakl_shop(self):
        with mirakl_api.MiraklPaymentServer() as server:
            # The Mirakl shop of the connector: its address and API key reach TL02.
            self.fnac.sudo().write(
                {
                    "platform": "mirakl",
                    "api_url": server.url,
                    "api_key": mirakl_api.API_KEY,
                    "mirakl_operator": "Fnac-Darty Participations",
                }
            )
            received = self.Payout._ecom_pull("mirakl", shop=self.fnac, since=date(2026, 11, 1))
        self.assertEqual(len(server.requests), 2)
        payout = received["payouts"]
        self.assertEqual(payout.shop_id, self.fnac)
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertAlmostEqual(payout.settlement_bill_id.amount_total, 66.00)
        # The operator the connector's shop names invoices the fees, and stays the shop's.
        self.assertEqual(payout.settlement_bill_id.partner_id.name, "Fnac-Darty Participations")
        self.assertEqual(self.fnac.marketplace_operator_id, payout.settlement_bill_id.partner_id)

    def test_amazon_reports_api_pull_and_command_line_json(self):
        self.accounts.sudo().write(
            {
                "api_key": amazon_api.CLIENT_ID,
                "api_secret": amazon_api.CLIENT_SECRET,
                "refresh_token": amazon_api.REFRESH_TOKEN,
            }
        )
        with amazon_api.AmazonReportsServer() as server:
            endpoints = f"amazon={server.url},amazon_auth={server.url}"
            with patch.dict(config.options, {CONFIG_PAYOUT_API_OVERRIDE: endpoints}):
                received = self.Payout._ecom_pull("amazon", shop=self.shop)
        listed = [(m, p, q) for m, p, q in server.requests if p.endswith("/reports")]
        self.assertEqual(len(listed), 3, "throttled once, then two pages")
        self.assertEqual(listed[2][2], {"nextToken": "page2"})
        payouts = received["payouts"]
        self.assertEqual(sorted(payouts.mapped("external_id")), ["12345678901", "12345678902"])
        # No order of the first is in Odoo here: its sales are all booked from the report.
        self.assertEqual(set(payouts.mapped("state")), {"booked"}, payouts.mapped("problems"))
        # The command line's JSON, as for the other providers.
        args = Namespace(
            shop=self.shop.code,
            provider="amazon",
            files=[PAYLOADS / "amazon_settlement_mismatch.txt"],
        )
        report = payouts_import(self.env, args, lambda message: None)
        self.assertEqual(
            report["transactions"],
            {"received": 3, "booked": 0, "pending": 0, "review": 3, "duplicates": 0},
        )
        (mismatch,) = report["payouts"]
        self.assertEqual(mismatch["external_id"], "12345678903")
        self.assertFalse(mismatch["balanced"])
        self.assertIsNone(mismatch["entry"])
        self.assertEqual(len(mismatch["problems"]), 1)

    def test_order_imported_without_payment_waits_then_books_itself(self):
        orders = self.import_orders(order_of_day(7601, 2)).sale_order_id
        self.assertFalse(orders.invoice_ids)
        moves = self.env["account.move"].search_count([])
        payout = self.receive("amazon_settlement_full.txt")["payouts"]
        self.assertEqual(payout.state, "review")
        self.assertEqual(self.env["account.move"].search_count([]), moves, "nothing booked")
        item = payout.review_item_ids
        self.assertEqual(item.reason_code, "settlement_unmatched")
        self.assertIn("no payment posted", item.description)
        # Posted by the rules: the settlement is booked by itself, its item closed.
        self.engine._post_orders(orders)
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertEqual(item.state, "done")
        self.assertEqual(self.balance(self.amazon_clearing), 0.0)

    def test_sentences_in_the_accountants_french(self):
        self.set_french_accountant("comptable-amazon-fr")
        payout = self.receive("amazon_settlement_mismatch.txt")["payouts"]
        item = payout.review_item_ids
        self.assertIn(
            "Les lignes du relevé font 49,99\N{NO-BREAK SPACE}€, pas son virement de "
            "50,00\N{NO-BREAK SPACE}€ (écart 0,01\N{NO-BREAK SPACE}€).",
            item.description,
        )
        self.assertEqual(
            item.reason_id.with_context(lang="fr_FR").name,
            "Relevé de place de marché qui ne tombe pas juste",
        )
        payout = self.receive("amazon_settlement_next.txt")["payouts"]
        self.assertEqual(payout.state, "booked", payout.problems)
        bill = payout.settlement_bill_id
        self.assertEqual(
            sorted(bill.invoice_line_ids.mapped("name")),
            [
                "Commissions (Amazon 12345678902)",
                "Frais d'expédition (logistique) (Amazon 12345678902)",
            ],
        )
        self.assertEqual(self.shop.settlement_journal_id.name, "Ventes Amazon.fr (relevés)")
        reserve = payout.move_id.line_ids.filtered(
            lambda line: line.account_id == payout.account_set_id.reserve_account_id
        )
        self.assertEqual(reserve.name, "Réserve retenue ou libérée (Amazon 12345678902)")

    def test_order_waiting_in_the_inbox_is_not_booked_from_the_report(self):
        self.post(order_of_day(7601, 2))
        self.env["ecom.payload"].create(
            {
                "shop_id": self.shop.id,
                "kind": "order",
                "external_id": "402-2222222-2222222",
                "body": "{}",
                "state": "held",
            }
        )
        moves = self.env["account.move"].search_count([])
        payout = self.receive("amazon_settlement_full.txt")["payouts"]
        self.assertEqual(payout.state, "review")
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        self.assertIn(
            "Order 402-2222222-2222222 is in the shop's inbox, not imported yet",
            payout.review_item_ids.description,
        )
        waiting = payout.line_ids.filtered(lambda line: line.state == "unmatched")
        self.assertEqual(set(waiting.mapped("order_external_id")), {"402-2222222-2222222"})

    def test_rows_booked_by_the_rules_count_as_matched_automatically(self):
        # Order 7601 imported without its payment: the settlement waits in review.
        orders = self.import_orders(order_of_day(7601, 2)).sale_order_id
        payout = self.receive("amazon_settlement_full.txt")["payouts"]
        self.assertEqual(payout.state, "review")
        rows = payout.line_ids.filtered(lambda line: line.type in ("charge", "refund"))
        outside = rows.filtered(lambda line: line.order_external_id != "7601")
        self.assertTrue(outside, "sales and a refund of orders not in Odoo")

        def figures():
            self.env.flush_all()
            self.env.invalidate_all()
            return self.env["ecom.payout.figures"].search(
                [("shop_id", "=", self.shop.id), ("provider", "=", "amazon")]
            )

        self.assertFalse(any(rows.mapped("matched_automatically")), "in review: not automatic")
        self.assertEqual(figures().order_line_count, len(rows))
        self.assertEqual(figures().auto_rate, 0.0)
        # Posted by the rules: booked without a hand, every row automatic, those booked
        # from the report (orders not in Odoo) as those clearing 7601's payment.
        self.engine._post_orders(orders)
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertTrue(all(rows.mapped("matched_automatically")))
        self.assertEqual(figures().auto_line_count, len(rows))
        self.assertEqual(figures().auto_rate, 100.0)
        report = self.env["ecom.automation.report"].search(
            [("shop_id", "=", self.shop.id), ("payout_lines", ">", 0)]
        )
        self.assertEqual(sum(report.mapped("payout_lines_auto")), len(rows))
