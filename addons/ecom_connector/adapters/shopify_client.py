"""Shopify Admin REST API: orders changed since a moment, page by page.

``GET /admin/api/{API_VERSION}/orders.json?status=any&limit=250&updated_at_min=...``
with the custom app's Admin API access token in ``X-Shopify-Access-Token``.
Pages follow the ``Link`` header's ``rel="next"`` URL; only its ``page_info``
(and ``limit``) may be sent with it, so the token kept between pages is that
``page_info``. Rate limits: a leaky bucket reported in
``X-Shopify-Shop-Api-Call-Limit`` (``used/size``); near full we slow down,
and a 429 carries ``Retry-After`` (see :mod:`.http_client`).
"""

import logging
import re
from urllib.parse import parse_qs, urlsplit

from .pull_client import Page, PullClient, register_client

_logger = logging.getLogger(__name__)

# The Admin API version every call is pinned to. Shopify answers a version it
# no longer supports with the oldest one it does (and says so in
# X-Shopify-API-Version, which we log), so a pin past its date degrades slowly.
API_VERSION = "2026-01"
MAX_LIMIT = 250
# Slow down when the bucket is this full; Shopify leaks 2 calls a second
# (standard plans), so one second frees two calls.
CALL_LIMIT_MARGIN = 0.8
CALL_LIMIT_PAUSE = 1.0
LINK_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


@register_client("shopify")
class ShopifyClient(PullClient):
    max_page_size = MAX_LIMIT

    @property
    def orders_url(self):
        return f"{self.base_url}/admin/api/{API_VERSION}/orders.json"

    def fetch_page(self, since, token=None):
        if token:
            params = {"limit": self.page_size, "page_info": token}
        else:
            params = {"status": "any", "limit": self.page_size}
            if since:
                params["updated_at_min"] = self._iso(since)
        response = self._get(
            self.orders_url,
            params,
            headers={"X-Shopify-Access-Token": self.credentials.get("token", "")},
        )
        version = response.headers.get("X-Shopify-API-Version")
        if version and version != API_VERSION:
            _logger.warning("Shopify answered API version %s for %s", version, API_VERSION)
        self._throttle(response.headers.get("X-Shopify-Shop-Api-Call-Limit"))
        return Page(
            documents=self._split(response.content, response),
            next_token=next_page_info(response.headers.get("Link")),
            server_time=self._server_time(response),
        )

    def _throttle(self, call_limit):
        """Pause when the leaky bucket is nearly full, rather than hit a 429."""
        try:
            used, size = (int(part) for part in (call_limit or "").split("/"))
        except ValueError:
            return
        if size and used >= size * CALL_LIMIT_MARGIN:
            self.sleep(CALL_LIMIT_PAUSE)


def next_page_info(link_header):
    """The ``page_info`` of the ``rel="next"`` URL in a ``Link`` header, or ``None``."""
    match = LINK_NEXT.search(link_header or "")
    if not match:
        return None
    values = parse_qs(urlsplit(match.group(1)).query).get("page_info")
    return values[0] if values else None
