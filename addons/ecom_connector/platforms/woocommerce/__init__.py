# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""WooCommerce: REST API v3 orders, webhooks signed with a secret the connector sets."""

from odoo.tools.translate import LazyTranslate

from ..registry import Platform, register_platform
from . import adapter, client

_lt = LazyTranslate(__name__)

PLATFORM = register_platform(
    Platform(
        code="woocommerce",
        adapter=adapter.WooCommerceAdapter,
        client=client.WooCommerceClient,
        live_webhooks=True,
        push_stock=True,
        push_shipments=True,
        credential_fields=("api_key", "api_secret"),
        formats_help=_lt(
            "JSON as WooCommerce's REST API returns it (wc/v3/orders): one order, a JSON "
            "array, or NDJSON (.ndjson, one order per line)."
        ),
        sample_files={"": "woocommerce_orders.json"},
    )
)
