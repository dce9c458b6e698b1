# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Shopify: Admin REST API orders (API 2024-10 and later) to canonical orders.

Pure translation, no ORM and no I/O. Amounts are taken in the shop currency
(``currency``): the plain fields, else the ``*_set.shop_money`` values, never
the presentment (customer-facing) currency.
"""

import re
from decimal import Decimal

from odoo.tools.translate import LazyTranslate

from ...adapters import canonical
from ...adapters.base import Adapter, register
from ...adapters.canonical import KIND_ORDER, KIND_REFUND, ZERO, PayloadError
from ...adapters.compound import mark_compound_taxes
from ...adapters.json_split import JsonOrders, order_object
from ...adapters.shapes import SHOPIFY_ORDER
from ...adapters.utils import (
    LINE,
    SHIPPING,
    at,
    check_shape,
    currency_code,
    decode_text,
    id_or_none,
    join_names,
    line_label,
    load_json,
    parse_datetime,
    positive_quantity,
    read_address,
    subdivision_code,
    text_or_none,
    to_decimal,
)
from ...adapters.webhook import SignedWebhooks
from ...const import WARNING_PRESENTMENT_CURRENCY, WARNING_SEVERAL_GATEWAYS, WARNING_UNKNOWN_STATUS
from ...sentences import Sentence

_lt = LazyTranslate(__name__)

# Shopify's financial statuses are the canonical ones, plus "expired"
# (an authorisation that lapsed before capture).
FINANCIAL_STATUS_MAP = {
    None: "pending",
    "pending": "pending",
    "authorized": "authorized",
    "partially_paid": "partially_paid",
    "paid": "paid",
    "partially_refunded": "partially_refunded",
    "refunded": "refunded",
    "voided": "voided",
    "expired": "voided",
}
FULFILLMENT_STATUS_MAP = {
    None: "unfulfilled",
    "unfulfilled": "unfulfilled",
    "restocked": "unfulfilled",
    "partial": "partial",
    "fulfilled": "fulfilled",
}
# Statuses where the whole order total was captured (refunds are listed apart).
CAPTURED_STATUSES = ("paid", "partially_refunded", "refunded")
GIFT_CARD_GATEWAY = "gift_card"
# Shopify has no VAT number field on orders: checkout apps store it as a note
# attribute. Names are compared lower case, with "_" and "-" read as spaces.
VAT_ATTRIBUTE_NAMES = (
    "vat",
    "vat number",
    "vat id",
    "vat no",
    "tax id",
    "tax number",
    "numero tva",
    "numéro tva",
    "numéro de tva",
    "n° tva",
    "tva intracommunautaire",
    "ust idnr",
    "ust id",
)
# A SIRET or SIREN, as French checkout apps store it (same comparison).
SIRET_ATTRIBUTE_NAMES = ("siret", "siren", "n siret", "n° siret", "numéro siret", "numero siret")
# Refund line restock types that put the goods back in stock.
RESTOCK_TYPES = ("return", "cancel", "legacy_restock")

# Webhooks: the topics taken and the payload kind each brings. orders/cancelled
# sends the whole order (with cancelled_at), a revision like orders/updated.
# refunds/create sends the refund alone, not an order: it is kept as a refund
# notice of its order (the order itself, with the refund, comes through
# orders/updated, which Shopify sends on every change of the order).
WEBHOOK_TOPICS = {
    "orders/create": KIND_ORDER,
    "orders/updated": KIND_ORDER,
    "orders/cancelled": KIND_ORDER,
    "refunds/create": KIND_REFUND,
}
SIGNATURE_HEADER = "X-Shopify-Hmac-Sha256"
TOPIC_HEADER = "X-Shopify-Topic"
DELIVERY_HEADER = "X-Shopify-Webhook-Id"

# Address fields read as plain text: canonical field -> the platform's key.
ADDRESS_KEYS = {
    "company": "company",
    "street": "address1",
    "street2": "address2",
    "city": "city",
    "zip": "zip",
    "phone": "phone",
}


@register("shopify")
class ShopifyAdapter(JsonOrders, SignedWebhooks, Adapter):
    """Shopify orders as returned by the Admin REST API and its webhooks."""

    revision_fields = ("updated_at",)

    # ------------------------------------------------------------ webhooks

    webhook_topics = WEBHOOK_TOPICS
    # The signature header holds the base64 HMAC-SHA256 of the body, keyed with
    # the app's client secret or the key shown in the shop's notification settings.
    signature_header = SIGNATURE_HEADER
    topic_header = TOPIC_HEADER
    delivery_header = DELIVERY_HEADER

    def webhook_documents(self, body, topic):
        """An order, or for refunds/create a refund notice of its order.

        See :meth:`Adapter.webhook_documents`.
        """
        if WEBHOOK_TOPICS.get(topic) == KIND_REFUND:
            return [_refund_notice(body)]
        return self.split(body)

    # ------------------------------------------------------------ parse

    def parse(self, document):
        """The canonical order of one stored Shopify order. See :meth:`Adapter.parse`."""
        data = order_object(document.body, "Shopify")
        check_shape(data, SHOPIFY_ORDER)
        order_id = data.get("id")
        if order_id in (None, ""):
            raise PayloadError(_lt("The order has no id."))
        currency = currency_code(data.get("currency"))
        total = _optional_amount(data, "total_price")
        if total is None:
            raise PayloadError(_lt("The order has no total (total_price)."))
        taxes_included = bool(data.get("taxes_included"))
        warnings = []

        presentment = (data.get("presentment_currency") or "").strip().upper()
        if presentment and presentment != currency:
            warnings.append(
                (
                    WARNING_PRESENTMENT_CURRENCY,
                    Sentence(
                        _lt(
                            "The customer paid in %(presentment)s: the order is imported in the "
                            "shop currency %(currency)s, with the amounts the shop recorded.",
                            presentment=presentment,
                            currency=currency,
                        )
                    ),
                )
            )

        billing = _address(data.get("billing_address"))
        shipping = _address(data.get("shipping_address"))
        customer = _customer(data, billing or shipping)
        if customer.vat and billing and not billing.vat:
            billing.vat = customer.vat

        financial_status = FINANCIAL_STATUS_MAP.get(data.get("financial_status"))
        if financial_status is None:
            warnings.append(
                (
                    WARNING_UNKNOWN_STATUS,
                    Sentence(
                        _lt(
                            "Unknown Shopify payment status %(status)s: the order is treated as "
                            "not paid.",
                            status=repr(data.get("financial_status")),
                        )
                    ),
                )
            )
            financial_status = "pending"
        fulfillment_status = FULFILLMENT_STATUS_MAP.get(
            data.get("fulfillment_status"), "unfulfilled"
        )

        order = canonical.ShopOrder(
            external_id=str(order_id),
            reference=str(data.get("name") or data.get("order_number") or order_id),
            currency=currency,
            totals=canonical.ShopTotals(
                total=total,
                subtotal=_optional_amount(data, "subtotal_price"),
                tax=_optional_amount(data, "total_tax"),
                shipping=_optional_amount(data, "total_shipping_price"),
                discount=_optional_amount(data, "total_discounts"),
            ),
            created_at=parse_datetime(data.get("created_at"), "created_at"),
            updated_at=parse_datetime(data.get("updated_at"), "updated_at"),
            prices_include_tax=taxes_included,
            customer=customer,
            billing_address=billing,
            shipping_address=shipping,
            lines=_lines(data),
            shipping_lines=_shipping_lines(data),
            payments=_payments(data, financial_status, total, warnings),
            refunds=_refunds(data, taxes_included),
            financial_status=financial_status,
            fulfillment_status=fulfillment_status,
            cancelled_at=parse_datetime(data.get("cancelled_at"), "cancelled_at"),
            cancel_reason=data.get("cancel_reason") or "",
            note=data.get("note") or "",
            warnings=warnings,
        )
        # The platform does not flag compound taxes: the amounts tell.
        return mark_compound_taxes(order)


# ---------------------------------------------------------------- webhooks


def _refund_notice(body):
    """The document of a refunds/create body: a refund of the order ``order_id``."""
    text = decode_text(body)
    data = load_json(text, _lt("The refund"))
    order_id = data.get("order_id") if isinstance(data, dict) else None
    if order_id in (None, ""):
        return canonical.InboundDocument(
            body=text,
            kind=KIND_REFUND,
            error=Sentence(_lt("The refund names no order (order_id).")),
        )
    try:
        revision = parse_datetime(data.get("created_at"), "created_at")
    except PayloadError as error:
        return canonical.InboundDocument(
            body=text, kind=KIND_REFUND, external_id=str(order_id), error=error.text
        )
    return canonical.InboundDocument(
        body=text, kind=KIND_REFUND, external_id=str(order_id), revision=revision
    )


# ---------------------------------------------------------------- parsing


def _shop_money(obj, key):
    """The raw shop-currency value: the plain field, else ``<key>_set.shop_money``."""
    value = obj.get(key)
    if value is None:
        money_set = obj.get(f"{key}_set") or {}
        value = (money_set.get("shop_money") or {}).get("amount")
    return value


def _amount(obj, key, what, default=None):
    return to_decimal(_shop_money(obj, key), what, default)


def _optional_amount(obj, key):
    """A shop-currency amount, ``None`` when the payload does not give it."""
    value = _shop_money(obj, key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return to_decimal(value, key)


def _percent(fraction):
    """Shopify's rate fraction (0.055) as a canonical percentage (5.5)."""
    percent = fraction * 100
    if percent == percent.to_integral_value():
        return percent.quantize(Decimal(1))
    return percent.normalize()


