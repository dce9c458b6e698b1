# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Older schemas of the platforms' order APIs, brought to their modern form.

Each function takes one decoded order and returns it in the shape its
platform's adapter reads (a new dict; the stored payload is never changed),
so an order of an older API version imports as its modern form does. Pure:
no ORM, no I/O.
"""

from ...adapters.utils import to_decimal

# WooCommerce's legacy REST API (``/wc-api/v3``, WooCommerce 2.x) -> REST API v3
# (``/wp-json/wc/v3``): the keys that were only renamed.
WOOCOMMERCE_RENAMED = {
    "order_number": "number",
    "billing_address": "billing",
    "shipping_address": "shipping",
    "total_discount": "discount_total",
    "total_shipping": "shipping_total",
    "note": "customer_note",
}
# Legacy date keys (UTC, with a Z) -> the modern GMT keys.
WOOCOMMERCE_DATES = {
    "created_at": "date_created_gmt",
    "updated_at": "date_modified_gmt",
    "completed_at": "date_completed_gmt",
}


def is_legacy_woocommerce(data):
    """Whether ``data`` is an order of WooCommerce's legacy REST API (2.x)."""
    return "billing" not in data and (
        "billing_address" in data or "total_line_items_quantity" in data
    )


def modernize_woocommerce(data):
    """A WooCommerce order of the legacy REST API in the form of REST API v3.

    Legacy orders give each line's tax as one amount (``total_tax``) and the
    order's taxes as ``tax_lines`` without their rate: with one tax on the
    order, each line's tax is that tax (its rate then estimated from the
    amounts, with a warning); with several, the lines are left without tax
    and the order's tax total is rebuilt if one rate explains it
    (``adapters/totals.py``), else flagged.
    :param dict data: one decoded order
    :return: the order as REST API v3 gives it (``data`` itself when it is not legacy)
    """
    if not isinstance(data, dict) or not is_legacy_woocommerce(data):
        return data
    modern = {key: value for key, value in data.items() if key not in WOOCOMMERCE_DATES}
    for old, new in WOOCOMMERCE_RENAMED.items():
        if old in data and new not in data:
            modern[new] = modern.pop(old)
    for old, new in WOOCOMMERCE_DATES.items():
        value = data.get(old)
        if value:
            modern[new] = value.replace("Z", "") if isinstance(value, str) else value
    payment = data.get("payment_details") or {}
    modern.setdefault("payment_method", payment.get("method_id") or "")
    modern.setdefault("payment_method_title", payment.get("method_title") or "")
    if payment.get("paid") and "date_paid_gmt" not in modern:
        modern["date_paid_gmt"] = modern.get("date_modified_gmt") or modern.get("date_created_gmt")
    customer = data.get("customer") or {}
    if isinstance(customer, dict) and "customer_id" not in modern:
        modern["customer_id"] = customer.get("id") or 0
    tax_lines = data.get("tax_lines") or []
    single = str(tax_lines[0].get("rate_id")) if len(tax_lines) == 1 else None
    modern["tax_lines"] = [
        {**tax, "label": tax.get("label") or tax.get("title") or tax.get("code") or ""}
        for tax in tax_lines
    ]
    modern["line_items"] = [
        _legacy_item(item, single, "subtotal_tax") for item in data.get("line_items") or []
    ]
    shipping_tax = data.get("shipping_tax")
    shipping_lines = [dict(item) for item in data.get("shipping_lines") or []]
    if (
        len(shipping_lines) == 1
        and shipping_tax not in (None, "")
        and "total_tax" not in shipping_lines[0]
    ):
        shipping_lines[0]["total_tax"] = shipping_tax
    modern["shipping_lines"] = [_legacy_item(item, single) for item in shipping_lines]
    modern["fee_lines"] = [_legacy_item(item, single) for item in data.get("fee_lines") or []]
    return modern


def _legacy_item(item, rate_id, subtotal_key=None):
    """A legacy line, shipping or fee item with its ``taxes`` list (one tax at most)."""
    item = dict(item)
    if "taxes" in item or rate_id is None:
        item.setdefault("taxes", [])
        return item
    total_tax = item.get("total_tax")
    if not to_decimal(total_tax, "total_tax", "0"):
        item["taxes"] = []
        return item
    entry = {"id": rate_id, "total": total_tax}
    if subtotal_key and item.get(subtotal_key) not in (None, ""):
        entry["subtotal"] = item[subtotal_key]
    item["taxes"] = [entry]
    return item
