# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Magento 2 / Adobe Commerce: REST orders (``/V1/orders``) to canonical orders.

Pure translation, no ORM and no I/O. What the REST reference documents
(``salesOrderInterface``) and how it is read:

- Money: Magento charges the **base currency** (``base_*`` amounts,
  ``base_currency_code``); the order currency (``order_currency_code``) is
  what the customer saw, ``base_to_order_rate`` times the base. The order is
  imported in the base currency, with a warning when the customer saw
  another one. A ``base_*`` amount missing from the payload is the order
  amount divided by the rate.
- Items: configurable and bundle products are listed as a parent with its
  children (``parent_item_id``, and ``parent_item`` embedded in the child).
  Each sale is taken once: the children when they carry the amounts (a
  bundle with dynamic price), else the parent (a configurable product, a
  bundle with fixed price); never both.
- Amounts are without tax (``price``, ``row_total``); an item's discount
  less its ``discount_tax_compensation_amount`` (the discount on prices with
  tax) is its discount without tax. Taxes: ``extension_attributes.
  item_applied_taxes`` (several taxes per item: state and county...), else
  the item's ``tax_percent`` and ``tax_amount``.
- Shipping: ``shipping_amount``, ``shipping_discount_amount`` and
  ``shipping_tax_amount``; its address and method in
  ``extension_attributes.shipping_assignments``.
- Amounts that Adobe Commerce's modules add in ``extension_attributes``:
  gift wrapping (``gw_base_price``, ``gw_items_base_price``,
  ``gw_card_base_price`` and their ``*_tax_amount``) is a fee line; gift
  cards (``base_gift_cards_amount``), store credit
  (``base_customer_balance_amount``) and reward points
  (``base_reward_currency_amount``) paid part of the order without money:
  they are taken off ``grand_total`` by Magento, so they are added back to the
  order's total and recorded as payments by gift card (a liability of the shop).
- Dates are UTC (``YYYY-MM-DD HH:MM:SS``, as Magento stores them).
- Credit memos (``GET /V1/creditmemos``) come embedded as ``_credit_memos``
  by the pull client, or in the order's own ``_credit_memos`` of a file.
