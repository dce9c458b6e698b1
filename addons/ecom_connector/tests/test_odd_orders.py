# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Odd orders: refunds without an id or sharing one, texts longer than an index takes."""

import copy
from decimal import Decimal

from odoo.tests import BaseCase, tagged

from ..adapters.canonical import (
    Customer,
    OrderLine,
    Payment,
    Refund,
    RefundLine,
    ShopOrder,
    ShopTotals,
)
from ..adapters.checks import check_order
from ..const import PROBLEM_TEXT_TOO_LONG, WARNING_TEXT_CUT
from .common import EcomCase, shopify_order
from .test_order_payments import TWO_LINES, shopify_refund


def refunded(order_id, *refunds):
    order = shopify_order(order_id=order_id, lines=TWO_LINES, financial_status="partially_refunded")
    order["refunds"] = list(refunds)
    return order


def without_id(refund):
    refund = copy.deepcopy(refund)
    del refund["id"]
    return refund


@tagged("post_install", "-at_install")
class TestCheckOrder(BaseCase):
    """The pure check every canonical order goes through (no database)."""

    def order(self, **values):
        return ShopOrder(
            external_id="77",
            reference="#77",
            currency="EUR",
            totals=ShopTotals(total=Decimal("10")),
            lines=[OrderLine("7701", "Teapot", Decimal(1), Decimal(10), sku="TEA")],
            **values,
        )

    def test_refund_ids_derived_from_order_and_content(self):
        refunds = [
            Refund(None, Decimal("5.00"), reason="Broken"),
            Refund("None", Decimal("5.00"), reason="Broken"),
            Refund(None, Decimal("2.00")),
            Refund("r-1", Decimal("1.00")),
        ]
        order = self.order(refunds=refunds)
        self.assertEqual(check_order(order), [])
        ids = [refund.external_id for refund in order.refunds]
        self.assertRegex(ids[0], r"^77-refund-[0-9a-f]{12}$")
        self.assertEqual(ids[1], f"{ids[0]}-2", "the same content twice: two refunds")
        self.assertRegex(ids[2], r"^77-refund-[0-9a-f]{12}$")
        self.assertNotEqual(ids[2][:22], ids[0][:22])
        self.assertEqual(ids[3], "r-1")
        again = self.order(refunds=[Refund(None, Decimal("5.00"), reason="Broken")])
        check_order(again)
        self.assertEqual(again.refunds[0].external_id, ids[0], "stable across imports")

    def test_none_written_for_a_missing_id_is_no_id(self):
        order = self.order(
            payments=[Payment("paypal", Decimal("10"), transaction_id="None")],
            refunds=[Refund("null", Decimal("10"), lines=[RefundLine("None", Decimal(1))])],
        )
        self.assertEqual(check_order(order), [])
        self.assertIsNone(order.payments[0].transaction_id)
        self.assertEqual(order.refunds[0].lines[0].line_external_id, "")
        self.assertRegex(order.refunds[0].external_id, r"^77-refund-[0-9a-f]{12}$")

    def test_identifiers_too_long_refuse_display_texts_are_cut(self):
        order = self.order(customer=Customer(email="a@example.com", name="N" * 300))
        order.lines[0].sku = "S" * 10_000
        refusals = check_order(order)
        self.assertEqual(len(refusals), 1)
        code, sentence = refusals[0]
        self.assertEqual(code, PROBLEM_TEXT_TOO_LONG)
        self.assertIn("Line 1 (Teapot): the SKU is 10000 characters long", sentence)
        self.assertIn("more than the 255 the import takes", sentence)
        self.assertEqual(len(order.customer.name), 256)
        self.assertEqual(
            order.warnings,
            [
                (
                    WARNING_TEXT_CUT,
                    "The customer's name was 300 characters long: only its first 256 were kept.",
                )
            ],
        )


