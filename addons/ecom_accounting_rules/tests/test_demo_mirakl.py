# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import TransactionCase, tagged
from odoo.tools import convert_file

from odoo.addons.ecom_connector.demo.ecom_demo_mirakl import CLEARING_CODE, MIRAKL_DEMO_CODE

from ..demo.ecom_demo_mirakl import BANK_DATE, CYCLE_DOCUMENT


@tagged("post_install", "-at_install")
class TestDemoMirakl(TransactionCase):
    """./ecom run shows a Mirakl marketplace: Boutique Démo (Fnac), its orders posted, one
    Fnac-Darty payment cycle booked to the cent and its deposit matched on the bank."""

    def test_the_fnac_shop_its_cycle_and_its_deposit(self):
        convert_file(
            self.env,
            "ecom_accounting_rules",
            "demo/ecom_demo.xml",
            {},
            mode="init",
            noupdate=True,
            kind="demo",
        )
        company = self.env.company
        if (company.account_fiscal_country_id or company.country_id).code != "FR":
            # Odoo's own tests run without the French chart (./ecom test --odoo-core).
            self.skipTest("the Mirakl demo is a French seller's (l10n_fr_account)")
        shop = self.env["ecom.shop"].search(
            [("code", "=", MIRAKL_DEMO_CODE), ("company_id", "=", company.id)]
        )
        self.assertEqual((shop.platform, shop.mirakl_operator), ("mirakl", "Fnac-Darty"))
        orders = self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])
        by_id = {order.ecom_external_id: order for order in orders}
        self.assertEqual(len(orders), 3)
        self.assertEqual(set(orders.mapped("ecom_posting_state")), {"posted"})
        self.assertEqual(
            [by_id[f"FD-2611-000{n}-A"].amount_total for n in (1, 2, 3)], [54.70, 29.00, 32.30]
        )
        # One buyer, two relay addresses: one customer, found by its Mirakl customer id.
        claire = by_id["FD-2611-0001-A"].partner_id
        self.assertEqual(by_id["FD-2611-0003-A"].partner_id, claire)
        self.assertEqual(claire.ref, f"ecom:{MIRAKL_DEMO_CODE}:customer-id:FD-C-50117")

        payout = self.env["ecom.payout"].search(
            [("shop_id", "=", shop.id), ("provider", "=", "mirakl")]
        )
        self.assertEqual(payout.external_id, CYCLE_DOCUMENT)
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertTrue(payout.balanced)
        self.assertAlmostEqual(payout.amount, 22.87)
        # Fnac-Darty's bill: commissions 8.21 + 3.48 and the subscription 39.00, with their
        # VAT (1.64 + 0.70 + 7.80), paid from the cycle.
        bill = payout.settlement_bill_id
        self.assertEqual(bill.partner_id.name, "Fnac-Darty")
        self.assertEqual(shop.marketplace_operator_id, bill.partner_id)
        self.assertAlmostEqual(bill.amount_untaxed, 50.69)
        self.assertAlmostEqual(bill.amount_tax, 10.14)
        self.assertEqual(bill.payment_state, "paid")
        # The two received orders cleared; the one still to ship is in transit.
        clearing = self.env["account.account"].search(
            [("code", "=", CLEARING_CODE), ("company_ids", "in", company.id)]
        )
        lines = self.env["account.move.line"].search(
            [("account_id", "=", clearing.id), ("parent_state", "=", "posted")]
        )
        self.assertAlmostEqual(sum(lines.mapped("balance")), 32.30)
        self.assertEqual(
            lines.filtered(lambda line: not line.reconciled).move_id.origin_payment_id.amount,
            32.30,
        )
        # The deposit's bank statement line is reconciled with the payout.
        st_line = payout.statement_line_id
        self.assertEqual(st_line.date, BANK_DATE)
        self.assertAlmostEqual(st_line.amount, 22.87)
        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(payout.bank_reconciled)
        # Loading the demo again adds nothing.
        moves = self.env["account.move"].search_count([])
        self.env["ecom.demo"]._load()
        self.assertEqual(self.env["account.move"].search_count([]), moves)
