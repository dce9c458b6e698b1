# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import TransactionCase, tagged

from ..demo.ecom_demo import load_demo


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
