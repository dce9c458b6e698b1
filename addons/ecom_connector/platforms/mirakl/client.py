# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Mirakl seller API: orders changed since a moment (OR11), page by page.

``GET {instance}/api/orders?start_update_date=...&order_state_codes=...
&sort=dateCreated&order=asc&offset=N&max=100`` (``shop_id`` when the API key
reaches several shops) with the shop's API key in the ``Authorization``
header (no scheme). The answer is ``{"orders": [...], "total_count": N}``:
the next page starts at ``offset + max`` while that is below
``total_count``. Only the states the connector imports are asked for (see
the adapter's ``IMPORTED_STATES``): an order waiting for acceptance or for
its payment comes with the first pull after the operator moves it on, its
update date having changed.

Each operator runs its own instance (``https://<operator>.mirakl.net``, or
its own domain): the shop's URL, a public https address as for any shop.
"""

from ...adapters.utils import dump_json
from ...clients.base import Page, PullClient, register_client
from ...clients.http import ClientError
from .adapter import IMPORTED_STATES

ORDERS_PATH = "/api/orders"
MAX_PAGE_SIZE = 100


@register_client("mirakl")
class MiraklClient(PullClient):
    max_page_size = MAX_PAGE_SIZE

    def fetch_page(self, since, token=None):
        offset = int(token or 0)
        params = {
            "order_state_codes": ",".join(IMPORTED_STATES),
            "sort": "dateCreated",
            "order": "asc",
            "offset": offset,
            "max": self.page_size,
        }
        if since:
            params["start_update_date"] = self._iso(since)
        shop_id = (self.adapter.options.get("mirakl_shop_id") or "").strip()
        if shop_id:
            params["shop_id"] = shop_id
        response = self._get(
            f"{self.base_url}{ORDERS_PATH}",
            params,
            headers={"Authorization": self.credentials.get("key", "")},
        )
        data = response.json()
        if not isinstance(data, dict) or not isinstance(data.get("orders"), list):
            raise ClientError(f"{response.url} did not answer a list of orders.", response.status)
        orders = [order for order in data["orders"] if isinstance(order, dict)]
        try:
            total = int(data.get("total_count"))
        except (TypeError, ValueError):
            total = None
        following = offset + self.page_size
        has_next = following < total if total is not None else len(orders) == self.page_size
        content = dump_json({"orders": orders, "total_count": total}).encode()
        return Page(
            documents=self._split(content, response) if orders else [],
            next_token=following if has_next and orders else None,
            server_time=self._server_time(response),
        )
