# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""CSV exports of small hosted shops: one row per order line.

The order's own columns (number, date, customer, total...) are repeated on
each of its rows. Which header holds what is a per-shop column mapping
(``options["csv"]``), starting from a preset: ``fr_standard`` is the typical
French export (``;`` separators, comma decimals, dd/mm/yyyy dates, prices
tax-included); ``generic_en`` a plain English one.
"""

import csv
import io
from datetime import datetime

from odoo.tools.translate import LazyTranslate

from ...adapters import canonical
from ...adapters.base import Adapter, register
from ...adapters.canonical import PayloadError
from ...adapters.utils import (
    LINE,
    at,
    currency_code,
    decode_text,
    dump_json,
    line_label,
    load_json,
    local_to_utc,
    money,
    positive_quantity,
    to_decimal,
)
from ...const import CSV_PERSONAL_COLUMNS, WARNING_UNKNOWN_STATUS
from ...sentences import Sentence

_lt = LazyTranslate(__name__)


def _line(index):
    return line_label(LINE, index, None)


PRESETS = {
    "fr_standard": {
        "delimiter": ";",
        "decimal_comma": True,
        "encoding": "auto",
        "date_formats": ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y"],
        "prices_include_tax": True,
        "default_currency": "EUR",
        "columns": {
            "order_id": "N° commande",
            "date": "Date",
            "status": "Statut",
            "currency": "Devise",
            "customer_name": "Client",
            "email": "Email",
            "company": "Société",
            "vat": "N° TVA",
            "siret": "SIRET",
            "phone": "Téléphone",
            "billing_street": "Adresse",
            "billing_zip": "Code postal",
            "billing_city": "Ville",
            "billing_country": "Pays",
            "sku": "Référence produit",
            "product_name": "Produit",
            "quantity": "Quantité",
            "unit_price": "Prix unitaire TTC",
            "line_discount": "Remise TTC",
            "tax_rate": "Taux TVA",
            "shipping_method": "Transporteur",
            "shipping_amount": "Frais de port TTC",
            "order_total": "Total TTC",
            "payment_method": "Moyen de paiement",
        },
    },
    "generic_en": {
        "delimiter": ",",
        "decimal_comma": False,
        "encoding": "auto",
        "date_formats": ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"],
        "prices_include_tax": False,
        "default_currency": "EUR",
        "columns": {
            "order_id": "Order ID",
            "date": "Date",
            "status": "Status",
            "currency": "Currency",
            "customer_name": "Customer",
            "email": "Email",
            "company": "Company",
            "vat": "VAT Number",
            "siret": "SIRET",
            "phone": "Phone",
            "billing_street": "Street",
            "billing_zip": "Postcode",
            "billing_city": "City",
            "billing_country": "Country",
            "sku": "SKU",
            "product_name": "Product",
            "quantity": "Quantity",
            "unit_price": "Unit Price",
            "line_discount": "Discount",
            "tax_rate": "Tax Rate",
            "shipping_method": "Shipping Method",
            "shipping_amount": "Shipping",
            "order_total": "Total",
            "payment_method": "Payment Method",
        },
    },
}
REQUIRED = ("order_id", "quantity", "unit_price", "order_total")
# Order-level columns: the same on every row of one order.
ORDER_KEYS = ("date", "currency", "email", "order_total", "shipping_amount", "status")

STATUSES = {
    # canonical financial status, cancelled
    "payée": ("paid", False), "payé": ("paid", False), "validée": ("paid", False),
    "expédiée": ("paid", False), "livrée": ("paid", False), "en attente": ("pending", False),
    "en attente de paiement": ("pending", False), "annulée": ("voided", True),
    "remboursée": ("refunded", False), "paid": ("paid", False), "completed": ("paid", False),
    "shipped": ("paid", False), "processing": ("paid", False), "pending": ("pending", False),
    "cancelled": ("voided", True), "canceled": ("voided", True), "refunded": ("refunded", False),
}  # fmt: skip
COUNTRIES = {
    "france": "FR", "belgique": "BE", "belgium": "BE", "allemagne": "DE", "germany": "DE",
    "deutschland": "DE", "espagne": "ES", "spain": "ES", "italie": "IT", "italy": "IT",
    "luxembourg": "LU", "pays-bas": "NL", "netherlands": "NL", "suisse": "CH",
    "switzerland": "CH", "portugal": "PT", "autriche": "AT", "austria": "AT",
    "irlande": "IE", "ireland": "IE", "royaume-uni": "GB", "united kingdom": "GB",
}  # fmt: skip


@register("csv")
class CsvExportAdapter(Adapter):
    def __init__(self, options):
        super().__init__(options)
        settings = dict(options.get("csv") or {})
        preset = PRESETS.get(settings.get("preset") or "fr_standard", PRESETS["fr_standard"])
        columns = {**preset["columns"], **(settings.get("columns") or {})}
        self.settings = {**preset, **settings, "columns": columns}

    def personal_keys(self):
        columns = self.settings["columns"]
        return frozenset(columns[key] for key in CSV_PERSONAL_COLUMNS if columns.get(key))

    # ------------------------------------------------------------ split

    def _decode(self, content):
        encoding = self.settings.get("encoding") or "auto"
        if encoding == "auto" or isinstance(content, str):
            return decode_text(content)
        try:
            return content.decode(encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise PayloadError(
                _lt(
                    "The file is not in %(encoding)s: %(error)s",
                    encoding=encoding,
                    error=str(error),
                )
            ) from None

    def split(self, content, filename=""):
        text = self._decode(content)
        reader = csv.DictReader(io.StringIO(text), delimiter=self.settings["delimiter"])
        headers = [h.strip() for h in (reader.fieldnames or [])]
        columns = self.settings["columns"]
        missing = [columns[key] for key in REQUIRED if columns[key] not in headers]
        if not headers or missing:
            raise PayloadError(
                _lt(
                    "Missing column(s) %(missing)s; the file has: %(headers)s. Check the shop's "
                    "CSV layout.",
                    missing=", ".join(missing) or ", ".join(columns[k] for k in REQUIRED),
                    headers=", ".join(headers) or _lt("(no header)"),
                )
            )
        order_column = columns["order_id"]
        groups, errors = {}, []
        for number, raw_row in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in raw_row.items() if k}
            order_id = row.get(order_column, "")
            if not order_id:
                errors.append(
                    canonical.InboundDocument(
                        body=dump_json({"rows": [row]}),
                        error=Sentence(
                            _lt(
                                "Line %(number)s: no order number (%(column)s).",
                                number=number,
                                column=order_column,
                            )
                        ),
                    )
                )
                continue
            groups.setdefault(order_id, []).append(row)
        documents = [
            canonical.InboundDocument(body=dump_json({"rows": rows}), external_id=order_id)
            for order_id, rows in groups.items()
        ]
        return documents + errors

    # ------------------------------------------------------------ parse

    def _get(self, row, key):
        header = self.settings["columns"].get(key)
        return (row.get(header) or "").strip() if header else ""

    def _number(self, text, what, default=None):
        if self.settings.get("decimal_comma") and text:
            text = text.replace("\u00a0", "").replace(" ", "").replace(".", "").replace(",", ".")
        return to_decimal(text, what, default)

    def _rate(self, text, what):
        return self._number(text.replace("%", "").strip(), what, "0")

    def _date(self, text):
        if not text:
            return None
        for date_format in self.settings["date_formats"]:
            try:
                local = datetime.strptime(text, date_format)
                break
            except ValueError:
                continue
        else:
            raise PayloadError(
                _lt("The date %(date)s does not match the shop's date format.", date=repr(text))
            )
        return local_to_utc(local, self.options.get("timezone"))

    @staticmethod
    def _country(text):
        if not text:
            return None
        if len(text) == 2 and text.isalpha():
            return text.upper()
        code = COUNTRIES.get(text.strip().lower())
        if not code:
            raise PayloadError(
                _lt(
                    "Unknown country %(country)s: write its ISO code (FR, BE...).",
                    country=repr(text),
                )
            )
        return code

    def parse(self, document):
        rows = load_json(document.body).get("rows") or []
        if not rows:
            raise PayloadError(_lt("The order has no rows."))
        first = rows[0]
        for key in ORDER_KEYS:
            values = {self._get(row, key) for row in rows}
            if len(values) > 1:
                raise PayloadError(
                    _lt(
                        "The rows of order %(order)s disagree on %(column)s: %(values)s.",
                        order=document.external_id,
                        column=self.settings["columns"][key],
                        values=", ".join(sorted(values)),
                    )
                )
        include = bool(self.settings.get("prices_include_tax"))
        lines, rates = [], []
        for index, row in enumerate(rows, start=1):
            name = self._get(row, "product_name") or self._get(row, "sku") or f"line {index}"
            quantity = positive_quantity(
                self._number(self._get(row, "quantity"), at(_line(index), _lt("quantity"))),
                line_label(LINE, index, name),
            )
            price = self._number(self._get(row, "unit_price"), at(_line(index), _lt("unit price")))
            discount = self._number(
                self._get(row, "line_discount"), at(_line(index), _lt("discount")), "0"
            )
            rate = self._rate(self._get(row, "tax_rate"), at(_line(index), _lt("tax rate")))
            rates.append(rate)
            lines.append(
                canonical.OrderLine(
                    external_id=str(index),
                    name=name,
                    quantity=quantity,
                    unit_price=price,
                    discount=discount,
                    sku=self._get(row, "sku") or None,
                    taxes=[self._tax(quantity * price - discount, rate, include)] if rate else [],
                )
            )
        shipping_lines = []
        shipping = self._number(self._get(first, "shipping_amount"), "Shipping amount", "0")
        if shipping:
            # French practice: shipping follows the rate of the goods (the highest here).
            rate = self._rate(self._get(first, "shipping_tax_rate"), "Shipping tax rate") or max(
                rates
            )
            method = self._get(first, "shipping_method")
            shipping_lines.append(
                canonical.ShippingLine(
                    title=method or "Shipping",
                    code=method,
                    price=shipping,
                    taxes=[self._tax(shipping, rate, include)] if rate else [],
                )
            )
        total = self._number(self._get(first, "order_total"), "Order total")
        status_text = self._get(first, "status").lower()
        financial, cancelled = STATUSES.get(status_text, ("paid", False))
        warnings = []
        if status_text and status_text not in STATUSES:
            warnings.append(
                (
                    WARNING_UNKNOWN_STATUS,
                    Sentence(
                        _lt(
                            "Unknown status %(status)s: imported as paid.",
                            status=repr(self._get(first, "status")),
                        )
                    ),
                )
            )
        created = self._date(self._get(first, "date"))
        billing = canonical.Address(
            name=self._get(first, "customer_name"),
            company=self._get(first, "company"),
            street=self._get(first, "billing_street"),
            city=self._get(first, "billing_city"),
            zip=self._get(first, "billing_zip"),
            country_code=self._country(self._get(first, "billing_country")),
            phone=self._get(first, "phone"),
            email=self._get(first, "email"),
            vat=self._get(first, "vat"),
        )
        shipping_address = None
        if self._get(first, "shipping_street"):
            shipping_address = canonical.Address(
                name=self._get(first, "shipping_name") or billing.name,
                street=self._get(first, "shipping_street"),
                city=self._get(first, "shipping_city"),
                zip=self._get(first, "shipping_zip"),
                country_code=self._country(self._get(first, "shipping_country")),
            )
        currency = currency_code(self._get(first, "currency") or self.settings["default_currency"])
        payments = []
        if financial == "paid":
            payments.append(
                canonical.Payment(gateway=self._get(first, "payment_method") or "csv", amount=total)
            )
        return canonical.ShopOrder(
            external_id=document.external_id,
            reference=document.external_id,
            currency=currency,
            totals=canonical.ShopTotals(total=total, shipping=shipping),
            created_at=created,
            updated_at=None,
            prices_include_tax=include,
            customer=canonical.Customer(
                email=billing.email,
                name=billing.name,
                company=billing.company,
                vat=billing.vat,
                siret=self._get(first, "siret"),
                phone=billing.phone,
                is_guest=True,
            ),
            billing_address=billing,
            shipping_address=shipping_address,
            lines=lines,
            shipping_lines=shipping_lines,
            payments=payments,
            financial_status=financial,
            cancelled_at=created if cancelled else None,
            warnings=warnings,
        )

    @staticmethod
    def _tax(amount, rate, include):
        """The tax line of ``amount`` at ``rate`` % (amount on the file's basis)."""
        if include:
            tax = amount - amount / (1 + rate / 100)
        else:
            tax = amount * rate / 100
        return canonical.TaxLine(rate=rate, amount=money(tax))
