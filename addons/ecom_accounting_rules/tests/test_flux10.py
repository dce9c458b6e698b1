# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The e-reporting files (Flux 10) from plain values: valid against the XSD, read back."""

import ast
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import polib
from lxml import etree

from odoo.tests import BaseCase, TransactionCase, tagged

from odoo.addons.ecom_connector.const import (
    EREPORTING_CATEGORY_GOODS,
    EREPORTING_CATEGORY_NOT_TAXABLE,
    EREPORTING_CATEGORY_SERVICES,
)
from odoo.addons.ecom_connector.tests.common import FrenchMixin

from ..ereporting import flux10
from ..ereporting.flux10 import (
    AbroadInvoice,
    Declarant,
    Flux10Error,
    InvoicePayment,
    InvoiceTaxLine,
    PaymentRow,
    Period,
    TransactionRow,
    payments_xml,
    transactions_xml,
)

D = Decimal
DECLARANT = Declarant(
    name="Boutique Lumière SAS",
    siren="732829320",
    vat="FR44732829320",
    platform_id="0111",
    platform_name="Plateforme Agréée",
)
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
ISSUED = datetime(2026, 4, 2, 8, 30, 0, tzinfo=UTC)


def b2c_march():
    """Two days of web sales to individuals: goods at 20 % and 5.5 %, a service,
    OSS sales not taxable in France, and a day with returns."""
    return [
        TransactionRow(date(2026, 3, 2), EREPORTING_CATEGORY_GOODS, D("20"), D("1000.00"),
                       D("200.00"), count=12),
        TransactionRow(date(2026, 3, 2), EREPORTING_CATEGORY_GOODS, D("5.5"), D("300.00"),
                       D("16.50"), count=4),
        TransactionRow(date(2026, 3, 2), EREPORTING_CATEGORY_SERVICES, D("20"), D("49.90"),
                       D("9.98"), count=3),
        TransactionRow(date(2026, 3, 2), EREPORTING_CATEGORY_NOT_TAXABLE, D("0"), D("410.00"),
                       D("0")),
        # Two rows of the same day, category and rate (two shops) make one line.
        TransactionRow(date(2026, 3, 17), EREPORTING_CATEGORY_GOODS, D("20"), D("250.00"),
                       D("50.00")),
        TransactionRow(date(2026, 3, 17), EREPORTING_CATEGORY_GOODS, D("20"), D("-40.00"),
                       D("-8.00")),
    ]  # fmt: skip


def invoice_to_germany():
    return AbroadInvoice(
        number="FAC/2026/00042",
        date=date(2026, 3, 10),
        kind=flux10.INVOICE,
        currency="EUR",
        buyer_name="Möbel Berlin GmbH",
        buyer_country="DE",
        buyer_vat="DE136695976",
        category=EREPORTING_CATEGORY_GOODS,
        lines=(InvoiceTaxLine(D("0"), D("1250.00"), D("0.00"), "K"),),
    )


def credit_note_to_switzerland():
    return AbroadInvoice(
        number="AV/2026/00003",
        date=date(2026, 3, 20),
        kind=flux10.CREDIT_NOTE,
        currency="CHF",
        buyer_name="Uhren Zürich AG",
        buyer_country="CH",
        buyer_vat="CHE116281710",
        category=EREPORTING_CATEGORY_SERVICES,
        lines=(
            InvoiceTaxLine(D("0"), D("80.00"), D("0.00"), "G"),
            InvoiceTaxLine(D("20"), D("10.00"), D("2.00"), "S"),
        ),
        total=D("90.00"),
        tax_total_eur=D("2.10"),
        origin_number="FAC/2026/00017",
        origin_date=date(2026, 2, 27),
    )


def read(xml):
    return etree.fromstring(xml)


def texts(node, path):
    return [element.text for element in node.findall(path)]


def leaves(node):
    """The texts of ``node``'s innermost elements, in order."""
    return tuple(element.text for element in node.iter() if not len(element))


