# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Shopify Admin REST API: orders changed since a moment, page by page.

``GET /admin/api/{API_VERSION}/orders.json?status=any&limit=250&updated_at_min=...``
with the custom app's Admin API access token in ``X-Shopify-Access-Token``.
Pages follow the ``Link`` header's ``rel="next"`` URL; only its ``page_info``
(and ``limit``) may be sent with it, so the token kept between pages is that
``page_info``. Rate limits: a leaky bucket reported in
``X-Shopify-Shop-Api-Call-Limit`` (``used/size``); near full we slow down,
and a 429 carries ``Retry-After`` (see :mod:`.http`).
"""

import logging
import re
from urllib.parse import parse_qs, urlsplit

from ...clients.base import Page, PullClient, register_client

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

    # ------------------------------------------------------------ webhooks, stock, shipments

    def _admin(self, method, path, params=None, json_body=None):
        """One call to ``/admin/api/{API_VERSION}/{path}`` with the access token."""
        return self._send(
            method,
            f"{self.base_url}/admin/api/{API_VERSION}/{path}",
            params=params,
            json_body=json_body,
            headers={"X-Shopify-Access-Token": self.credentials.get("token", "")},
        )

    def webhooks(self):
        """The shop's webhook subscriptions: dicts with ``id``, ``topic``, ``address``."""
        return (
            self._admin("GET", "webhooks.json", {"limit": MAX_LIMIT}).json().get("webhooks") or []
        )

    def create_webhook(self, topic, address, secret=None):
        """Subscribe ``address`` to ``topic`` (JSON bodies).

        Shopify signs deliveries with the app's client secret: ``secret`` is
        not sent (it is the one the shop's webhook secret must hold).
        :return: the subscription (a dict)
        """
        body = {"webhook": {"topic": topic, "address": address, "format": "json"}}
        return self._admin("POST", "webhooks.json", json_body=body).json().get("webhook")

    def delete_webhook(self, webhook_id):
        self._admin("DELETE", f"webhooks/{int(webhook_id)}.json")

    def inventory_item_ids(self, skus):
        """``{sku: inventory item id}`` of the variants carrying ``skus``.

        The REST API cannot look a variant up by SKU: the products are read
        page by page (variants only), stopping once every SKU is found.
        """
        wanted, found, page_info = set(skus), {}, None
        while True:
            params = {"limit": MAX_LIMIT, "fields": "id,variants"}
            if page_info:
                params["page_info"] = page_info
            response = self._admin("GET", "products.json", params)
            for product in response.json().get("products") or []:
                for variant in product.get("variants") or []:
                    if variant.get("sku") in wanted and variant.get("inventory_item_id"):
                        found[variant["sku"]] = variant["inventory_item_id"]
            page_info = next_page_info(response.headers.get("Link"))
            if not page_info or len(found) == len(wanted):
                return found

    def push_stock(self, quantities, location_id=None):
        """Set the available quantity of each SKU at the location (inventory_levels/set).

        :param quantities: ``{sku: quantity}``
        :param location_id: the Shopify location whose levels are set
        :return: the SKUs the shop does not have (sorted)
        """
        items = self.inventory_item_ids(quantities)
        for sku, item_id in sorted(items.items()):
            self._admin(
                "POST",
                "inventory_levels/set.json",
                json_body={
                    "location_id": int(location_id),
                    "inventory_item_id": item_id,
                    "available": int(quantities[sku]),
                },
            )
        return sorted(set(quantities) - set(items))

    def mark_shipped(
        self,
        order_id,
        lines,
        carrier="",
        tracking_number="",
        tracking_url="",
        complete=True,
        shipped_at=None,
        package_reference=None,
    ):
        """Fulfil the shipped lines of the order's open fulfillment orders, with tracking.

        :param order_id: the Shopify order id
        :param lines: ``{order line id: quantity shipped}``; empty fulfils
            every open fulfillment order whole
        :param complete: unused (Shopify closes the order when all is fulfilled)
        :param shipped_at: unused (the shop dates the shipment itself)
        :param package_reference: unused
        :return: a sentence on what was sent
        """
        response = self._admin("GET", f"orders/{int(order_id)}/fulfillment_orders.json")
        remaining = {str(line): int(round(qty)) for line, qty in lines.items()}
        groups = []
        for fulfillment_order in response.json().get("fulfillment_orders") or []:
            if fulfillment_order.get("status") not in ("open", "in_progress"):
                continue
            if not remaining:
                groups.append({"fulfillment_order_id": fulfillment_order["id"]})
                continue
            items = []
            for item in fulfillment_order.get("line_items") or []:
                key = str(item.get("line_item_id"))
                quantity = min(remaining.get(key, 0), int(item.get("fulfillable_quantity") or 0))
                if quantity > 0:
                    items.append({"id": item["id"], "quantity": quantity})
                    remaining[key] -= quantity
            if items:
                groups.append(
                    {
                        "fulfillment_order_id": fulfillment_order["id"],
                        "fulfillment_order_line_items": items,
                    }
                )
        if not groups:
            return "Nothing left to fulfil in the shop."
        fulfillment = {"line_items_by_fulfillment_order": groups}
        tracking = {"number": tracking_number, "company": carrier, "url": tracking_url}
        tracking = {key: value for key, value in tracking.items() if value}
        if tracking:
            fulfillment["tracking_info"] = tracking
        fulfillment["notify_customer"] = True
        self._admin("POST", "fulfillments.json", json_body={"fulfillment": fulfillment})
        return f"{len(groups)} fulfillment orders fulfilled."

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
