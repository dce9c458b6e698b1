# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""PrestaShop: webservice orders (XML or JSON), no webhooks, shipped state by id."""

from odoo.tools.translate import LazyTranslate

from ..registry import Platform, register_platform
from . import adapter, client

_lt = LazyTranslate(__name__)


def shop_options(shop):
    """The order state its client sets on a shipped order."""
    return {"shipped_state_id": shop.prestashop_shipped_state_id}


PLATFORM = register_platform(
    Platform(
        code="prestashop",
        adapter=adapter.PrestaShopAdapter,
        client=client.PrestaShopClient,
        push_stock=True,
        push_shipments=True,
        credential_fields=("api_key",),
        shop_fields=("prestashop_shipped_state_id",),
        formats_help=_lt(
            "A PrestaShop webservice document: XML (api/orders?display=full) or JSON "
            "(output_format=JSON)."
        ),
        sample_files={"": "prestashop_orders.xml"},
        shop_options=shop_options,
    )
)