@tagged("post_install", "-at_install")
class TestTransactions(BaseCase):
    def test_a_b2c_month_reads_back_as_its_rows(self):
        xml = transactions_xml(DECLARANT, MARCH, b2c_march(), issued_at=ISSUED)
        root = read(xml)
        document = root.find("ReportDocument")
        self.assertEqual(document.findtext("TypeCode"), "IN")
        self.assertEqual(document.findtext("IssueDateTime/DateTimeString"), "20260402083000")
        self.assertEqual(
            document.findtext("Id"), "732829320-TX-20260301-20260331-IN-20260402083000"
        )
        self.assertEqual(document.findtext("Issuer/Id"), "732829320")
        self.assertEqual(document.find("Issuer/Id").get("schemeId"), "0002")
        self.assertEqual(document.findtext("Issuer/RoleCode"), "SE")
        self.assertEqual(document.findtext("Issuer/Name"), "Boutique Lumière SAS")
        self.assertEqual(document.findtext("Sender/Id"), "0111")
        self.assertEqual(document.find("Sender/Id").get("schemeId"), "0238")
        self.assertEqual(document.findtext("Sender/RoleCode"), "WK")
        report = root.find("TransactionsReport")
        self.assertEqual(texts(report, "ReportPeriod/*"), ["20260301", "20260331"])
        self.assertIsNone(root.find("PaymentsReport"))
        blocks = report.findall("Transactions")
        # One block per day and category, in order.
        self.assertEqual(
            [(b.findtext("Date"), b.findtext("CategoryCode")) for b in blocks],
            [
                ("20260302", "TLB1"),
                ("20260302", "TNT1"),
                ("20260302", "TPS1"),
                ("20260317", "TLB1"),
            ],
        )
        goods = blocks[0]
        self.assertEqual(goods.findtext("TransactionsCurrency"), "EUR")
        self.assertEqual(goods.findtext("TaxExclusiveAmount"), "1300.00")
        self.assertEqual(goods.findtext("TaxTotal"), "216.50")
        self.assertEqual(goods.findtext("TransactionsCount"), "16")
        self.assertEqual(
            [leaves(sub) for sub in goods.findall("TaxSubtotal")],
            [("5.50", "300.00", "16.50"), ("20.00", "1000.00", "200.00")],
        )
        oss = blocks[1]
        self.assertEqual(texts(oss, "TaxSubtotal/*"), ["0.00", "410.00", "0.00"])
        self.assertIsNone(oss.find("TransactionsCount"))  # not given: not invented
        # The day with returns nets its two rows into one line.
        self.assertEqual(texts(blocks[3], "TaxSubtotal/*"), ["20.00", "210.00", "42.00"])
        # The totals read back equal the rows'.
        rows = b2c_march()
        self.assertEqual(
            sum(D(b.findtext("TaxExclusiveAmount")) for b in blocks), sum(r.base for r in rows)
        )
        self.assertEqual(sum(D(b.findtext("TaxTotal")) for b in blocks), sum(r.tax for r in rows))
        for block in blocks:
            self.assertEqual(
                D(block.findtext("TaxExclusiveAmount")),
                sum(D(t) for t in texts(block, "TaxSubtotal/TaxableAmount")),
            )

    def test_an_invoice_and_a_credit_note_to_buyers_abroad(self):
        xml = transactions_xml(
            DECLARANT,
            MARCH,
            invoices=[invoice_to_germany(), credit_note_to_switzerland()],
            issued_at=ISSUED,
        )
        report = read(xml).find("TransactionsReport")
        self.assertIsNone(report.find("Transactions"))
        invoice, credit_note = report.findall("Invoice")
        self.assertEqual(invoice.findtext("ID"), "FAC/2026/00042")
        self.assertEqual(invoice.findtext("IssueDate"), "20260310")
        self.assertEqual(invoice.findtext("TypeCode"), "380")
        self.assertEqual(invoice.findtext("CurrencyCode"), "EUR")
        self.assertEqual(invoice.findtext("BusinessProcess/ID"), "B1")
        self.assertEqual(invoice.findtext("Seller/CompanyId"), "732829320")
        self.assertEqual(invoice.find("Seller/CompanyId").get("schemeId"), "0002")
        self.assertEqual(invoice.findtext("Seller/TaxRegistrationId"), "FR44732829320")
        self.assertEqual(invoice.findtext("Buyer/CompanyId"), "DE136695976")
        self.assertEqual(invoice.find("Buyer/CompanyId").get("schemeId"), "0223")
        self.assertEqual(invoice.findtext("Buyer/TaxRegistrationId"), "DE136695976")
        self.assertEqual(invoice.findtext("Buyer/PostalAddress/CountryId"), "DE")
        self.assertEqual(invoice.findtext("MonetaryTotal/TaxExclusiveAmount"), "1250.00")
        self.assertEqual(invoice.findtext("MonetaryTotal/TaxAmount"), "0.00")
        self.assertEqual(
            texts(invoice, "TaxSubTotal/TaxableAmount")
            + texts(invoice, "TaxSubTotal/TaxCategory/*"),
            ["1250.00", "K", "0.00"],
        )
        self.assertIsNone(invoice.find("ReferencedDocument"))

        self.assertEqual(credit_note.findtext("TypeCode"), "381")
        self.assertEqual(credit_note.findtext("CurrencyCode"), "CHF")
        self.assertEqual(credit_note.findtext("BusinessProcess/ID"), "S1")
        self.assertEqual(credit_note.findtext("ReferencedDocument/ID"), "FAC/2026/00017")
        self.assertEqual(credit_note.findtext("ReferencedDocument/IssueDate"), "20260227")
        self.assertEqual(credit_note.find("Buyer/CompanyId").get("schemeId"), "0227")
        self.assertEqual(credit_note.findtext("MonetaryTotal/TaxExclusiveAmount"), "90.00")
        # The VAT total in euros, as the administration wants it.
        tax = credit_note.find("MonetaryTotal/TaxAmount")
        self.assertEqual((tax.text, tax.get("CurrencyCode")), ("2.10", "EUR"))
        self.assertEqual(
            [leaves(sub) for sub in credit_note.findall("TaxSubTotal")],
            [("80.00", "0.00", "G", "0.00"), ("10.00", "2.00", "S", "20.00")],
        )

    def test_rows_and_invoices_in_one_report(self):
        xml = transactions_xml(
            DECLARANT, MARCH, b2c_march(), [invoice_to_germany()], issued_at=ISSUED
        )
        report = read(xml).find("TransactionsReport")
        self.assertEqual(len(report.findall("Invoice")), 1)
        self.assertEqual(len(report.findall("Transactions")), 4)
        # The XSD wants the invoices first.
        self.assertEqual(report[1].tag, "Invoice")

    def test_a_corrective_report(self):
        xml = transactions_xml(
            DECLARANT, MARCH, b2c_march(), corrective=True, report_id="LUMIERE-2026-03-RE1",
            issued_at=datetime(2026, 4, 15, 9, 0, 0),
        )  # fmt: skip
        document = read(xml).find("ReportDocument")
        self.assertEqual(document.findtext("TypeCode"), "RE")
        self.assertEqual(document.findtext("Id"), "LUMIERE-2026-03-RE1")
        self.assertEqual(document.findtext("IssueDateTime/DateTimeString"), "20260415090000")
        # No reference element: the administration's XSD has none.
        self.assertIsNone(document.find("References"))
        initial = read(transactions_xml(DECLARANT, MARCH, b2c_march(), issued_at=ISSUED))
        corrected = read(xml)
        self.assertEqual(
            etree.tostring(initial.find("TransactionsReport")),
            etree.tostring(corrected.find("TransactionsReport")),
        )
        # The default id tells the corrective report apart.
        xml = transactions_xml(DECLARANT, MARCH, corrective=True, issued_at=ISSUED)
        self.assertEqual(
            read(xml).findtext("ReportDocument/Id"),
            "732829320-TX-20260301-20260331-RE-20260402083000",
        )

    def test_floats_from_odoo_fields_are_taken_at_their_value(self):
        rows = [TransactionRow(date(2026, 3, 2), "TLB1", 2.1, 100.1, 2.1)]
        block = read(transactions_xml(DECLARANT, MARCH, rows)).find(
            "TransactionsReport/Transactions"
        )
        self.assertEqual(leaves(block.find("TaxSubtotal")), ("2.10", "100.10", "2.10"))
        self.assertEqual(block.findtext("TaxExclusiveAmount"), "100.10")

    def test_an_empty_month_is_a_valid_report(self):
        report = read(transactions_xml(DECLARANT, MARCH, issued_at=ISSUED)).find(
            "TransactionsReport"
        )
        self.assertEqual(len(report), 1)  # the period only