"""

from odoo.tools.translate import LazyTranslate

from ...adapters import canonical
from ...adapters.base import Adapter, register
from ...adapters.canonical import ZERO, PayloadError
from ...adapters.compound import mark_compound_taxes
from ...adapters.json_split import read_orders
from ...adapters.utils import (
    ITEM,
    at,
    dump_json,
    id_or_none,
    join_names,
    line_label,
    load_json,
    money,
    parse_datetime,
    positive_quantity,
    text_or_none,
    to_decimal,
)
from ...const import WARNING_PRESENTMENT_CURRENCY, WARNING_UNKNOWN_STATUS
from ...sentences import Sentence
from .money import OrderMoney, gift_wrapping, paid_without_money, plain_rate, snap_rate

_lt = LazyTranslate(__name__)

# Magento order state -> (financial status when nothing says otherwise, cancelled?)
STATE_MAP = {
    "new": "pending",
    "pending_payment": "pending",
    "payment_review": "pending",
    "processing": "paid",
    "complete": "paid",
    "closed": "refunded",
    "canceled": "voided",
    "holded": "pending",
}


def _flag(value):
    return str(value).strip().lower() in ("1", "true")


@register("magento")
class MagentoAdapter(Adapter):
    """Magento 2 orders as ``GET /V1/orders/{id}`` and ``GET /V1/orders`` return them."""

    # ------------------------------------------------------------ split

    def split(self, content, filename=""):
        """One document per order in an order, a search result ``{"items": [...]}``,
        an array or NDJSON. See :meth:`Adapter.split`."""
        orders = read_orders(content, filename, self._unwrap)
        return [
            order if isinstance(order, canonical.InboundDocument) else self._document(order)
            for order in orders
        ]

    @staticmethod
    def _unwrap(data):
        if (
            isinstance(data, dict)
            and isinstance(data.get("items"), list)
            and ("search_criteria" in data or "total_count" in data)
        ):
            return data["items"]
        if isinstance(data, list):
            return data
        if isinstance(data, dict):
            return [data]
        raise PayloadError(_lt("The file holds no Magento order (a JSON object or list)."))

    def _document(self, order):
        body = dump_json(order)
        if not isinstance(order, dict):
            return canonical.InboundDocument(
                body=body, error=Sentence(_lt("An element of the file is not an order."))
            )
        external_id = order.get("entity_id")
        if external_id in (None, ""):
            return canonical.InboundDocument(
                body=body, error=Sentence(_lt("An order has no entity_id."))
            )
        try:
            revision = parse_datetime(order.get("updated_at"), "updated_at")
        except PayloadError as error:
            return canonical.InboundDocument(
                body=body, external_id=str(external_id), error=error.text
            )
        return canonical.InboundDocument(body=body, external_id=str(external_id), revision=revision)

    # ------------------------------------------------------------ parse

    def parse(self, document):
        """The canonical order of one stored Magento order. See :meth:`Adapter.parse`."""
        data = load_json(document.body, _lt("The order"))
        if not isinstance(data, dict):
            raise PayloadError(_lt("The payload is not a Magento order (a JSON object)."))
        if data.get("entity_id") in (None, ""):
            raise PayloadError(_lt("The order has no entity_id."))
        money_of = OrderMoney(data)
        extension = data.get("extension_attributes") or {}
        warnings = []
        order_currency = (data.get("order_currency_code") or "").strip().upper()
        if order_currency and order_currency != money_of.currency:
            warnings.append(
                (
                    WARNING_PRESENTMENT_CURRENCY,
                    Sentence(
                        _lt(
                            "The customer saw prices in %(seen)s: the order is imported in the "
                            "shop's base currency %(currency)s, the amounts it charged.",
                            seen=order_currency,
                            currency=money_of.currency,
                        )
                    ),
                )
            )
        without_money = paid_without_money(extension, money_of)
        total = money_of(data, "grand_total", "grand_total") + sum(
            (amount for _gateway, amount in without_money), ZERO
        )
        billing = _address(data.get("billing_address"))
        shipping_address = _shipping_address(extension) or billing
        customer = _customer(data, billing or shipping_address)
        if customer.vat and billing and not billing.vat:
            billing.vat = customer.vat
        state = (data.get("state") or "").strip()
        financial = STATE_MAP.get(state)
        if financial is None:
            warnings.append(
                (
                    WARNING_UNKNOWN_STATUS,
                    Sentence(
                        _lt(
                            "Unknown Magento order state %(state)s (status %(status)s): the "
                            "payments the order records are taken.",
                            state=repr(state),
                            status=repr(data.get("status")),
                        )
                    ),
                )
            )
            financial = "pending"
        cash = money_of(data, "total_paid", "total_paid", "0")
        paid = cash + sum((amount for _gateway, amount in without_money), ZERO)
        refunded = money_of(data, "total_refunded", "total_refunded", "0")
        if state != "canceled":
            if refunded and refunded >= total:
                financial = "refunded"
            elif refunded:
                financial = "partially_refunded"
            elif paid and paid >= total:
                financial = "paid"
            elif paid:
                financial = "partially_paid"
        lines = _lines(data, money_of, extension)
        updated = parse_datetime(data.get("updated_at"), "updated_at")
        order = canonical.ShopOrder(
            external_id=str(data["entity_id"]),
            reference=str(data.get("increment_id") or data["entity_id"]),
            currency=money_of.currency,
            totals=canonical.ShopTotals(
                total=total,
                subtotal=money_of.optional(data, "subtotal"),
                tax=money_of.optional(data, "tax_amount"),
                shipping=money_of.optional(data, "shipping_amount"),
                shipping_tax=money_of.optional(data, "shipping_tax_amount"),
                discount=_abs(money_of.optional(data, "discount_amount")),
            ),
            created_at=parse_datetime(data.get("created_at"), "created_at"),
            updated_at=updated,
            prices_include_tax=False,
            customer=customer,
            billing_address=billing,
            shipping_address=shipping_address,
            lines=lines,
            shipping_lines=_shipping_lines(data, money_of, extension),
            fee_lines=gift_wrapping(extension, money_of),
            payments=_payments(data, cash, updated)
            + [
                canonical.Payment(
                    gateway=gateway, amount=amount, is_gift_card=True, processed_at=updated
                )
                for gateway, amount in without_money
                if state != "canceled"
            ],
            refunds=_refunds(data, money_of),
            financial_status=financial,
            fulfillment_status=_fulfillment(state, data.get("items") or []),
            cancelled_at=updated if state == "canceled" else None,
            note=(data.get("customer_note") or "").strip(),
            warnings=warnings,
        )
        # The platform does not flag compound taxes: the amounts tell.
        return mark_compound_taxes(order)


def _abs(value):
    return None if value is None else abs(value)


# ---------------------------------------------------------------- parties


def _address(data):
    if not isinstance(data, dict):
        return None
    street = data.get("street") or []
    if isinstance(street, str):
        street = street.splitlines()
    country = (data.get("country_id") or "").strip().upper() or None
    address = canonical.Address(
        name=join_names(data.get("firstname"), data.get("lastname")),
        company=(data.get("company") or "").strip(),
        street=(street[0] if street else "").strip(),
        street2=" ".join(part.strip() for part in street[1:] if part),
        city=(data.get("city") or "").strip(),
        zip=(data.get("postcode") or "").strip(),
        country_code=country,
        state_code=(data.get("region_code") or "").strip().upper() or None,
        phone=(data.get("telephone") or "").strip(),
        email=(data.get("email") or "").strip(),
        vat=(data.get("vat_id") or "").strip(),
    )
    if not any((address.name, address.company, address.street, address.city)):
        return None
    return address


def _shipping_address(extension):
    for assignment in extension.get("shipping_assignments") or []:
        address = _address(((assignment or {}).get("shipping") or {}).get("address"))
        if address:
            return address
    return None


def _customer(data, address):
    guest = _flag(data.get("customer_is_guest"))
    customer_id = data.get("customer_id")
    return canonical.Customer(
        external_id=None if guest or customer_id in (None, "") else str(customer_id),
        email=(data.get("customer_email") or "").strip() or (address.email if address else ""),
        name=join_names(data.get("customer_firstname"), data.get("customer_lastname"))
        or (address.name if address else ""),
        company=address.company if address else "",
        vat=(data.get("customer_taxvat") or "").strip() or (address.vat if address else ""),
        phone=address.phone if address else "",
        is_guest=guest,
    )


# ---------------------------------------------------------------- items


def _sold_items(items):
    """The items that carry each sale once (parents or their children, never both)."""
    children = {}
    for item in items:
        parent_id = item.get("parent_item_id") or (item.get("parent_item") or {}).get("item_id")
        if parent_id not in (None, ""):
            children.setdefault(str(parent_id), []).append(item)
    sold = []
    for item in items:
        parent_id = item.get("parent_item_id") or (item.get("parent_item") or {}).get("item_id")
        if parent_id not in (None, ""):
            continue  # taken with its parent below
        kids = children.get(str(item.get("item_id")), [])
        priced = [kid for kid in kids if _priced(kid)]
        sold += priced if priced else [item]
    return sold


def _priced(item):
    for key in ("base_row_total", "row_total", "base_price", "price"):
        value = item.get(key)
        if value not in (None, "") and to_decimal(value, key, "0"):
            return True
    return False


def _applied_taxes(extension, kind):
    """``{item id: [applied tax]}`` of ``item_applied_taxes`` of ``kind`` (product, shipping)."""
    found = {}
    for entry in extension.get("item_applied_taxes") or []:
        if (entry or {}).get("type") == kind:
            found[str(entry.get("item_id"))] = entry.get("applied_taxes") or []
    return found


def _taxes(applied, percent, amount, where):
    """Tax lines of an item: its applied taxes when listed, else its one rate and amount."""
    if applied:
        return [
            canonical.TaxLine(
                rate=plain_rate(to_decimal(tax.get("percent"), at(where, _lt("tax rate")))),
                amount=to_decimal(
                    tax.get("base_amount", tax.get("amount")), at(where, _lt("tax amount")), "0"
                ),
                title=(tax.get("title") or tax.get("code") or "").strip(),
            )
            for tax in applied
        ]
    if not percent and not amount:
        return []
    return [canonical.TaxLine(rate=plain_rate(percent), amount=amount)]


def _lines(data, money_of, extension):
    items = _sold_items([item for item in data.get("items") or [] if isinstance(item, dict)])
    if not items:
        raise PayloadError(_lt("The order has no items: there is nothing to import."))
    applied = _applied_taxes(extension, "product")
    lines = []
    for index, item in enumerate(items, start=1):
        name = (item.get("name") or "").strip()
        where = line_label(ITEM, index, name)
        quantity = positive_quantity(
            to_decimal(item.get("qty_ordered"), at(where, "qty_ordered")), where
        )
        discount = money_of(item, "discount_amount", at(where, _lt("discount")), "0")
        discount -= money_of(
            item, "discount_tax_compensation_amount", at(where, _lt("discount tax")), "0"
        )
        lines.append(
            canonical.OrderLine(
                external_id=str(item.get("item_id") or index),
                name=name,
                quantity=quantity,
                unit_price=money_of(item, "price", at(where, _lt("price"))),
                sku=text_or_none(item.get("sku")),
                discount=discount,
                taxes=_taxes(
                    applied.get(str(item.get("item_id"))),
                    to_decimal(item.get("tax_percent"), at(where, "tax_percent"), "0"),
                    money_of(item, "tax_amount", at(where, _lt("tax")), "0"),
                    where,
                ),
                requires_shipping=not _flag(item.get("is_virtual")),
            )
        )
    return lines


def _shipping_lines(data, money_of, extension):
    price = money_of(data, "shipping_amount", "shipping_amount", "0")
    tax = money_of.optional(data, "shipping_tax_amount")
    incl = money_of.optional(data, "shipping_incl_tax")
    if tax is None:
        # Payloads that leave out the shipping tax give it with the price.
        tax = incl - price if incl is not None else ZERO
    if not price and not tax:
        return []
    discount = money_of(data, "shipping_discount_amount", "shipping_discount_amount", "0")
    discount -= money_of(
        data,
        "shipping_discount_tax_compensation_amnt",
        "shipping_discount_tax_compensation_amnt",
        "0",
    )
    method = data.get("shipping_method") or ""
    for assignment in extension.get("shipping_assignments") or []:
        method = ((assignment or {}).get("shipping") or {}).get("method") or method
    applied = next(iter(_applied_taxes(extension, "shipping").values()), None)
    base = price - discount
    percent = money(tax * 100 / base) if base and tax else ZERO
    return [
        canonical.ShippingLine(
            title=(data.get("shipping_description") or "Shipping").strip(),
            price=price,
            code=method,
            discount=discount,
            taxes=_taxes(applied, snap_rate(percent), tax, "Shipping"),
        )
    ]


def _fulfillment(state, items):
    if state == "complete":
        return "fulfilled"
    items = [item for item in items if isinstance(item, dict) and not item.get("parent_item_id")]
    shipped = [to_decimal(item.get("qty_shipped"), "qty_shipped", "0") for item in items]
    ordered = [to_decimal(item.get("qty_ordered"), "qty_ordered", "0") for item in items]
    if shipped and all(s >= o for s, o in zip(shipped, ordered, strict=True)):
        return "fulfilled"
    return "partial" if any(shipped) else "unfulfilled"


def _payments(data, paid, updated):
    payment = data.get("payment") or {}
    if not paid or not isinstance(payment, dict):
        return []
    return [
        canonical.Payment(
            gateway=(payment.get("method") or "magento").strip(),
            amount=paid,
            transaction_id=text_or_none(payment.get("last_trans_id")),
            processed_at=updated,
        )
    ]


def _refunds(data, money_of):
    """The order's credit memos (``_credit_memos``, as the pull client embeds them)."""
    refunds = []
    for memo in data.get("_credit_memos") or []:
        if not isinstance(memo, dict):
            continue
        where = _lt("Credit memo %(id)s", id=memo.get("increment_id") or memo.get("entity_id"))
        lines = [
            canonical.RefundLine(
                line_external_id=id_or_none(item.get("order_item_id")) or "",
                quantity=to_decimal(item.get("qty"), at(where, "qty"), "0"),
                amount=money_of(item, "row_total", at(where, _lt("row total")), "0"),
            )
            for item in memo.get("items") or []
            if isinstance(item, dict) and to_decimal(item.get("qty"), at(where, "qty"), "0")
        ]
        refunds.append(
            canonical.Refund(
                external_id=id_or_none(memo.get("entity_id")),
                amount=money_of(memo, "grand_total", at(where, "grand_total")),
                created_at=parse_datetime(memo.get("created_at"), at(where, "created_at")),
                lines=lines,
                shipping_amount=money_of(memo, "shipping_amount", at(where, _lt("shipping")), "0"),
                reason=(memo.get("customer_note") or "").strip(),
            )
        )
    return refunds