def _address(data):
    if not data:
        return None
    country = (data.get("country_code") or "").strip().upper() or None
    return read_address(
        data,
        ADDRESS_KEYS,
        name=(data.get("name") or "").strip()
        or join_names(data.get("first_name"), data.get("last_name")),
        country_code=country,
        state_code=subdivision_code(data.get("province_code"), country) or None,
    )


def _vat(data):
    return _note_attribute(data, VAT_ATTRIBUTE_NAMES).replace(" ", "").upper()


def _note_attribute(data, names):
    """The first non-empty value of the order's note attributes named one of ``names``."""
    for attribute in data.get("note_attributes") or []:
        name = re.sub(r"[\s_\-.]+", " ", str(attribute.get("name") or "")).strip()
        if name.lower() in names:
            value = str(attribute.get("value") or "").strip()
            if value:
                return value
    return ""


def _customer(data, address):
    """The customer; a guest (POS, no account) when ``customer`` is absent."""
    email = (data.get("email") or data.get("contact_email") or "").strip()
    phone = (data.get("phone") or "").strip() or (address.phone if address else "")
    vat = _vat(data)
    customer = data.get("customer") or {}
    default_address = customer.get("default_address") or {}
    name = (
        join_names(customer.get("first_name"), customer.get("last_name"))
        or (default_address.get("name") or "").strip()
        or (address.name if address else "")
    )
    # A B2B order (Shopify B2B) names its purchasing company: ``company`` holds
    # its ``id`` and ``location_id`` (the REST Order resource), with a ``name``
    # in some exports; without one, the billing address's company names it.
    b2b_company = data.get("company") if isinstance(data.get("company"), dict) else {}
    company = (
        str(b2b_company.get("name") or "").strip()
        or (default_address.get("company") or "").strip()
        or (address.company if address else "")
    )
    if b2b_company and not company:
        company = name
    customer_id = customer.get("id")
    return canonical.Customer(
        external_id=str(customer_id) if customer_id not in (None, "") else None,
        email=(customer.get("email") or "").strip() or email,
        name=name,
        company=company,
        vat=vat,
        siret=_note_attribute(data, SIRET_ATTRIBUTE_NAMES),
        phone=(customer.get("phone") or "").strip() or phone,
        is_guest=customer_id in (None, ""),
    )


