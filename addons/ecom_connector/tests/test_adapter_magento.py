# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The Magento 2 adapter on payloads shaped as its REST reference documents them."""

import copy
import json
from datetime import datetime

from ..adapters.canonical import PayloadError
from .common import AdapterCase, D


class TestMagentoAdapter(AdapterCase):
    platform = "magento"

    def test_configurable_and_bundle_items_are_taken_once(self):
        order = self.order("order_configurable_bundle.json")
        self.assertReferenceHeader(order, external_id="101", reference="000000101", warnings=[])
        # The configurable parent (not its zero-priced child), the bundle's
        # priced children (not their parent).
        hoodie, tea, cup = order.lines
        self.assertAttributes(
            hoodie, external_id="201", sku="MH01-M-NOIR", unit_price=D("50.0"), discount=D("5.0")
        )
        self.assertTaxes(hoodie, (D(20), D("9.0")))
        self.assertEqual(hoodie.taxes[0].title, "TVA 20 %")
        self.assertAttributes(tea, external_id="204", sku="THE-SENCHA-100", unit_price=D(12))
        self.assertTaxes(tea, (D("5.5"), D("0.66")))
        self.assertEqual(cup.sku, "THE-FONTE-TASSE")
        (shipping,) = order.shipping_lines
        self.assertAttributes(
            shipping, title="Colissimo - Domicile", code="colissimo_home", price=D(6)
        )
        self.assertTaxes(shipping, (D(20), D("1.2")))
        self.assertAttributes(order.totals, total=D("95.46"), tax=D("14.46"), discount=D(5))
        self.assertAddsUp(order)
        self.assertAttributes(order.customer, external_id="12", is_guest=False)
        self.assertAttributes(
            order.shipping_address, street="18 rue des Tanneurs", street2="Bâtiment B", zip="69002"
        )
        (payment,) = order.payments
        self.assertAttributes(payment, gateway="checkmo", amount=D("95.46"))

    def test_search_result_guest_and_base_currency(self):
        documents, (guest, dollars) = self.documents_and_orders("orders_search.json")
        self.assertEqual([d.external_id for d in documents], ["102", "103"])
        self.assertEqual(documents[0].revision, datetime(2024, 11, 19, 15, 42, 10))
        self.assertAttributes(
            guest.customer, external_id=None, is_guest=True, email="lena.schmidt@example.de"
        )
        self.assertEqual(guest.customer.name, "Lena Schmidt")
        self.assertAttributes(guest.shipping_address, country_code="DE", state_code="BY")
        self.assertEqual(guest.fulfillment_status, "fulfilled")
        self.assertEqual(guest.payments[0].transaction_id, "8KX29715HE0123456")
        # Magento charges the base currency: EUR amounts, not the USD the customer saw.
        self.assertEqual(dollars.currency, "EUR")
        (line,) = dollars.lines
        self.assertEqual((line.unit_price, line.taxes[0].amount), (D(25), D("2.75")))
        self.assertEqual(dollars.totals.total, D("58.75"))
        self.assertEqual(dollars.payments[0].amount, D("58.75"))
        self.assertEqual([code for code, _s in dollars.warnings], ["presentment_currency"])
        self.assertAddsUp(dollars)
        self.assertAddsUp(guest)

    def test_credit_memo_is_a_refund(self):
        order = self.order("order_credit_memo.json")
        self.assertEqual(
            (order.financial_status, order.fulfillment_status), ("refunded", "fulfilled")
        )
        (refund,) = order.refunds
        self.assertAttributes(
            refund,
            external_id="7",
            amount=D(48),
            shipping_amount=D(4),
            reason="Tasses arrivées fêlées",
        )
        self.assertEqual(
            [(line.line_external_id, line.quantity, line.amount) for line in refund.lines],
            [("231", D(2), D(36))],
        )

    def test_order_amounts_without_base_amounts_are_converted(self):
        data = self.payload("orders_search.json")["items"][1]
        kept = ("base_currency_code", "base_to_order_rate")
        for key in [key for key in data if key.startswith("base_") and key not in kept]:
            del data[key]
        for item in data["items"]:
            for key in [key for key in item if key.startswith("base_")]:
                del item[key]
        data["extension_attributes"]["item_applied_taxes"] = None
        order = self.parse(data)
        self.assertEqual(order.currency, "EUR")
        self.assertEqual(order.totals.total, D("58.75"))
        self.assertEqual(order.lines[0].unit_price, D("25.00"))

    def test_null_lists_and_bad_payloads(self):
        data = self.payload("order_configurable_bundle.json")
        data.update(extension_attributes=None, status_histories=None, payment=None)
        order = self.parse(data)
        self.assertEqual(len(order.lines), 3)
        self.assertEqual([p.gateway for p in order.payments], ["magento"], "paid, method unknown")
        self.assertEqual(order.shipping_lines[0].taxes[0].rate, D(20))
        empty = copy.deepcopy(data)
        empty["items"] = None
        with self.assertRaisesRegex(PayloadError, "no items"):
            self.parse(empty)
        del data["entity_id"]
        with self.assertRaisesRegex(PayloadError, "entity_id"):
            self.parse(data)
        (document,) = self.adapter.split(
            json.dumps({"items": [{"increment_id": "9"}], "total_count": 1}).encode()
        )
        self.assertIn("no entity_id", document.error)

    def test_ndjson_with_a_bad_line(self):
        orders = self.payload("orders_search.json")["items"]
        content = "\n".join([json.dumps(orders[0]), "{not json", json.dumps(orders[1])])
        documents = self.adapter.split(content.encode(), "orders.ndjson")
        self.assertEqual([d.external_id for d in documents], ["102", None, "103"])
        self.assertIn("Line 2", documents[1].error)

    def test_shipping_tax_from_shipping_incl_tax(self):
        data = json.loads(self.sample("orders_search.json"))["items"][0]
        for key in ("shipping_tax_amount", "base_shipping_tax_amount"):
            data.pop(key)
        data["extension_attributes"].pop("item_applied_taxes")
        (shipping,) = self.parse(data).shipping_lines
        self.assertEqual(shipping.price, D("12.0"))
        self.assertTaxes(shipping, (D(19), D("2.28")))

    def test_compound_tax_told_from_the_amounts(self):
        """A Quebec item: GST 5 %, then QST 9.975 % of the price plus the GST."""
        data = json.loads(self.sample("orders_search.json"))["items"][0]
        (item,) = data["items"]
        item.update(price=100.0, base_price=100.0, row_total=100.0, base_row_total=100.0)
        taxes = [
            {"code": "CA-GST", "title": "GST", "percent": 5, "amount": 5.0, "base_amount": 5.0},
            {"code": "CA-QST", "title": "QST", "percent": 9.975, "amount": 10.47},
        ]
        data["extension_attributes"]["item_applied_taxes"][0]["applied_taxes"] = taxes
        (line,) = self.parse(data).lines
        self.assertEqual(
            [(t.title, t.amount, t.compound) for t in line.taxes],
            [("GST", D("5.0"), False), ("QST", D("10.47"), True)],
        )
