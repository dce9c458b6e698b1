# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Amazon: Selling Partner API orders (Login with Amazon), settlement report files, FBA,
shipment confirmation of merchant-fulfilled orders, FBA stock."""

from odoo.exceptions import UserError
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


def stock_push_options(shop):
    """The Listings Items API names the seller: its merchant token must be set."""
    if not shop.amazon_seller_id:
        raise UserError(
            shop.env._(
                "%(shop)s: set the Amazon seller ID (Seller Central ▸ Settings ▸ Account Info "
                "▸ Merchant Token), the seller whose offers' stock is sent.",
                shop=shop.name,
            )
        )
    return {"seller_id": shop.amazon_seller_id}


def ships_itself(shop, picking):
    """Amazon ships what leaves its fulfilment centres (the FBA warehouse): only
    merchant-fulfilled deliveries are confirmed to it."""
    warehouse = shop.amazon_fba_warehouse_id
    return bool(warehouse) and picking.picking_type_id.warehouse_id == warehouse


PLATFORM = register_platform(
    Platform(
        code="amazon",
        adapter=adapter.AmazonAdapter,
        client=client.AmazonClient,
        push_stock=True,
        push_shipments=True,
        credential_fields=("api_key", "api_secret", "access_token"),
        shop_fields=(
            "amazon_region",
            "amazon_marketplace_id",
            "amazon_fba_warehouse_id",
            "amazon_fba_stock_sync",
            "amazon_seller_id",
        ),
        file_formats=("json", "csv"),
        formats_help=_lt(
            "JSON as the Selling Partner API's Orders API returns it, each order with its "
            'OrderItems ({"payload": {"Orders": [...]}}, a JSON array, or NDJSON), or a '
            "settlement report (flat file V2, tab separated) for the orders it settles."
        ),
        sample_files={"": "amazon_settlement.txt"},
        shop_options=shop_options,
        stock_push_options=stock_push_options,
        order_warehouse=order_warehouse,
        ships_itself=ships_itself,
        marketplace=True,
    )
)
