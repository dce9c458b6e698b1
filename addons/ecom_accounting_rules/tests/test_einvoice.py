# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import tagged

from odoo.addons.ecom_connector.const import CUSTOMER_KIND_B2B, CUSTOMER_KIND_B2C
from odoo.addons.ecom_connector.models.sale_order import product_authority_context

from .common import PostingCase, shopify_order


def set_customer_kind(orders, kind):
    """Classify orders as the import does (the field is the product's to write)."""
    orders.with_context(**product_authority_context()).write({"ecom_customer_kind": kind})


@tagged("post_install", "-at_install")
class TestBusinessOrdersInSummaryShops(PostingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop.posting_mode = "summary"
        cls.currency = cls.company.currency_id.name

    def test_a_business_order_is_invoiced_apart_from_the_day_summary(self):
        payloads = self.import_orders(
            shopify_order(7001, email="a@x.fr", currency=self.currency),
            shopify_order(
                7002,
                email="b@x.fr",
                currency=self.currency,
                lines=(("THE", "Thé", 2, "8.45", "0", "5.5"),),
            ),
            shopify_order(
                7003,
                email="achats@atelier.fr",
                currency=self.currency,
                lines=(("MUG", "Mug", 3, "12.90", "1.70", "20"),),
            ),
        )
        orders = payloads.sale_order_id.sorted("id")
        consumers, business = orders[:2], orders[2]
        set_customer_kind(consumers, CUSTOMER_KIND_B2C)
        set_customer_kind(business, CUSTOMER_KIND_B2B)

        self.engine._post_orders(orders)

        # the two consumer orders: one summary entry, their totals to the cent
        self.assertEqual(set(consumers.mapped("ecom_posting_state")), {"summary"})
        summary = consumers.ecom_summary_move_id
        self.assertEqual(len(summary), 1)
        self.assertEqual(summary.state, "posted")
        self.assertEqual(summary.ecom_summary_order_ids, consumers)
        self.assertFalse(consumers.invoice_ids)
        self.assertBalanced(summary)
        consumer_total = sum(consumers.mapped("amount_total"))
        self.assertAlmostEqual(sum(summary.line_ids.mapped("credit")), consumer_total, places=2)
        tax_lines = summary.line_ids.filtered("tax_repartition_line_id")
        self.assertAlmostEqual(
            sum(tax_lines.mapped("credit")), sum(consumers.mapped("amount_tax")), places=2
        )
        # the business order: its own invoice, paid by its own payment
        self.assertEqual(business.ecom_posting_state, "posted")
        self.assertFalse(business.ecom_summary_move_id)
        invoice = self.invoice_of(business)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertAlmostEqual(invoice.amount_total, business.amount_total, places=2)
        self.assertAlmostEqual(invoice.amount_tax, business.amount_tax, places=2)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        payment = self.payments_of(invoice)
        self.assertEqual(len(payment), 1)
        self.assertEqual(payment.journal_id, self.stripe_journal)
        self.assertAlmostEqual(payment.amount, business.amount_total, places=2)
        # nothing of the business order in the summary, nothing counted twice
        self.assertNotIn(business, summary.ecom_summary_order_ids)
        self.assertAlmostEqual(
            consumer_total + invoice.amount_total, sum(orders.mapped("amount_total")), places=2
        )
        # posting again changes nothing
        moves = self.env["account.move"].search_count([])
        self.engine._post_orders(orders)
        self.assertEqual(self.env["account.move"].search_count([]), moves)
