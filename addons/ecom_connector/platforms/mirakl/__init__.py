# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Mirakl marketplaces (Fnac-Darty, Boulanger, Leroy Merlin...): seller API orders (OR11),
shipments back to the operator (OR23, OR24)."""

from odoo.tools.translate import LazyTranslate

from ..registry import Platform, register_platform
from . import adapter, client

_lt = LazyTranslate(__name__)


def shop_options(shop):
    """The operator's name, and the shop of the API key its client asks for."""
    return {
        "mirakl_operator": shop.mirakl_operator or "",
        "mirakl_shop_id": shop.mirakl_shop_id or "",
    }


PLATFORM = register_platform(
    Platform(
        code="mirakl",
        adapter=adapter.MiraklAdapter,
        client=client.MiraklClient,
        push_shipments=True,
        credential_fields=("api_key",),
        shop_fields=("mirakl_operator", "mirakl_shop_id"),
        formats_help=_lt(
            "JSON as the Mirakl seller API returns it (OR11, api/orders): "
            '{"orders": [...]}, a JSON array, one order, or NDJSON (.ndjson).'
        ),
        sample_files={"": "mirakl_orders.json"},
        shop_options=shop_options,
        marketplace=True,
    )
)
