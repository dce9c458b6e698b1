# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A tax the import creates from the shop opens one review item, not one per order."""

import json

from odoo.tests import tagged

from odoo.addons.ecom_connector.tests.test_compound_taxes import GST, QST, taxed_order

from .common import PostingCase, shopify_order


def german_order(order_id):
    """A Shopify order taxed at 19 % (MwSt.), a rate the French test company lacks."""
    lines = (("THE-FONTE-1L", "Théière en fonte", 1, "45.00", "0.00", "19"),)
    order = shopify_order(order_id=order_id, lines=lines)
    for item in order["line_items"]:
        for tax in item["tax_lines"]:
            tax["title"] = "MwSt."
    return order


@tagged("post_install", "-at_install")
class TestTaxCreated(PostingCase):
    def test_one_review_item_per_created_tax(self):
        self.shop.unknown_tax_policy = "create"
        first = self.import_orders(german_order(8101), german_order(8102)).sale_order_id
        self.import_orders(german_order(8103))
        items = self.env["ecom.review.item"].search([("reason_code", "=", "tax_created")])
        self.assertEqual(len(items), 1, "one item for the tax, not one per order")
        self.assertIn(items.sale_order_id, first)
        self.assertEqual(items.shop_id, self.shop)
        self.assertIn(
            "Tax created from the shop: check its accounts and tax report tags.",
            items.description,
        )
        (mapping,) = self.shop.tax_map_ids
        self.assertEqual(items.key, f"tax_created:{mapping.tax_id.id}")
        self.assertIn(mapping.tax_id.name, items.name)
        orders = self.env["sale.order"].search(
            [("ecom_external_id", "in", ["8101", "8102", "8103"])]
        )
        self.assertEqual(len(orders), 3)
        self.assertFalse(orders.ecom_hold_reason_ids, "the created tax holds nothing")
        json.dumps(items.read(["name", "description"]))  # readable, as the queue shows it

    def test_one_review_item_per_component_of_a_compound_tax(self):
        self.shop.unknown_tax_policy = "create"
        self.import_orders(taxed_order(8201, [GST, QST], compound=["QST"]))
        self.import_orders(taxed_order(8202, [GST, QST], compound=["QST"]))
        items = self.env["ecom.review.item"].search([("reason_code", "=", "tax_created")])
        self.assertEqual(len(items), 2, "GST in the base of the compound QST, and QST")
        self.assertEqual(
            sorted(items.mapped("key")),
            sorted(f"tax_created:{tax.id}" for tax in self.shop.tax_map_ids.tax_id),
        )
        order = self.order_of(8201)
        self.assertEqual(items.sale_order_id, order)
        self.assertEqual(order.amount_total, order.ecom_shop_total)
