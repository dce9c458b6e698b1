# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Differences between the shop's total and the order's, by size; WooCommerce gift cards.

A difference within the shop's tolerance is a rounding difference, listed in
the import report; above it the totals do not reconcile, with the likely
causes. WooCommerce gift cards are payments, so such an order is exact.
"""

import json

from odoo.tests import tagged

from .common import PAYLOADS, EcomCase, FrenchMixin, shopify_order

NBSP = "\N{NO-BREAK SPACE}"


def per_unit_rounded_order(order_id):
    """3 candles at 0.99 excluding 20 % tax, the shop rounding the tax of each unit.

    0.198 a unit is 0.20, 0.60 for three: the shop charges 3.57 where Odoo,
    rounding the line's tax (0.594), totals 3.56.
    """
    data = shopify_order(
        order_id=order_id, lines=(("CANDLE", "Bougie", 3, "0.99", "0.00", "20"),), shipping=None
    )
    data["line_items"][0]["tax_lines"][0]["price"] = "0.60"
    data.update(total_tax="0.60", total_price="3.57")
    return data


class TotalsCase(EcomCase):
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

    def woo_sample(self, name):
        return json.loads((PAYLOADS / "woocommerce" / name).read_text())


@tagged("post_install", "-at_install")
class TestDifferences(TotalsCase):
    def test_difference_within_tolerance_is_listed_as_rounding(self):
        self.shop.rounding_tolerance = 0.02
        (payload,) = self.import_orders(per_unit_rounded_order(9101))
        order = payload.sale_order_id
        self.assertEqual(payload.state, "done")
        self.assertFalse(order.ecom_hold_reason_ids)
        self.assertEqual(order.state, "sale")
        sentence = (
            f"Rounding difference of 0.01{NBSP}€: the shop charged 3.57{NBSP}€, the order "
            f"totals 3.56{NBSP}€ (within the shop's tolerance of 0.02{NBSP}€)."
        )
        self.assertIn(sentence, payload.note)
        self.assertIn(sentence, payload._ecom_result()["problems"])

    def test_tax_rounded_per_unit_without_tolerance_suggests_one(self):
        (payload,) = self.import_orders(per_unit_rounded_order(9102))
        order = payload.sale_order_id
        self.assertEqual(payload.state, "held")
        self.assertEqual(order.ecom_hold_reason_ids.mapped("code"), ["total_mismatch"])
        self.assertIn(
            f"The shop charged 3.57{NBSP}€ but the order totals 3.56{NBSP}€: the totals do "
            f"not reconcile (difference 0.01{NBSP}€).",
            order.ecom_problems,
        )
        self.assertIn(
            f"the shop's tax (0.60{NBSP}€) and the tax Odoo computes (0.59{NBSP}€)",
            order.ecom_problems,
        )
        self.assertIn(f"a rounding tolerance of 0.01{NBSP}€ on the shop", order.ecom_problems)

    def test_large_difference_names_the_likely_causes_without_suggesting_a_tolerance(self):
        data = shopify_order(order_id=9103)
        data["total_price"] = "100.00"  # lines and shipping: 55.20
        (payload,) = self.import_orders(data)
        problems = payload.sale_order_id.ecom_problems
        self.assertEqual(payload.state, "held")
        self.assertIn("the totals do not reconcile (difference 44.80", problems)
        self.assertIn("a line, a fee or a shipping charge may be missing", problems)
        self.assertNotIn("rounding tolerance", problems)
        self.assertNotIn("Rounding difference", problems)

    def test_missing_gift_card_named_as_the_cause(self):
        # A shop whose total leaves out a gift card it lists as a payment.
        data = self.woo_sample("order_gift_card.json")
        data["total"] = "19.89"  # the card taken off twice: 79.89 - 30 - 30
        (payload,) = self.import_woo(data)
        problems = payload.sale_order_id.ecom_problems
        self.assertEqual(payload.state, "held")
        self.assertIn(f"It equals the gift cards the customer paid with (30.00{NBSP}€)", problems)

    def test_exact_order_says_nothing(self):
        (payload,) = self.import_orders(shopify_order(order_id=9104))
        self.assertEqual(payload.state, "done")
        self.assertFalse(payload.note)


@tagged("post_install", "-at_install")
class TestDifferencesInFrench(FrenchMixin, TotalsCase):
    def test_amounts_in_french(self):
        self.shop.rounding_tolerance = 0.02
        shop = self.shop.with_env(self.env_fr)
        content = json.dumps({"orders": [per_unit_rounded_order(9111)]}).encode()
        (payload,) = shop._ecom_receive_file(content, "orders.json")
        payload._ecom_process()
        self.assertEqual(payload.state, "done")
        self.assertIn(f"0,01{NBSP}€", payload.note)
        self.assertIn(f"3,57{NBSP}€", payload.note)
        self.assertIn(f"3,56{NBSP}€", payload.note)


@tagged("post_install", "-at_install")
class TestWooCommerceGiftCards(TotalsCase):
    def test_gift_card_order_is_exact_and_its_payments_recorded(self):
        (payload,) = self.import_woo(self.woo_sample("order_gift_card.json"))
        order = payload.sale_order_id
        self.assertEqual(payload.state, "done", payload.note)
        self.assertFalse(order.ecom_hold_reason_ids, order.ecom_problems)
        self.assertEqual(order.amount_total, 79.89)
        self.assertEqual(order.ecom_shop_total, 79.89)
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            sorted(
                (p.gateway, p.amount, p.is_gift_card, p.transaction_id or "")
                for p in order.ecom_payment_ids
            ),
            [
                ("gift_card", 30.0, True, ""),
                ("stripe", 49.89, False, "pi_3QNbGt2eZvKYlo2C1aQ7wE5c"),
            ],
        )
        self.assertEqual(order.ecom_payment_gateway, "stripe")

    def test_same_card_on_two_orders(self):
        """A card is no transaction: it may pay part of several orders."""
        first = self.woo_sample("order_gift_card.json")
        second = self.woo_sample("order_gift_card.json")
        second.update(id=4531, number="4531", transaction_id="pi_3QNbGt2eZvKYlo2C1aQ7wE5d")
        payloads = self.import_woo(first) | self.import_woo(second)
        self.assertEqual(payloads.mapped("state"), ["done", "done"])
        self.assertEqual(
            payloads.sale_order_id.ecom_payment_ids.filtered("is_gift_card").mapped("amount"),
            [30.0, 30.0],
        )