@tagged("post_install", "-at_install")
class TestOddOrders(EcomCase):
    def test_refunds_without_id_in_one_order_and_across_orders(self):
        orders = [
            refunded(
                6101,
                without_id(shopify_refund(0, 610101, amount="12.00")),
                without_id(shopify_refund(0, 610102, amount="12.00")),
            ),
            # The same refund content on another order: its own id.
            refunded(6102, without_id(shopify_refund(0, 610201, amount="12.00"))),
        ]
        payloads = self.import_orders(*orders)
        self.assertEqual(payloads.mapped("state"), ["done", "done"], payloads.mapped("error"))
        first, second = self.order_of(6101), self.order_of(6102)
        self.assertEqual(len(first.ecom_refund_ids), 2)
        self.assertEqual(len(second.ecom_refund_ids), 1)
        ids = (first.ecom_refund_ids | second.ecom_refund_ids).mapped("external_id")
        self.assertEqual(len(set(ids)), 3)
        self.assertNotIn("None", ids)
        for refund in first.ecom_refund_ids:
            self.assertRegex(refund.external_id, r"^6101-refund-[0-9a-f]{12}$")
            self.assertEqual(refund.amount, 12.0)
        self.assertEqual(
            first.ecom_refund_ids.line_ids.sale_line_id,
            first.order_line.filtered(lambda line: line.ecom_external_id in ("610101", "610102")),
        )
        kept = first.ecom_refund_ids | second.ecom_refund_ids
        # The same file again: duplicates; a newer copy keeps the same refund records.
        again = self.import_orders(*orders)
        self.assertEqual(again.mapped("state"), ["duplicate", "duplicate"])
        for order in orders:
            order["updated_at"] = "2026-11-06T10:00:00+01:00"
        newer = self.import_orders(*orders)
        self.assertEqual(newer.mapped("state"), ["done", "done"], newer.mapped("error"))
        self.assertEqual(first.ecom_refund_ids | second.ecom_refund_ids, kept)
        self.assertEqual(
            self.env["ecom.order.refund"].search_count([("shop_id", "=", self.shop.id)]), 3
        )

    def test_refund_id_of_two_orders_fails_the_second_alone(self):
        payloads = self.import_orders(
            refunded(6201, shopify_refund(9901, 620101)),
            refunded(6202, shopify_refund(9901, 620201)),
            shopify_order(order_id=6203),
        )
        self.assertEqual(payloads.mapped("state"), ["done", "failed", "done"])
        self.assertEqual(
            payloads[1].error,
            "Refund 9901 of #6202 is already recorded on #6201: a shop refund belongs to one "
            "order. Check both orders in the shop.",
        )
        self.assertFalse(self.order_of(6202))
        self.assertEqual(self.order_of(6201).ecom_refund_ids.external_id, "9901")
        # Once recorded, a later file's order with that refund fails the same way.
        later = self.import_orders(refunded(6204, shopify_refund(9901, 620401)))
        self.assertEqual(later.state, "failed")
        self.assertIn("Refund 9901 of #6204 is already recorded on #6201", later.error)

    def test_long_sku_refused_long_name_cut(self):
        long_sku = shopify_order(
            order_id=6301, lines=(("S" * 10_000, "Teapot", 1, "20.00", "0.00", "20"),)
        )
        long_name = shopify_order(order_id=6302)
        long_name["customer"]["first_name"] = "Camille" + "e" * 400
        for address in (long_name["billing_address"], long_name["shipping_address"]):
            address["first_name"] = address["name"] = "Camille" + "e" * 400
            address["address1"] = "12 rue de la Paix" + " bis" * 200
        payloads = self.import_orders(long_sku, long_name)
        self.assertEqual(payloads.mapped("state"), ["failed", "done"])
        self.assertIn("Line 1 (Teapot): the SKU is 10000 characters long", payloads[0].error)
        self.assertNotIn("index row", payloads[0].error)
        self.assertFalse(self.order_of(6301))
        so = self.order_of(6302)
        self.assertLessEqual(len(so.partner_id.name), 256)
        self.assertIn("was", so.ecom_problems)
        self.assertIn("only its first 256 were kept", so.ecom_problems)
