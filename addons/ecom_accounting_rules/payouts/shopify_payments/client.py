# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Shopify Payments' API: the shop's own Admin API, with the shop's token."""

import re
from urllib.parse import parse_qs, urlsplit

from odoo.addons.ecom_connector.clients.http import request
from odoo.addons.ecom_connector.platforms.shopify.client import API_VERSION

from ...clients import MAX_PAGES

LINK_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


class ShopifyPaymentsClient:
    """``shopify_payments/payouts.json`` and ``balance/transactions.json``, by ``Link`` pages."""

    page_size = 250

    def __init__(self, base_url, token, session=None):
        base_url = (base_url or "").strip().rstrip("/")
        if base_url and "://" not in base_url:
            base_url = f"https://{base_url}"
        self.base_url = base_url
        self.token = token or ""
        self.session = session

    def _pages(self, path, params):
        url = f"{self.base_url}/admin/api/{API_VERSION}/shopify_payments/{path}"
        for _page in range(MAX_PAGES):
            answer = request(
                "GET",
                url,
                params=params,
                headers={"X-Shopify-Access-Token": self.token},
                secrets=(self.token,),
                session=self.session,
            )
            yield answer.content
            match = LINK_NEXT.search(answer.headers.get("Link") or "")
            if not match:
                return
            page_info = parse_qs(urlsplit(match.group(1)).query).get("page_info")
            if not page_info:
                return
            params = {"limit": self.page_size, "page_info": page_info[0]}

    def payouts(self, since=None):
        params = {"limit": self.page_size}
        if since:
            params["date_min"] = since.isoformat()
        return self._pages("payouts.json", params)

    def transactions(self, payout_id):
        return self._pages(
            "balance/transactions.json", {"limit": self.page_size, "payout_id": payout_id}
        )


def make_client(credentials, shop_url=None, sandbox=False, session=None):
    """The client of a shop: ``shop_url`` and ``credentials["token"]``, the shop's own."""
    return ShopifyPaymentsClient(shop_url, credentials.get("token"), session=session)
