# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The French e-reporting files (Flux 10) from plain values: no database, no I/O.

The administration's Flux 10 carries what e-invoicing does not see:

- a **transactions report** (:func:`transactions_xml`): flow 10.1, the invoices
  to business buyers abroad, one by one (TG-8), and flow 10.3, the sales to
  individuals aggregated per day, category and currency with a breakdown per
  VAT rate (TG-31);
- a **payments report** (:func:`payments_xml`): flow 10.2, what was collected
  on a reported invoice (TG-34), and flow 10.4, what was collected per day and
  VAT rate on aggregated sales of services (TG-37), whose VAT is due on payment.

The XML is built by Akretion's ``pyfrctc`` (``generate_ereporting_*``) from its
dict of the specification's terms (TT-*, BT-*, TG-*), and always validated
against the administration's XSD that the library ships. Before that, this
module checks the rules of the administration's schematron that the XSD does
not carry (SIREN, platform id, categories, VAT rates, amounts, document ids),
so bad data gives a sentence saying what to fix, not a schema trace.

Amounts and rates are ``Decimal`` (a float, as an Odoo field gives it, is taken
at its shortest representation: 2.1 is 2.1); an amount of more than 2 decimals
is refused, not rounded.

Every error is a :class:`Flux10Error` (a ``ValueError``) whose message is a
lazy translation: ``error.sentence(env)`` gives it in the reader's language.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

import pyfrctc
from stdnum.fr import siren as stdnum_siren

from odoo.tools.translate import LazyTranslate

from odoo.addons.ecom_connector.const import (
    EREPORTING_CATEGORIES,
    EREPORTING_CATEGORY_GOODS,
    EREPORTING_CATEGORY_NOT_TAXABLE,
    EREPORTING_CATEGORY_SERVICES,
)

_lt = LazyTranslate(__name__)

# TT-4: the type of a transmission (schematron G8.01).
TYPE_INITIAL = "IN"
TYPE_CORRECTIVE = "RE"
# The declarant (TG-5) is identified by its SIREN (scheme 0002) as seller (SE);
# the sender (TG-3) is its approved platform (PA), by its 4-character matricule
# (scheme 0238) with the role WK (G6.22, G6.26, G7.51, G7.52).
SCHEME_SIREN = "0002"
SCHEME_PLATFORM = "0238"
ROLE_SELLER = "SE"
ROLE_PLATFORM = "WK"
# A buyer abroad (TT-37): in another EU country (identified by its VAT number),
# or outside the EU (G2.19).
SCHEME_EU_OUTSIDE_FRANCE = "0223"
SCHEME_OUTSIDE_EU = "0227"
EU_COUNTRIES = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)
# TT-21: the invoice types (UNTDID 1001).
INVOICE = "invoice"
CREDIT_NOTE = "credit_note"
INVOICE_TYPE_CODES = {INVOICE: "380", CREDIT_NOTE: "381"}
# TT-28: the billing framework of a 10.1 invoice: goods, services, or both.
MIXED = "mixed"
BUSINESS_PROCESSES = {
    EREPORTING_CATEGORY_GOODS: "B1",
    EREPORTING_CATEGORY_SERVICES: "S1",
    MIXED: "M1",
}
# TT-56: the VAT category codes of an invoice's breakdown (UNTDID 5305, G2.31).
VAT_CODE_STANDARD = "S"
VAT_CODE_EXEMPT = "E"
VAT_CODES = ("S", "Z", "E", "AE", "K", "G", "O")
# The VAT rates the administration accepts, in percent (G1.24): France's, Corsica's
# and the overseas departments'. A rate of another country (OSS) is not one of them.
FRENCH_VAT_RATES = frozenset(
    Decimal(rate) for rate in "0 0.9 1.05 1.75 2.1 5.5 7 8.5 9.2 9.6 10 13 19.6 20 20.6".split()
)
EREPORTING_CATEGORY_CODES = tuple(code for code, _label in EREPORTING_CATEGORIES)
CENT = Decimal("0.01")
# G1.05 and G1.104: document and transmission ids.
DOCUMENT_ID_MAX = 35
REPORT_ID_MAX = 50
ID_CHARACTERS = re.compile(r"^[a-zA-Z0-9 \-+_/]+$")


