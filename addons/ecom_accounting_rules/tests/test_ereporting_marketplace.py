# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Marketplace sales in the e-reporting, and the figures per marketplace.

The seller remains responsible for e-reporting its marketplace sales: those of
orders imported in Odoo are its web invoices; those of orders not in Odoo are
booked from the settlement report, one sales entry per day, and reported from
it (consumers: Amazon's report says nothing of a business buyer). The figures
per shop and provider say what the marketplace collected and has not paid out,
and its fees as a share of its sales.
"""

from datetime import date

from odoo.tests import tagged

from ..demo.ecom_demo_ereporting import oss_position
from .test_french_books import order_of_day
from .test_settlement_booking import SettlementCase

SETTLEMENT = "amazon_settlement_ereporting.txt"


@tagged("post_install", "-at_install")
class TestEreportingMarketplace(SettlementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company.ecom_vat_regime = "simplified"  # one period a month
        # Amazon.de's customers: German VAT under OSS (the position the report's VAT finds).
        cls.oss = oss_position(env)
        cls.oss.auto_apply = True
        env["product.template"].create(
            {"name": "Atelier personnalisation", "default_code": "ATELIER-AMZ", "type": "service"}
        )

    def november(self):
        (period,) = self.env["ecom.ereporting.period"]._ecom_generate(self.company, 2026, 11)
        period._ecom_compute()
        return period

    @staticmethod
    def rows(period):
        return {
            (line.date.day, line.category, line.rate): (line.base, line.tax)
            for line in period.line_ids
        }

    def test_settlement_sales_reported_per_day_category_and_rate(self):
        invoiced = self.post(order_of_day(7601, 2))
        self.assertEqual(invoiced.ecom_posting_state, "posted")
        payout = self.receive(SETTLEMENT)["payouts"]
        self.assertEqual(payout.state, "booked", payout.problems)
        sales = self.env["account.move"].search([("ecom_settlement_id", "=", payout.id)])
        self.assertEqual(
            sorted(sales.mapped("date")), [date(2026, 11, 3), date(2026, 11, 4), date(2026, 11, 5)]
        )
        self.assertEqual(sales.journal_id.type, "sale")
        # The marketplace's own sales journal, made on its first settlement.
        self.assertEqual(sales.journal_id, self.shop.settlement_journal_id)
        self.assertEqual(sales.journal_id.code, "MP1")
        workshop = sales.line_ids.filtered(lambda line: line.ecom_operation_category == "services")
        self.assertEqual(sorted(workshop.mapped("balance")), [-30.0, -6.0])
        period = self.november()
        self.assertEqual(
            self.rows(period),
            {
                # Order 7601, in Odoo: its invoice, once (not again through the settlement).
                (2, "TLB1", 20.0): (46.0, 9.2),
                (3, "TLB1", 20.0): (100.0, 20.0),
                # Amazon.de: Germany's VAT under OSS, not taxable in France.
                (4, "TNT1", 19.0): (50.0, 9.5),
                (4, "TLB1", 20.0): (10.0, 2.0),
                (4, "TPS1", 20.0): (30.0, 6.0),
                # The refund, on its day.
                (5, "TLB1", 20.0): (-50.0, -10.0),
            },
        )
        self.assertFalse(period.invoice_ids, "consumers: no sale to a business abroad")
        self.assertEqual((period.base_difference, period.tax_difference), (0.0, 0.0))
        self.assertTrue(period.ledger_matches)
        self.assertEqual(period.state, "checked")
        self.assertAlmostEqual(period.tax_total, 36.7)
        # The workshop, paid when ordered: the payment data of services.
        self.assertEqual(
            [(p.date.day, p.rate, p.amount) for p in period.payment_ids], [(4, 20.0, 36.0)]
        )
        report = period._ecom_report()
        self.assertEqual(report["ledger_check"]["tax_difference"], 0.0)
        self.assertEqual(len(report["rows"]), 6)

    def test_figures_per_marketplace(self):
        self.post(order_of_day(7601, 2))
        waiting = self.post(order_of_day(7602, 6))
        Figures = self.env["ecom.payout.figures"]

        def figures():
            self.env.flush_all()
            self.env.invalidate_all()
            return Figures.search([("shop_id", "=", self.shop.id), ("provider", "=", "amazon")])

        self.assertAlmostEqual(figures().in_transit, 110.40, msg="two orders' payments open")
        self.assertAlmostEqual(self.shop.payout_in_transit, 110.40)
        payout = self.receive(SETTLEMENT)["payouts"]
        self.assertEqual(payout.state, "booked", payout.problems)
        row = figures()
        # Settled: 7601's payment cleared; 7602 (not in this settlement) still in transit.
        self.assertAlmostEqual(row.in_transit, waiting.amount_total)
        self.shop.invalidate_recordset()
        self.assertAlmostEqual(self.shop.payout_in_transit, waiting.amount_total)
        # Sales of the settlement (VAT included, before refunds) and its fees.
        self.assertAlmostEqual(row.charge_amount, 282.70)
        self.assertAlmostEqual(row.fee_amount, 15.00)
        self.assertAlmostEqual(row.fee_rate, 100 * 15.00 / 282.70, places=2)

    def test_mirakl_fees_include_the_vat_the_operator_charges(self):
        payout = self.receive("mirakl_cycle.csv", provider="mirakl", shop=self.fnac)["payouts"]
        self.assertEqual(payout.state, "booked", payout.problems)
        self.env.flush_all()
        self.env.invalidate_all()
        row = self.env["ecom.payout.figures"].search(
            [("shop_id", "=", self.fnac.id), ("provider", "=", "mirakl")]
        )
        # Commission VAT and subscription VAT are fees, as the operator's bill says (66.00),
        # not sales: the sales are the orders' amounts and shipping with their VAT.
        self.assertAlmostEqual(row.fee_amount, payout.settlement_bill_id.amount_total)
        self.assertAlmostEqual(row.fee_amount, 66.00)
        self.assertAlmostEqual(row.charge_amount, 186.00)
        self.assertAlmostEqual(row.fee_rate, 100 * 66.00 / 186.00, places=2)
        self.assertAlmostEqual(row.in_transit, 0.0)

    def test_a_late_summary_keeps_its_day_beside_settlement_sales(self):
        # No order of the settlement in Odoo: its sales of 2 to 5 November are in MP1.
        payout = self.receive(SETTLEMENT)["payouts"]
        self.assertEqual(payout.state, "booked", payout.problems)
        journal = self.engine._summary_journal(self.shop)
        self.assertEqual(
            self.env["account.move"].search_count([("ecom_settlement_id", "=", payout.id)]), 4
        )
        # 1 November's orders summarised after: on their day, not moved by those entries.
        self.shop.posting_mode = "summary"
        order = self.post(order_of_day(7603, 1))
        summary = order.ecom_summary_move_id
        self.assertEqual((summary.journal_id, summary.date), (journal, date(2026, 11, 1)))
        rows = self.rows(self.november())
        self.assertEqual(rows[(1, "TLB1", 20.0)], (46.0, 9.2))
        self.assertEqual(rows[(2, "TLB1", 20.0)], (46.0, 9.2), "7601 from the report")
