# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from decimal import Decimal

from odoo.tests import tagged

from ..adapters import get_adapter
from ..adapters.canonical import PayloadError
from .common import AdapterCase


@tagged("post_install", "-at_install")
class TestCsvAdapter(AdapterCase):
    platform = "csv"
    options = {"csv": {"preset": "fr_standard"}}

    def test_french_export(self):
        documents, orders = self.documents_and_orders("export_fr_utf8.csv")
        self.assertEqual([d.external_id for d in documents], ["CMD-1001", "CMD-1002", "CMD-1003"])
        first, business, pending = orders
        self.assertEqual(len(first.lines), 2)
        self.assertEqual(first.lines[0].unit_price, Decimal("24.90"))
        self.assertEqual(first.lines[1].taxes[0].rate, Decimal("5.5"))
        self.assertEqual(first.customer.name, "Élodie Lefèvre")
        self.assertEqual(first.billing_address.country_code, "FR")
        self.assertEqual(str(first.created_at), "2026-11-05 13:32:00")
        self.assertEqual(first.shipping_lines[0].title, "Colissimo")
        self.assertEqual(first.shipping_lines[0].taxes[0].rate, Decimal(20))
        self.assertEqual(first.payments[0].gateway, "Carte bancaire")
        self.assertEqual(business.customer.company, "Brasserie du Parc SPRL")
        self.assertEqual(business.customer.vat, "BE0477472701")
        self.assertEqual(business.billing_address.country_code, "BE")
        self.assertEqual(business.lines[0].discount, Decimal("7.50"))
        self.assertEqual(pending.financial_status, "pending")
        self.assertEqual(pending.lines[0].taxes[0].rate, Decimal("20.0"))
        for order in orders:
            total = sum(
                line.quantity * line.unit_price - line.discount for line in order.lines
            ) + sum(s.price for s in order.shipping_lines)
            self.assertEqual(total, order.totals.total, order.external_id)

    def test_latin1_and_utf8_give_the_same_orders(self):
        _docs, utf8 = self.documents_and_orders("export_fr_utf8.csv")
        _docs, latin1 = self.documents_and_orders("export_fr_latin1.csv")
        self.assertEqual(utf8, latin1)

    def test_generic_english_export_prices_without_tax(self):
        adapter = get_adapter("csv", {"csv": {"preset": "generic_en"}})
        _docs, (order,) = self.documents_and_orders("export_generic_en.csv", adapter)
        self.assertFalse(order.prices_include_tax)
        self.assertEqual(order.lines[0].taxes[0].amount, Decimal("4.00"))
        self.assertEqual(order.shipping_lines[0].taxes[0].amount, Decimal("1.00"))
        self.assertEqual(order.totals.total, Decimal("30.00"))

    def test_errors(self):
        with self.assertRaisesRegex(PayloadError, "Missing column.*Quantité"):
            self.adapter.split("N° commande;Prix unitaire TTC;Total TTC\n1;2;3\n".encode())
        text = self.sample("export_fr_utf8.csv").decode("utf-8-sig")
        header, row = text.splitlines()[:2]
        documents = self.adapter.split(f"{header}\n;{row.split(';', 1)[1]}\n{row}\n".encode())
        self.assertEqual(len(documents), 2)
        self.assertIn("Line 2: no order number", documents[-1].error)
        (bad_number,) = self.adapter.split(
            f"{header}\n{row.replace(';24,90;', ';12,3,4;')}\n".encode()
        )
        with self.assertRaisesRegex(PayloadError, "unit price is not a number"):
            self.adapter.parse(bad_number)
        (negative,) = self.adapter.split(
            f"{header}\n{row.replace(';2;24,90', ';-2;24,90')}\n".encode()
        )
        with self.assertRaisesRegex(PayloadError, "negative"):
            self.adapter.parse(negative)
        (country,) = self.adapter.split(
            f"{header}\n{row.replace(';France;', ';Atlantide;')}\n".encode()
        )
        with self.assertRaisesRegex(PayloadError, "Unknown country 'Atlantide'"):
            self.adapter.parse(country)