@tagged("post_install", "-at_install")
class TestPayments(BaseCase):
    def test_payments_per_day_and_rate_and_per_invoice(self):
        payments = [
            PaymentRow(date(2026, 3, 5), D("20"), D("59.88")),
            PaymentRow(date(2026, 3, 5), D("20"), D("120.00")),
            PaymentRow(date(2026, 3, 5), D("10"), D("33.00")),
            PaymentRow(date(2026, 3, 9), D("20"), D("24.00")),
            PaymentRow(date(2026, 3, 9), D("20"), D("-4.00")),  # a refund of the day
        ]
        invoice_payments = [
            InvoicePayment("FAC/2026/00017", date(2026, 2, 27), date(2026, 3, 12), D("20"),
                           D("12.00")),
            InvoicePayment("FAC/2026/00017", date(2026, 2, 27), date(2026, 3, 12), D("0"),
                           D("500.00")),
        ]  # fmt: skip
        xml = payments_xml(DECLARANT, MARCH, payments, invoice_payments, issued_at=ISSUED)
        root = read(xml)
        self.assertIsNone(root.find("TransactionsReport"))
        document = root.find("ReportDocument")
        self.assertEqual(document.findtext("TypeCode"), "IN")
        self.assertEqual(
            document.findtext("Id"), "732829320-PAY-20260301-20260331-IN-20260402083000"
        )
        report = root.find("PaymentsReport")
        self.assertEqual(texts(report, "ReportPeriod/*"), ["20260301", "20260331"])
        (invoice,) = report.findall("Invoice")
        self.assertEqual(invoice.findtext("InvoiceID"), "FAC/2026/00017")
        self.assertEqual(invoice.findtext("IssueDate"), "20260227")
        self.assertEqual(invoice.findtext("Payment/Date"), "20260312")
        self.assertEqual(
            [leaves(sub) for sub in invoice.findall("Payment/SubTotals")],
            [("0.00", "EUR", "500.00"), ("20.00", "EUR", "12.00")],
        )
        days = report.findall("Transactions/Payment")
        self.assertEqual([day.findtext("Date") for day in days], ["20260305", "20260309"])
        self.assertEqual(
            [leaves(sub) for sub in days[0].findall("SubTotals")],
            [("10.00", "EUR", "33.00"), ("20.00", "EUR", "179.88")],
        )
        self.assertEqual(texts(days[1], "SubTotals/Amount"), ["20.00"])
        self.assertEqual(
            sum(D(a) for a in texts(report, "Transactions/Payment/SubTotals/Amount")),
            sum(p.amount for p in payments),
        )

    def test_a_corrective_payments_report(self):
        xml = payments_xml(
            DECLARANT, MARCH, [PaymentRow(date(2026, 3, 5), D("20"), D("10.00"))],
            corrective=True, issued_at=ISSUED,
        )  # fmt: skip
        self.assertEqual(read(xml).findtext("ReportDocument/TypeCode"), "RE")


