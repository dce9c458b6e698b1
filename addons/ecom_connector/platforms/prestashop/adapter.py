# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""PrestaShop webservice orders (``/api/orders``), in XML or JSON output format.

The webservice names currencies, states, countries, customers and addresses by
id. Its client (``platforms/prestashop/client.py``) resolves them when pulling, from
the shop's own webservice: the customer and addresses are embedded in the
order as ``_customer``, ``_address_invoice`` and ``_address_delivery``, the ISO
codes as ``_currency_iso`` (order), ``_country_iso`` and ``_state_iso``
(addresses). Without them (a file export), ``options`` or a stock install's
ids map ids to codes.
A file export without them still gives an order, under a placeholder
customer, with a warning.

Amounts: PrestaShop stores tax-included and tax-excluded amounts side by side;
the canonical order uses the tax-included ones (``total_paid_tax_incl`` is
what the customer paid), each line's rate derived from its two unit prices.
The order-level discount (vouchers, cart rules) becomes a negative fee line
with its own rate, so the order still totals ``total_paid_tax_incl`` exactly.
"""

import re
from datetime import datetime
from decimal import Decimal

from lxml import etree

from odoo.tools.translate import LazyTranslate

from ...adapters import canonical
from ...adapters.base import Adapter, register
from ...adapters.canonical import PayloadError
from ...adapters.shapes import PRESTASHOP_ORDER
from ...adapters.utils import (
    ROW,
    at,
    check_shape,
    decode_text,
    dump_json,
    line_label,
    load_json,
    local_to_utc,
    money,
    positive_quantity,
    subdivision_code,
    to_decimal,
)
from ...const import WARNING_PLACEHOLDER_CUSTOMER, WARNING_UNKNOWN_STATUS
from ...sentences import Sentence

_lt = LazyTranslate(__name__)

STANDARD_RATES = [
    Decimal(r) for r in ("0", "2.1", "4", "5.5", "6", "7", "10", "12", "19", "20", "21", "22")
]

# Order states of a stock PrestaShop 1.7 / 8 install → (financial, fulfillment, cancelled)
DEFAULT_STATES = {
    "1": ("pending", "unfulfilled", False),  # awaiting check payment
    "2": ("paid", "unfulfilled", False),  # payment accepted
    "3": ("paid", "unfulfilled", False),  # processing in progress
    "4": ("paid", "fulfilled", False),  # shipped
    "5": ("paid", "fulfilled", False),  # delivered
    "6": ("voided", "unfulfilled", True),  # canceled
    "7": ("refunded", "unfulfilled", False),  # refunded
    "8": ("voided", "unfulfilled", False),  # payment error
    "9": ("paid", "unfulfilled", False),  # on backorder (paid)
    "10": ("pending", "unfulfilled", False),  # awaiting bank wire payment
    "11": ("paid", "unfulfilled", False),  # remote payment accepted
    "12": ("pending", "unfulfilled", False),  # on backorder (not paid)
    "13": ("pending", "unfulfilled", False),  # awaiting cash on delivery
}
# Country ids of a stock install.
DEFAULT_COUNTRIES = {
    "1": "DE", "2": "AT", "3": "BE", "4": "CA", "5": "CN", "6": "ES", "7": "FI", "8": "FR",
    "9": "GR", "10": "IT", "11": "JP", "12": "LU", "13": "NL", "14": "PL", "15": "PT",
    "16": "CZ", "17": "GB", "18": "SE", "19": "CH", "20": "DK", "21": "US",
}  # fmt: skip
DEFAULT_CURRENCIES = {"1": "EUR"}
DOCTYPE = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def _element_to_dict(element):
    """An XML webservice element as the JSON output format would give it."""
    # Elements only: comments, processing instructions and entities are not data.
    children = [child for child in element if isinstance(child.tag, str)]
    if not children:
        return (element.text or "").strip()
    result = {}
    for child in children:
        if child.tag == "associations":
            result["associations"] = {
                assoc.tag: [_element_to_dict(row) for row in assoc] for assoc in child
            }
        else:
            result[child.tag] = _element_to_dict(child)
    return result


@register("prestashop")
class PrestaShopAdapter(Adapter):
    # ------------------------------------------------------------ split

    def split(self, content, filename=""):
        text = decode_text(content).strip()
        if text.startswith("<"):
            orders = self._orders_from_xml(text)
        else:
            data = load_json(text, _lt("The file"))
            if isinstance(data, dict) and "orders" in data:
                orders = data["orders"]
            elif isinstance(data, dict) and "order" in data:
                orders = [data["order"]]
            elif isinstance(data, list):
                orders = data
            elif isinstance(data, dict):
                orders = [data]
            else:
                raise PayloadError(_lt("The file holds no PrestaShop order."))
        return [self._document(order) for order in orders]

    def _orders_from_xml(self, text):
        if DOCTYPE.search(text[:4096]):
            # Entity tricks (billion laughs, external entities) live in a DTD;
            # the webservice never sends one.
            raise PayloadError(_lt("The XML document declares a DTD (<!DOCTYPE>): it is refused."))
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            remove_comments=True,
            remove_pis=True,
        )
        try:
            root = etree.fromstring(text.encode("utf-8", "replace"), parser)
        except etree.XMLSyntaxError as error:
            raise PayloadError(
                _lt("The file is not valid XML: %(error)s", error=str(error))
            ) from None
        if root.getroottree().docinfo.internalDTD is not None:
            raise PayloadError(_lt("The XML document declares a DTD (<!DOCTYPE>): it is refused."))
        if root.tag == "order":
            elements = [root]
        else:
            elements = root.findall("order") + root.findall("orders/order")
        if not elements:
            raise PayloadError(_lt("The XML document holds no <order> element."))
        return [_element_to_dict(element) for element in elements]

    def _document(self, order):
        if not isinstance(order, dict):
            return canonical.InboundDocument(
                body=dump_json(order),
                error=Sentence(_lt("An element of the file is not an order object.")),
            )
        external_id = str(order.get("id") or "").strip() or None
        if not external_id:
            return canonical.InboundDocument(
                body=dump_json(order), error=Sentence(_lt("An order has no id."))
            )
        if len(order) <= 1:
            return canonical.InboundDocument(
                body=dump_json(order),
                external_id=external_id,
                error=Sentence(
                    _lt(
                        "Order %(id)s holds only its id: export it with display=full.",
                        id=external_id,
                    )
                ),
            )
        try:
            revision = self._date(order.get("date_upd"), "date_upd")
        except PayloadError as error:
            return canonical.InboundDocument(
                body=dump_json(order), external_id=external_id, error=error.text
            )
        return canonical.InboundDocument(
            body=dump_json(order), external_id=external_id, revision=revision
        )

    # ------------------------------------------------------------ parse

    def _date(self, value, what):
        if not value or str(value).startswith("0000-00-00"):
            return None
        try:
            local = datetime.strptime(str(value).strip(), "%Y-%m-%d %H:%M:%S")
        except ValueError:
            raise PayloadError(
                _lt("%(what)s is not a date: %(value)s", what=what, value=repr(value))
            ) from None
        return local_to_utc(local, self.options.get("timezone"))

    @staticmethod
    def _rate(incl, excl):
        """The tax rate (percent) between a tax-included and tax-excluded amount."""
        if not excl:
            return Decimal(0)
        rate = (incl / excl - 1) * 100
        nearest = min(STANDARD_RATES, key=lambda standard: abs(standard - rate))
        if abs(nearest - rate) <= Decimal("0.1"):
            return nearest
        return money(rate)

    def _country(self, country_id):
        if not country_id:
            return None
        countries = {**DEFAULT_COUNTRIES, **(self.options.get("countries") or {})}
        return countries.get(str(country_id))

    def _address(self, data):
        if not isinstance(data, dict):
            return None
        name = " ".join(filter(None, [data.get("firstname"), data.get("lastname")])).strip()
        return canonical.Address(
            name=name,
            company=data.get("company") or "",
            street=data.get("address1") or "",
            street2=data.get("address2") or "",
            city=data.get("city") or "",
            zip=data.get("postcode") or "",
            country_code=data.get("_country_iso") or self._country(data.get("id_country")),
            state_code=subdivision_code(data.get("_state_iso"), data.get("_country_iso")) or None,
            phone=data.get("phone_mobile") or data.get("phone") or "",
            vat=data.get("vat_number") or "",
        )

    def parse(self, document):
        data = load_json(document.body)
        if not isinstance(data, dict):
            raise PayloadError(_lt("The payload is not a PrestaShop order."))
        check_shape(data, PRESTASHOP_ORDER)
        external_id = str(data.get("id") or "").strip()
        if not external_id:
            raise PayloadError(_lt("The order has no id."))
        currencies = {**DEFAULT_CURRENCIES, **(self.options.get("currencies") or {})}
        currency_id = str(data.get("id_currency") or "").strip()
        currency = data.get("_currency_iso") or currencies.get(currency_id)
        if not currency:
            raise PayloadError(
                _lt(
                    "Unknown currency id %(id)s: map PrestaShop currency ids to ISO codes in "
                    "the shop's settings.",
                    id=currency_id or "(none)",
                )
            )
        states = {**DEFAULT_STATES, **(self.options.get("order_states") or {})}
        state_id = str(data.get("current_state") or "").strip()
        financial, fulfillment, cancelled = states.get(state_id, ("pending", "unfulfilled", False))
        warnings = []
        if state_id and state_id not in states:
            warnings.append(
                (
                    WARNING_UNKNOWN_STATUS,
                    Sentence(
                        _lt(
                            "Unknown PrestaShop order state %(state)s: imported as pending.",
                            state=state_id,
                        )
                    ),
                )
            )

        lines = self._lines(data)
        shipping_lines = self._shipping(data)
        fee_lines = self._fees(data)
        total = to_decimal(
            data.get("total_paid_tax_incl") or data.get("total_paid"), "total_paid_tax_incl"
        )

        customer_data = data.get("_customer")
        invoice = self._address(data.get("_address_invoice"))
        delivery = self._address(data.get("_address_delivery")) or invoice
        if isinstance(customer_data, dict):
            customer = canonical.Customer(
                external_id=str(data.get("id_customer") or customer_data.get("id") or "") or None,
                email=customer_data.get("email") or "",
                name=" ".join(
                    filter(None, [customer_data.get("firstname"), customer_data.get("lastname")])
                ),
                company=customer_data.get("company") or (invoice.company if invoice else ""),
                vat=invoice.vat if invoice else "",
                siret=_siret(customer_data, data.get("_address_invoice")),
                is_guest=str(customer_data.get("is_guest") or "0") == "1",
            )
        else:
            customer = canonical.Customer(external_id=str(data.get("id_customer") or "") or None)
            warnings.append(
                (
                    WARNING_PLACEHOLDER_CUSTOMER,
                    Sentence(
                        _lt(
                            "PrestaShop customer %(customer)s is not in the file: the order uses "
                            "a placeholder customer to complete.",
                            customer=customer.external_id or "?",
                        )
                    ),
                )
            )
        created = self._date(data.get("date_add"), "date_add")
        updated = self._date(data.get("date_upd"), "date_upd")
        payments = []
        if financial in ("paid", "partially_refunded", "refunded"):
            payments.append(
                canonical.Payment(
                    gateway=data.get("module") or data.get("payment") or "prestashop",
                    amount=to_decimal(data.get("total_paid_real") or total, "total_paid_real"),
                    status="success",
                    processed_at=updated,
                )
            )
        return canonical.ShopOrder(
            external_id=external_id,
            reference=data.get("reference") or external_id,
            currency=currency,
            totals=canonical.ShopTotals(
                total=total,
                subtotal=to_decimal(data.get("total_products_wt"), "total_products_wt", "0"),
                shipping=to_decimal(data.get("total_shipping_tax_incl"), "total_shipping", "0"),
                discount=to_decimal(data.get("total_discounts_tax_incl"), "total_discounts", "0"),
            ),
            created_at=created,
            updated_at=updated,
            prices_include_tax=True,
            customer=customer,
            billing_address=invoice,
            shipping_address=delivery,
            lines=lines,
            shipping_lines=shipping_lines,
            fee_lines=fee_lines,
            payments=payments,
            financial_status=financial,
            fulfillment_status=fulfillment,
            cancelled_at=updated if cancelled else None,
            warnings=warnings,
        )

    def _lines(self, data):
        rows = (data.get("associations") or {}).get("order_rows") or []
        if isinstance(rows, dict):  # one row, as some exports give it
            rows = [rows]
        if not rows:
            raise PayloadError(_lt("The order has no order rows (associations.order_rows)."))
        lines = []
        for index, row in enumerate(rows, start=1):
            name = row.get("product_name") or f"row {index}"
            row_label = _lt("Row %(index)s", index=index)
            quantity = positive_quantity(
                to_decimal(row.get("product_quantity"), at(row_label, _lt("quantity"))),
                line_label(ROW, index, name),
            )
            incl = to_decimal(row.get("unit_price_tax_incl"), at(row_label, "unit_price_tax_incl"))
            excl = to_decimal(
                row.get("unit_price_tax_excl"), at(row_label, "unit_price_tax_excl"), incl
            )
            rate = self._rate(incl, excl)
            tax = money(quantity * incl) - money(quantity * excl)
            lines.append(
                canonical.OrderLine(
                    external_id=str(row.get("id") or index),
                    name=name,
                    quantity=quantity,
                    unit_price=incl,
                    sku=row.get("product_reference") or None,
                    barcode=row.get("product_ean13") or None,
                    taxes=[canonical.TaxLine(rate=rate, amount=tax)] if rate else [],
                )
            )
        return lines

    def _shipping(self, data):
        incl = to_decimal(data.get("total_shipping_tax_incl"), "total_shipping_tax_incl", "0")
        if not incl:
            return []
        excl = to_decimal(data.get("total_shipping_tax_excl"), "total_shipping_tax_excl", incl)
        rate = to_decimal(data.get("carrier_tax_rate"), "carrier_tax_rate", "0")
        if not rate and excl:
            rate = self._rate(incl, excl)
        return [
            canonical.ShippingLine(
                title="Shipping",
                price=incl,
                code=str(data.get("id_carrier") or ""),
                taxes=[canonical.TaxLine(rate=rate.normalize(), amount=incl - excl)]
                if rate
                else [],
            )
        ]

    def _fees(self, data):
        fees = []
        for key, name, sign in (
            ("total_discounts", "Discount", -1),
            ("total_wrapping", "Gift wrapping", 1),
        ):
            incl = to_decimal(data.get(f"{key}_tax_incl"), f"{key}_tax_incl", "0")
            if not incl:
                continue
            excl = to_decimal(data.get(f"{key}_tax_excl"), f"{key}_tax_excl", incl)
            rate = self._rate(incl, excl)
            fees.append(
                canonical.FeeLine(
                    name=name,
                    amount=sign * incl,
                    taxes=[canonical.TaxLine(rate=rate, amount=sign * (incl - excl))]
                    if rate
                    else [],
                )
            )
        return fees


def _siret(customer_data, invoice_data):
    """The customer's SIRET (B2B mode's ``siret``), else the invoice address's ``dni``
    when it has the shape of a SIRET or SIREN (elsewhere a ``dni`` is a person's id)."""
    siret = (customer_data.get("siret") or "").strip()
    if siret:
        return siret
    dni = ((invoice_data or {}).get("dni") or "").strip()
    digits = re.sub(r"[\s.\-]", "", dni)
    return dni if digits.isdigit() and len(digits) in (9, 14) else ""
