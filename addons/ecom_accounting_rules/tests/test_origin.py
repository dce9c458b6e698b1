# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A sales clerk cannot book money: the payment of an order from a user's file waits."""

import json

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.ecom_connector.const import REASON_UNVERIFIED_PAYMENT

from .common import PostingCase, shopify_order


@tagged("post_install", "-at_install")
class TestOrderOrigin(PostingCase):
    def setUp(self):
        super().setUp()
        self.clerk = new_test_user(
            self.env,
            "ecom_clerk_origin",
            groups="ecom_connector.group_ecom_user,base.group_partner_manager,"
            "product.group_product_manager",
        )

    def clerk_uploads(self, *orders):
        content = json.dumps({"orders": list(orders)}).encode()
        payloads = self.shop.with_user(self.clerk)._ecom_receive_file(content, "paid.json")
        payloads._ecom_process()
        self.assertEqual(set(payloads.mapped("state")), {"done"}, payloads.mapped("error"))
        self.engine._post_orders(payloads.sale_order_id)
        return payloads.sale_order_id

    def test_a_clerks_paid_file_waits_for_the_accountant(self):
        order = self.env["sale.order"].browse(self.clerk_uploads(shopify_order(9101)).id)
        self.assertEqual(order.ecom_origin, "file")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.ecom_posting_state, "review")
        self.assertFalse(order.invoice_ids)
        item = order.ecom_review_item_ids
        self.assertEqual(item.reason_id.code, REASON_UNVERIFIED_PAYMENT)
        self.assertIn("ecom_clerk_origin", item.description)
        # The clerk cannot book it; the accountant, having checked the payout, can.
        with self.assertRaises(AccessError):
            item.with_user(self.clerk)._ecom_post_anyway()
        self.env["ecom.review.item"].browse(item.id)._ecom_post_anyway()
        invoice = self.invoice_of(order)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(self.payments_of(invoice).journal_id, self.stripe_journal)

    def test_the_shops_own_orders_post_as_before(self):
        order = self.import_and_post(shopify_order(9102))  # the command line / system
        self.assertEqual(order.ecom_origin, "command")
        self.assertEqual(order.ecom_posting_state, "posted")
        self.assertEqual(self.invoice_of(order).payment_state, "paid")

    def test_a_managers_rule_may_trust_files(self):
        self.rules.filtered(lambda r: r.action == "post").origin_ids = self.env[
            "ecom.rule.value"
        ]._ecom_get("origin", ["file", "pull", "webhook"])
        order = self.clerk_uploads(shopify_order(9103))
        self.assertEqual(order.ecom_posting_state, "posted")
        self.assertEqual(self.invoice_of(order).payment_state, "paid")

    def test_origin_condition(self):
        paid_rule = self.rules.filtered(lambda r: r.action == "post")
        version = paid_rule.version
        paid_rule.origin_ids = self.env["ecom.rule.value"]._ecom_get("origin", ["webhook"])
        self.assertEqual(paid_rule.version, version + 1)
        # Only webhooks match the paying rule now: a command-line order is only invoiced.
        order = self.import_and_post(shopify_order(9104))
        self.assertEqual(order.ecom_posting_state, "invoiced")