@tagged("post_install", "-at_install")
class TestInvalidData(BaseCase):
    """Bad data gives a sentence saying what to fix, never a file."""

    def assertRefused(self, message, function, *args, **kwargs):
        with self.assertRaises(Flux10Error) as caught:
            function(*args, **kwargs)
        self.assertIsInstance(caught.exception, ValueError)
        self.assertIn(message, str(caught.exception))
        return caught.exception

    def test_missing_or_invalid_siren(self):
        for siren in ("", "73282932", "732829321"):
            declarant = Declarant("Boutique", siren, "FR44732829320", "0111", "PA")
            self.assertRefused(
                "The company's SIREN is missing or invalid",
                transactions_xml, declarant, MARCH, b2c_march(),
            )  # fmt: skip

    def test_missing_platform(self):
        declarant = Declarant("Boutique", "732829320", "FR44732829320", "", "")
        self.assertRefused("approved platform (PA) is not set", payments_xml, declarant, MARCH)

    def test_unknown_category(self):
        rows = [TransactionRow(date(2026, 3, 2), "TXX1", D("20"), D("10.00"), D("2.00"))]
        self.assertRefused(
            "The sales of 2026-03-02 (TXX1): unknown e-reporting category; expected one of "
            "TLB1, TPS1, TNT1, TMA1.",
            transactions_xml, DECLARANT, MARCH, rows,
        )  # fmt: skip

    def test_foreign_rate_and_french_vat_on_oss_sales(self):
        rows = [TransactionRow(date(2026, 3, 2), "TNT1", D("19"), D("100.00"), D("19.00"))]
        self.assertRefused(
            "19 % is not a French VAT rate", transactions_xml, DECLARANT, MARCH, rows
        )
        rows = [TransactionRow(date(2026, 3, 2), "TNT1", D("20"), D("100.00"), D("20.00"))]
        self.assertRefused(
            "sales not taxable in France (TNT1) are reported without French VAT",
            transactions_xml, DECLARANT, MARCH, rows,
        )  # fmt: skip

    def test_amounts_dates_and_period(self):
        rows = [TransactionRow(date(2026, 3, 2), "TLB1", D("20"), 0.1 + 0.2, D("2.00"))]
        self.assertRefused(
            "0.30000000000000004 is not an amount of at most 2 decimals",
            transactions_xml, DECLARANT, MARCH, rows,
        )  # fmt: skip
        rows = [TransactionRow(date(2026, 3, 2), "TLB1", D("20"), D("10.005"), D("2.00"))]
        self.assertRefused(
            "10.005 is not an amount of at most 2 decimals",
            transactions_xml,
            DECLARANT,
            MARCH,
            rows,
        )
        rows = [TransactionRow(date(2026, 4, 1), "TLB1", D("20"), D("10.00"), D("2.00"))]
        self.assertRefused(
            "dated 2026-04-01, outside the reported period",
            transactions_xml,
            DECLARANT,
            MARCH,
            rows,
        )
        backwards = Period(date(2026, 3, 31), date(2026, 3, 1))
        self.assertRefused("must end after it starts", transactions_xml, DECLARANT, backwards)

    def test_invoices_abroad(self):
        french = AbroadInvoice(**{**invoice_to_germany().__dict__, "buyer_country": "FR"})
        self.assertRefused("e-invoiced, not e-reported", transactions_xml, DECLARANT, MARCH, (),
                           [french])  # fmt: skip
        orphan = AbroadInvoice(**{**credit_note_to_switzerland().__dict__, "origin_number": ""})
        self.assertRefused(
            "Invoice AV/2026/00003 (Uhren Zürich AG): a credit note names the invoice it "
            "corrects, with its date.",
            transactions_xml, DECLARANT, MARCH, (), [orphan],
        )  # fmt: skip
        no_euros = AbroadInvoice(**{**credit_note_to_switzerland().__dict__, "tax_total_eur": None})
        self.assertRefused("its VAT total in euros is required", transactions_xml, DECLARANT,
                           MARCH, (), [no_euros])  # fmt: skip
        wrong_total = AbroadInvoice(**{**invoice_to_germany().__dict__, "total": D("1300.00")})
        self.assertRefused("is not the sum of its VAT breakdown's bases", transactions_xml,
                           DECLARANT, MARCH, (), [wrong_total])  # fmt: skip
        bad_number = AbroadInvoice(**{**invoice_to_germany().__dict__, "number": "FAC#42"})
        self.assertRefused("the id FAC#42 is not accepted", transactions_xml, DECLARANT, MARCH,
                           (), [bad_number])  # fmt: skip
        exempt = AbroadInvoice(
            **{
                **invoice_to_germany().__dict__,
                "lines": (InvoiceTaxLine(D("0"), D("1250.00"), D("0"), "E"),),
            }
        )
        self.assertRefused("gives the exemption's reason and code", transactions_xml, DECLARANT,
                           MARCH, (), [exempt])  # fmt: skip
        anonymous = AbroadInvoice(**{**credit_note_to_switzerland().__dict__, "buyer_vat": ""})
        self.assertRefused("a business buyer abroad is identified by its VAT number",
                           transactions_xml, DECLARANT, MARCH, (), [anonymous])  # fmt: skip
        no_vat = Declarant("Boutique", "732829320", "", "0111", "PA")
        self.assertRefused("the company's VAT number is required", transactions_xml, no_vat,
                           MARCH, (), [invoice_to_germany()])  # fmt: skip

    def test_payments(self):
        refunds = [PaymentRow(date(2026, 3, 5), D("20"), D("-10.00"))]
        self.assertRefused("takes no negative collection", payments_xml, DECLARANT, MARCH, refunds)
        dollars = [PaymentRow(date(2026, 3, 5), D("20"), D("10.00"), "USD")]
        self.assertRefused("reported in euros, not in USD", payments_xml, DECLARANT, MARCH, dollars)

    def test_an_invoice_without_breakdown_and_what_the_xsd_refuses(self):
        self.assertRefused(
            "it has no VAT breakdown",
            transactions_xml, DECLARANT, MARCH, (),
            [AbroadInvoice(**{**invoice_to_germany().__dict__, "lines": ()})],
        )  # fmt: skip
        # The schema check itself: a report without its transmission's terms.
        with self.assertLogs("pyfrctc", "ERROR"):  # the library logs what it raises
            self.assertRefused(
                "The e-reporting file does not follow the administration's schema (XSD): "
                "Element 'ReportDocument': Missing child element(s). Expected is ( Id ).",
                flux10._checked, b"<Report><ReportDocument/></Report>",
            )  # fmt: skip