class Flux10Error(ValueError):
    """The data cannot make a valid Flux 10 file; the message says what to fix.

    :param message: a sentence: a lazy translation (``_lt``), or plain text
    """

    def __str__(self):
        message = self.args[0] if self.args else ""
        return message._translate("en_US") if hasattr(message, "_translate") else str(message)

    def sentence(self, env):
        """The message in ``env``'s language (French in a French company)."""
        message = self.args[0] if self.args else ""
        return env._(message) if hasattr(message, "_translate") else str(message)


@dataclass(frozen=True)
class Declarant:
    """The company that reports, and the approved platform (PA) that sends its files.

    :param vat: its French VAT number; required when the report holds invoices (10.1)
    :param platform_id: the PA's 4-character matricule given by the administration
    """

    name: str
    siren: str
    vat: str
    platform_id: str
    platform_name: str
    country_code: str = "FR"


@dataclass(frozen=True)
class Period:
    """The days a report covers, both included; the end must come after the start."""

    date_from: date
    date_to: date


@dataclass(frozen=True)
class TransactionRow:
    """Sales to individuals of one day, category, VAT rate and currency (10.3).

    Rows of the same day, category and currency make one TG-31 block, with one
    breakdown line per rate. Amounts are signed (returns of the day lower them).

    :param category: ``EREPORTING_CATEGORY_*`` of ``ecom_connector.const``;
        ``TNT1`` (not taxable in France, such as OSS sales) has no French VAT:
        its rate and tax are 0
    :param rate: the French VAT rate in percent (``Decimal("20")``)
    :param count: how many transactions the row sums, when known (TT-85)
    """

    date: date
    category: str
    rate: Decimal
    base: Decimal
    tax: Decimal
    currency: str = "EUR"
    count: int | None = None


@dataclass(frozen=True)
class InvoiceTaxLine:
    """One VAT breakdown line of an invoice (BG-23).

    :param vat_code: UNTDID 5305 (``S`` taxed, ``K`` intra-EU supply of goods,
        ``AE`` reverse charge, ``G`` export, ``E`` exempt, ``O`` outside the scope, ``Z``)
    :param exemption_reason: text and code (``VATEX-...``), required with ``E``
    """

    rate: Decimal
    base: Decimal
    tax: Decimal
    vat_code: str
    exemption_reason: str = ""
    exemption_code: str = ""


@dataclass(frozen=True)
class AbroadInvoice:
    """An invoice or credit note to a business buyer abroad (10.1).

    Amounts are in the document's currency, as printed (positive on a credit
    note); the VAT total is reported in euros, so ``tax_total_eur`` is required
    when the currency is not the euro.

    :param kind: ``INVOICE`` or ``CREDIT_NOTE``
    :param category: ``TLB1`` (goods, B1), ``TPS1`` (services, S1) or ``MIXED`` (M1)
    :param buyer_name: not part of the flow (it has no buyer name): for messages
    :param buyer_vat: its VAT number (outside the EU, its tax or company number),
        required, at most 18 characters: the buyer's identifier and VAT number
    :param total: the total excluding VAT; the sum of the lines' bases when ``None``
    :param origin_number: for a credit note, the invoice it corrects, and its date
    """

    number: str
    date: date
    kind: str
    currency: str
    buyer_name: str
    buyer_country: str
    buyer_vat: str
    category: str
    lines: tuple
    total: Decimal | None = None
    tax_total_eur: Decimal | None = None
    origin_number: str = ""
    origin_date: date | None = None


