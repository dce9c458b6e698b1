# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Amazon: Selling Partner API orders (Login with Amazon), settlement report files, FBA."""

from odoo.tools.translate import LazyTranslate

from ..registry import Platform, register_platform
from . import adapter, client

_lt = LazyTranslate(__name__)


def shop_options(shop):
    """The region and marketplace its client asks for orders."""
    return {
        "amazon_region": shop.amazon_region or "eu",
        "amazon_marketplace_id": shop.amazon_marketplace_id or "",
    }


def order_warehouse(shop, order):
    """Orders Fulfilled by Amazon leave from the shop's FBA warehouse."""
    return shop._amazon_fba_warehouse() if order.fulfilled_by_platform else None


PLATFORM = register_platform(
    Platform(
        code="amazon",
        adapter=adapter.AmazonAdapter,
        client=client.AmazonClient,
        credential_fields=("api_key", "api_secret", "access_token"),
        shop_fields=("amazon_region", "amazon_marketplace_id", "amazon_fba_warehouse_id"),
        file_formats=("json", "csv"),
        formats_help=_lt(
            "JSON as the Selling Partner API's Orders API returns it, each order with its "
            'OrderItems ({"payload": {"Orders": [...]}}, a JSON array, or NDJSON), or a '
            "settlement report (flat file V2, tab separated) for the orders it settles."
        ),
        sample_files={"": "amazon_settlement.txt"},
        shop_options=shop_options,
        order_warehouse=order_warehouse,
    )
)