def _taxes(tax_lines, where):
    return [
        canonical.TaxLine(
            rate=_percent(to_decimal(tax.get("rate"), at(where, _lt("tax rate")))),
            amount=_amount(tax, "price", at(where, _lt("tax amount")), "0"),
            title=(tax.get("title") or "").strip(),
        )
        for tax in tax_lines or []
    ]


def _discount(allocations, where):
    return sum(
        (
            _amount(allocation, "amount", at(where, _lt("discount")), "0")
            for allocation in allocations or []
        ),
        ZERO,
    )


def _line_discount(item, where):
    """A line's discount: its allocations, or ``total_discount`` in payloads older than them."""
    if item.get("discount_allocations") is None and item.get("total_discount") is not None:
        return _amount(item, "total_discount", at(where, _lt("discount")), "0")
    return _discount(item.get("discount_allocations"), where)


def _lines(data):
    items = data.get("line_items") or []
    if not items:
        raise PayloadError(_lt("The order has no line items: there is nothing to import."))
    lines = []
    for index, item in enumerate(items, start=1):
        name = (item.get("name") or item.get("title") or "").strip()
        where = line_label(LINE, index, name)
        quantity = positive_quantity(
            to_decimal(item.get("quantity"), at(where, _lt("quantity"))), where
        )
        requires_shipping = item.get("requires_shipping")
        lines.append(
            canonical.OrderLine(
                external_id=str(item.get("id") or index),
                name=name,
                quantity=quantity,
                unit_price=_amount(item, "price", at(where, _lt("price"))),
                sku=text_or_none(item.get("sku")),
                discount=_line_discount(item, where),
                taxes=_taxes(item.get("tax_lines"), where),
                is_gift_card=bool(item.get("gift_card")),
                requires_shipping=True if requires_shipping is None else bool(requires_shipping),
            )
        )
    return lines