@dataclass(frozen=True)
class PaymentRow:
    """What was collected on one day at one VAT rate, on aggregated sales (10.4).

    Rows of the same day make one TG-37 block. The administration takes amounts
    in euros, not negative: refunds are netted into the day's collections.
    """

    date: date
    rate: Decimal
    amount: Decimal
    currency: str = "EUR"


@dataclass(frozen=True)
class InvoicePayment:
    """What was collected on a reported invoice on one day at one VAT rate (10.2).

    Rows of the same invoice and day make one TG-34 block.
    """

    invoice_number: str
    invoice_date: date
    date: date
    rate: Decimal
    amount: Decimal
    currency: str = "EUR"


def transactions_xml(
    declarant,
    period,
    rows=(),
    invoices=(),
    *,
    corrective=False,
    report_id=None,
    issued_at=None,
):
    """The transactions report (flows 10.1 and 10.3) of ``period``, checked against the XSD.

    A *corrective* report (``corrective=True``) is the transmission type ``RE``
    (rectificative) of TT-4, instead of ``IN`` (initial). The specification's
    reference to the corrected transmission (TT-5, ``ReportDocument/References``)
    is meant for the exchange between a company and its platform only: the
    administration's XSD has no such element (pyfrctc notes it too), so a
    corrective report names the same declarant and period, under a new id. Give
    it the whole corrected data of that period (it replaces the earlier
    transmission), not a difference: our reading of the specification.

    :param declarant: a :class:`Declarant`
    :param period: a :class:`Period`
    :param rows: :class:`TransactionRow` of the period (10.3)
    :param invoices: :class:`AbroadInvoice` issued in the period (10.1)
    :param report_id: the transmission id (TT-1, at most 50 characters); by
        default the SIREN, flow, period, type and issue time
    :param issued_at: when the file is made (TT-3, a UTC ``datetime``); now by default
    :return: the XML, UTF-8 bytes
    :raises Flux10Error: a sentence saying what is wrong in the data
    """
    data = _report_document(declarant, period, "TX", corrective, report_id, issued_at)
    data["TT-17"] = period.date_from
    data["TT-18"] = period.date_to
    data["TG-31"] = _transaction_blocks(period, rows)
    data["TG-8"] = [_invoice_dict(declarant, period, invoice) for invoice in invoices]
    xml = pyfrctc.generate_ereporting_transactions(data, check_xsd=False)
    return _checked(xml)


def payments_xml(
    declarant,
    period,
    payments=(),
    invoice_payments=(),
    *,
    corrective=False,
    report_id=None,
    issued_at=None,
):
    """The payments report (flows 10.2 and 10.4) of ``period``, checked against the XSD.

    ``corrective`` as in :func:`transactions_xml`.

    :param payments: :class:`PaymentRow` of the period (10.4)
    :param invoice_payments: :class:`InvoicePayment` of the period (10.2)
    :return: the XML, UTF-8 bytes
    :raises Flux10Error: a sentence saying what is wrong in the data
    """
    data = _report_document(declarant, period, "PAY", corrective, report_id, issued_at)
    data["TT-89"] = period.date_from
    data["TT-90"] = period.date_to
    data["TG-37"] = _payment_blocks(period, payments)
    data["TG-34"] = _invoice_payment_blocks(period, invoice_payments)
    xml = pyfrctc.generate_ereporting_payments(data, check_xsd=False)
    return _checked(xml)


# --------------------------------------------------------------------------- report


