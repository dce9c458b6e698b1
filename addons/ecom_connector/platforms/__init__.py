# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""One sub-package per platform: its adapter, its client, its declaration (see registry.py)."""

from . import registry
from . import shopify, woocommerce, prestashop, magento, csv
from . import amazon, mirakl
from .registry import (
    Platform,
    all_platforms,
    all_shop_fields,
    get_platform,
    platform_codes,
    register_platform,
)
