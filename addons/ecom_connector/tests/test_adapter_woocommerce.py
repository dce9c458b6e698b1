# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""WooCommerce adapter: REST API v3 order payloads to canonical orders (no database)."""

import json
from datetime import datetime

from odoo.tests import tagged

from ..adapters.canonical import PayloadError
from ..adapters.utils import CENT
from ..const import WARNING_TAX_RATE_ESTIMATED, WARNING_UNKNOWN_STATUS
from .common import AdapterCase, D


@tagged("post_install", "-at_install")
class TestWooCommerceAdapter(AdapterCase):
    platform = "woocommerce"

    # ------------------------------------------------------------ orders

    def test_taxes_excluded_with_coupon_and_shipping(self):
        order = self.order("order_taxes_excluded.json")
        self.assertReferenceOrder(order)
        self.assertAttributes(order, external_id="4521", reference="4521")
        teapot, tea = order.lines
        self.assertAttributes(teapot, external_id="45211", name="Théière en fonte 1 L")
        (tax,) = teapot.taxes
        self.assertEqual((tax.title, tax.country_code), ("TVA", "FR"))
        # WooCommerce's unrounded "1.26225": the charged line tax is kept
        self.assertEqual(tea.taxes[0].title, "TVA 5,5 %")
        (shipping,) = order.shipping_lines
        self.assertAttributes(shipping, code="flat_rate", external_id="45213")
        # the coupon is recorded, its discount is already in the lines
        self.assertEqual(
            order.note,
            "Merci de ne pas plier la boîte, c'est un cadeau.\n\n"
            "Coupons used: bienvenue10 (already deducted from the lines).",
        )
        self.assertAttributes(order.customer, external_id="12", phone="06 12 34 56 78")
        self.assertEqual(order.billing_address.email, "claire.dubois@example.fr")
        self.assertAttributes(order.shipping_address, street="18 rue des Tanneurs", email="")
        (payment,) = order.payments
        self.assertAttributes(
            payment,
            gateway="stripe",
            transaction_id="pi_3QMxYz2eZvKYlo2C0Xr8fT4b",
            status="success",
            processed_at=datetime(2024, 11, 18, 13, 3, 31),
        )

    def test_prices_include_tax(self):
        order = self.order("order_taxes_included.json")
        # subtotal 56.68 + tax 3.12 for 2 boxes: 29.90 each, tax included
        self.assertTaxesIncludedOrder(order)
        self.assertEqual(order.financial_status, "paid")
        box = order.lines[0]
        self.assertEqual(box.discount, D("0.00"))
        self.assertEqual(self.line_amount(box), D("59.80"))
        (shipping,) = order.shipping_lines
        self.assertEqual((shipping.price, shipping.taxes[0].amount), (D("5.88"), D("0.98")))
        self.assertEqual(order.totals.total, D("79.68"))
        self.assertEqual(order.totals.shipping, D("5.88"))
        (payment,) = order.payments
        self.assertEqual(
            (payment.gateway, payment.transaction_id), ("ppcp-gateway", "8AB12345CD678901E")
        )

    def test_prices_include_tax_with_coupon(self):
        """The discount is taken on the tax-included basis, exact to the cent."""
        data = self.payload("order_fees_coupons.json")
        data["prices_include_tax"] = True
        order = self.parse(data)
        cups, oolong = order.lines
        self.assertEqual(cups.unit_price, D("18.00"))  # (30.00 + 6.00) / 2
        self.assertEqual(cups.discount, D("3.60"))  # 36.00 - (27.00 + 5.40)
        self.assertEqual(oolong.unit_price, D("10.55"))
        self.assertEqual(oolong.discount, D("2.11"))
        self.assertEqual(order.fee_lines[0].amount, D("3.60"))
        self.assertAddsUp(order)

    def test_unit_price_of_an_uneven_subtotal(self):
        data = self.payload("order_guest.json")
        line = data["line_items"][0]
        line.update(
            quantity=3, subtotal="10.00", total="10.00", subtotal_tax="2.00", total_tax="2.00"
        )
        line["taxes"][0].update(total="2", subtotal="2")
        (order_line,) = self.parse(data).lines
        self.assertEqual(self.line_amount(order_line), D("10.00"))
        self.assertEqual(order_line.unit_price.quantize(CENT), D("3.33"))

    def test_guest_checkout(self):
        order = self.order("order_guest.json")
        customer = order.customer
        self.assertTrue(customer.is_guest)
        self.assertIsNone(customer.external_id)
        self.assertEqual(customer.email, "marc.petit@example.fr")
        self.assertEqual(customer.name, "Marc Petit")
        self.assertEqual(order.note, "Pouvez-vous joindre la facture au colis ?")
        # on-hold: waiting for the bank transfer
        self.assertEqual(order.financial_status, "pending")
        self.assertEqual(order.payments, [])
        (line,) = order.lines
        self.assertEqual((line.sku, line.quantity, line.unit_price), ("CARNET-A5", D(2), D("5.50")))
        self.assertEqual(order.totals.total, D("16.20"))
        self.assertAddsUp(order)

    def test_cross_border_b2c_sale_to_germany(self):
        order = self.order("order_germany_b2c.json")
        # WooCommerce writes German states "DE-BY"
        self.assertGermanOrder(order)
        self.assertEqual(
            [(t.rate, t.amount, t.title, t.country_code) for t in order.lines[0].taxes],
            [(D(19), D("8.55"), "MwSt.", "DE")],
        )
        self.assertEqual(order.fulfillment_status, "fulfilled")

    def test_business_customer_with_vat_number(self):
        order = self.order("order_business_belgium.json")
        customer = order.customer
        self.assertEqual(customer.external_id, "35")
        self.assertEqual(customer.company, "Brasserie Lambiek SRL")
        self.assertEqual(customer.vat, "BE0477472701")
        self.assertEqual(order.billing_address.vat, "BE0477472701")
        self.assertEqual(order.billing_address.country_code, "BE")
        self.assertEqual(order.billing_address.phone, "+32 2 555 12 34")
        self.assertTrue(all(not line.taxes for line in order.lines))
        self.assertEqual([line.unit_price for line in order.lines], [D("32.00"), D("45.00")])
        self.assertEqual(order.totals.total, D("265.00"))
        self.assertEqual([(p.gateway, p.amount) for p in order.payments], [("bacs", D("265.00"))])
        self.assertIsNone(order.payments[0].transaction_id)
        self.assertAddsUp(order)

    def test_vat_number_meta_keys(self):
        data = self.payload("order_business_belgium.json")
        for key in ("vat_number", "_vat_number", "_billing_vat_number"):
            data["meta_data"][0]["key"] = key
            self.assertEqual(self.parse(data).customer.vat, "BE0477472701")
        data["meta_data"][0]["key"] = "_stripe_fee"
        self.assertEqual(self.parse(data).customer.vat, "")

    def test_refund(self):
        order = self.order("order_refund.json")
        self.assertEqual(order.financial_status, "partially_refunded")
        self.assertEqual(order.fulfillment_status, "fulfilled")
        (refund,) = order.refunds
        self.assertEqual(refund.external_id, "4581")
        self.assertEqual(refund.amount, D("28.80"))
        self.assertEqual(refund.reason, "Deux tasses arrivées ébréchées")
        self.assertEqual([p.amount for p in order.payments], [D("80.51")])
        earl_grey = order.lines[1]
        self.assertEqual(earl_grey.taxes[0].amount, D("0.83"))
        self.assertEqual(order.totals.total, D("80.51"))
        self.assertAddsUp(order)

    def test_cancelled_order(self):
        order = self.order("order_cancelled.json")
        self.assertTrue(order.is_cancelled)
        # WooCommerce has no cancellation date: the last change is it
        self.assertEqual(order.cancelled_at, datetime(2024, 12, 1, 20, 12, 41))
        self.assertEqual(order.financial_status, "voided")
        self.assertEqual(order.payments, [])
        self.assertEqual(order.totals.total, D("38.04"))
        self.assertAddsUp(order)

    def test_fee_lines_and_coupons(self):
        order = self.order("order_fees_coupons.json")
        wrap, donation = order.fee_lines
        self.assertEqual((wrap.name, wrap.amount), ("Emballage cadeau", D("3.00")))
        self.assertEqual([(t.rate, t.amount) for t in wrap.taxes], [(D(20), D("0.60"))])
        self.assertEqual(wrap.external_id, "45284")
        self.assertEqual(
            (donation.name, donation.amount, donation.taxes),
            ("Don à l'association Terres de Thé", D("2.00"), []),
        )
        cups, oolong = order.lines
        self.assertEqual((cups.unit_price, cups.discount), (D("15.00"), D("3.00")))
        self.assertEqual((oolong.unit_price, oolong.discount), (D("10.00"), D("2.00")))
        self.assertEqual(cups.taxes[0].amount, D("5.40"))
        self.assertEqual(oolong.taxes[0].amount, D("0.99"))
        (shipping,) = order.shipping_lines
        self.assertEqual((shipping.code, shipping.price), ("free_shipping", D("0.00")))
        self.assertEqual(order.totals.discount, D("5.00"))
        self.assertEqual(order.totals.total, D("56.99"))
        self.assertAddsUp(order)
        self.assertEqual(
            order.note,
            "C'est pour l'anniversaire de ma sœur.\n\n"
            "Coupons used: printemps5, livraisonofferte (already deducted from the lines).",
        )
        self.assertEqual(order.shipping_address.name, "Inès Roux")
        self.assertEqual(order.billing_address.name, "Emma Roux")

    def test_list_response(self):
        paid = self.order("orders_list.json", 0)
        self.assertEqual((paid.external_id, paid.financial_status), ("4529", "paid"))
        self.assertEqual(paid.totals.total, D("36.46"))
        self.assertAddsUp(paid)
        failed = self.order("orders_list.json", 1)
        self.assertEqual((failed.external_id, failed.financial_status), ("4530", "voided"))
        self.assertFalse(failed.is_cancelled)
        self.assertTrue(failed.customer.is_guest)
        self.assertEqual(failed.payments, [])
        self.assertAddsUp(failed)

    def test_statuses(self):
        data = self.payload("order_guest.json")
        data["date_paid_gmt"] = "2024-11-21T09:00:00"
        expected = {
            "pending": ("pending", "unfulfilled", False),
            "on-hold": ("pending", "unfulfilled", False),
            "processing": ("paid", "unfulfilled", False),
            "completed": ("paid", "fulfilled", False),
            "cancelled": ("voided", "unfulfilled", True),
            "refunded": ("refunded", "unfulfilled", False),
            "failed": ("voided", "unfulfilled", False),
        }
        for status, (financial, fulfillment, cancelled) in expected.items():
            data["status"] = status
            order = self.parse(data)
            self.assertEqual(
                (order.financial_status, order.fulfillment_status, order.is_cancelled),
                (financial, fulfillment, cancelled),
                status,
            )
        data["status"] = "wc-shipped"
        order = self.parse(data)
        self.assertEqual(order.financial_status, "paid")
        code, sentence = order.warnings[0]
        self.assertEqual(code, WARNING_UNKNOWN_STATUS)
        self.assertIn("Unknown WooCommerce order status 'wc-shipped'", sentence)

    def test_full_refund_of_a_completed_order(self):
        data = self.payload("order_refund.json")
        data["refunds"].append({"id": 4590, "reason": "", "total": "-51.71"})
        self.assertEqual(self.parse(data).financial_status, "refunded")

    # ------------------------------------------------------------ split

    def test_split_single_object_and_order_key(self):
        revision = datetime(2024, 11, 18, 13, 5, 2)
        sample = self.sample("order_taxes_excluded.json")
        self.assertOneDocument(sample, "order.json", "4521", revision, "4521")
        wrapped = json.dumps({"order": json.loads(sample)})
        self.assertOneDocument(wrapped, "order.json", "4521", revision, "4521")

    def test_split_revision_falls_back_to_local_date_modified(self):
        data = self.payload("order_guest.json")
        del data["date_modified_gmt"]
        (document,) = self.adapter.split(json.dumps(data).encode(), "order.json")
        self.assertEqual(document.revision, datetime(2024, 11, 20, 11, 15, 35))

    def test_split_list_response_and_orders_key(self):
        documents = self.split_ids(self.sample("orders_list.json"), "l.json", ["4529", "4530"])
        self.assertEqual(documents[1].revision, datetime(2024, 12, 3, 18, 6, 40))
        page = {"orders": self.payload("orders_list.json")}
        self.split_ids(json.dumps(page), "page.json", ["4529", "4530"])

    def test_split_ndjson(self):
        orders = self.payload("orders_list.json")
        ndjson = "\n".join(json.dumps(order) for order in orders) + "\n"
        documents = self.split_ids(ndjson, "webhooks.jsonl", ["4529", "4530"])
        self.assertEqual(self.adapter.parse(documents[0]).totals.total, D("36.46"))

    def test_split_bad_ndjson_line_fails_alone(self):
        orders = self.payload("orders_list.json")
        self.assertBadLineFailsAlone(orders, "{'id': 4531}", ["4529", None, "4530"])

    def test_split_element_without_id(self):
        orders = self.payload("orders_list.json")
        del orders[1]["id"]
        self.assertElementWithoutIdFails(orders, 1, "4530")

    def test_split_refuses_a_file_that_is_not_json(self):
        self.assertNotJson(b"<orders><order id='1'/></orders>", "orders.xml")
        with self.assertRaisesRegex(PayloadError, "holds no order"):
            self.adapter.split(b'"4521"', "orders.json")

    # ------------------------------------------------------------ errors

    def test_negative_quantity(self):
        self.assertNegativeQuantityRefused(
            0, "Line 1 (Théière en fonte 1 L): the quantity is negative (-3)."
        )

    def test_missing_or_bad_currency(self):
        self.assertCurrencyChecked("", "€")

    def test_missing_required_fields(self):
        self.assertRequiredFields(
            {"id": "The order has no id.", "total": "The order has no total."}
        )

    def test_gift_cards_are_payments_by_gift_card(self):
        # WooCommerce Gift Cards: "total" (49.89) is what remains after the card (30)
        order = self.order("order_gift_card.json")
        self.assertEqual(order.totals.total, D("79.89"))
        self.assertAddsUp(order)
        (card_payment,) = [p for p in order.payments if p.is_gift_card]
        (cash,) = [p for p in order.payments if not p.is_gift_card]
        self.assertAttributes(
            cash, gateway="stripe", amount=D("49.89"), transaction_id="pi_3QNbGt2eZvKYlo2C1aQ7wE5c"
        )
        self.assertAttributes(
            card_payment,
            gateway="gift_card",
            amount=D("30"),
            transaction_id=None,
            processed_at=datetime(2024, 11, 18, 13, 3, 31),
        )
        self.assertEqual(sum(p.amount for p in order.payments), order.totals.total)
        self.assertEqual(order.warnings, [])

    def test_order_paid_in_full_by_gift_cards(self):
        data = self.payload("order_gift_card.json")
        data.update(total="0.00", payment_method="", payment_method_title="", transaction_id="")
        data["gift_cards"] = [
            {"id": 27, "code": "K7QP-M2RX-9TWD-3HFA", "amount": "50.00"},
            {"id": 31, "code": "B2WQ-8NJD-4KXP-7RMT", "amount": 29.89},
        ]
        order = self.parse(data)
        self.assertEqual(order.totals.total, D("79.89"))
        self.assertEqual(
            [(p.gateway, p.amount, p.is_gift_card) for p in order.payments],
            [("gift_card", D("50.00"), True), ("gift_card", D("29.89"), True)],
        )
        self.assertEqual(order.warnings, [], "no payment method needed: the cards paid")

    def test_gift_card_of_the_wrong_shape_is_named(self):
        data = self.payload("order_gift_card.json")
        data["gift_cards"] = [{"id": 27, "code": "K7QP", "amount": {"value": 30}}]
        self.assertParseError(data, "gift_cards, item 1, amount: an object is not a number.")

    def test_without_gift_cards_nothing_changes(self):
        plain = self.order("order_taxes_excluded.json")
        self.assertEqual(plain.totals.total, D("79.89"))
        self.assertEqual([p.is_gift_card for p in plain.payments], [False])

    def test_unknown_tax_rate_is_estimated_with_a_warning(self):
        data = self.payload("order_taxes_excluded.json")
        data["tax_lines"] = [t for t in data["tax_lines"] if t["rate_id"] != 2]
        order = self.parse(data)
        self.assertEqual(order.lines[1].taxes[0].rate, D("5.50"))
        self.assertEqual(order.lines[1].taxes[0].amount, D("1.26"))
        code, sentence = order.warnings[0]
        self.assertEqual(code, WARNING_TAX_RATE_ESTIMATED)
        self.assertIn("Line 2 (Thé vert Sencha bio 100 g): the rate of tax 2", sentence)
