# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import UserError
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

    def test_cross_company_relations_are_refused(self):
        """Pull runs, webhook calls and CSV layouts point only to records of their company."""
        other = self.env["res.company"].create({"name": "Autre Société"})
        twin = self.env["ecom.shop"].create(
            {"name": "Twin", "code": "TWIN", "platform": "shopify", "company_id": other.id}
        )
        run = self.env["ecom.sync.run"].create({"shop_id": self.shop.id, "trigger": "manual"})
        self.assertEqual(run.company_id, self.company)
        Payload = self.env["ecom.payload"]
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            Payload.create({"shop_id": twin.id, "body": "{}", "sync_run_id": run.id})
        (payload,) = self.import_orders(shopify_order(order_id=6101))
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.env["ecom.webhook.event"].create(
                {"shop_id": twin.id, "payload_id": payload.id, "status_code": 200}
            )
        layout = self.env["ecom.csv.layout"].create(
            {"name": "Export maison", "company_id": self.company.id, "options": {"columns": {}}}
        )
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            twin.csv_layout_id = layout
        # Within one company, or shared, they are taken.
        run_payload = Payload.create({"shop_id": self.shop.id, "body": "{}", "sync_run_id": run.id})
        self.assertEqual(run_payload.sync_run_id, run)
        layout.company_id = False
        twin.csv_layout_id = layout
        self.assertEqual(twin.csv_layout_id, layout)