def _report_document(declarant, period, flow, corrective, report_id, issued_at):
    """The terms of the transmission itself (TT-1 to TT-16), checked."""
    if not (declarant.name or "").strip():
        raise Flux10Error(_lt("The e-reporting declarant has no name: set the company's name."))
    siren = (declarant.siren or "").strip()
    if not (siren.isdigit() and stdnum_siren.is_valid(siren)):
        raise Flux10Error(
            _lt(
                "The company's SIREN is missing or invalid (%(siren)s): the e-reporting "
                "declarant is identified by its 9-digit SIREN.",
                siren=siren or "-",
            )
        )
    platform = (declarant.platform_id or "").strip()
    if len(platform) != 4 or not (declarant.platform_name or "").strip():
        raise Flux10Error(
            _lt(
                "The company's approved platform (PA) is not set, or its matricule is not "
                "4 characters (%(matricule)s): the e-reporting files are sent through it.",
                matricule=platform or "-",
            )
        )
    _check_country(declarant.country_code, _lt("The company's country"))
    if not (period.date_from and period.date_to) or period.date_to <= period.date_from:
        raise Flux10Error(
            _lt(
                "The e-reporting period must end after it starts (%(start)s - %(end)s).",
                start=period.date_from,
                end=period.date_to,
            )
        )
    issued_at = issued_at or datetime.now(UTC)
    if issued_at.tzinfo:
        issued_at = issued_at.astimezone(UTC)
    type_code = TYPE_CORRECTIVE if corrective else TYPE_INITIAL
    if report_id is None:
        report_id = (
            f"{siren}-{flow}-{period.date_from:%Y%m%d}-{period.date_to:%Y%m%d}"
            f"-{type_code}-{issued_at:%Y%m%d%H%M%S}"
        )
    _check_id(report_id, REPORT_ID_MAX, _lt("The transmission id"))
    return {
        "TT-1": report_id,
        "TT-3": issued_at,
        "TT-4": type_code,
        "TT-7": SCHEME_PLATFORM,
        "TT-8": platform,
        "TT-9": declarant.platform_name.strip(),
        "TT-10": ROLE_PLATFORM,
        "TT-12": SCHEME_SIREN,
        "TT-13": siren,
        "TT-14": declarant.name.strip(),
        "TT-15": ROLE_SELLER,
    }


def _checked(xml):
    """``xml`` once the administration's XSD accepts it."""
    try:
        pyfrctc.check_ereporting_xsd(xml)
    except Exception as error:  # pyfrctc raises a bare Exception for an invalid file
        detail = error.__cause__ or error
        raise Flux10Error(
            _lt(
                "The e-reporting file does not follow the administration's schema (XSD): "
                "%(error)s",
                error=str(detail),
            )
        ) from error
    return xml


# --------------------------------------------------------------------------- 10.3


def _transaction_blocks(period, rows):
    """TG-31: one block per day, category and currency, with a line per rate."""
    blocks = defaultdict(lambda: defaultdict(lambda: [Decimal(0), Decimal(0)]))
    counts = defaultdict(int)
    uncounted = set()
    for row in rows:
        what = _lt("The sales of %(date)s (%(category)s)", date=row.date, category=row.category)
        _check_in_period(row.date, period, what)
        if row.category not in EREPORTING_CATEGORY_CODES:
            raise Flux10Error(
                _lt(
                    "%(what)s: unknown e-reporting category; expected one of %(codes)s.",
                    what=what,
                    codes=", ".join(EREPORTING_CATEGORY_CODES),
                )
            )
        currency = _check_currency(row.currency, what)
        rate = _check_rate(row.rate, what)
        base = _amount(row.base, what)
        tax = _amount(row.tax, what)
        if row.category == EREPORTING_CATEGORY_NOT_TAXABLE and (rate or tax):
            raise Flux10Error(
                _lt(
                    "%(what)s: sales not taxable in France (TNT1) are reported without French "
                    "VAT (rate 0, tax 0), not at %(rate)s %% with %(tax)s of tax.",
                    what=what,
                    rate=row.rate,
                    tax=row.tax,
                )
            )
        key = (row.date, row.category, currency)
        blocks[key][rate][0] += base
        blocks[key][rate][1] += tax
        if row.count is None:
            uncounted.add(key)
        else:
            counts[key] += row.count
    result = []
    for key in sorted(blocks):
        day, category, currency = key
        by_rate = blocks[key]
        block = {
            "TT-77": day,
            "TT-78": currency,
            "TT-81": category,
            "TT-82": _fmt(sum(base for base, _tax in by_rate.values())),
            "TT-83": _fmt(sum(tax for _base, tax in by_rate.values())),
            "TG-32": [
                {"TT-86": _fmt(rate), "TT-87": _fmt(base), "TT-88": _fmt(tax)}
                for rate, (base, tax) in sorted(by_rate.items())
            ],
        }
        if key not in uncounted:
            block["TT-85"] = str(counts[key])
        result.append(block)
    return result


