# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""One sub-package per platform: its adapter, its client, its declaration."""

from . import shopify, woocommerce, prestashop, magento, csv
