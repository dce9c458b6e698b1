# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A payload keeps its customer's data while its order is not in the books."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.ecom_connector.tests.common import tshirt_order

from .common import PostingCase


@tagged("post_install", "-at_install")
class TestRetentionWaitsForTheBooks(PostingCase):
    def age(self, sale_orders, days):
        moment = fields.Datetime.now() - timedelta(days=days)
        payloads = self.env["ecom.payload"].search([("sale_order_id", "in", sale_orders.ids)])
        payloads.write({"processed_at": moment})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sale_order SET write_date = %s WHERE id IN %s", (moment, tuple(sale_orders.ids))
        )
        self.env.invalidate_all()
        return payloads

    def test_posted_orders_lose_their_customer_data_those_in_review_keep_it(self):
        unknown_gateway = tshirt_order(8801, 1)
        unknown_gateway["payment_gateway_names"] = ["klarna"]
        posted, review = self.import_and_post(tshirt_order(8800, 2), unknown_gateway)
        self.assertEqual(posted.ecom_posting_state, "posted")
        self.assertEqual(review.ecom_posting_state, "review")
        pending = self.import_orders(tshirt_order(8802, 1)).sale_order_id
        self.assertEqual(pending.ecom_posting_state, "pending")
        payloads = self.age(posted | review | pending, 91)
        self.env["ecom.payload"]._cron_redact_payloads()
        redacted = payloads.filtered("redacted_on")
        self.assertEqual(redacted.sale_order_id, posted)
        self.assertNotIn("camille@example.com", redacted.body)
        self.assertIn('"total_price": "55.20"', redacted.body)
        # The books themselves are Odoo's records: untouched.
        self.assertEqual(posted.partner_id.email, "camille@example.com")
        self.assertEqual(self.invoice_of(posted).state, "posted")
