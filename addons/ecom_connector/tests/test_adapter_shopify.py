# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Shopify adapter: Admin REST order payloads to canonical orders (no database)."""

import json
from datetime import datetime

from odoo.tests import tagged

from ..adapters.canonical import PayloadError
from ..const import (
    CHARGEBACK_STATUSES,
    FINANCIAL_STATUSES,
    WARNING_PRESENTMENT_CURRENCY,
    WARNING_SEVERAL_GATEWAYS,
)
from .common import AdapterCase, D


@tagged("post_install", "-at_install")
class TestShopifyAdapter(AdapterCase):
    platform = "shopify"

    # ------------------------------------------------------------ orders

    def test_taxes_excluded_with_discount_and_shipping(self):
        order = self.order("order_taxes_excluded.json")
        self.assertReferenceOrder(order)
        self.assertAttributes(
            order,
            external_id="5871203975333",
            reference="#1041",
            note="Merci de ne pas plier la boîte, c'est un cadeau.",
        )
        teapot, tea = order.lines
        self.assertAttributes(
            teapot,
            external_id="14210512961701",
            name="Théière en fonte 1 L - Noir",
            is_gift_card=False,
            requires_shipping=True,
        )
        self.assertEqual(teapot.taxes[0].title, "FR TVA")
        (shipping,) = order.shipping_lines
        self.assertAttributes(
            shipping, code="colissimo_domicile", external_id="4711826096293", discount=D("0")
        )
        self.assertEqual(order.totals.subtotal, D("63.45"))
        self.assertAttributes(
            order.customer, external_id="7390118674597", phone="+33612345678", vat=""
        )
        billing = order.billing_address
        self.assertEqual(billing.phone, "+33 6 12 34 56 78")
        self.assertEqual(order.shipping_address, billing)
        (payment,) = order.payments
        self.assertAttributes(
            payment,
            gateway="shopify_payments",
            status="success",
            kind="sale",
            is_gift_card=False,
            processed_at=datetime(2024, 11, 18, 13, 3, 25),
        )

    def test_taxes_included(self):
        order = self.order("order_taxes_included.json")
        self.assertTaxesIncludedOrder(order)
        self.assertEqual(order.reference, "#1042")
        self.assertEqual(order.lines[1].name, "Tasse en grès - Bleu")
        (shipping,) = order.shipping_lines
        self.assertEqual((shipping.code, shipping.price), ("mondial_relay", D("4.90")))
        self.assertEqual(shipping.taxes[0].amount, D("0.82"))
        self.assertEqual(order.totals.total, D("78.70"))
        self.assertEqual(order.totals.tax, D("6.27"))
        self.assertEqual([(p.gateway, p.amount) for p in order.payments], [("paypal", D("78.70"))])

    def test_guest_pos_order_without_customer(self):
        data = self.payload("order_guest_pos.json")
        self.assertNotIn("customer", data)
        order = self.order("order_guest_pos.json")
        customer = order.customer
        self.assertTrue(customer.is_guest)
        self.assertIsNone(customer.external_id)
        self.assertEqual(customer.email, "marc.petit@example.fr")
        self.assertIsNone(order.billing_address)
        self.assertIsNone(order.shipping_address)
        (line,) = order.lines
        self.assertEqual((line.sku, line.quantity, line.unit_price), ("CARNET-A5", D(2), D("6.50")))
        self.assertEqual(order.fulfillment_status, "fulfilled")
        self.assertEqual([(p.gateway, p.amount) for p in order.payments], [("cash", D("13.00"))])
        self.assertAddsUp(order)
        # "customer": null is a guest too
        data["customer"] = None
        self.assertTrue(self.parse(data).customer.is_guest)

    def test_cross_border_b2c_sale_to_germany(self):
        order = self.order("order_germany_b2c.json")
        self.assertGermanOrder(order)
        self.assertEqual(order.shipping_address.phone, "+49 89 1234567")
        self.assertEqual(order.lines[0].taxes[0].title, "DE MwSt")

    def test_business_customer_with_vat_number(self):
        order = self.order("order_business_belgium.json")
        customer = order.customer
        self.assertEqual(customer.company, "Brasserie Lambiek SRL")
        self.assertEqual(customer.vat, "BE0477472701")
        self.assertEqual(customer.email, "compta@lambiek.example.be")
        self.assertEqual(customer.name, "Pieter Janssens")
        billing = order.billing_address
        self.assertEqual(billing.company, "Brasserie Lambiek SRL")
        self.assertEqual(billing.vat, "BE0477472701")
        self.assertEqual((billing.country_code, billing.zip), ("BE", "1040"))
        # Intra-EU B2B: no VAT charged, nothing paid yet (bank transfer)
        self.assertTrue(all(not line.taxes for line in order.lines))
        self.assertEqual([line.quantity for line in order.lines], [D(5), D(2)])
        self.assertEqual(order.totals.tax, D("0.00"))
        self.assertEqual(order.totals.total, D("265.00"))
        self.assertEqual(order.financial_status, "pending")
        self.assertEqual(order.payments, [])
        self.assertAddsUp(order)

    def test_refund(self):
        order = self.order("order_refund.json")
        self.assertEqual(order.financial_status, "partially_refunded")
        self.assertEqual(order.fulfillment_status, "fulfilled")
        self.assertEqual(order.totals.total, D("80.51"))
        self.assertAddsUp(order)
        # the sale is recorded for its whole total; the refund apart
        self.assertEqual([p.amount for p in order.payments], [D("80.51")])
        (refund,) = order.refunds
        self.assertEqual(refund.external_id, "1011637846181")
        self.assertEqual(refund.amount, D("35.88"))
        self.assertEqual(refund.created_at, datetime(2024, 12, 2, 9, 14, 6))
        self.assertEqual(refund.reason, "Deux tasses arrivées ébréchées, retournées par la cliente")
        self.assertEqual(refund.shipping_amount, D("5.90"))
        self.assertTrue(refund.restock)
        (line,) = refund.lines
        self.assertEqual(line.line_external_id, "14256012886181")
        self.assertEqual((line.quantity, line.amount, line.restock), (D(2), D("24.00"), True))

    def test_refund_counts_only_successful_refund_transactions(self):
        data = self.payload("order_refund.json")
        transactions = data["refunds"][0]["transactions"]
        failed = dict(transactions[0], id=1, status="failure")
        transactions.append(failed)
        self.assertEqual(self.parse(data).refunds[0].amount, D("35.88"))

    def test_cancelled_order(self):
        order = self.order("order_cancelled.json")
        self.assertTrue(order.is_cancelled)
        self.assertEqual(order.cancelled_at, datetime(2024, 11, 25, 7, 2, 18))
        self.assertEqual(order.cancel_reason, "customer")
        self.assertEqual(order.financial_status, "voided")
        self.assertEqual(order.payments, [])
        self.assertEqual(order.totals.total, D("38.04"))
        self.assertAddsUp(order)

    def test_gift_card_line_and_gift_card_payment(self):
        gift_order = self.order("orders_page.json", 0)
        card, tea = gift_order.lines
        self.assertTrue(card.is_gift_card)
        self.assertFalse(card.requires_shipping)
        self.assertIsNone(card.sku)
        self.assertEqual((card.unit_price, card.taxes), (D("50.00"), []))
        self.assertFalse(tea.is_gift_card)
        self.assertEqual(gift_order.totals.total, D("66.05"))
        self.assertAddsUp(gift_order)
        self.assertFalse(gift_order.payments[0].is_gift_card)

        paid_by_card = self.order("orders_page.json", 1)
        (payment,) = paid_by_card.payments
        self.assertEqual(payment.gateway, "gift_card")
        self.assertTrue(payment.is_gift_card)
        self.assertEqual(payment.amount, D("36.46"))
        self.assertEqual(paid_by_card.warnings, [])
        self.assertAddsUp(paid_by_card)

    def test_several_gateways_put_the_total_on_the_first_cash_one(self):
        data = self.payload("orders_page.json")["orders"][1]
        data["payment_gateway_names"] = ["gift_card", "shopify_payments"]
        order = self.parse(data)
        (payment,) = order.payments
        self.assertEqual((payment.gateway, payment.amount), ("shopify_payments", D("36.46")))
        self.assertFalse(payment.is_gift_card)
        ((code, sentence),) = order.warnings
        self.assertEqual(code, WARNING_SEVERAL_GATEWAYS)
        self.assertIn("gift_card, shopify_payments", sentence)
        self.assertIn("recorded on shopify_payments", sentence)

    def test_presentment_currency_uses_shop_amounts(self):
        order = self.order("order_presentment_chf.json")
        self.assertEqual(order.currency, "EUR")
        self.assertEqual(order.totals.total, D("50.00"))
        self.assertEqual(order.totals.shipping, D("18.00"))
        self.assertEqual(order.lines[0].unit_price, D("32.00"))
        self.assertEqual(order.shipping_lines[0].price, D("18.00"))
        self.assertEqual(order.shipping_address.state_code, "ZH")
        ((code, sentence),) = order.warnings
        self.assertEqual(code, WARNING_PRESENTMENT_CURRENCY)
        self.assertIn("CHF", sentence)
        self.assertAddsUp(order)

    def test_shop_money_sets_when_plain_fields_are_absent(self):
        data = self.payload("order_taxes_excluded.json")
        for key in ("total_price", "subtotal_price", "total_tax", "total_discounts"):
            del data[key]
        for item in [*data["line_items"], *data["shipping_lines"]]:
            del item["price"]
            for nested in [*item["tax_lines"], *item["discount_allocations"]]:
                nested.pop("price", None)
                nested.pop("amount", None)
            # presentment amounts must never be read
            item["price_set"]["presentment_money"]["amount"] = "999.99"
        order = self.parse(data)
        self.assertEqual(order.totals.total, D("79.89"))
        self.assertEqual(order.totals.tax, D("10.54"))
        self.assertEqual(order.lines[1].unit_price, D("8.50"))
        self.assertEqual(order.lines[1].discount, D("2.55"))
        self.assertEqual(order.lines[1].taxes[0].amount, D("1.26"))
        self.assertAddsUp(order)

    def test_statuses(self):
        data = self.payload("order_taxes_excluded.json")
        # Shopify's own statuses are canonical ones (a dispute is not a status there).
        for status in set(FINANCIAL_STATUSES) - set(CHARGEBACK_STATUSES):
            data["financial_status"] = status
            self.assertEqual(self.parse(data).financial_status, status)
        data["financial_status"] = "expired"
        self.assertEqual(self.parse(data).financial_status, "voided")
        data["financial_status"] = "authorized"
        (payment,) = self.parse(data).payments
        self.assertEqual((payment.kind, payment.amount), ("authorization", D("79.89")))
        for status in ("pending", "partially_paid", "voided"):
            data["financial_status"] = status
            self.assertEqual(self.parse(data).payments, [])
        data["fulfillment_status"] = "partial"
        self.assertEqual(self.parse(data).fulfillment_status, "partial")

    # ------------------------------------------------------------ split

    def test_split_single_object_and_order_key(self):
        self.assertOneDocument(
            self.sample("order_taxes_excluded.json"),
            "order.json",
            "5871203975333",
            datetime(2024, 11, 18, 13, 5, 2),
            "#1041",
        )
        self.assertOneDocument(
            self.sample("order_taxes_included.json"),
            "order.json",
            "5874471624869",
            datetime(2024, 11, 21, 15, 20, 45),
            "#1042",
        )

    def test_split_orders_page(self):
        ids = ["5889012613285", "5891120840869"]
        documents = self.split_ids(self.sample("orders_page.json"), "p.json", ids)
        self.assertEqual(documents[1].revision, datetime(2024, 12, 3, 17, 22, 50))
        self.assertEqual(json.loads(documents[0].body)["name"], "#1048")

    def test_split_array_and_ndjson(self):
        orders = [self.payload("order_cancelled.json"), self.payload("order_refund.json")]
        ids = ["5887304319141", "5885001089189"]
        self.split_ids(json.dumps(orders), "orders.json", ids)
        ndjson = "\n".join(json.dumps(order) for order in orders) + "\n"
        documents = self.split_ids(ndjson, "orders.ndjson", ids)
        self.assertEqual(self.adapter.parse(documents[1]).refunds[0].amount, D("35.88"))
        # recognised without the file extension too
        self.split_ids(ndjson, "export.txt", ids)

    def test_split_bad_ndjson_line_fails_alone(self):
        orders = [self.payload("order_cancelled.json"), self.payload("order_refund.json")]
        self.assertBadLineFailsAlone(
            orders, '{"id": 12, "name": "#13', ["5887304319141", None, "5885001089189"]
        )

    def test_split_element_without_id(self):
        page = self.payload("orders_page.json")
        del page["orders"][0]["id"]
        self.assertElementWithoutIdFails(page, 0, "#1048")

    def test_split_refuses_a_file_that_is_not_json(self):
        self.assertNotJson(b"order_id;total\n1001;79.89\n", "orders.csv")
        with self.assertRaises(PayloadError):
            self.adapter.split(b'{"orders": [', "broken.json")
        self.assertEqual(self.adapter.split(b'{"orders": []}', "empty.json"), [])

    # ------------------------------------------------------------ errors

    def test_negative_quantity(self):
        self.assertNegativeQuantityRefused(
            1, "Line 2 (Thé vert Sencha bio 100 g): the quantity is negative (-3)."
        )

    def test_missing_or_bad_currency(self):
        self.assertCurrencyChecked(None, "EURO")

    def test_missing_required_fields(self):
        self.assertRequiredFields(
            {"id": "The order has no id.", "total_price": "The order has no total (total_price)."},
            variants=("_set",),
        )
