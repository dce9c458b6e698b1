# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""No tax is created from an order whose amounts do not reconcile: the rate waits with it."""

import json

from odoo.tests import tagged

from .common import PAYLOADS, EcomCase


@tagged("post_install", "-at_install")
class TestNoTaxFromUnreconciledOrders(EcomCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # With the accounting rules installed, the company's tolerance counts too.
        if "ecom_rounding_tolerance" in cls.company._fields:
            cls.company.ecom_rounding_tolerance = 0.0
        cls.woo = cls.env["ecom.shop"].create(
            {
                "name": "Boutique Woo",
                "code": "WOO",
                "platform": "woocommerce",
                "unknown_product_policy": "create",
                "unknown_tax_policy": "create",
                "confirm_orders": True,
            }
        )

    def import_woo(self, data):
        payloads = self.woo._ecom_receive_file(json.dumps(data).encode(), "order.json")
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        return payloads

    def estimated_rate_order(self, total):
        """A WooCommerce order whose line tax points to a rate missing from the order.

        The tea's tax (0.51 on 25.50 before the coupon, 0.46 after) is then
        estimated at 2 %, a rate the company lacks; the shop's policy creates
        the taxes it lacks. Exact, the order totals 79.09.
        """
        data = json.loads((PAYLOADS / "woocommerce" / "order_taxes_excluded.json").read_text())
        tea = data["line_items"][1]
        tea.update(subtotal_tax="0.51", total_tax="0.46")
        tea["taxes"] = [{"id": 7, "total": "0.459", "subtotal": "0.51"}]
        data.update(total=total, total_tax="9.74")
        return data

    def created_taxes(self):
        return self.env["account.tax"].search(
            [("company_id", "=", self.company.id), ("amount", "=", 2.0)]
        )

    def test_no_tax_created_while_the_totals_do_not_reconcile(self):
        (payload,) = self.import_woo(self.estimated_rate_order("109.09"))
        order = payload.sale_order_id
        self.assertEqual(payload.state, "held")
        self.assertFalse(self.created_taxes(), "no tax from amounts that do not add up")
        self.assertFalse(self.woo.tax_map_ids)
        self.assertEqual(
            set(order.ecom_hold_reason_ids.mapped("code")), {"unknown_tax", "total_mismatch"}
        )
        self.assertIn("is not created while the order's amounts do not reconcile", payload.note)
        self.assertIn("The sale tax of 2 %", payload.note)
        # The shop corrects the order: reprocessed, the tax is created and the order is exact.
        corrected = self.estimated_rate_order("79.09")
        corrected["date_modified_gmt"] = "2024-11-18T13:10:00"
        (again,) = self.import_woo(corrected)
        self.assertEqual(again.sale_order_id, order)
        self.assertEqual(again.state, "done", again.note)
        (tax,) = self.created_taxes()
        self.assertEqual(self.woo.tax_map_ids.tax_id, tax)
        self.assertIn(tax, order.order_line.tax_id)
        self.assertFalse(order.ecom_hold_reason_ids)
        self.assertAlmostEqual(order.amount_total, 79.09)

    def test_tax_created_from_an_order_that_reconciles(self):
        (payload,) = self.import_woo(self.estimated_rate_order("79.09"))
        self.assertEqual(payload.state, "done", payload.note)
        self.assertEqual(len(self.created_taxes()), 1)
