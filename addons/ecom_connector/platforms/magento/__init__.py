# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Magento 2 / Adobe Commerce: REST API orders, stock per source (Multi-Source Inventory)."""

from odoo.tools.translate import LazyTranslate

from ..registry import Platform, register_platform
from . import adapter, client

_lt = LazyTranslate(__name__)


def shop_options(shop):
    """The inventory source its client sets quantities at (empty: the default stock)."""
    return {"magento_source_code": shop.magento_source_code or ""}


PLATFORM = register_platform(
    Platform(
        code="magento",
        adapter=adapter.MagentoAdapter,
        client=client.MagentoClient,
        push_stock=True,
        push_shipments=True,
        credential_fields=("access_token",),
        shop_fields=("magento_source_code",),
        formats_help=_lt(
            "JSON as Magento's REST API returns it: one order, a search result "
            '{"items": [...]}, a JSON array, or NDJSON (.ndjson).'
        ),
        sample_files={"": "magento_orders.json"},
        shop_options=shop_options,
    )
)