# --------------------------------------------------------------------------- 10.1


def _invoice_dict(declarant, period, invoice):
    """TG-8: one invoice or credit note to a business buyer abroad."""
    what = _lt("Invoice %(number)s (%(buyer)s)", number=invoice.number, buyer=invoice.buyer_name)
    _check_id(invoice.number, DOCUMENT_ID_MAX, what)
    _check_in_period(invoice.date, period, what)
    if not (declarant.vat or "").strip():
        raise Flux10Error(
            _lt(
                "%(what)s: the company's VAT number is required to report invoices to "
                "buyers abroad.",
                what=what,
            )
        )
    type_code = INVOICE_TYPE_CODES.get(invoice.kind)
    if not type_code:
        raise Flux10Error(
            _lt("%(what)s: unknown document type %(kind)s.", what=what, kind=invoice.kind)
        )
    process = BUSINESS_PROCESSES.get(invoice.category)
    if not process:
        raise Flux10Error(
            _lt(
                "%(what)s: unknown category %(category)s; expected goods (TLB1), services "
                "(TPS1) or both.",
                what=what,
                category=invoice.category,
            )
        )
    currency = _check_currency(invoice.currency, what)
    country = _check_country(invoice.buyer_country, what)
    if country == "FR":
        raise Flux10Error(
            _lt(
                "%(what)s: the buyer is in France: an invoice between French businesses is "
                "e-invoiced, not e-reported.",
                what=what,
            )
        )
    if not invoice.lines:
        raise Flux10Error(_lt("%(what)s: it has no VAT breakdown.", what=what))
    breakdown = [_tax_line_dict(line, what) for line in invoice.lines]
    bases = sum(_amount(line.base, what) for line in invoice.lines)
    taxes = sum(_amount(line.tax, what) for line in invoice.lines)
    total = bases if invoice.total is None else _amount(invoice.total, what)
    if total != bases:
        raise Flux10Error(
            _lt(
                "%(what)s: its total excluding VAT (%(total)s) is not the sum of its VAT "
                "breakdown's bases (%(bases)s).",
                what=what,
                total=_fmt(total),
                bases=_fmt(bases),
            )
        )
    if currency == "EUR":
        tax_eur = taxes if invoice.tax_total_eur is None else _amount(invoice.tax_total_eur, what)
    elif invoice.tax_total_eur is None:
        raise Flux10Error(
            _lt(
                "%(what)s: it is in %(currency)s: its VAT total in euros is required.",
                what=what,
                currency=currency,
            )
        )
    else:
        tax_eur = _amount(invoice.tax_total_eur, what)
    buyer_vat = (invoice.buyer_vat or "").strip().replace(" ", "")
    if len(buyer_vat) > 18:
        raise Flux10Error(
            _lt(
                "%(what)s: the buyer's VAT number %(vat)s is longer than 18 characters.",
                what=what,
                vat=buyer_vat,
            )
        )
    if not buyer_vat:  # G6.28: the buyer's identifier is required
        raise Flux10Error(
            _lt(
                "%(what)s: a business buyer abroad is identified by its VAT number (outside "
                "the EU, its tax or company number), and it has none.",
                what=what,
            )
        )
    scheme = SCHEME_EU_OUTSIDE_FRANCE if country in EU_COUNTRIES else SCHEME_OUTSIDE_EU
    buyer = {
        "country_code": country,
        "legal_identifier": buyer_vat,
        "legal_identifier_schemeid": scheme,
        "vat_identifier": buyer_vat,
    }
    result = {
        "BT-1": invoice.number,
        "BT-2": invoice.date,
        "BT-3": type_code,
        "BT-5": currency,
        "BT-23": process,
        "BG-4": {
            "legal_identifier": declarant.siren.strip(),
            "legal_identifier_schemeid": SCHEME_SIREN,
            "vat_identifier": declarant.vat.strip().replace(" ", ""),
            "country_code": declarant.country_code,
        },
        "BG-7": buyer,
        "BT-109": _fmt(total),
        "BT-111": _fmt(tax_eur),
        "BG-23": breakdown,
    }
    if invoice.kind == CREDIT_NOTE:
        if not (invoice.origin_number and invoice.origin_date):
            raise Flux10Error(
                _lt(
                    "%(what)s: a credit note names the invoice it corrects, with its date.",
                    what=what,
                )
            )
        _check_id(invoice.origin_number, DOCUMENT_ID_MAX, what)
        result["BG-3"] = [{"BT-25": invoice.origin_number, "BT-26": invoice.origin_date}]
    return result


