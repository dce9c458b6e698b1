# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Shopify: Admin REST API orders, signed webhooks, stock levels per location."""

from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from ..registry import Platform, register_platform
from . import adapter, client

_lt = LazyTranslate(__name__)


def stock_push_options(shop):
    """Shopify sets the levels of one location: the shop's, which must be set."""
    if not shop.shopify_location_id:
        raise UserError(
            shop.env._(
                "%(shop)s: set the Shopify location ID, the location whose stock is sent.",
                shop=shop.name,
            )
        )
    return {"location_id": shop.shopify_location_id}


def missing_webhook_secret(shop):
    """Shopify signs with the app's client secret: the connector cannot choose one."""
    return shop.env._(
        "Shopify signs webhooks with the app's client secret (API secret key): "
        "enter it as the webhook secret of %(shop)s first.",
        shop=shop.name,
    )


PLATFORM = register_platform(
    Platform(
        code="shopify",
        adapter=adapter.ShopifyAdapter,
        client=client.ShopifyClient,
        live_webhooks=True,
        push_stock=True,
        push_shipments=True,
        credential_fields=("access_token",),
        shop_fields=("shopify_location_id",),
        formats_help=_lt(
            'JSON as Shopify\'s Admin API returns it: one order, {"orders": [...]}, a JSON '
            "array, or NDJSON (.ndjson, one order per line)."
        ),
        sample_files={"": "shopify_orders.json"},
        stock_push_options=stock_push_options,
        missing_webhook_secret=missing_webhook_secret,
    )
)
