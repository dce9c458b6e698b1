# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import json

from odoo.tests import BaseCase, TransactionCase, tagged
from odoo.tools.misc import file_path

from ..demo.ecom_demo import load_demo
from .samples import magento_order


def demo_file(name):
    """The JSON document of the connector's demo file ``name``."""
    with open(file_path(f"ecom_connector/demo/{name}"), "rb") as file:
        return json.load(file)


@tagged("post_install", "-at_install")
class TestDemoFiles(BaseCase):
    """The demo's payload files hold the sample generators' orders (how they were made)."""

    def test_magento_orders_are_the_generators(self):
        books = ("LIVRE-CUISINE", "Livre de cuisine")
        tea = ("CAFE-GRAINS-1KG", "Café en grains 1 kg")
        orders = [
            magento_order(6001),
            magento_order(
                6002,
                items=(
                    ("MUG-ARDOISE", "Mug ardoise", 1, "12.50", "0.00", "20"),
                    ("BOUGIE-LAVANDE", "Bougie lavande", 2, "15.90", "0.00", "20"),
                ),
                configurable=("MUG-ARDOISE",),
                guest=True,
                name="Léa Bernard",
                email="lea.bernard@example.fr",
                state="complete",
                payment_method="paypal_express",
                created_at="2026-11-03 14:05:00",
            ),
            magento_order(
                6003,
                items=((*books, 1, "29.00", "0.00", "5.5"), (*tea, 1, "21.00", "0.00", "5.5")),
                state="new",
                payment_method="banktransfer",
                name="Hugo Petit",
                email="hugo.petit@example.fr",
                created_at="2026-11-04 08:40:00",
            ),
            magento_order(
                6004,
                items=((*books, 2, "29.00", "5.80", "5.5"),),
                name="Inès Moreau",
                email="ines.moreau@example.fr",
                created_at="2026-11-04 17:20:00",
            ),
            magento_order(
                6005,
                state="canceled",
                name="Paul Garnier",
                email="paul.garnier@example.fr",
                created_at="2026-11-05 11:00:00",
            ),
        ]
        expected = {
            "items": orders,
            "search_criteria": {"filter_groups": []},
            "total_count": len(orders),
        }
        self.assertEqual(demo_file("magento_orders.json"), expected)


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """What ./ecom run shows: the demo shop and its imported orders."""

    def test_demo_shop_imports_a_dozen_orders(self):
        shop = load_demo(self.env)
        self.assertEqual(shop.code, "DEMO")
        self.assertEqual(shop.company_id.currency_id.name, "EUR")
        self.assertEqual(shop.warehouse_id.company_id, shop.company_id)
        self.assertTrue(shop.team_id)
        # The connector's dozen (other addons may add demo orders of their own).
        demo_ids = [str(number) for number in range(5001, 5013)]
        domain = [("ecom_shop_id", "=", shop.id), ("ecom_external_id", "in", demo_ids)]
        orders = self.env["sale.order"].search(domain)
        self.assertEqual(len(orders), 12)
        self.assertEqual(shop.payload_failed_count, 0)
        confirmed = orders.filtered(lambda so: so.state == "sale")
        self.assertGreaterEqual(len(confirmed), 8)
        self.assertTrue(all(so.picking_ids for so in confirmed))
        held = orders.filtered("ecom_hold_reason_ids")
        self.assertEqual(held.mapped("ecom_external_id"), ["5010"])
        self.assertEqual(held.ecom_hold_reason_ids.code, "unknown_product")
        # Held, not confirmed: its problem names the SKU the seller does not sell.
        self.assertIn("SAC-TOILE", held.ecom_problems)
        self.assertEqual(held.state, "draft")
        self.assertFalse(held.picking_ids)
        self.assertEqual(orders.filtered(lambda so: so.state == "cancel").ecom_external_id, "5007")
        matching = orders.filtered(lambda so: not so.ecom_hold_reason_ids and so.state != "cancel")
        self.assertTrue(all(so.ecom_total_difference == 0 for so in matching))
        # Running it again changes nothing.
        self.assertEqual(load_demo(self.env), shop)
        self.assertEqual(self.env["sale.order"].search_count(domain), 12)

    def test_the_demo_company_names_its_warehouse_and_pricelist(self):
        # As the accounting addon's demo does before the shop (a French seller).
        company = self.env.company
        company.name = "Boutique Démo SAS"
        pricelist = self.env["product.pricelist"].create(
            {"name": "Default", "company_id": company.id}
        )
        shop = load_demo(self.env)
        self.assertEqual(shop.warehouse_id.name, "Boutique Démo SAS")
        delivery = shop.warehouse_id.out_type_id
        self.assertEqual(delivery.display_name, f"Boutique Démo SAS: {delivery.name}")
        self.assertEqual(pricelist.name, "Public Prices")

    def test_demo_magento_shop(self):
        load_demo(self.env)
        shop = self.env["ecom.shop"].search(
            [("code", "=", "DEMOMAG"), ("company_id", "=", self.env.company.id)]
        )
        self.assertEqual(shop.platform, "magento")
        orders = self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)], order="id")
        self.assertEqual(
            orders.mapped("ecom_external_id"), ["6001", "6002", "6003", "6004", "6005"]
        )
        self.assertEqual(shop.payload_failed_count, 0)
        self.assertFalse(orders.ecom_hold_reason_ids, orders.mapped("ecom_problems"))
        self.assertTrue(all(so.ecom_total_difference == 0 for so in orders))
        by_id = {so.ecom_external_id: so for so in orders}
        # 2 × 24.90 + 5.90 shipping, 20 % VAT.
        self.assertEqual(by_id["6001"].amount_total, 66.84)
        guest = by_id["6002"]
        self.assertEqual(
            guest.order_line.filtered(lambda line: not line.is_delivery).mapped("ecom_sku"),
            ["MUG-ARDOISE", "BOUGIE-LAVANDE"],
            "the configurable product sold once, not parent and child",
        )
        self.assertEqual(guest.partner_id.email, "lea.bernard@example.fr")
        self.assertEqual(by_id["6003"].ecom_financial_status, "pending")
        self.assertEqual(by_id["6004"].amount_untaxed, 52.20 + 5.90)
        self.assertEqual(by_id["6005"].state, "cancel")
        self.assertEqual(load_demo(self.env).code, "DEMO")
        self.assertEqual(self.env["sale.order"].search_count([("ecom_shop_id", "=", shop.id)]), 5)

    def test_demo_database_made_before_the_magento_shop_gets_it(self):
        self.env["ecom.shop"].create({"name": "Démo", "code": "DEMO", "platform": "shopify"})
        load_demo(self.env)
        shop = self.env["ecom.shop"].search(
            [("code", "=", "DEMOMAG"), ("company_id", "=", self.env.company.id)]
        )
        self.assertEqual(shop.platform, "magento")
        self.assertEqual(len(shop.payload_ids), 5)
