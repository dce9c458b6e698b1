# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Every sample payload of a platform, through the adapter and the importer."""

from pathlib import Path

from odoo.tests import tagged

from .common import EcomCase

PAYLOADS = Path(__file__).parent / "payloads"
# Orders taxed at German rates the French test company has no tax for (no OSS setup),
# and at Quebec's GST and compound QST.
HELD_FOR_TAX = {"shopify": {"5879902814373"}, "woocommerce": {"4524", "7310"}}


@tagged("post_install", "-at_install")
class TestImportSamples(EcomCase):
    def _import_platform(self, platform):
        shop = self.env["ecom.shop"].create(
            {
                "name": f"Samples {platform}",
                "code": f"S-{platform}",
                "platform": platform,
                "unknown_product_policy": "create",
            }
        )
        payloads = self.env["ecom.payload"]
        for path in sorted((PAYLOADS / platform).glob("*.json")):
            payloads |= shop._ecom_receive_file(path.read_bytes(), path.name)
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        return shop, payloads

    def _check(self, platform):
        shop, payloads = self._import_platform(platform)
        self.assertGreaterEqual(len(payloads), 9)
        self.assertFalse(
            payloads.filtered(lambda p: p.state == "failed").mapped("error"),
            "every sample payload imports",
        )
        orders = self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])
        self.assertEqual(len(orders), len(set(payloads.mapped("external_id"))))
        for order in orders:
            if order.ecom_external_id in HELD_FOR_TAX[platform]:
                self.assertIn("unknown_tax", order.ecom_hold_reason_ids.mapped("code"))
                continue
            self.assertEqual(
                order.ecom_total_difference,
                0.0,
                f"{platform} {order.ecom_external_id}: {order.ecom_problems}",
            )
            self.assertFalse(order.ecom_hold_reason_ids, order.ecom_problems)
        return orders

    def test_shopify_samples(self):
        orders = self._check("shopify")
        cancelled = orders.filtered("ecom_cancelled_at")
        self.assertTrue(cancelled)
        self.assertEqual(set(cancelled.mapped("state")), {"cancel"})

    def test_woocommerce_samples(self):
        orders = self._check("woocommerce")
        with_coupons = orders.filtered(lambda so: so.ecom_note and "printemps5" in so.ecom_note)
        self.assertEqual(len(with_coupons), 1)
        self.assertIn("anniversaire", with_coupons.ecom_note)
        self.assertFalse(with_coupons.note, "shop notes stay off printed documents")
        self.assertTrue(
            with_coupons.order_line.filtered(lambda line: "Fee" in line.product_id.name)
        )
