# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import tagged

from .common import EcomCase, company_user, shopify_order


@tagged("post_install", "-at_install")
class TestCompanyWalls(EcomCase):
    """Shops, mappings and payloads of one company stay out of another's sight."""

    def test_other_company_sees_nothing(self):
        self.import_orders(shopify_order(order_id=6001))
        self.env["ecom.payment.map"].create(
            {
                "shop_id": self.shop.id,
                "gateway": "shopify_payments",
                "journal_id": self.env["account.journal"]
                .search([("company_id", "=", self.company.id), ("type", "=", "bank")], limit=1)
                .id,
            }
        )
        other = self.env["res.company"].create({"name": "Autre Société"})
        outsider = company_user(
            self.env, "ecom_outsider", "ecom_connector.group_ecom_manager", other
        )
        env = self.env(user=outsider)
        self.assertFalse(env["ecom.shop"].search([]))
        self.assertFalse(env["ecom.payload"].search([]))
        self.assertFalse(env["ecom.payment.map"].search([]))
        self.assertFalse(env["sale.order"].search([("ecom_shop_id", "!=", False)]))
        # The owner still sees its own.
        self.assertEqual(self.env["ecom.payload"].search_count([("shop_id", "=", self.shop.id)]), 1)

    def test_same_code_allowed_in_two_companies(self):
        other = self.env["res.company"].create({"name": "Autre Société"})
        twin = self.env["ecom.shop"].create(
            {"name": "Twin", "code": self.shop.code, "platform": "shopify", "company_id": other.id}
        )
        self.assertEqual(twin.code, self.shop.code)