@tagged("post_install", "-at_install")
class TestErrorsInFrench(FrenchMixin, TransactionCase):
    """The sentence is shown to the company's accountant, in their language."""

    french_modules = ("ecom_accounting_rules",)

    def test_errors_in_french(self):
        rows = [TransactionRow(date(2026, 3, 2), "TXX1", D("20"), D("10.00"), D("2.00"))]
        with self.assertRaises(Flux10Error) as caught:
            transactions_xml(DECLARANT, MARCH, rows)
        self.assertEqual(
            caught.exception.sentence(self.env_fr),
            "Les ventes du 2026-03-02 (TXX1) : catégorie d'e-reporting inconnue ; attendu : "
            "TLB1, TPS1, TNT1, TMA1.",
        )
        with self.assertRaises(Flux10Error) as caught:
            transactions_xml(Declarant("B", "", "", "0111", "PA"), MARCH)
        self.assertEqual(
            caught.exception.sentence(self.env_fr),
            "Le SIREN de la société est absent ou invalide (-) : le déclarant de l'e-reporting "
            "est identifié par son SIREN à 9 chiffres.",
        )
        self.assertEqual(
            caught.exception.sentence(self.env),
            "The company's SIREN is missing or invalid (-): the e-reporting declarant is "
            "identified by its 9-digit SIREN.",
        )


@tagged("post_install", "-at_install")
class TestSentences(BaseCase):
    def test_every_sentence_has_its_french(self):
        addon = Path(__file__).resolve().parent.parent
        tree = ast.parse((addon / "ereporting" / "flux10.py").read_text(encoding="utf-8"))
        sentences = {
            node.args[0].value
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_lt"
        }
        self.assertGreater(len(sentences), 30)
        i18n = addon / "i18n"
        french = {entry.msgid: entry.msgstr for entry in polib.pofile(str(i18n / "fr.po"))}
        template = polib.pofile(str(i18n / "ecom_accounting_rules.pot"))
        self.assertFalse(sentences - {entry.msgid for entry in template}, "missing from the .pot")
        self.assertFalse([s for s in sentences if not french.get(s)], "missing French")
