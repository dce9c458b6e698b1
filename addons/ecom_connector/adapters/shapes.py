# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The shape of each platform's order, as its adapter reads it.

Checked by :func:`~.utils.check_shape` before an adapter reads a payload, so a
value of the wrong type (a list where an object is expected, an object where a
status is) fails the payload with the field's path ("line_items, item 2,
tax_lines: a text is not a list."). Only the keys an adapter reads are listed;
others are kept as they came. Values of the right type but wrong content (a
quantity "abc", a date "yesterday") are the adapters' own checks.
"""

from .utils import NUMBER, SCALAR, TEXT


def _texts(*keys):
    return dict.fromkeys(keys, TEXT)


def _numbers(*keys):
    return dict.fromkeys(keys, NUMBER)


def _scalars(*keys):
    return dict.fromkeys(keys, SCALAR)


# ---------------------------------------------------------------- Shopify

_SHOP_MONEY = {"shop_money": {"amount": NUMBER}}


def _shopify_amounts(*keys):
    """Shopify amounts: the plain field, or its ``<key>_set.shop_money``."""
    return {**_numbers(*keys), **{f"{key}_set": _SHOP_MONEY for key in keys}}


_SHOPIFY_ADDRESS = _texts(
    "name",
    "first_name",
    "last_name",
    "company",
    "address1",
    "address2",
    "city",
    "zip",
    "phone",
    "country_code",
    "province_code",
)
_SHOPIFY_TAX = {**_shopify_amounts("price"), "rate": NUMBER, "title": TEXT}
_SHOPIFY_ALLOCATION = _shopify_amounts("amount")

SHOPIFY_ORDER = {
    **_scalars(
        "id",
        "name",
        "order_number",
        "taxes_included",
        "financial_status",
        "fulfillment_status",
        "created_at",
        "updated_at",
        "cancelled_at",
        "processed_at",
    ),
    **_texts(
        "currency",
        "presentment_currency",
        "cancel_reason",
        "note",
        "email",
        "contact_email",
        "phone",
    ),
    **_shopify_amounts(
        "total_price", "subtotal_price", "total_tax", "total_shipping_price", "total_discounts"
    ),
    "billing_address": _SHOPIFY_ADDRESS,
    "shipping_address": _SHOPIFY_ADDRESS,
    "note_attributes": [_scalars("name", "value")],
    "customer": {
        **_scalars("id"),
        **_texts("first_name", "last_name", "email", "phone"),
        "default_address": _texts("name", "company"),
    },
    "line_items": [
        {
            **_scalars("id", "gift_card", "requires_shipping"),
            **_texts("name", "title", "sku"),
            **_shopify_amounts("price"),
            "quantity": NUMBER,
            "discount_allocations": [_SHOPIFY_ALLOCATION],
            "tax_lines": [_SHOPIFY_TAX],
        }
    ],
    "shipping_lines": [
        {
            **_scalars("id"),
            **_texts("title", "code"),
            **_shopify_amounts("price"),
            "discount_allocations": [_SHOPIFY_ALLOCATION],
            "tax_lines": [_SHOPIFY_TAX],
        }
    ],
    "payment_gateway_names": [TEXT],
    "refunds": [
        {
            **_scalars("id", "created_at"),
            "note": TEXT,
            "refund_line_items": [
                {
                    **_scalars("line_item_id", "restock_type"),
                    **_shopify_amounts("subtotal"),
                    "quantity": NUMBER,
                }
            ],
            "transactions": [{**_scalars("kind", "status"), **_shopify_amounts("amount")}],
            "order_adjustments": [{**_scalars("kind"), **_shopify_amounts("amount", "tax_amount")}],
        }
    ],
}

# ---------------------------------------------------------------- WooCommerce

_WOO_ADDRESS = _texts(
    "first_name",
    "last_name",
    "company",
    "address_1",
    "address_2",
    "city",
    "postcode",
    "phone",
    "email",
    "country",
    "state",
)
_WOO_TAXES = [{**_scalars("id"), **_numbers("total", "subtotal")}]
_WOO_CHARGE = {
    **_scalars("id"),
    **_texts("method_title", "method_id", "name"),
    **_numbers("total", "total_tax"),
    "taxes": _WOO_TAXES,
}

WOOCOMMERCE_ORDER = {
    **_scalars(
        "id",
        "number",
        "status",
        "customer_id",
        "prices_include_tax",
        "date_paid",
        "date_paid_gmt",
        "date_modified",
        "date_modified_gmt",
        "date_created",
        "date_created_gmt",
        "date_completed",
        "date_completed_gmt",
    ),
    **_texts("currency", "payment_method", "payment_method_title", "transaction_id"),
    **_texts("customer_note"),
    **_numbers(
        "total", "total_tax", "shipping_total", "shipping_tax", "discount_total", "discount_tax"
    ),
    "tax_lines": [{**_scalars("rate_id"), "rate_percent": NUMBER, **_texts("rate_code", "label")}],
    "billing": _WOO_ADDRESS,
    "shipping": _WOO_ADDRESS,
    "meta_data": [_scalars("key")],
    "line_items": [
        {
            **_scalars("id"),
            **_texts("name", "sku"),
            **_numbers("quantity", "subtotal", "subtotal_tax", "total", "total_tax"),
            "taxes": _WOO_TAXES,
        }
    ],
    "shipping_lines": [_WOO_CHARGE],
    "fee_lines": [_WOO_CHARGE],
    "refunds": [{**_scalars("id"), "total": NUMBER, "reason": TEXT}],
    "coupon_lines": [_texts("code")],
}

# ---------------------------------------------------------------- PrestaShop

_PRESTASHOP_ADDRESS = {
    **_texts(
        "firstname",
        "lastname",
        "company",
        "address1",
        "address2",
        "city",
        "postcode",
        "phone_mobile",
        "phone",
        "vat_number",
        "dni",
    ),
    "id_country": SCALAR,
}

PRESTASHOP_ORDER = {
    **_scalars(
        "id", "id_currency", "current_state", "id_customer", "date_add", "date_upd", "id_carrier"
    ),
    **_texts("module", "payment", "reference"),
    **_numbers(
        "total_paid_tax_incl",
        "total_paid",
        "total_paid_real",
        "total_products_wt",
        "total_shipping_tax_incl",
        "total_shipping_tax_excl",
        "carrier_tax_rate",
        "total_discounts_tax_incl",
        "total_discounts_tax_excl",
        "total_wrapping_tax_incl",
        "total_wrapping_tax_excl",
    ),
    "_customer": {
        **_scalars("id", "is_guest"),
        **_texts("email", "firstname", "lastname", "company", "siret"),
    },
    "_address_invoice": _PRESTASHOP_ADDRESS,
    "_address_delivery": _PRESTASHOP_ADDRESS,
    "associations": {
        "order_rows": [
            {
                **_scalars("id"),
                **_texts("product_name", "product_reference", "product_ean13"),
                **_numbers("product_quantity", "unit_price_tax_incl", "unit_price_tax_excl"),
            }
        ]
    },
}
