# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import date

from odoo.tests import tagged

from .common import PostingCase, cancelled_in_shop, shopify_order


@tagged("post_install", "-at_install")
class TestDailySummary(PostingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop.posting_mode = "summary"
        cls.currency = cls.company.currency_id.name
        cls.foreign = "USD" if cls.currency == "EUR" else "EUR"
        cls.env.ref("base.EUR").active = True

    def order(self, order_id, **values):
        """A sample order in the company's currency (summaries are in that currency)."""
        values.setdefault("currency", self.currency)
        return shopify_order(order_id, **values)

    def test_one_entry_per_day_equal_to_the_sum_of_its_orders(self):
        orders = self.import_and_post(
            self.order(6001, email="a@x.fr"),
            self.order(
                6002,
                email="b@x.fr",
                lines=(
                    ("MUG", "Mug", 3, "12.90", "1.70", "20"),
                    ("THE", "Thé", 1, "8.45", "0", "5.5"),
                ),
                taxes_included=True,
            ),
            self.order(6003, email="c@x.fr", lines=(("LIVRE", "Livre", 1, "19.99", "0", "5.5"),)),
        )
        self.assertEqual(set(orders.mapped("ecom_posting_state")), {"summary"})
        move = orders.ecom_summary_move_id
        self.assertEqual(len(move), 1)
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.date, date(2026, 11, 2))
        self.assertEqual(move.ecom_summary_order_ids, orders)
        self.assertEqual(move.ecom_summary_order_count, 3)
        self.assertFalse(orders.invoice_ids)
        self.assertBalanced(move)
        total = sum(orders.mapped("amount_total"))
        stripe = move.line_ids.filtered(
            lambda line: line.account_id
            == self.engine._outstanding_account(orders[0], "shopify_payments")
        )
        self.assertAlmostEqual(sum(stripe.mapped("debit")), total, places=2)
        self.assertAlmostEqual(sum(move.line_ids.mapped("credit")), total, places=2)
        # a tax line per tax rate, with the taxes' amounts of the orders to the cent
        tax_lines = move.line_ids.filtered("tax_repartition_line_id")
        self.assertEqual(set(tax_lines.tax_line_id.mapped("amount")), {20.0, 5.5})
        self.assertAlmostEqual(
            sum(tax_lines.mapped("credit")), sum(orders.mapped("amount_tax")), places=2
        )
        base_lines = move.line_ids.filtered("tax_ids")
        self.assertAlmostEqual(
            sum(base_lines.mapped("credit")), sum(orders.mapped("amount_untaxed")), places=2
        )
        # re-running changes nothing
        moves = self.env["account.move"].search_count([])
        self.engine._post_orders(orders)
        self.assertEqual(self.env["account.move"].search_count([]), moves)

    def test_orders_of_other_days_and_currencies_stay_apart(self):
        next_day = self.order(6011, email="d@x.fr")
        next_day["created_at"] = "2026-11-03T09:30:00+01:00"
        dollars = self.order(6012, email="e@x.fr", currency=self.foreign)
        orders = self.import_and_post(self.order(6010, email="f@x.fr"), next_day, dollars)
        by_id = {o.ecom_external_id: o for o in orders}
        self.assertNotEqual(by_id["6010"].ecom_summary_move_id, by_id["6011"].ecom_summary_move_id)
        self.assertEqual(by_id["6011"].ecom_summary_move_id.date, date(2026, 11, 3))
        # another currency than the company's: one invoice, as usual
        self.assertEqual(by_id["6012"].ecom_posting_state, "posted")
        self.assertEqual(len(self.invoice_of(by_id["6012"])), 1)

    def test_a_refund_on_a_summarized_order_is_credited_without_an_invoice(self):
        order = self.import_and_post(self.order(6021))
        self.assertEqual(order.ecom_posting_state, "summary")
        self.import_orders(self.order(6021, **cancelled_in_shop()))
        item = order.ecom_review_item_ids.filtered(lambda i: i.key == "cancel")
        self.assertEqual(len(item), 1)
        item._ecom_apply_credit_note()
        self.assertAlmostEqual(item.credit_note_id.amount_total, order.amount_total, places=2)
        payment = item.credit_note_id._get_reconciled_payments()
        self.assertAlmostEqual(payment.amount, order.amount_total, places=2)
        self.assertEqual(payment.journal_id, self.stripe_journal)
