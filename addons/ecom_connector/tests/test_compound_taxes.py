# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Several taxes on one line: state and county, GST and a compound QST.

Each shop tax becomes its own Odoo tax; a compound one comes after the taxes
it is computed on, which affect its base. The order and its invoice total
what the shop charged, to the cent.
"""

import json
from decimal import Decimal

from odoo import Command
from odoo.tests import tagged

from ..adapters import get_adapter
from ..adapters.canonical import InboundDocument
from ..adapters.utils import money
from .common import PAYLOADS, D, EcomCase
from .samples import shopify_address, shopify_order

GST = ("GST", "5")
QST = ("QST", "9.975")


def taxed_order(order_id, taxes, compound=(), country="CA", province="QC", shipping="10.00"):
    """A Shopify order of two items at 100.00 (and shipping) taxed by ``taxes``.

    ``taxes`` are (title, rate %); the titles in ``compound`` are computed on
    the price plus the taxes before them, as the shop does. Totals add up.
    """
    order = shopify_order(
        order_id=order_id,
        lines=(("SIROP-1L", "Sirop d'érable 1 L", 2, "100.00", "0.00", "0"),),
        shipping=("Postes Canada", "canada_post", shipping, "0") if shipping else None,
        country=country,
        currency="CAD" if country == "CA" else "USD",
    )
    total_tax = Decimal(0)
    for item, base in [
        *((line, D(line["price"]) * line["quantity"]) for line in order["line_items"]),
        *((line, D(line["price"])) for line in order["shipping_lines"]),
    ]:
        item["tax_lines"], simple = [], Decimal(0)
        for title, rate in taxes:
            on = base + simple if title in compound else base
            amount = money(on * D(rate) / 100)
            if title not in compound:
                simple += amount
            total_tax += amount
            item["tax_lines"].append(
                {"title": title, "price": str(amount), "rate": float(D(rate) / 100)}
            )
    address = shopify_address(country=country, province_code=province, city="Montréal")
    order.update(billing_address=address, shipping_address=address)
    order["customer"]["default_address"] = address
    order["total_tax"] = str(total_tax)
    order["total_price"] = str(D(order["subtotal_price"]) + D(shipping or "0") + total_tax)
    return order


@tagged("post_install", "-at_install")
class TestCompoundTaxes(EcomCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop.unknown_tax_policy = "create"
        cls.env["res.currency"].with_context(active_test=False).search(
            [("name", "in", ["CAD", "USD"])]
        ).active = True

    def invoice_of(self, order):
        self.assertEqual(order.state, "sale")
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def test_adapters_tell_compound_taxes(self):
        shopify = get_adapter("shopify").parse(
            InboundDocument(body=json.dumps(taxed_order(9001, [GST, QST], compound=["QST"])))
        )
        self.assertEqual(
            [(t.title, t.amount, t.compound) for t in shopify.lines[0].taxes],
            [("GST", D("10.00"), False), ("QST", D("20.95"), True)],
        )
        self.assertEqual([t.compound for t in shopify.shipping_lines[0].taxes], [False, True])
        # State and county: both on the price alone, neither compound.
        us = get_adapter("shopify").parse(
            InboundDocument(body=json.dumps(taxed_order(9002, [("TX", "6.25"), ("Travis", "1")])))
        )
        self.assertEqual([t.compound for t in us.lines[0].taxes], [False, False])
        # WooCommerce says it on the rate (tax_lines[].compound).
        body = (PAYLOADS / "woocommerce" / "order_compound_quebec.json").read_text()
        woo = get_adapter("woocommerce").parse(InboundDocument(body=body))
        self.assertEqual(
            [(t.title, t.rate, t.amount, t.compound) for t in woo.lines[0].taxes],
            [("TPS", D("5"), D("1.50"), False), ("TVQ", D("9.975"), D("3.14"), True)],
        )
        self.assertEqual(
            [(t.amount, t.compound) for t in woo.shipping_lines[0].taxes],
            [(D("0.60"), False), (D("1.26"), True)],
        )

    def test_state_and_county_created_once_and_invoiced_exactly(self):
        Tax = self.env["account.tax"]
        before = Tax.search([])
        taxes = [("Texas State Tax", "6.25"), ("Travis County Tax", "1")]
        self.import_orders(taxed_order(9101, taxes, country="US", province="TX", shipping=None))
        order = self.order_of(9101)
        self.assertFalse(order.ecom_hold_reason_ids, order.ecom_problems)
        created = Tax.search([]) - before
        self.assertEqual(
            sorted(created.mapped("name")), ["Texas State Tax 6.25% US", "Travis County Tax 1% US"]
        )
        self.assertFalse(any(created.mapped("include_base_amount")))
        self.assertEqual(order.order_line.tax_id, created)
        self.assertEqual((order.amount_tax, order.amount_total), (14.50, 214.50))
        invoice = self.invoice_of(order)
        self.assertEqual((invoice.amount_tax, invoice.amount_total), (14.50, 214.50))
        self.assertEqual(
            sorted(invoice.line_ids.filtered("tax_line_id").mapped("credit")), [2.0, 12.5]
        )
        self.assertEqual(len(self.shop.tax_map_ids), 2)
        self.assertEqual(set(self.shop.tax_map_ids.mapped("compound")), {False})
        # A second order with the same taxes creates nothing more.
        self.import_orders(taxed_order(9102, taxes, country="US", province="TX", shipping=None))
        self.assertEqual(Tax.search([]) - before, created)
        self.assertEqual(self.order_of(9102).amount_total, 214.50)
        self.assertEqual(len(self.shop.tax_map_ids), 2)

    def test_compound_tax_created_after_the_tax_in_its_base(self):
        Tax = self.env["account.tax"]
        before = Tax.search([])
        self.import_orders(taxed_order(9201, [GST, QST], compound=["QST"]))
        order = self.order_of(9201)
        self.assertFalse(order.ecom_hold_reason_ids, order.ecom_problems)
        # 200.00 + GST 10.00 + QST 9.975 % of 210.00 (20.95); shipping 10.00 + 0.50 + 1.05.
        self.assertEqual((order.amount_tax, order.amount_total), (32.50, 242.50))
        self.assertEqual(order.amount_total, order.ecom_shop_total)
        gst, qst = (Tax.search([]) - before).sorted(lambda t: (t.sequence, t.id))
        self.assertEqual(
            (gst.name, gst.amount, gst.include_base_amount),
            ("GST 5% CA (base of compound)", 5, True),
        )
        self.assertEqual((qst.name, qst.amount), ("QST 9.975% CA (compound)", 9.975))
        self.assertTrue(qst.is_base_affected)
        self.assertGreater(qst.sequence, gst.sequence)
        self.assertEqual(
            {(m.title, m.compound, m.tax_id) for m in self.shop.tax_map_ids},
            {("GST", "base", gst), ("QST", "compound", qst)},
        )
        self.assertTrue(all(self.shop.tax_map_ids.mapped("created_from_shop")))
        invoice = self.invoice_of(order)
        self.assertEqual(invoice.amount_total, 242.50)
        tax_lines = invoice.line_ids.filtered("tax_line_id")
        self.assertEqual(
            {line.tax_line_id: line.credit for line in tax_lines}, {gst: 10.50, qst: 22.00}
        )
        # QST's base in the books is the price plus GST: 210.00 of sales, 10.50 of GST.
        self.assertEqual(
            sum(invoice.line_ids.filtered(lambda line: qst in line.tax_ids).mapped("credit")),
            220.5,
        )
        # Another order: the same two taxes, nothing more created or mapped.
        self.import_orders(taxed_order(9202, [GST, QST], compound=["QST"]))
        self.assertEqual(Tax.search([]) - before, gst | qst)
        self.assertEqual(self.order_of(9202).amount_total, 242.50)
        self.assertEqual(len(self.shop.tax_map_ids), 2)

    def test_woocommerce_compound_flag_imports_exactly(self):
        shop = self.create_shop("woocommerce", "WOOQC", unknown_tax_policy="create")
        content = (PAYLOADS / "woocommerce" / "order_compound_quebec.json").read_bytes()
        payloads = shop._ecom_receive_file(content, "order_compound_quebec.json")
        payloads._ecom_process()
        order = self.order_of("7310", shop)
        self.assertFalse(order.ecom_hold_reason_ids, order.ecom_problems)
        self.assertEqual((order.amount_tax, order.amount_total), (6.50, 48.50))
        names = order.order_line.tax_id.sorted(lambda t: (t.sequence, t.id)).mapped("name")
        self.assertEqual(names, ["TPS 5% CA (base of compound)", "TVQ 9.975% CA (compound)"])
        self.assertEqual(self.invoice_of(order).amount_total, 48.50)
        again = shop._ecom_receive_file(content, "order_compound_quebec.json")
        again.filtered(lambda p: p.state == "new")._ecom_process()
        self.assertEqual(again.state, "duplicate")
        self.assertEqual(len(shop.tax_map_ids), 2)

    def test_hold_policy_holds_with_the_reason(self):
        self.shop.unknown_tax_policy = "hold"
        self.import_orders(taxed_order(9301, [GST, QST], compound=["QST"]))
        order = self.order_of(9301)
        self.assertEqual(order.state, "draft")
        self.assertIn("unknown_tax", order.ecom_hold_reason_ids.mapped("code"))
        self.assertIn("No compound sale tax of 9.975 % (QST, CA)", order.ecom_problems)
        self.assertIn(
            "No sale tax of 5 % (GST, CA) that affects the base of subsequent taxes",
            order.ecom_problems,
        )
        self.assertFalse(self.shop.tax_map_ids, "the hold policy creates nothing")

    def test_mapped_taxes_and_their_order(self):
        self.shop.unknown_tax_policy = "hold"
        Tax = self.env["account.tax"]
        common = {
            "type_tax_use": "sale",
            "amount_type": "percent",
            "tax_group_id": self.tax_20.tax_group_id.id,
        }
        tps = Tax.create(
            {"name": "TPS", "amount": 5, "include_base_amount": True, "sequence": 5, **common}
        )
        tvq = Tax.create({"name": "TVQ", "amount": 9.975, "sequence": 6, **common})
        self.shop.tax_map_ids = [
            Command.create({"rate": 5, "title": "GST", "compound": "base", "tax_id": tps.id}),
            Command.create(
                {"rate": 9.975, "title": "QST", "compound": "compound", "tax_id": tvq.id}
            ),
        ]
        self.import_orders(taxed_order(9401, [GST, QST], compound=["QST"]))
        order = self.order_of(9401)
        self.assertFalse(order.ecom_hold_reason_ids, order.ecom_problems)
        self.assertEqual(order.order_line.tax_id, tps | tvq)
        self.assertEqual(order.amount_total, 242.50)
        # The compound tax set before the one in its base: held, with the fix.
        tvq.sequence = 1
        self.import_orders(taxed_order(9402, [GST, QST], compound=["QST"]))
        held = self.order_of(9402)
        self.assertIn("unknown_tax", held.ecom_hold_reason_ids.mapped("code"))
        self.assertIn("The compound tax TVQ must be computed after TPS", held.ecom_problems)
