# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import json

from odoo.tests import BaseCase, TransactionCase, tagged
from odoo.tools import convert_file
from odoo.tools.misc import file_path

from odoo.addons.ecom_connector.demo.ecom_demo import demo_shop, load_demo
from odoo.addons.ecom_connector.tests.samples import shopify_order, shopify_refund

DEMO_REASONS = {"unknown_product", "unknown_payment", "total_mismatch", "refund", "lost_parcel"}
TSHIRT = ("TSHIRT-BIO-M", "T-shirt coton bio M", 2, "20.75", "0.00", "20")
MUG = ("MUG-ARDOISE", "Mug ardoise", 1, "10.42", "0.00", "20")


def demo_orders(name):
    """The orders of the accounting demo's file ``name``."""
    with open(file_path(f"ecom_accounting_rules/demo/{name}"), "rb") as file:
        return json.load(file)["orders"]


def returned(refund_id, line_id, when, note):
    """One T-shirt returned and its price paid back (24.90)."""
    return shopify_refund(refund_id, line_id, "24.90", when, note)


@tagged("post_install", "-at_install")
class TestDemoFiles(BaseCase):
    """The demo's payload files hold the sample generators' orders (how they were made)."""

    def test_rare_cases_and_the_refund_after_posting(self):
        klarna = shopify_order(5101, lines=(MUG,), email="lea.petit@example.fr")
        klarna["payment_gateway_names"] = ["klarna"]
        paypal = shopify_order(5102, lines=(TSHIRT,), email="hugo.morel@example.fr")
        paypal["payment_gateway_names"] = ["paypal"]
        mismatch = shopify_order(5103, lines=(MUG, TSHIRT), email="ines.roux@example.fr")
        # 4.50 more than its lines, tax and shipping: held for review.
        mismatch["total_price"] = "74.0"
        refunded = shopify_order(
            5104,
            lines=(TSHIRT,),
            email="nina.blanc@example.fr",
            financial_status="partially_refunded",
        )
        before = "2026-11-05T10:00:00+01:00"
        refunded["refunds"] = [returned(9501, 510401, before, "Taille trop petite")]
        self.assertEqual(demo_orders("demo_accounting.json"), [klarna, paypal, mismatch, refunded])
        later = shopify_order(
            5102,
            lines=(TSHIRT,),
            email="hugo.morel@example.fr",
            updated_at=before,
            financial_status="partially_refunded",
        )
        later["payment_gateway_names"] = ["paypal"]
        later["refunds"] = [returned(9502, 510201, before, "Taille trop petite")]
        self.assertEqual(demo_orders("refund.json"), [later])

    def test_the_payout_demos_refunded_order(self):
        order = shopify_order(5105, lines=(TSHIRT,), email="lucas.garnier@example.fr")
        self.assertEqual(demo_orders("demo_5105.json"), [order])
        when = "2026-11-06T10:00:00+01:00"
        refund = shopify_order(
            5105,
            lines=(TSHIRT,),
            email="lucas.garnier@example.fr",
            updated_at=when,
            financial_status="partially_refunded",
        )
        refund["refunds"] = [returned(9505, 510501, when, "Couleur différente de la photo")]
        self.assertEqual(demo_orders("demo_5105_refund.json"), [refund])

    def test_the_summary_shops_orders_and_refund(self):
        def placed(order_id, when, lines, email, **values):
            order = shopify_order(order_id, lines=lines, email=email, **values)
            order["created_at"] = order["processed_at"] = when
            return order

        orders = [
            placed(5201, "2026-11-03T10:15:00+01:00", (TSHIRT,), "claire.fabre@example.fr"),
            placed(5202, "2026-11-03T16:40:00+01:00", (TSHIRT, MUG), "yanis.roy@example.fr"),
            placed(5203, "2026-11-04T09:05:00+01:00", (MUG,), "emma.leroy@example.fr"),
            placed(5204, "2026-11-04T18:30:00+01:00", (TSHIRT,), "louis.girard@example.fr"),
        ]
        self.assertEqual(demo_orders("demo_outlet.json"), orders)
        when = "2026-11-07T11:00:00+01:00"
        refunded = placed(
            5202,
            "2026-11-03T16:40:00+01:00",
            (TSHIRT, MUG),
            "yanis.roy@example.fr",
            updated_at=when,
            financial_status="partially_refunded",
        )
        refunded["refunds"] = [returned(9601, 520201, when, "Trop grand")]
        self.assertEqual(demo_orders("demo_outlet_refund.json"), [refunded])


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """What ./ecom run shows the accountant: posted orders, the queue, the rate."""

    def _load_demo_file(self):
        """What installing this addon with demo data runs (the manifest's ``demo``)."""
        convert_file(
            self.env,
            "ecom_accounting_rules",
            "demo/ecom_demo.xml",
            {},
            mode="init",
            noupdate=True,
            kind="demo",
        )
        return demo_shop(self.env)

    def test_demo_shop_is_posted_with_review_items_of_several_reasons(self):
        shop = self._load_demo_file()
        orders = self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])
        posted = orders.filtered(lambda o: o.ecom_posting_state == "posted")
        self.assertGreaterEqual(len(posted), 8)
        invoices = posted.invoice_ids.filtered(lambda m: m.move_type == "out_invoice")
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        self.assertTrue(all(m.currency_id.is_zero(m.amount_residual) for m in invoices))
        items = self.env["ecom.review.item"].search(
            [("shop_id", "=", shop.id), ("state", "=", "todo")]
        )
        self.assertTrue(DEMO_REASONS <= set(items.mapped("reason_code")))
        after = items.filtered(lambda i: i.stage == "after" and i.reason_code == "refund")
        self.assertEqual(after.credit_note_id.state, "draft")
        # Nobody has handled them yet; the company's review accountant has the to-dos.
        self.assertFalse(items.user_id)
        accountant = shop.company_id.ecom_accountant_id
        self.assertTrue(accountant)
        self.assertEqual(len(items.activity_ids), len(items))
        self.assertEqual(items.activity_ids.user_id, accountant)
        # The VAT goes to a tax account, not to the revenue.
        tax_lines = invoices.line_ids.filtered("tax_line_id")
        self.assertTrue(tax_lines)
        self.assertNotIn("income", tax_lines.account_id.mapped("account_type"))
        self.assertGreater(shop.automation_rate, 50.0)
        self.assertLess(shop.automation_rate, 100.0)
        self.assertEqual(self.env["ecom.demo"]._load(), shop)
        self.assertEqual(
            self.env["sale.order"].search_count([("ecom_shop_id", "=", shop.id)]), len(orders)
        )

    def test_orders_imported_before_the_addon_are_posted_by_its_demo(self):
        # As `./ecom run` installs: the connector's demo imports its orders before
        # this addon exists, so they have no posting state yet.
        shop = load_demo(self.env)
        imported = self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])
        self.assertEqual(len(imported), 12)
        imported.ecom_posting_state = False
        self.assertEqual(self._load_demo_file(), shop)
        states = {order.ecom_external_id: order.ecom_posting_state for order in imported}
        self.assertEqual(states["5006"], "pending")  # a quotation awaiting payment waits
        self.assertEqual(states["5007"], "cancelled")
        self.assertEqual(states["5010"], "review")  # held: a product the seller does not sell
        self.assertEqual(sum(state == "posted" for state in states.values()), 9)
        paid = imported.filtered(lambda o: o.ecom_posting_state == "posted").invoice_ids
        self.assertEqual(set(paid.mapped("payment_state")) - {"in_payment"}, {"paid"})
        items = self.env["ecom.review.item"].search([("shop_id", "=", shop.id)])
        self.assertTrue(DEMO_REASONS <= set(items.mapped("reason_code")))

    def test_demo_payout_is_booked_and_its_deposit_reconciled(self):
        shop = self._load_demo_file()
        payout = self.env["ecom.payout"].search(
            [("shop_id", "=", shop.id), ("provider", "=", "shopify_payments")]
        )
        self.assertEqual(len(payout), 1)
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertTrue(payout.balanced)
        types = payout.line_ids.mapped("type")
        self.assertGreaterEqual(types.count("charge"), 5)
        self.assertEqual(types.count("refund"), 1)
        self.assertEqual(types.count("dispute"), 1)
        self.assertEqual(payout.matched_rate, 100.0)
        self.assertGreater(payout.fee_amount, 15.0)
        # The deposit's bank statement line, in another journal, is reconciled with it.
        st_line = payout.statement_line_id
        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(payout.bank_reconciled)
        self.assertNotEqual(st_line.journal_id, payout.move_id.journal_id)
        self.assertAlmostEqual(st_line.amount, payout.amount)
        # The chargeback waits for the accountant.
        item = payout.review_item_ids.filtered(lambda i: i.reason_code == "chargeback")
        self.assertEqual(item.state, "todo")
        # What was paid out is cleared; the last orders are still in transit.
        cleared = payout.line_ids.cleared_line_id
        self.assertTrue(all(cleared.mapped("reconciled")))
        journal = payout.account_set_id.journal_id
        open_payments = self.env["account.move.line"].search(
            [
                ("journal_id", "=", journal.id),
                ("account_id", "=", cleared.account_id.id),
                ("reconciled", "=", False),
                ("move_id.origin_payment_id", "!=", False),
            ]
        )
        self.assertEqual(len(open_payments), 2)
        self.assertAlmostEqual(shop.payout_in_transit, sum(open_payments.mapped("balance")))
        self.assertGreater(shop.payout_in_transit, 0.0)
        figures = shop.payout_figure_ids.filtered(lambda f: f.provider == "shopify_payments")
        self.assertEqual(len(figures), 1)
        self.assertAlmostEqual(figures.fee_amount, payout.fee_amount)
        self.assertAlmostEqual(figures.fee_rate, 100.0 * payout.fee_amount / payout.charge_amount)
        self.assertEqual(figures.auto_rate, 100.0)
        # Loading the demo again adds nothing.
        moves = self.env["account.move"].search_count([])
        self.env["ecom.demo"]._load()
        self.assertEqual(self.env["account.move"].search_count([]), moves)