def _shipping_lines(data):
    lines = []
    for index, item in enumerate(data.get("shipping_lines") or [], start=1):
        title = (item.get("title") or "").strip()
        where = line_label(SHIPPING, index, title)
        lines.append(
            canonical.ShippingLine(
                title=title,
                price=_amount(item, "price", at(where, _lt("price"))),
                code=(item.get("code") or "").strip(),
                external_id=str(item["id"]) if item.get("id") else None,
                discount=_discount(item.get("discount_allocations"), where),
                taxes=_taxes(item.get("tax_lines"), where),
            )
        )
    return lines


def _payments(data, financial_status, total, warnings):
    """One payment of the order total, from ``payment_gateway_names``.

    The order JSON does not hold its transactions, so when several gateways
    were used the split between them is unknown.
    """
    if financial_status not in (*CAPTURED_STATUSES, "authorized"):
        return []
    gateways = list(dict.fromkeys(g for g in data.get("payment_gateway_names") or [] if g))
    if not gateways:
        return []
    cash_gateways = [g for g in gateways if g != GIFT_CARD_GATEWAY]
    gateway = cash_gateways[0] if cash_gateways else gateways[0]
    if len(gateways) > 1:
        warnings.append(
            (
                WARNING_SEVERAL_GATEWAYS,
                Sentence(
                    _lt(
                        "Paid with several methods (%(methods)s): the order does not say how much "
                        "each one took, so the whole total is recorded on %(method)s. Check the "
                        "payouts.",
                        methods=", ".join(gateways),
                        method=gateway,
                    )
                ),
            )
        )
    return [
        canonical.Payment(
            gateway=gateway,
            amount=total,
            kind="authorization" if financial_status == "authorized" else "sale",
            is_gift_card=gateway == GIFT_CARD_GATEWAY,
            processed_at=parse_datetime(data.get("processed_at"), "processed_at"),
        )
    ]


def _refunds(data, taxes_included):
    """Refunds; line and shipping amounts on the order's tax basis."""
    refunds = []
    for refund in data.get("refunds") or []:
        where = _lt("Refund %(id)s", id=refund.get("id"))
        lines = [
            canonical.RefundLine(
                line_external_id=id_or_none(item.get("line_item_id")) or "",
                quantity=to_decimal(item.get("quantity"), at(where, _lt("quantity"))),
                amount=_amount(item, "subtotal", at(where, _lt("line amount")), "0"),
                restock=item.get("restock_type") in RESTOCK_TYPES,
            )
            for item in refund.get("refund_line_items") or []
        ]
        amount = sum(
            (
                _amount(transaction, "amount", at(where, _lt("amount")))
                for transaction in refund.get("transactions") or []
                if transaction.get("kind") == "refund" and transaction.get("status") == "success"
            ),
            ZERO,
        )
        shipping = ZERO
        for adjustment in refund.get("order_adjustments") or []:
            if adjustment.get("kind") != "shipping_refund":
                continue
            # Shopify writes refunded shipping as a negative adjustment,
            # with its tax apart.
            shipping -= _amount(adjustment, "amount", at(where, _lt("shipping")), "0")
            if taxes_included:
                shipping -= _amount(adjustment, "tax_amount", at(where, _lt("shipping tax")), "0")
        refunds.append(
            canonical.Refund(
                external_id=id_or_none(refund.get("id")),
                amount=amount,
                created_at=parse_datetime(refund.get("created_at"), at(where, _lt("date"))),
                lines=lines,
                shipping_amount=shipping,
                reason=(refund.get("note") or "").strip(),
                restock=any(line.restock for line in lines),
            )
        )
    return refunds