def _tax_line_dict(line, what):
    """BG-23: one line of an invoice's VAT breakdown."""
    if line.vat_code not in VAT_CODES:
        raise Flux10Error(
            _lt(
                "%(what)s: unknown VAT category code %(code)s; expected one of %(codes)s.",
                what=what,
                code=line.vat_code,
                codes=", ".join(VAT_CODES),
            )
        )
    if line.vat_code == VAT_CODE_EXEMPT and not (line.exemption_reason and line.exemption_code):
        raise Flux10Error(
            _lt(
                "%(what)s: an exempt VAT line (E) gives the exemption's reason and code.",
                what=what,
            )
        )
    result = {
        "BT-116": _fmt(_amount(line.base, what)),
        "BT-117": _fmt(_amount(line.tax, what)),
        "BT-118": line.vat_code,
        "BT-119": _fmt(_check_rate(line.rate, what)),
    }
    if line.exemption_reason:
        result["BT-120"] = line.exemption_reason
    if line.exemption_code:
        result["BT-121"] = line.exemption_code
    return result


# --------------------------------------------------------------------------- 10.4 and 10.2


def _payment_blocks(period, payments):
    """TG-37: one block per day, with the amount collected per rate."""
    days = defaultdict(lambda: defaultdict(Decimal))
    for payment in payments:
        what = _lt("The payments of %(date)s", date=payment.date)
        _check_in_period(payment.date, period, what)
        currency = _check_euro(payment.currency, what)
        days[payment.date][(_check_rate(payment.rate, what), currency)] += _amount(
            payment.amount, what
        )
    result = []
    for day in sorted(days):
        what = _lt("The payments of %(date)s", date=day)
        result.append(
            {"TT-96": day, "TG-39": _subtotals(days[day], what, ("TT-97", "TT-98", "TT-99"))}
        )
    return result


def _invoice_payment_blocks(period, invoice_payments):
    """TG-34: one block per invoice and day, with the amount collected per rate."""
    blocks = defaultdict(lambda: defaultdict(Decimal))
    for payment in invoice_payments:
        what = _lt(
            "The payment of invoice %(number)s on %(date)s",
            number=payment.invoice_number,
            date=payment.date,
        )
        _check_id(payment.invoice_number, DOCUMENT_ID_MAX, what)
        _check_in_period(payment.date, period, what)
        currency = _check_euro(payment.currency, what)
        key = (payment.invoice_number, payment.invoice_date, payment.date)
        blocks[key][(_check_rate(payment.rate, what), currency)] += _amount(payment.amount, what)
    result = []
    for key in sorted(blocks):
        number, invoice_date, day = key
        what = _lt("The payment of invoice %(number)s on %(date)s", number=number, date=day)
        result.append(
            {
                "TT-91": number,
                "TT-102": invoice_date,
                "TT-92": day,
                "TG-36": _subtotals(blocks[key], what, ("TT-93", "TT-94", "TT-95")),
            }
        )
    return result


