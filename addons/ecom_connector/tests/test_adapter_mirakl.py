# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The Mirakl adapter on orders shaped as OR11 (``GET /api/orders``) documents them."""

import copy
import json
from datetime import datetime

from ..adapters.canonical import PayloadError
from ..adapters.redaction import redact
from ..const import WARNING_TAX_RATE_ESTIMATED, WARNING_UNKNOWN_STATUS
from .common import AdapterCase, D


class TestMiraklAdapter(AdapterCase):
    platform = "mirakl"

    def orders(self):
        return json.loads(self.sample("orders.json"))["orders"]

    def test_orders_not_accepted_or_not_paid_are_left_out(self):
        documents = self.adapter.split(self.sample("orders.json"), "orders.json")
        self.assertEqual(
            [(d.external_id, d.revision) for d in documents],
            [
                ("F1001-A", datetime(2026, 11, 2, 11)),
                ("F1002-A", datetime(2026, 11, 5, 8)),
                ("F1004-A", datetime(2026, 11, 6, 9, 30)),
            ],
            "F1003-A waits for the seller's acceptance",
        )
        for state in ("WAITING_DEBIT", "WAITING_DEBIT_PAYMENT", "STAGING", "REFUSED"):
            order = dict(self.orders()[0], order_state=state)
            self.assertEqual(self.adapter.split(json.dumps([order]).encode(), "o.json"), [])

    def test_order_with_taxes_included_and_shipping(self):
        order = self.order("orders.json")
        self.assertAttributes(
            order,
            external_id="F1001-A",
            reference="F1001-A",
            currency="EUR",
            prices_include_tax=True,
            financial_status="paid",
            fulfillment_status="unfulfilled",
            note="Mirakl order F1001",
            warnings=[],
        )
        (line,) = order.lines
        self.assertAttributes(
            line, external_id="F1001-A-1", sku="TSHIRT-BLEU", quantity=D(2), unit_price=D("19.99")
        )
        self.assertTaxes(line, (D(20), D("6.66")))
        self.assertEqual(line.taxes[0].title, "TVAFR20")
        (shipping,) = order.shipping_lines
        self.assertAttributes(shipping, price=D("4.9"), title="Livraison standard", code="STD")
        self.assertTaxes(shipping, (D(20), D("0.82")))
        self.assertEqual(order.totals.total, D("44.88"))
        self.assertAttributes(
            order.customer,
            external_id="C-77881",
            name="Jeanne Martin",
            email="f1001-4cx8@relay.fnac-darty.example",
        )
        # ISO 3166 alpha-3 (FRA), as Mirakl sends it.
        self.assertAttributes(
            order.billing_address, country_code="FR", zip="69002", street="8 place Bellecour"
        )
        self.assertEqual(order.payments[0].processed_at, datetime(2026, 11, 2, 10, 5))

    def test_promotion_is_a_discount_and_a_missing_rate_is_derived(self):
        order = self.order("orders.json", index=1)
        (line,) = order.lines
        self.assertAttributes(line, unit_price=D("12.5"), discount=D("2.50"))
        self.assertTaxes(line, (D(20), D("1.67")))
        self.assertEqual(order.totals.discount, D("2.5"))
        self.assertEqual(order.fulfillment_status, "fulfilled")
        self.assertEqual(order.customer.email, "")

    def test_cancelled_refunded_and_unknown_states(self):
        order = self.order("orders.json", index=2)
        self.assertEqual(order.financial_status, "voided")
        self.assertEqual(order.cancelled_at, datetime(2026, 11, 6, 9, 30))
        self.assertEqual(order.payments, [])
        data = copy.deepcopy(self.orders()[1])
        data["order_state"] = "CLOSED"
        data["order_lines"][0]["refunds"] = [
            {
                "id": "R-501",
                "amount": 10.0,
                "shipping_amount": 0,
                "quantity": 1,
                "created_date": "2026-11-08T10:00:00Z",
                "reason_code": "16",
            }
        ]
        (refund,) = self.parse(data).refunds
        self.assertAttributes(refund, external_id="R-501", amount=D("10.0"))
        self.assertEqual(refund.lines[0].line_external_id, "F1002-A-1")
        data["order_state"] = "SOMEWHERE"
        self.assertEqual(self.parse(data).warnings[0][0], WARNING_UNKNOWN_STATUS)

    def test_prices_without_tax_and_a_fully_refunded_order(self):
        """order_tax_mode TAX_EXCLUDED: the taxes are added to the price fields."""
        data = copy.deepcopy(self.orders()[0])
        data["order_tax_mode"] = "TAX_EXCLUDED"
        line = data["order_lines"][0]
        line.update(price=33.32, price_unit=16.66, shipping_price=4.08)
        line["taxes"] = [{"code": "TVAFR20", "amount": 6.66}]
        line["shipping_taxes"] = [{"code": "TVAFR20", "amount": 0.82}]
        data.update(price=33.32, shipping_price=4.08, total_price=37.4)
        order = self.parse(data)
        self.assertFalse(order.prices_include_tax)
        self.assertTaxes(order.lines[0], (D(20), D("6.66")))
        self.assertTaxes(order.shipping_lines[0], (D(20), D("0.82")))
        self.assertEqual(order.totals.total, D("44.88"))
        self.assertEqual(order.payments[0].amount, D("44.88"))
        data = copy.deepcopy(self.orders()[1])
        data.update(order_state="CLOSED", fully_refunded=True)
        self.assertEqual(self.parse(data).financial_status, "refunded")
        # The buyer is known by customer_id: the relay address is only a relay.
        self.assertTrue(self.order("orders.json").customer.email_is_relay)

    def test_refused_lines_are_left_out_and_untaxed_orders_warned(self):
        data = copy.deepcopy(self.orders()[0])
        extra = dict(data["order_lines"][0], order_line_id="F1001-A-2", order_line_state="REFUSED")
        data["order_lines"].append(extra)
        order = self.parse(data)
        self.assertEqual([line.external_id for line in order.lines], ["F1001-A-1"])
        self.assertEqual(order.totals.total, D("44.88"))
        data = copy.deepcopy(self.orders()[0])
        data["order_lines"][0]["taxes"] = []
        data["order_lines"][0]["shipping_taxes"] = []
        self.assertEqual(self.parse(data).warnings[0][0], WARNING_TAX_RATE_ESTIMATED)

    def test_bad_payloads(self):
        data = copy.deepcopy(self.orders()[0])
        data["order_lines"][0]["quantity"] = -2
        self.assertParseErrorIn(data, "quantity is negative")
        data = copy.deepcopy(self.orders()[0])
        data["currency_iso_code"] = ""
        self.assertParseErrorIn(data, "no currency")
        documents = self.adapter.split(b'[{"order_state": "SHIPPING"}]', "orders.json")
        self.assertEqual(documents[0].error, "An order has no order_id.")

    def assertParseErrorIn(self, data, words):
        """Parsing ``data`` raises a ``PayloadError`` whose sentence holds ``words``."""
        with self.assertRaises(PayloadError) as caught:
            self.parse(data)
        self.assertIn(words, str(caught.exception))


class TestMiraklPrivacy(AdapterCase):
    platform = "mirakl"

    def test_the_customer_is_masked(self):
        order = json.loads(self.sample("orders.json"))["orders"][0]
        masked = json.dumps(redact(order, self.adapter.personal_keys()))
        for personal in ("Jeanne", "Bellecour", "relay.fnac-darty"):
            self.assertNotIn(personal, masked)
        self.assertIn("TSHIRT-BLEU", masked)
