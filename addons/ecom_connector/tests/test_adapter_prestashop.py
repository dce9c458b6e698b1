# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from decimal import Decimal

from odoo.tests import tagged

from ..adapters.canonical import InboundDocument, PayloadError
from ..adapters.utils import dump_json, load_json
from ..const import WARNING_PLACEHOLDER_CUSTOMER
from .common import AdapterCase


@tagged("post_install", "-at_install")
class TestPrestaShopAdapter(AdapterCase):
    platform = "prestashop"
    options = {"timezone": "Europe/Paris"}

    def test_xml_order(self):
        documents, (order,) = self.documents_and_orders("order_42.xml")
        self.assertEqual(documents[0].external_id, "42")
        self.assertEqual(str(documents[0].revision), "2026-11-05 13:25:40")  # Paris → UTC
        self.assertEqual(order.reference, "XKBKNABJK")
        self.assertEqual(order.currency, "EUR")
        self.assertTrue(order.prices_include_tax)
        self.assertEqual(order.financial_status, "paid")
        self.assertEqual([line.sku for line in order.lines], ["TSHIRT-BIO-M", "LIVRE-CUISINE"])
        self.assertEqual(order.lines[0].barcode, "3760123456789")
        self.assertEqual(
            [line.taxes[0].rate for line in order.lines], [Decimal(20), Decimal("5.5")]
        )
        self.assertEqual(order.lines[0].taxes[0].amount, Decimal("9.97"))
        self.assertEqual(order.shipping_lines[0].code, "3")
        self.assertEqual(order.shipping_lines[0].price, Decimal("6.900000"))
        (discount,) = order.fee_lines
        self.assertEqual(discount.amount, Decimal("-5.000000"))
        self.assertEqual(discount.taxes[0].rate, Decimal(20))
        total = (
            sum(line.quantity * line.unit_price for line in order.lines)
            + sum(s.price for s in order.shipping_lines)
            + sum(f.amount for f in order.fee_lines)
        )
        self.assertEqual(total, order.totals.total)
        self.assertEqual(order.totals.total, Decimal("91.700000"))
        # The customer is only an id in a file export: a placeholder, flagged.
        self.assertEqual(order.customer.external_id, "12")
        ((code, sentence),) = order.warnings
        self.assertEqual(code, WARNING_PLACEHOLDER_CUSTOMER)
        self.assertIn("placeholder", sentence)

    def test_json_orders_with_embedded_customer_and_cancellation(self):
        documents, (paid, cancelled) = self.documents_and_orders("orders.json")
        self.assertEqual([d.external_id for d in documents], ["43", "44"])
        self.assertEqual(paid.customer.email, "paul.janssens@example.be")
        self.assertEqual(paid.customer.name, "Paul Janssens")
        self.assertEqual(paid.billing_address.country_code, "BE")
        self.assertEqual(paid.billing_address.phone, "+32 470 12 34 56")
        self.assertEqual(paid.lines[0].taxes[0].rate, Decimal("5.5"))
        self.assertEqual(paid.payments[0].gateway, "ps_wirepayment")
        self.assertEqual(paid.payments[0].amount, Decimal("66.480000"))
        self.assertFalse(paid.warnings)
        self.assertTrue(cancelled.is_cancelled)
        self.assertEqual(cancelled.financial_status, "voided")

    def test_xml_and_json_give_the_same_order(self):
        (document,) = self.adapter.split(self.sample("order_42.xml"))
        as_json = dump_json({"order": load_json(document.body)}).encode()
        (again,) = self.adapter.split(as_json, "order.json")
        self.assertEqual(self.adapter.parse(document), self.adapter.parse(again))

    def test_errors(self):
        with self.assertRaisesRegex(PayloadError, "not valid XML"):
            self.adapter.split(b"<prestashop><order>", "x.xml")
        (only_id,) = self.adapter.split(
            b'<prestashop><orders><order id="5"><id>5</id></order></orders></prestashop>'
        )
        self.assertIn("display=full", only_id.error)
        body = load_json(self.adapter.split(self.sample("order_42.xml"))[0].body)
        body["id_currency"] = "3"
        with self.assertRaisesRegex(PayloadError, "Unknown currency id 3"):
            self.adapter.parse(InboundDocument(body=dump_json(body), external_id="42"))
        body["id_currency"] = "1"
        body["associations"]["order_rows"][0]["product_quantity"] = "-2"
        with self.assertRaisesRegex(PayloadError, "negative"):
            self.adapter.parse(InboundDocument(body=dump_json(body), external_id="42"))