def _subtotals(amounts, what, terms):
    """The per-rate lines of a payment: ``{(rate, currency): amount}`` -> list of dicts."""
    rate_term, currency_term, amount_term = terms
    lines = []
    for (rate, currency), amount in sorted(amounts.items()):
        if amount < 0:
            raise Flux10Error(
                _lt(
                    "%(what)s: %(amount)s collected at %(rate)s %%: the administration takes "
                    "no negative collection; net the refunds into the day's payments.",
                    what=what,
                    amount=_fmt(amount),
                    rate=_fmt(rate),
                )
            )
        lines.append({rate_term: _fmt(rate), currency_term: currency, amount_term: _fmt(amount)})
    return lines


# --------------------------------------------------------------------------- checks


def _amount(value, what):
    """``value`` as a ``Decimal`` of at most 2 decimals (G1.14), or a clear error."""
    try:
        amount = _decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        amount = None
    if amount is None or not amount.is_finite() or amount != amount.quantize(CENT):
        raise Flux10Error(
            _lt(
                "%(what)s: %(value)s is not an amount of at most 2 decimals.",
                what=what,
                value=value,
            )
        )
    return amount


def _check_rate(value, what):
    """``value`` as one of the French VAT rates (G1.24), or a clear error."""
    try:
        rate = _decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        rate = None
    if rate not in FRENCH_VAT_RATES:
        raise Flux10Error(
            _lt(
                "%(what)s: %(rate)s %% is not a French VAT rate; sales taxed in another "
                "country (OSS) are reported as not taxable in France (TNT1), at 0 %%.",
                what=what,
                rate=value,
            )
        )
    return rate


def _check_currency(value, what):
    if not re.fullmatch(r"[A-Z]{3}", value or ""):
        raise Flux10Error(
            _lt(
                "%(what)s: %(currency)s is not a currency code (3 capital letters, ISO 4217).",
                what=what,
                currency=value,
            )
        )
    return value


def _check_euro(value, what):
    if _check_currency(value, what) != "EUR":
        raise Flux10Error(
            _lt(
                "%(what)s: collected amounts are reported in euros, not in %(currency)s.",
                what=what,
                currency=value,
            )
        )
    return value


def _check_country(value, what):
    if not re.fullmatch(r"[A-Z]{2}", value or ""):
        raise Flux10Error(
            _lt(
                "%(what)s: %(country)s is not a country code (2 capital letters, ISO 3166).",
                what=what,
                country=value or "-",
            )
        )
    return value


def _check_in_period(day, period, what):
    if not day or not (period.date_from <= day <= period.date_to):
        raise Flux10Error(
            _lt(
                "%(what)s: dated %(date)s, outside the reported period %(start)s - %(end)s.",
                what=what,
                date=day,
                start=period.date_from,
                end=period.date_to,
            )
        )


def _check_id(value, max_length, what):
    """A document or transmission id as the administration accepts it (G1.05, G1.104)."""
    if (
        not value
        or len(value) > max_length
        or value != value.strip()
        or "  " in value
        or not ID_CHARACTERS.match(value)
    ):
        raise Flux10Error(
            _lt(
                "%(what)s: the id %(id)s is not accepted: at most %(max)s letters, digits, "
                "spaces or - + _ / (no space at either end, no two spaces in a row).",
                what=what,
                id=value,
                max=max_length,
            )
        )


def _decimal(value):
    """``value`` as a ``Decimal``; a float (an Odoo field) by its shortest repr, 2.1 as 2.1."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _fmt(value):
    """A decimal as the flow writes it: a point and 2 decimals."""
    return f"{Decimal(value):.2f}"
