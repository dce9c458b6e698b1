from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """What ./ecom run shows the accountant: posted orders, the queue, the rate."""

    def test_demo_shop_is_posted_with_review_items_of_several_reasons(self):
        shop = self.env["ecom.shop"]._ecom_create_demo()
        orders = self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])
        posted = orders.filtered(lambda o: o.ecom_posting_state == "posted")
        self.assertGreaterEqual(len(posted), 8)
        invoices = posted.invoice_ids.filtered(lambda m: m.move_type == "out_invoice")
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        self.assertTrue(all(m.currency_id.is_zero(m.amount_residual) for m in invoices))
        items = self.env["ecom.review.item"].search(
            [("shop_id", "=", shop.id), ("state", "=", "todo")]
        )
        self.assertTrue(
            {"unknown_product", "unknown_payment", "total_mismatch", "refund", "lost_parcel"}
            <= set(items.mapped("reason_code"))
        )
        after = items.filtered(lambda i: i.stage == "after" and i.reason_code == "refund")
        self.assertEqual(after.credit_note_id.state, "draft")
        self.assertEqual(items.user_id, shop.accountant_id)
        self.assertEqual(len(items.activity_ids), len(items))
        # The VAT goes to a tax account, not to the revenue.
        tax_lines = invoices.line_ids.filtered("tax_line_id")
        self.assertTrue(tax_lines)
        self.assertNotIn("income", tax_lines.account_id.mapped("account_type"))
        self.assertGreater(shop.automation_rate, 50.0)
        self.assertLess(shop.automation_rate, 100.0)
        self.assertEqual(self.env["ecom.shop"]._ecom_create_demo(), shop)
        self.assertEqual(
            self.env["sale.order"].search_count([("ecom_shop_id", "=", shop.id)]), len(orders)
        )
