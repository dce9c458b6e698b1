# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The Amazon adapter on the Orders API's payloads and the settlement report's flat file."""

import copy
import json
from datetime import datetime

from ..adapters.canonical import PayloadError
from ..adapters.redaction import redact
from ..const import WARNING_TAX_RATE_ESTIMATED, WARNING_UNKNOWN_STATUS
from ..platforms.amazon.adapter import is_settlement_report
from .common import AdapterCase, D


class TestAmazonAdapter(AdapterCase):
    platform = "amazon"

    def api_orders(self):
        return json.loads(self.sample("orders.json"))["payload"]["Orders"]

    def test_pending_orders_are_left_out(self):
        documents = self.adapter.split(self.sample("orders.json"), "orders.json")
        self.assertEqual(
            [(d.external_id, d.revision, d.error) for d in documents],
            [
                ("408-1234567-1234567", datetime(2026, 11, 2, 10, 20), None),
                ("171-7654321-7654321", datetime(2026, 11, 4, 9), None),
            ],
            "the Pending order (no amounts yet) waits for Amazon",
        )

    def test_merchant_fulfilled_order_with_taxes_included(self):
        order = self.order("orders.json")
        self.assertAttributes(
            order,
            external_id="408-1234567-1234567",
            reference="408-1234567-1234567",
            currency="EUR",
            prices_include_tax=True,
            financial_status="paid",
            fulfillment_status="unfulfilled",
            fulfilled_by_platform=False,
            created_at=datetime(2026, 11, 2, 8, 15, 30),
            warnings=[],
        )
        tshirt, mug = order.lines
        # ItemPrice is the line's total with VAT; the promotion is taken off with its VAT.
        self.assertAttributes(
            tshirt, sku="TSHIRT-BLEU", quantity=D(2), unit_price=D("19.99"), discount=D("5.00")
        )
        self.assertTaxes(tshirt, (D(20), D("5.83")))
        self.assertAttributes(mug, sku="MUG-ROUGE", quantity=D(1), unit_price=D("12.50"))
        self.assertTaxes(mug, (D(20), D("2.08")))
        (shipping,) = order.shipping_lines
        self.assertAttributes(shipping, price=D("4.90"), title="Standard", code="Std FR Dom_1")
        self.assertTaxes(shipping, (D(20), D("0.82")))
        self.assertAttributes(order.totals, total=D("52.38"), tax=D("8.73"))
        self.assertAddsUp(order)
        # Amazon's relay address, one per buyer; the delivery address.
        self.assertAttributes(
            order.customer,
            email="7xq2kd9m3vlp4rt@marketplace.amazon.fr",
            name="Claire Dubois",
            anonymous=False,
            vat="",
        )
        self.assertAttributes(
            order.shipping_address, street="12 rue des Lilas", street2="Bâtiment B", zip="69003"
        )
        self.assertIsNone(order.billing_address)
        (payment,) = order.payments
        self.assertAttributes(payment, gateway="amazon", amount=D("52.38"))

    def test_business_order_fulfilled_by_amazon(self):
        order = self.order("orders.json", index=1)
        self.assertTrue(order.fulfilled_by_platform, "AFN: Fulfilled by Amazon")
        self.assertEqual(order.fulfillment_status, "fulfilled")
        self.assertAttributes(order.customer, company="Ateliers Lumière SARL", vat="FR44732829320")
        self.assertAttributes(
            order.billing_address,
            company="Ateliers Lumière SARL",
            vat="FR44732829320",
            country_code="FR",
        )
        self.assertAddsUp(order)

    def test_a_consumer_vat_number_is_not_read_and_no_buyer_is_anonymous(self):
        data = copy.deepcopy(self.api_orders()[1])
        data["IsBusinessOrder"] = False
        order = self.parse(data)
        self.assertEqual((order.customer.company, order.customer.vat), ("", ""))
        del data["BuyerInfo"]
        order = self.parse(data)
        self.assertAttributes(order.customer, anonymous=True, external_id="amazon.fr", email="")

    def test_uneven_unit_price_keeps_the_line_total(self):
        data = copy.deepcopy(self.api_orders()[0])
        item = data["OrderItems"][1]
        item.update(QuantityOrdered=3, ItemPrice={"CurrencyCode": "EUR", "Amount": "10.00"})
        item["ItemTax"]["Amount"] = "1.67"
        data["OrderTotal"]["Amount"] = "49.88"
        line = self.parse(data).lines[1]
        self.assertEqual((line.unit_price, line.discount), (D("3.34"), D("0.02")))
        self.assertEqual(self.line_amount(line), D("10.00"))
        self.assertAddsUp(self.parse(data))

    def test_cancelled_and_unknown_statuses(self):
        data = copy.deepcopy(self.api_orders()[0])
        data["OrderStatus"] = "Canceled"
        for item in data["OrderItems"]:
            for key in list(item):
                if key.endswith(("Price", "Tax", "Discount")):
                    del item[key]
        del data["OrderTotal"]
        order = self.parse(data)
        self.assertEqual(order.financial_status, "voided")
        self.assertEqual(order.cancelled_at, datetime(2026, 11, 2, 10, 20))
        self.assertEqual((order.totals.total, order.payments), (D(0), []))
        data = copy.deepcopy(self.api_orders()[0])
        data["OrderStatus"] = "Teleported"
        self.assertEqual(self.parse(data).warnings[0][0], WARNING_UNKNOWN_STATUS)

    def test_bad_payloads(self):
        data = copy.deepcopy(self.api_orders()[0])
        data["OrderItems"][0]["ItemPrice"]["CurrencyCode"] = "GBP"
        self.assertParseErrorIn(data, "ItemPrice is in GBP, the order in EUR")
        del data["OrderItems"]
        self.assertParseErrorIn(data, "has no OrderItems")
        data = copy.deepcopy(self.api_orders()[0])
        data["OrderItems"][0]["QuantityOrdered"] = -1
        self.assertParseErrorIn(data, "quantity is negative")
        documents = self.adapter.split(b'[{"OrderStatus": "Shipped"}]', "orders.json")
        self.assertEqual(documents[0].error, "An order has no AmazonOrderId.")

    # ------------------------------------------------------------ settlement report

    def test_settlement_report_orders(self):
        content = self.sample("settlement.txt")
        self.assertTrue(is_settlement_report(content.decode()))
        documents, orders = self.documents_and_orders("settlement.txt")
        # One order per order-id of the Order rows; the refund is the settlement's.
        self.assertEqual(
            [d.external_id for d in documents], ["405-1111111-1111111", "405-2222222-2222222"]
        )
        self.assertFalse([d.error for d in documents if d.error])
        fba, mfn = orders
        self.assertAttributes(
            fba,
            currency="EUR",
            fulfilled_by_platform=True,
            financial_status="paid",
            fulfillment_status="fulfilled",
            created_at=datetime(2026, 11, 2, 9, 12, 44),
            note="Amazon settlement 11223344556",
        )
        (line,) = fba.lines
        # Principal 16.66 + Tax 3.33: the price with tax; the fees are not the order's.
        self.assertAttributes(line, external_id="53111111111111", sku="TSHIRT-BLEU", quantity=D(1))
        self.assertEqual(line.unit_price, D("19.99"))
        self.assertTaxes(line, (D(20), D("3.33")))
        self.assertEqual(fba.totals.total, D("19.99"))
        self.assertAttributes(fba.customer, anonymous=True, external_id="amazon.fr")
        self.assertEqual(fba.customer.name, "Amazon customer (amazon.fr)")
        self.assertFalse(mfn.fulfilled_by_platform)
        (line,) = mfn.lines
        self.assertAttributes(line, quantity=D(2), unit_price=D("12.50"), discount=D("2.00"))
        self.assertTaxes(line, (D(20), D("3.83")))
        (shipping,) = mfn.shipping_lines
        self.assertEqual(shipping.price, D("4.90"))
        self.assertTaxes(shipping, (D(20), D("0.82")))
        self.assertEqual(mfn.totals.total, D("27.90"))
        for order in orders:
            self.assertAddsUp(order)
            self.assertEqual(order.payments[0].amount, order.totals.total)
        # The same file again: the same documents (the inbox keeps them once).
        again = self.adapter.split(content, "settlement.txt")
        self.assertEqual([d.body for d in again], [d.body for d in documents])

    def test_settlement_report_without_vat_lines_warns(self):
        text = self.sample("settlement.txt").decode()
        rows = [
            row for row in text.splitlines() if "\tTax\t" not in row and "ShippingTax" not in row
        ]
        orders = [
            self.adapter.parse(d)
            for d in self.adapter.split("\n".join(rows).encode(), "settlement.txt")
        ]
        self.assertEqual(orders[0].lines[0].unit_price, D("16.66"))
        self.assertEqual(orders[0].lines[0].taxes, [])
        self.assertEqual(orders[0].warnings[0][0], WARNING_TAX_RATE_ESTIMATED)

    def test_settlement_report_missing_columns(self):
        with self.assertRaisesRegex(PayloadError, "lacks the columns transaction-type, amo"):
            self.adapter.split(b"settlement-id\torder-id\tamount\n1\t2\t3\n", "s.txt")

    def assertParseErrorIn(self, data, words):
        """Parsing ``data`` raises a ``PayloadError`` whose sentence holds ``words``."""
        with self.assertRaises(PayloadError) as caught:
            self.parse(data)
        self.assertIn(words, str(caught.exception))


class TestAmazonPrivacy(AdapterCase):
    platform = "amazon"

    def test_the_buyer_is_masked(self):
        order = json.loads(self.sample("orders.json"))["payload"]["Orders"][0]
        masked = redact(order, self.adapter.personal_keys())
        self.assertNotIn("Claire", json.dumps(masked))
        self.assertNotIn("marketplace.amazon.fr", json.dumps(masked))
        self.assertEqual(masked["AmazonOrderId"], "408-1234567-1234567")
        self.assertEqual(masked["OrderItems"][0]["SellerSKU"], "TSHIRT-BLEU")
