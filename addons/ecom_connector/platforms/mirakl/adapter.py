# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Mirakl marketplaces (Fnac-Darty, Boulanger, Leroy Merlin, Decathlon, Carrefour,
Conforama...): the seller API's orders (OR11) to canonical orders.

Pure translation, no ORM and no I/O. What OR11 (``GET /api/orders``)
documents (Mirakl's seller OpenAPI, developer.mirakl.com) and how it is read:

- One Mirakl order is one seller's part of a customer's purchase
  (``order_id`` such as ``12345678-A``; ``commercial_id`` the purchase):
  the order is ``order_id``, revised at ``last_updated_date``.
- Prices: ``order_tax_mode`` says whether the price fields include the tax
  (``TAX_INCLUDED``, the European operators' way and the default here) or not
  (``TAX_EXCLUDED``: the taxes are added to them). An order line's ``price``
  is its price without shipping (``price_unit`` times ``quantity`` less its
  promotions), ``shipping_price`` its shipping; its ``taxes`` and
  ``shipping_taxes`` (``code``, ``amount``, ``rate``; the rate derived from
  the amounts when missing) the tax of each. The operator's commission
  (``commission_fee``, ``commission_vat``, ``total_commission``) is the
  payout's business, not the order's.
- Order states (``order_state``): ``STAGING``, ``WAITING_ACCEPTANCE`` (the
  seller has not accepted it), ``WAITING_DEBIT`` and ``WAITING_DEBIT_PAYMENT``
  (the customer is not charged yet) and ``REFUSED`` (never accepted) are
  **not imported yet**: the adapter leaves them out, and the pull takes the
  order again once the operator moves it to ``SHIPPING``. ``SHIPPING`` is
  paid and to ship; ``SHIPPED``, ``TO_COLLECT``, ``RECEIVED`` and ``CLOSED``
  are shipped; ``CANCELED`` is cancelled; an order whose ``fully_refunded``
  is true is refunded. ``INCIDENT_OPEN`` and ``REFUNDED`` are states of a
  line, not of an order. Lines ``REFUSED`` or ``CANCELED`` are left out of an
  order that goes on.
- Refunds: each line's ``refunds`` (``id``, ``amount``, ``shipping_amount``,
  ``quantity``, ``created_date``, ``reason_code``) become the order's refunds.
- The customer: ``customer`` (``customer_id``, names, ``billing_address``,
  ``shipping_address``, countries in ISO 3166-1 alpha-3); the operator's
  anonymized relay address ``customer_notification_email`` when it gives
  one: the buyer is known by ``customer_id``, not by that address.
"""

from decimal import ROUND_CEILING, Decimal

from odoo.tools.translate import LazyTranslate

from ...adapters import canonical
from ...adapters.base import Adapter, register
from ...adapters.canonical import ZERO, PayloadError
from ...adapters.json_split import read_orders
from ...adapters.totals import STANDARD_RATES
from ...adapters.utils import (
    CENT,
    LINE,
    SHIPPING,
    at,
    currency_code,
    dump_json,
    join_names,
    line_label,
    load_json,
    money,
    parse_datetime,
    positive_quantity,
    text_or_none,
    to_decimal,
)
from ...const import WARNING_TAX_RATE_ESTIMATED, WARNING_UNKNOWN_STATUS
from ...sentences import Sentence

_lt = LazyTranslate(__name__)

# order_state -> (financial status, fulfilment status)
STATE_MAP = {
    "SHIPPING": ("paid", "unfulfilled"),
    "SHIPPED": ("paid", "fulfilled"),
    "TO_COLLECT": ("paid", "fulfilled"),
    "RECEIVED": ("paid", "fulfilled"),
    "CLOSED": ("paid", "fulfilled"),
    "CANCELED": ("voided", "unfulfilled"),
}
# Not accepted or not paid yet: left out until the operator moves them on.
NOT_YET_STATES = (
    "STAGING",
    "WAITING_ACCEPTANCE",
    "WAITING_DEBIT",
    "WAITING_DEBIT_PAYMENT",
    "REFUSED",
)
# What the pull asks for (order_state_codes, whose documented values are the order
# states): every state it imports.
IMPORTED_STATES = tuple(STATE_MAP)
# order_tax_mode: the price fields without their taxes.
TAX_EXCLUDED = "TAX_EXCLUDED"
# Lines that are not part of the sale.
DROPPED_LINE_STATES = ("REFUSED", "CANCELED")
GATEWAY = "mirakl"


def derived_rate(tax, net):
    """The rate (percent) ``tax`` is of ``net``, snapped to a standard rate when one fits."""
    if not net or not tax:
        return ZERO
    rate = tax * 100 / net
    for candidate in STANDARD_RATES:
        if abs(candidate - rate) * net <= Decimal("0.5") + abs(net) * Decimal("0.0001"):
            return candidate
    return money(rate)


@register("mirakl")
class MiraklAdapter(Adapter):
    """Mirakl orders as OR11 (``GET /api/orders``) returns them."""

    def personal_keys(self):
        """The operator's relay address (``customer`` is a personal key already)."""
        return frozenset({"customer_notification_email", "customer_directory_id"})

    # ------------------------------------------------------------ split

    def split(self, content, filename=""):
        """One document per order in ``{"orders": [...], "total_count": N}``, an array,
        one order, or NDJSON; orders not accepted or not paid yet are left out.
        See :meth:`Adapter.split`."""
        orders = read_orders(content, filename, self._unwrap)
        documents = []
        for order in orders:
            if isinstance(order, canonical.InboundDocument):
                documents.append(order)
            elif not (isinstance(order, dict) and order.get("order_state") in NOT_YET_STATES):
                documents.append(self._document(order))
        return documents

    @staticmethod
    def _unwrap(data):
        if isinstance(data, dict) and isinstance(data.get("orders"), list):
            return data["orders"]
        if isinstance(data, list):
            return data
        if isinstance(data, dict):
            return [data]
        raise PayloadError(_lt("The file holds no Mirakl order (a JSON object or list)."))

    @staticmethod
    def _document(order):
        body = dump_json(order)
        if not isinstance(order, dict):
            return canonical.InboundDocument(
                body=body, error=Sentence(_lt("An element of the file is not an order."))
            )
        external_id = text_or_none(str(order.get("order_id") or ""))
        if not external_id:
            return canonical.InboundDocument(
                body=body, error=Sentence(_lt("An order has no order_id."))
            )
        try:
            revision = parse_datetime(
                order.get("last_updated_date") or order.get("created_date"), "last_updated_date"
            )
        except PayloadError as error:
            return canonical.InboundDocument(body=body, external_id=external_id, error=error.text)
        return canonical.InboundDocument(body=body, external_id=external_id, revision=revision)

    # ------------------------------------------------------------ parse

    def parse(self, document):
        """The canonical order of one stored Mirakl order. See :meth:`Adapter.parse`."""
        data = load_json(document.body, _lt("The order"))
        if not isinstance(data, dict) or not text_or_none(str(data.get("order_id") or "")):
            raise PayloadError(_lt("The payload is not a Mirakl order (no order_id)."))
        order_id = str(data["order_id"]).strip()
        state = (data.get("order_state") or "").strip()
        if state in NOT_YET_STATES:
            raise PayloadError(
                _lt(
                    "Order %(order)s is %(state)s at the marketplace: it is imported once "
                    "accepted and paid.",
                    order=order_id,
                    state=state,
                )
            )
        warnings = []
        financial, fulfillment = STATE_MAP.get(state, (None, None))
        if financial is None:
            warnings.append(
                (
                    WARNING_UNKNOWN_STATUS,
                    Sentence(
                        _lt(
                            "Unknown Mirakl order state %(state)s: imported as paid, not shipped.",
                            state=repr(state),
                        )
                    ),
                )
            )
            financial, fulfillment = "paid", "unfulfilled"
        if data.get("fully_refunded") is True and financial == "paid":
            financial = "refunded"
        include = (data.get("order_tax_mode") or "").strip() != TAX_EXCLUDED
        currency = currency_code(data.get("currency_iso_code"))
        cancelled = state == "CANCELED"
        raw_lines = [line for line in data.get("order_lines") or [] if isinstance(line, dict)]
        kept = (
            raw_lines
            if cancelled
            else [
                line
                for line in raw_lines
                if line.get("order_line_state") not in DROPPED_LINE_STATES
            ]
        )
        if not kept:
            raise PayloadError(_lt("Order %(order)s has no order line.", order=order_id))
        lines, shipping_lines, refunds = [], [], []
        for index, line in enumerate(kept, start=1):
            where = line_label(LINE, index, line.get("offer_sku") or line.get("product_sku"))
            lines.append(_line(line, index, where, include))
            shipping = _shipping(line, index, where, data, include)
            if shipping:
                shipping_lines.append(shipping)
            refunds += _refunds(line, index, where)
        if not any(part.taxes for part in (*lines, *shipping_lines)):
            warnings.append(
                (
                    WARNING_TAX_RATE_ESTIMATED,
                    Sentence(
                        _lt(
                            "The marketplace gave no tax for this order: its lines are "
                            "imported without tax. Check the VAT due."
                        )
                    ),
                )
            )
        computed = sum(
            (money(line.quantity * line.unit_price - line.discount) for line in lines), ZERO
        )
        computed += sum((s.price - s.discount for s in shipping_lines), ZERO)
        # Without their taxes, the price fields (total_price too) need them added.
        added_tax = (
            ZERO
            if include
            else sum((tax.amount for part in (*lines, *shipping_lines) for tax in part.taxes), ZERO)
        )
        total = (
            computed
            if len(kept) != len(raw_lines)
            else to_decimal(data.get("total_price"), "total_price", str(computed))
        ) + added_tax
        customer_data = data.get("customer") or {}
        billing = _address(customer_data.get("billing_address"))
        shipping_address = _address(customer_data.get("shipping_address")) or billing
        customer = canonical.Customer(
            external_id=text_or_none(str(customer_data.get("customer_id") or "")),
            email=(data.get("customer_notification_email") or "").strip(),
            email_is_relay=True,
            name=join_names(customer_data.get("firstname"), customer_data.get("lastname"))
            or (billing.name if billing else ""),
            company=billing.company if billing else "",
            phone=billing.phone if billing else "",
        )
        created = parse_datetime(data.get("created_date"), "created_date")
        updated = parse_datetime(data.get("last_updated_date"), "last_updated_date") or created
        paid_at = parse_datetime(data.get("customer_debited_date"), "customer_debited_date")
        promotions = data.get("promotions") or {}
        return canonical.ShopOrder(
            external_id=order_id,
            reference=order_id,
            currency=currency,
            totals=canonical.ShopTotals(
                total=total,
                shipping=sum((s.price for s in shipping_lines), ZERO),
                discount=to_decimal(
                    promotions.get("total_deduced_amount")
                    if isinstance(promotions, dict)
                    else None,
                    "promotions",
                    "0",
                )
                or None,
            ),
            created_at=created,
            updated_at=updated,
            prices_include_tax=include,
            customer=customer,
            billing_address=billing,
            shipping_address=shipping_address,
            lines=lines,
            shipping_lines=shipping_lines,
            payments=[]
            if cancelled or not total
            else [
                canonical.Payment(
                    gateway=GATEWAY,
                    amount=total,
                    processed_at=paid_at or created,
                )
            ],
            refunds=refunds,
            financial_status=financial,
            fulfillment_status=fulfillment,
            cancelled_at=updated if cancelled else None,
            note=Sentence(_lt("Mirakl order %(id)s", id=data["commercial_id"]))
            if data.get("commercial_id")
            else "",
            warnings=warnings,
        )


# ---------------------------------------------------------------- helpers


def _taxes(taxes, base, where, include=True):
    """Tax lines from Mirakl's ``taxes`` (``code``, ``amount``, ``rate``) of ``base``,
    which includes them when ``include``."""
    entries = [tax for tax in taxes or [] if isinstance(tax, dict)]
    amounts = [to_decimal(tax.get("amount"), at(where, _lt("tax amount")), "0") for tax in entries]
    net = base - sum(amounts, ZERO) if include else base
    result = []
    for tax, amount in zip(entries, amounts, strict=True):
        if not amount and tax.get("rate") in (None, ""):
            continue
        rate = tax.get("rate")
        result.append(
            canonical.TaxLine(
                rate=to_decimal(rate, at(where, _lt("tax rate")))
                if rate not in (None, "")
                else derived_rate(amount, net),
                amount=amount,
                title=(tax.get("code") or "").strip(),
            )
        )
    return result


def _line(line, index, where, include):
    quantity = positive_quantity(to_decimal(line.get("quantity"), at(where, "quantity")), where)
    price = to_decimal(line.get("price"), at(where, "price"))
    unit = to_decimal(line.get("price_unit"), at(where, "price_unit"), "0")
    discount = money(unit * quantity - price)
    if not unit or discount < 0:
        # No unit price, or one below the line's: the line's own amount wins.
        unit = (price / quantity).quantize(CENT, rounding=ROUND_CEILING) if quantity else price
        discount = money(unit * quantity - price)
    return canonical.OrderLine(
        external_id=str(line.get("order_line_id") or index),
        name=(line.get("product_title") or line.get("offer_sku") or "").strip()
        or Sentence(line_label(LINE, index, None)),
        quantity=quantity,
        unit_price=unit,
        sku=text_or_none(line.get("offer_sku")) or text_or_none(line.get("product_sku")),
        discount=discount,
        taxes=_taxes(line.get("taxes"), price, where, include),
    )


def _shipping(line, index, where, data, include):
    price = to_decimal(line.get("shipping_price"), at(where, "shipping_price"), "0")
    if not price:
        return None
    return canonical.ShippingLine(
        title=(data.get("shipping_type_label") or "").strip() or Sentence(SHIPPING),
        price=price,
        code=(data.get("shipping_type_code") or "").strip(),
        external_id=f"{line.get('order_line_id') or index}-shipping",
        taxes=_taxes(
            line.get("shipping_taxes"), price, _lt("%(where)s shipping", where=where), include
        ),
    )


def _refunds(line, index, where):
    result = []
    for refund in line.get("refunds") or []:
        if not isinstance(refund, dict):
            continue
        amount = to_decimal(refund.get("amount"), at(where, _lt("refund amount")), "0")
        shipping = to_decimal(refund.get("shipping_amount"), at(where, _lt("refund shipping")), "0")
        quantity = to_decimal(refund.get("quantity"), at(where, _lt("refund quantity")), "0")
        result.append(
            canonical.Refund(
                external_id=text_or_none(str(refund.get("id") or "")),
                amount=amount + shipping,
                created_at=parse_datetime(
                    refund.get("created_date"), at(where, _lt("refund date"))
                ),
                lines=[
                    canonical.RefundLine(
                        line_external_id=str(line.get("order_line_id") or index),
                        quantity=quantity,
                        amount=amount,
                    )
                ]
                if quantity
                else [],
                shipping_amount=shipping,
                reason=(refund.get("reason_code") or "").strip(),
            )
        )
    return result


def _address(data):
    if not isinstance(data, dict):
        return None
    country = (data.get("country_iso_code") or "").strip().upper()
    address = canonical.Address(
        name=join_names(data.get("firstname"), data.get("lastname")),
        company=(data.get("company") or "").strip(),
        street=(data.get("street_1") or "").strip(),
        street2=(data.get("street_2") or "").strip(),
        city=(data.get("city") or "").strip(),
        zip=(data.get("zip_code") or "").strip(),
        # Mirakl gives ISO 3166 alpha-3 (FRA) or alpha-2 codes.
        country_code=_alpha2(country) or None,
        phone=(data.get("phone") or data.get("phone_secondary") or "").strip(),
    )
    if not any((address.name, address.company, address.street, address.city)):
        return None
    return address


# Mirakl's operators send ISO 3166-1 alpha-3 codes; the countries of the European operators.
_ALPHA3 = {
    "FRA": "FR", "BEL": "BE", "LUX": "LU", "CHE": "CH", "DEU": "DE", "ESP": "ES", "ITA": "IT",
    "PRT": "PT", "NLD": "NL", "AUT": "AT", "GBR": "GB", "IRL": "IE", "POL": "PL", "MCO": "MC",
    "GLP": "GP", "MTQ": "MQ", "GUF": "GF", "REU": "RE", "MYT": "YT", "DNK": "DK", "SWE": "SE",
    "FIN": "FI", "CZE": "CZ", "GRC": "GR", "HUN": "HU", "ROU": "RO", "USA": "US", "CAN": "CA",
}  # fmt: skip


def _alpha2(code):
    if len(code) == 2:
        return code
    return _ALPHA3.get(code, code)
