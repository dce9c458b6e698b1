# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Shopify Payments: read through a Shopify shop's own API, with its token; no webhook."""

from ..provider import THROUGH_SHOP, PayoutProvider
from . import client, parser

PROVIDER = PayoutProvider(
    code="shopify_payments",
    label="Shopify Payments",
    parser=parser,
    client=client.make_client,
    reached=THROUGH_SHOP,
    platform="shopify",
)
