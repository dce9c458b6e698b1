# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""WooCommerce: REST API v3 (``/wp-json/wc/v3/orders``) orders to canonical orders.

Pure translation, no ORM and no I/O.

WooCommerce gives line, shipping and fee amounts without tax even when the
shop's prices include tax (``prices_include_tax``); the canonical order then
carries them with their tax added back, so that each amount is on the
order's tax basis and adds up to the shop's total to the cent.

Gift cards of the WooCommerce Gift Cards extension (a top-level ``gift_cards``
array of ``{id, code, amount}``) are left out of the order's ``total``: the
canonical order's total adds them back, and each is a payment by gift card
(as Shopify's gift cards are), so that the order adds up.
"""

import re
from decimal import Decimal

from odoo.tools.translate import LazyTranslate

from ...adapters import canonical
from ...adapters.base import Adapter, register
from ...adapters.canonical import KIND_ORDER, ZERO, PayloadError
from ...adapters.json_split import JsonOrders, order_object
from ...adapters.shapes import WOOCOMMERCE_ORDER
from ...adapters.utils import (
    FEE,
    LINE,
    NUMBER,
    SCALAR,
    SHIPPING,
    TEXT,
    at,
    check_shape,
    currency_code,
    id_or_none,
    join_names,
    line_label,
    money,
    parse_datetime,
    positive_quantity,
    read_address,
    subdivision_code,
    text_or_none,
    to_decimal,
)
from ...adapters.webhook import SignedWebhooks, header
from ...const import (
    WARNING_NO_PAYMENT_METHOD,
    WARNING_TAX_RATE_ESTIMATED,
    WARNING_TRASHED,
    WARNING_UNKNOWN_STATUS,
)
from ...sentences import Sentence
from .old_schemas import modernize_woocommerce

_lt = LazyTranslate(__name__)

# WooCommerce status -> (financial status, fulfilled?, cancelled?)
STATUS_MAP = {
    "pending": ("pending", False, False),
    "checkout-draft": ("pending", False, False),
    "on-hold": ("pending", False, False),
    "processing": ("paid", False, False),
    "completed": ("paid", True, False),
    "cancelled": ("voided", False, True),
    "refunded": ("refunded", False, False),
    "failed": ("voided", False, False),
    "trash": ("voided", False, True),
}
# Statuses where refunds make the order partly refunded.
PAID_STATUSES = ("processing", "completed")
# VAT number meta keys of the usual EU VAT plugins (compared lower case).
VAT_META_KEYS = (
    "_billing_vat",
    "billing_vat",
    "_billing_vat_number",
    "billing_vat_number",
    "_billing_vat_id",
    "_vat_number",
    "vat_number",
    "vat number",
    "_billing_eu_vat_number",
    "_billing_tva",
    "yweu_billing_vat",
    "_yweu_billing_vat",
)
# SIRET / SIREN meta keys of French checkout field plugins (compared lower case).
SIRET_META_KEYS = (
    "_billing_siret",
    "billing_siret",
    "_siret",
    "siret",
    "_billing_siren",
    "billing_siren",
    "siren",
)
STATE_CODE_PATTERN = re.compile(r"[A-Z0-9]{1,3}")

# Webhooks: the topics taken (both send the whole order) and their headers.
WEBHOOK_TOPICS = {"order.created": KIND_ORDER, "order.updated": KIND_ORDER}
SIGNATURE_HEADER = "X-WC-Webhook-Signature"
TOPIC_HEADER = "X-WC-Webhook-Topic"
DELIVERY_HEADER = "X-WC-Webhook-Delivery-ID"
# The unsigned ping WooCommerce posts to a new webhook's URL: webhook_id=<id>.
PING_PATTERN = re.compile(rb"\s*webhook_id=\d+\s*")

# The gateway code of a payment by gift card, the one Shopify gives its gift
# cards (const.GATEWAY_SELECTION): booked to the gift-card liability.
GIFT_CARD_GATEWAY = "gift_card"
# The WooCommerce Gift Cards extension's cards applied to the order.
GIFT_CARDS_SHAPE = [{"id": SCALAR, "code": TEXT, "amount": NUMBER}]

# Address fields read as plain text: canonical field -> the platform's key.
ADDRESS_KEYS = {
    "company": "company",
    "street": "address_1",
    "street2": "address_2",
    "city": "city",
    "zip": "postcode",
    "phone": "phone",
    "email": "email",
}


@register("woocommerce")
class WooCommerceAdapter(JsonOrders, SignedWebhooks, Adapter):
    """WooCommerce orders as returned by the REST API v3 and its webhooks."""

    # updated_at: the legacy REST API's (platforms/woocommerce/old_schemas.py).
    revision_fields = ("date_modified_gmt", "date_modified", "updated_at")

    # ------------------------------------------------------------ webhooks

    webhook_topics = WEBHOOK_TOPICS
    signature_header = SIGNATURE_HEADER
    topic_header = TOPIC_HEADER
    delivery_header = DELIVERY_HEADER

    def is_webhook_ping(self, body, headers, params):
        """See :meth:`Adapter.is_webhook_ping`."""
        return is_webhook_ping(body, headers, params)

    def webhook_documents(self, body, topic):
        """The order of an order.created or order.updated delivery.

        See :meth:`Adapter.webhook_documents`.
        """
        return self.split(body)

    # ------------------------------------------------------------ parse

    def parse(self, document):
        """The canonical order of one stored WooCommerce order.

        See :meth:`Adapter.parse`.
        """
        data = modernize_woocommerce(order_object(document.body, "WooCommerce"))
        check_shape(data, WOOCOMMERCE_ORDER)
        order_id = data.get("id")
        if order_id in (None, ""):
            raise PayloadError(_lt("The order has no id."))
        currency = currency_code(data.get("currency"))
        if data.get("total") in (None, ""):
            raise PayloadError(_lt("The order has no total."))
        total = to_decimal(data.get("total"), _lt("The order total"))
        gift_cards = _gift_cards(data)
        include = bool(data.get("prices_include_tax"))
        warnings = []
        rates = {str(tax.get("rate_id")): tax for tax in data.get("tax_lines") or []}
        taxes = _TaxReader(rates, warnings)

        billing = _address(data.get("billing"))
        shipping = _address(data.get("shipping"))
        vat = _vat(data)
        if billing and vat:
            billing.vat = vat
        customer = _customer(data, billing or shipping, vat)

        status = data.get("status")
        financial_status, fulfilled, cancelled = STATUS_MAP.get(status, (None, False, False))
        paid_at = parse_datetime(data.get("date_paid_gmt") or data.get("date_paid"), "date_paid")
        if financial_status is None:
            financial_status = "paid" if paid_at else "pending"
            warnings.append(
                (
                    WARNING_UNKNOWN_STATUS,
                    Sentence(
                        _lt(
                            "Unknown WooCommerce order status %(status)s: the order is treated "
                            "as paid.",
                            status=repr(status),
                        )
                        if paid_at
                        else _lt(
                            "Unknown WooCommerce order status %(status)s: the order is treated "
                            "as not paid.",
                            status=repr(status),
                        )
                    ),
                )
            )
        if status == "trash":
            warnings.append(
                (
                    WARNING_TRASHED,
                    Sentence(_lt("The order is in the shop's trash: imported as cancelled.")),
                )
            )
        refunds = _refunds(data)
        if refunds and status in PAID_STATUSES:
            refunded = sum((refund.amount for refund in refunds), ZERO)
            financial_status = "refunded" if refunded >= total else "partially_refunded"
        modified_at = parse_datetime(
            data.get("date_modified_gmt") or data.get("date_modified"), "date_modified"
        )
        completed_at = data.get("date_completed_gmt") or data.get("date_completed")

        return canonical.ShopOrder(
            external_id=str(order_id),
            reference=str(data.get("number") or order_id),
            currency=currency,
            totals=canonical.ShopTotals(
                total=total + sum((card.amount for card in gift_cards), ZERO),
                tax=_optional(data, "total_tax"),
                shipping=_with_tax(data, "shipping_total", "shipping_tax", include),
                shipping_tax=_optional(data, "shipping_tax"),
                discount=_with_tax(data, "discount_total", "discount_tax", include),
            ),
            created_at=parse_datetime(
                data.get("date_created_gmt") or data.get("date_created"), "date_created"
            ),
            updated_at=modified_at,
            prices_include_tax=include,
            customer=customer,
            billing_address=billing,
            shipping_address=shipping,
            lines=_lines(data, include, taxes),
            shipping_lines=_shipping_lines(data, include, taxes),
            fee_lines=_fee_lines(data, include, taxes),
            payments=_payments(data, total, paid_at, warnings, gift_cards),
            refunds=refunds,
            financial_status=financial_status,
            fulfillment_status="fulfilled" if fulfilled or completed_at else "unfulfilled",
            cancelled_at=modified_at if cancelled else None,
            note=_note(data),
            warnings=warnings,
        )


# ---------------------------------------------------------------- webhooks


def is_webhook_ping(body, headers, params):
    """Whether the call is the ping WooCommerce sends when a webhook is saved.

    The ping is a form body ``webhook_id=<id>`` without signature or topic; it
    carries no data, so it is answered without being stored.
    :param bytes body: the raw body (empty when the server decoded the form)
    :param params: the decoded form fields
    """
    if header(headers, SIGNATURE_HEADER) or header(headers, TOPIC_HEADER):
        return False
    if body:
        return bool(PING_PATTERN.fullmatch(body))
    return set(params) == {"webhook_id"} and str(params["webhook_id"]).isdigit()


# ---------------------------------------------------------------- parsing


def _optional(data, key):
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return to_decimal(value, key)


def _with_tax(data, key, tax_key, include):
    """An order-level amount on the order's tax basis (``None`` when absent)."""
    amount = _optional(data, key)
    if amount is not None and include:
        amount += to_decimal(data.get(tax_key), tax_key, "0")
    return amount


def _address(data):
    if not data:
        return None
    country = (data.get("country") or "").strip().upper() or None
    # A virtual order comes with an empty shipping address: None.
    return read_address(
        data,
        ADDRESS_KEYS,
        name=join_names(data.get("first_name"), data.get("last_name")),
        country_code=country,
        state_code=_state_code(data.get("state"), country),
    )


def _state_code(state, country):
    """The subdivision code without the country ("DE-BY" -> "BY"); ``None`` for
    a state written as a name."""
    code = subdivision_code(state, country)
    return code if STATE_CODE_PATTERN.fullmatch(code) else None


def _vat(data):
    return _meta(data, VAT_META_KEYS).replace(" ", "").upper()


def _meta(data, keys):
    """The first non-empty text of the order's ``meta_data`` under one of ``keys``."""
    for meta in data.get("meta_data") or []:
        key = str(meta.get("key") or "").strip().lower()
        value = meta.get("value")
        if key in keys and isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _customer(data, address, vat):
    """The customer; ``customer_id`` 0 is a guest checkout."""
    customer_id = data.get("customer_id")
    is_guest = customer_id in (None, "", 0, "0")
    return canonical.Customer(
        external_id=None if is_guest else str(customer_id),
        email=address.email if address else "",
        name=address.name if address else "",
        company=address.company if address else "",
        vat=vat,
        siret=_meta(data, SIRET_META_KEYS),
        phone=address.phone if address else "",
        is_guest=is_guest,
    )


class _TaxReader:
    """Tax lines of one line, with the rates of the order's ``tax_lines``."""

    def __init__(self, rates, warnings):
        self.rates = rates
        self.warnings = warnings

    def taxes(self, item, total_tax, base, where):
        """Canonical tax lines of a line's ``taxes``.

        WooCommerce gives each tax unrounded ("1.26225"): the amounts are
        rounded to the cent and the line's ``total_tax`` (what was charged)
        is kept exactly.
        """
        taxes = []
        for entry in item.get("taxes") or []:
            if entry.get("total") in (None, ""):
                continue
            amount = to_decimal(entry.get("total"), at(where, _lt("tax amount")))
            rate_id = str(entry.get("id"))
            rate = self.rates.get(rate_id)
            if rate and rate.get("rate_percent") not in (None, ""):
                percent = to_decimal(rate.get("rate_percent"), at(where, _lt("tax rate")))
            else:
                subtotal = to_decimal(entry.get("subtotal"), at(where, _lt("tax")), "0")
                percent = money((subtotal or amount) * 100 / base if base else ZERO)
                self.warnings.append(
                    (
                        WARNING_TAX_RATE_ESTIMATED,
                        Sentence(
                            _lt(
                                "%(where)s: the rate of tax %(rate)s is not in the order; "
                                "estimated at %(percent)s %% from the amounts.",
                                where=where,
                                rate=rate_id,
                                percent=percent,
                            )
                        ),
                    )
                )
            rate = rate or {}
            rate_code = rate.get("rate_code") or ""
            country = rate_code.split("-", 1)[0].upper()
            taxes.append(
                canonical.TaxLine(
                    rate=percent,
                    amount=amount,
                    title=(rate.get("label") or rate_code).strip(),
                    country_code=country if re.fullmatch(r"[A-Z]{2}", country) else None,
                    compound=bool(rate.get("compound")),
                )
            )
        if not taxes:
            return taxes
        cent = Decimal(1).scaleb(min(total_tax.as_tuple().exponent, -2))
        for tax in taxes:
            tax.amount = tax.amount.quantize(cent)
        taxes[-1].amount += total_tax - sum(tax.amount for tax in taxes)
        return taxes


def _line_amounts(item, where):
    """(subtotal, subtotal tax, total, total tax) of an item."""
    subtotal = to_decimal(item.get("subtotal"), at(where, _lt("subtotal")))
    subtotal_tax = to_decimal(item.get("subtotal_tax"), at(where, _lt("subtotal tax")), "0")
    total = to_decimal(item.get("total"), at(where, _lt("total")))
    total_tax = to_decimal(item.get("total_tax"), at(where, _lt("total tax")), "0")
    return subtotal, subtotal_tax, total, total_tax


def _lines(data, include, taxes):
    items = data.get("line_items") or []
    if not items:
        raise PayloadError(_lt("The order has no line items: there is nothing to import."))
    lines = []
    for index, item in enumerate(items, start=1):
        name = (item.get("name") or "").strip()
        where = line_label(LINE, index, name)
        quantity = positive_quantity(
            to_decimal(item.get("quantity"), at(where, _lt("quantity"))), where
        )
        subtotal, subtotal_tax, total, total_tax = _line_amounts(item, where)
        before = subtotal + subtotal_tax if include else subtotal
        after = total + total_tax if include else total
        if quantity:
            unit_price = before / quantity
        elif before or after:
            raise PayloadError(
                _lt("%(where)s: the quantity is 0 but the line is charged.", where=where)
            )
        else:
            unit_price = ZERO
        lines.append(
            canonical.OrderLine(
                external_id=str(item.get("id") or index),
                name=name,
                quantity=quantity,
                unit_price=unit_price,
                sku=text_or_none(item.get("sku")),
                discount=before - after,
                taxes=taxes.taxes(item, total_tax, subtotal, where),
            )
        )
    return lines


def _charges(data, key, name_key, label, include, taxes):
    """The shipping or fee items of ``data[key]``, which WooCommerce writes alike.

    :return: per item, ``(item, name, amount on the order's tax basis,
        external id, taxes)``
    """
    for index, item in enumerate(data.get(key) or [], start=1):
        name = (item.get(name_key) or "").strip()
        where = line_label(label, index, name)
        total = to_decimal(item.get("total"), at(where, _lt("total")))
        total_tax = to_decimal(item.get("total_tax"), at(where, _lt("total tax")), "0")
        yield (
            item,
            name,
            total + total_tax if include else total,
            str(item["id"]) if item.get("id") else None,
            taxes.taxes(item, total_tax, total, where),
        )


def _shipping_lines(data, include, taxes):
    return [
        canonical.ShippingLine(
            title=title,
            price=price,
            code=(item.get("method_id") or "").strip(),
            external_id=external_id,
            taxes=item_taxes,
        )
        for item, title, price, external_id, item_taxes in _charges(
            data, "shipping_lines", "method_title", SHIPPING, include, taxes
        )
    ]


def _fee_lines(data, include, taxes):
    return [
        canonical.FeeLine(name=name, amount=amount, external_id=external_id, taxes=item_taxes)
        for _item, name, amount, external_id, item_taxes in _charges(
            data, "fee_lines", "name", FEE, include, taxes
        )
    ]


def _gift_cards(data):
    """The gift cards the customer paid with (WooCommerce Gift Cards), as payments.

    ``total`` leaves them out: what each card paid is a payment by gift card.
    A card is no transaction: the same card may pay several orders.
    :return: a list of canonical ``Payment`` (without date: see :func:`_payments`)
    """
    cards = check_shape(data.get("gift_cards"), GIFT_CARDS_SHAPE, "gift_cards") or []
    payments = []
    for index, card in enumerate(cards, start=1):
        amount = to_decimal(
            card.get("amount"), at(_lt("Gift card %(index)s", index=index), _lt("amount")), "0"
        )
        if amount:
            payments.append(
                canonical.Payment(gateway=GIFT_CARD_GATEWAY, amount=amount, is_gift_card=True)
            )
    return payments


def _payments(data, total, paid_at, warnings, gift_cards=()):
    """The order's payments, when WooCommerce recorded it as paid.

    The payment method's (``total``, what it charged), and one per gift card
    applied to the order; an order the gift cards paid in full has no other.
    """
    if not paid_at:
        return []
    for card in gift_cards:
        card.processed_at = paid_at
    if gift_cards and not total:
        return list(gift_cards)
    gateway = (data.get("payment_method") or data.get("payment_method_title") or "").strip()
    if not gateway:
        warnings.append(
            (
                WARNING_NO_PAYMENT_METHOD,
                Sentence(
                    _lt(
                        "The shop marked the order as paid without a payment method: "
                        "record the payment by hand."
                    )
                ),
            )
        )
        return list(gift_cards)
    return [
        canonical.Payment(
            gateway=gateway,
            amount=total,
            transaction_id=text_or_none(data.get("transaction_id")),
            processed_at=paid_at,
        ),
        *gift_cards,
    ]


def _refunds(data):
    refunds = []
    for refund in data.get("refunds") or []:
        where = _lt("Refund %(id)s", id=refund.get("id"))
        refunds.append(
            canonical.Refund(
                external_id=id_or_none(refund.get("id")),
                # WooCommerce lists refunds with a negative total.
                amount=abs(to_decimal(refund.get("total"), at(where, _lt("total")))),
                reason=(refund.get("reason") or "").strip(),
            )
        )
    return refunds


def _note(data):
    """The customer's note, and the coupons used.

    Coupon discounts are already inside the line totals: the codes are only
    recorded, never subtracted again.
    """
    note = (data.get("customer_note") or "").strip()
    codes = [c.get("code") for c in data.get("coupon_lines") or [] if c.get("code")]
    if codes:
        coupons = f"Coupons used: {', '.join(codes)} (already deducted from the lines)."
        note = f"{note}\n\n{coupons}" if note else coupons
    return note
