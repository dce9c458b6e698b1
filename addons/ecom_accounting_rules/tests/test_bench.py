# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import tagged

from odoo.addons.ecom_connector.cli.bench import _measure, bench_orders

from ..cli.bench import bench_posting
from .common import PostingCase


@tagged("post_install", "-at_install")
class TestPostingBenchmark(PostingCase):
    def test_both_flows_post_and_pay_every_order(self):
        shop = self.env["ecom.shop"].create(
            {
                "name": "Bench",
                "code": "BENCH",
                "platform": "shopify",
                "unknown_product_policy": "create",
            }
        )
        figures = bench_posting(shop, 4, lambda _message: None, _measure, bench_orders)
        self.assertEqual(figures["orders"], 4)
        self.assertEqual(figures["ecom_orders_posted_and_paid"], 4)
        self.assertEqual(
            [flow["flow"] for flow in figures["flows"]],
            ["odoo_standard_per_order_posting", "ecom_batch_posting"],
        )
        self.assertTrue(all(flow["queries"] > 0 for flow in figures["flows"]))
        orders = self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])
        invoices = orders.invoice_ids
        self.assertEqual(len(invoices), 8)
        self.assertEqual(set(invoices.mapped("payment_state")) - {"in_payment"}, {"paid"})
