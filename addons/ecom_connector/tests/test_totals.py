# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Parts given only as totals rebuilt to the cent; older schemas read as modern ones."""

import copy

from ..adapters import get_adapter
from ..adapters.canonical import InboundDocument
from ..adapters.totals import rebuild_from_totals
from ..adapters.utils import dump_json
from .common import PAYLOADS, AdapterCase, D


class TestTotalsRebuilt(AdapterCase):
    platform = "shopify"

    def rebuilt(self, data, platform="shopify"):
        adapter = get_adapter(platform, {"timezone": "Europe/Paris"})
        return rebuild_from_totals(adapter.parse(InboundDocument(body=dump_json(data))))

    def test_order_level_discount_and_taxes_of_an_old_shopify_order(self):
        data = self.payload("order_totals_only.json")
        order = self.rebuilt(data)
        teapot, tea = order.lines
        # 6.50 prorated over 45.00 and 20.00 as Shopify allocates it.
        self.assertEqual((teapot.discount, tea.discount), (D("4.50"), D("2.00")))
        self.assertTaxes(teapot, (D(20), D("8.10")))
        self.assertTaxes(tea, (D(20), D("3.60")))
        self.assertTaxes(order.shipping_lines[0], (D(20), D("1.00")))
        self.assertAddsUp(order)
        self.assertEqual([code for code, _sentence in order.warnings], ["rebuilt_from_totals"] * 2)
        self.assertIn("prorated", order.warnings[0][1])
        self.assertIn("12.70 EUR at 20 %", order.warnings[1][1])

    def test_uneven_proration_stays_exact(self):
        data = self.payload("order_totals_only.json")
        data["line_items"].append(
            {
                "id": 3,
                "name": "Tasse",
                "sku": "CUP",
                "quantity": 3,
                "price": "3.33",
                "tax_lines": None,
            }
        )
        # 74.99 before discount; 7.00 off; 20 % on what is left and the shipping.
        data.update(total_discounts="7.00", total_tax="14.60", total_price="87.59")
        order = self.rebuilt(data)
        self.assertEqual(sum(line.discount for line in order.lines), D("7.00"))
        self.assertEqual([line.discount for line in order.lines], [D("4.20"), D("1.87"), D("0.93")])
        self.assertAddsUp(order)

    def test_nothing_is_rebuilt_when_the_totals_do_not_prove_it(self):
        data = self.payload("order_totals_only.json")
        data["total_price"] = "80.00"  # the parts cannot make this total
        order = self.rebuilt(data)
        self.assertEqual([line.discount for line in order.lines], [D(0), D(0)])
        self.assertFalse(any(line.taxes for line in order.lines))
        self.assertFalse(order.warnings)

    def test_taxes_no_single_rate_explains_are_flagged(self):
        data = self.payload("order_totals_only.json")
        # 20 % on the teapot, 5.5 % on the tea and the shipping: 8.10 + 0.99 + 0.28.
        data.update(total_tax="9.37", total_price="72.87")
        order = self.rebuilt(data)
        self.assertFalse(any(line.taxes for line in order.lines))
        self.assertEqual(len(order.warnings), 2)
        self.assertIn("no single rate explains", order.warnings[1][1])

    def test_modern_orders_are_left_alone(self):
        for platform in ("shopify", "woocommerce"):
            adapter = get_adapter(platform, {"timezone": "Europe/Paris"})
            for name in ("order_taxes_excluded.json", "order_taxes_included.json"):
                content = (PAYLOADS / platform / name).read_bytes()
                (document,) = adapter.split(content, name)
                order = adapter.parse(document)
                before = copy.deepcopy(order)
                self.assertEqual(rebuild_from_totals(order), before, f"{platform} {name}")

    def test_legacy_woocommerce_order_with_shipping_as_totals(self):
        adapter = get_adapter("woocommerce", {"timezone": "Europe/Paris"})
        content = (PAYLOADS / "woocommerce" / "order_legacy_v2.json").read_bytes()
        (document,) = adapter.split(content, "order_legacy_v2.json")
        self.assertEqual(document.external_id, "2201")
        self.assertEqual(str(document.revision), "2015-01-21 16:45:02")
        order = rebuild_from_totals(adapter.parse(document))
        self.assertAttributes(order, reference="2201", financial_status="paid")
        (line,) = order.lines
        self.assertEqual((line.sku, line.quantity, line.unit_price), ("TSHIRT-BIO-M", D(2), D(20)))
        self.assertTaxes(line, (D(20), D("8.00")))
        (shipping,) = order.shipping_lines
        self.assertEqual(shipping.price, D("5.90"))
        self.assertTaxes(shipping, (D(20), D("1.18")))
        self.assertEqual(order.payments[0].gateway, "bacs")
        self.assertEqual(order.billing_address.email, "claire.dubois@example.fr")
        self.assertAddsUp(order)
        self.assertIn(
            "Shipping rebuilt from the order's total (5.90 EUR).",
            [sentence for _code, sentence in order.warnings],
        )
