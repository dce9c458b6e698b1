# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import TransactionCase, tagged
from odoo.tools import convert_file

from odoo.addons.ecom_connector.demo.ecom_demo import demo_shop

from ..demo.ecom_demo_summary import PAYOUT_DATE, PAYOUT_ID, SUMMARY_CODE


@tagged("post_install", "-at_install")
class TestDemoBothWaysOfBooking(TransactionCase):
    """./ecom run shows both ways of booking: per-order invoices and daily summaries."""

    def test_a_shop_booked_in_daily_summaries_with_a_refund_resolved_and_paid_out(self):
        convert_file(
            self.env,
            "ecom_accounting_rules",
            "demo/ecom_demo.xml",
            {},
            mode="init",
            noupdate=True,
            kind="demo",
        )
        invoicing = demo_shop(self.env)
        self.assertEqual(invoicing.posting_mode, "invoice")
        shop = self.env["ecom.shop"].search([("code", "=", SUMMARY_CODE)])
        self.assertEqual(shop.posting_mode, "summary")
        orders = self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])
        self.assertEqual(len(orders), 4)
        self.assertEqual(set(orders.mapped("ecom_posting_state")), {"summary"})
        self.assertFalse(orders.invoice_ids.filtered(lambda m: m.move_type == "out_invoice"))
        # One entry per day, equal to the day's orders.
        summaries = orders.ecom_summary_move_id
        self.assertEqual(len(summaries), 2)
        self.assertEqual(set(summaries.mapped("state")), {"posted"})
        for move in summaries:
            of_day = orders.filtered(lambda o, m=move: o.ecom_summary_move_id == m)
            self.assertAlmostEqual(
                sum(move.line_ids.mapped("debit")), sum(of_day.mapped("amount_total")), places=2
            )
        # The shop's refund, resolved: a credit note and its refund payment.
        item = orders.ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")
        self.assertEqual((item.state, item.resolution), ("done", "credit_note"))
        self.assertEqual(item.credit_note_id.state, "posted")
        self.assertAlmostEqual(item.credit_note_id.amount_total, 24.90, places=2)
        payment = item.credit_note_id._get_reconciled_payments()
        self.assertAlmostEqual(payment.amount, 24.90, places=2)
        # Shopify Payments paid the four orders out, less the refund and its fees: booked on
        # its day, balanced, its deposit reconciled with the bank's statement line.
        payout = self.env["ecom.payout"].search(
            [("provider", "=", "shopify_payments"), ("external_id", "=", str(PAYOUT_ID))]
        )
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertTrue(payout.balanced)
        self.assertEqual(payout.move_id.date, PAYOUT_DATE)
        self.assertEqual(payout.move_id.state, "posted")
        self.assertAlmostEqual(
            sum(payout.move_id.line_ids.mapped("debit")),
            sum(payout.move_id.line_ids.mapped("credit")),
            places=2,
        )
        self.assertAlmostEqual(payout.charge_amount, sum(orders.mapped("amount_total")), places=2)
        self.assertAlmostEqual(payout.refund_amount, -24.90, places=2)
        self.assertTrue(payout.fee_amount > 0)
        self.assertEqual(set(payout.line_ids.mapped("state")), {"booked"})
        self.assertTrue(payout.bank_reconciled)
        self.assertTrue(payout.statement_line_id.is_reconciled)
        # Each charge cleared its order's share of its day's receipts line: both summaries'
        # Shopify Payments lines are reconciled in full; the refund, its refund payment.
        charges = payout.line_ids.filtered(lambda line: line.type == "charge")
        self.assertEqual(charges.sale_order_id, orders)
        receipts = charges.cleared_line_id
        self.assertEqual(receipts.move_id, summaries)
        self.assertEqual(len(receipts), 2)
        self.assertTrue(all(receipts.mapped("reconciled")))
        self.assertEqual(receipts.matched_credit_ids.credit_move_id.move_id, payout.move_id)
        refund = payout.line_ids.filtered(lambda line: line.type == "refund")
        self.assertEqual(refund.payment_id, payment)
        self.assertTrue(refund.cleared_line_id.reconciled)
        self.assertTrue(all(day < PAYOUT_DATE for day in summaries.mapped("date")))
        # Loading the demo again adds nothing.
        moves = self.env["account.move"].search_count([])
        self.env["ecom.demo"]._load()
        self.assertEqual(self.env["account.move"].search_count([]), moves)
