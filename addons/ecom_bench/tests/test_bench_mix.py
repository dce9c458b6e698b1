# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The bench's order mix: gift card payments and full refunds, as the import reads them."""

from odoo.tests import tagged

from odoo.addons.ecom_connector.tests.common import EcomCase

from ..bench import bench_orders, bench_refunds, is_gift_card_order, is_refunded_order


@tagged("post_install", "-at_install")
class TestBenchMix(EcomCase):
    def test_mix_has_gift_cards_and_full_refunds(self):
        orders = bench_orders(40, 8_100_000)
        gift_cards = [n for n in range(40) if is_gift_card_order(n)]
        refunded = [n for n in range(40) if is_refunded_order(n)]
        self.assertEqual((len(gift_cards), len(refunded)), (2, 2))
        self.assertFalse(set(gift_cards) & set(refunded))
        self.assertEqual(
            [
                n
                for n, order in enumerate(orders)
                if order["payment_gateway_names"] == ["gift_card"]
            ],
            gift_cards,
        )
        updates = bench_refunds(orders)
        self.assertEqual([update["id"] for update in updates], [orders[n]["id"] for n in refunded])
        # Three orders already hold one of each.
        self.assertEqual(len(bench_refunds(bench_orders(3, 8_200_000))), 1)
        self.assertEqual(
            [o["payment_gateway_names"] for o in bench_orders(3, 8_300_000)][1], ["gift_card"]
        )

    def test_import_reads_the_gift_card_payment_and_the_full_refund(self):
        orders = bench_orders(3, 8_400_000)
        self.import_orders(*orders)
        gift = self.order_of(orders[1]["id"])
        self.assertTrue(gift.ecom_payment_ids.is_gift_card)
        self.assertAlmostEqual(gift.ecom_payment_ids.amount, float(orders[1]["total_price"]), 2)
        self.import_orders(*bench_refunds(orders), filename="refunds.json")
        refunded = self.order_of(orders[2]["id"])
        refund = refunded.ecom_refund_ids
        self.assertEqual(len(refund), 1)
        self.assertAlmostEqual(refund.amount, float(orders[2]["total_price"]), 2)
        self.assertAlmostEqual(refund.amount, refunded.amount_total, 2)
        self.assertEqual(
            sorted(refund.line_ids.mapped("quantity")),
            sorted(item["quantity"] for item in orders[2]["line_items"]),
        )
