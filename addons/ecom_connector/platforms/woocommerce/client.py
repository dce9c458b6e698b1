# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""WooCommerce REST API v3: orders changed since a moment, page by page.

``GET /wp-json/wc/v3/orders?modified_after=...&dates_are_gmt=true&orderby=id
&order=asc&per_page=100&page=N``, authenticated with the REST API key's
consumer key and secret as HTTP basic auth (HTTPS only). Some web servers
drop the ``Authorization`` header; WooCommerce then answers 401, and the call
is made once more with the key and secret as query parameters, as its
documentation advises. The last page is told by ``X-WP-TotalPages``.

Pages are ordered by id, not by modification date: an order modified while
we page would otherwise move to the end and push an order we have not read
yet back onto a page we have (a gap). ``modified_after`` needs WooCommerce
5.8 or later (older versions ignore it and return every order each time:
slower, but the inbox skips what it already holds).
"""

from ...clients.base import Page, PullClient, register_client
from ...clients.http import AuthError

API_PATH = "/wp-json/wc/v3"
MAX_PER_PAGE = 100
# SKUs looked up per call, and objects updated per batch call (its maximum).
SKU_LOOKUP_SIZE = 50
BATCH_SIZE = 100


@register_client("woocommerce")
class WooCommerceClient(PullClient):
    max_page_size = MAX_PER_PAGE
    query_auth = False

    @property
    def orders_url(self):
        return f"{self.base_url}{API_PATH}/orders"

    def fetch_page(self, since, token=None):
        page = int(token or 1)
        params = {"per_page": self.page_size, "page": page, "orderby": "id", "order": "asc"}
        if since:
            params.update(modified_after=self._iso(since), dates_are_gmt="true")
        response = self._call(params)
        documents = self._split(response.content, response)
        try:
            total_pages = int(response.headers.get("X-WP-TotalPages"))
        except (TypeError, ValueError):
            total_pages = None
        if total_pages is not None:
            has_next = page < total_pages
        else:
            has_next = len(documents) >= self.page_size
        return Page(
            documents=documents,
            next_token=page + 1 if has_next else None,
            server_time=self._server_time(response),
        )

    def _call(self, params):
        key, secret = self.credentials.get("key", ""), self.credentials.get("secret", "")
        if not self.query_auth:
            try:
                return self._get(self.orders_url, params, auth=(key, secret))
            except AuthError as error:
                if error.status != 401:
                    raise
                self.query_auth = True
        return self._get(
            self.orders_url, {**params, "consumer_key": key, "consumer_secret": secret}
        )

    # ------------------------------------------------------------ webhooks, stock, shipments

    def _rest(self, method, path, params=None, json_body=None):
        """One call to ``/wp-json/wc/v3/{path}``, authenticated as :meth:`_call` is."""
        url = f"{self.base_url}{API_PATH}/{path}"
        key, secret = self.credentials.get("key", ""), self.credentials.get("secret", "")
        if not self.query_auth:
            try:
                return self._send(method, url, params, json_body, auth=(key, secret))
            except AuthError as error:
                if error.status != 401:
                    raise
                self.query_auth = True
        params = {**(params or {}), "consumer_key": key, "consumer_secret": secret}
        return self._send(method, url, params, json_body)

    def webhooks(self):
        """The shop's webhooks: dicts with ``id``, ``topic``, ``address``."""
        hooks = self._rest("GET", "webhooks", {"per_page": MAX_PER_PAGE}).json()
        return [
            {"id": hook["id"], "topic": hook.get("topic"), "address": hook.get("delivery_url")}
            for hook in hooks
        ]

    def create_webhook(self, topic, address, secret=None):
        """Create an active webhook for ``topic`` to ``address``, signed with ``secret``."""
        body = {
            "name": f"Odoo {topic}",
            "topic": topic,
            "delivery_url": address,
            "secret": secret,
            "status": "active",
        }
        return self._rest("POST", "webhooks", json_body=body).json()

    def delete_webhook(self, webhook_id):
        self._rest("DELETE", f"webhooks/{int(webhook_id)}", {"force": "true"})

    def push_stock(self, quantities, location_id=None):
        """Set ``stock_quantity`` of each SKU: products and variations, by batches.

        :param quantities: ``{sku: quantity}``
        :param location_id: unused (WooCommerce has one stock per product)
        :return: the SKUs the shop does not have (sorted)
        """
        skus = sorted(quantities)
        found = {}
        for start in range(0, len(skus), SKU_LOOKUP_SIZE):
            chunk = skus[start : start + SKU_LOOKUP_SIZE]
            params = {"sku": ",".join(chunk), "per_page": MAX_PER_PAGE}
            for product in self._rest("GET", "products", params).json():
                if product.get("sku") in quantities:
                    found[product["sku"]] = product
        simple, variations = [], {}
        for sku, product in sorted(found.items()):
            update = {
                "id": product["id"],
                "manage_stock": True,
                "stock_quantity": int(quantities[sku]),
            }
            if product.get("parent_id"):
                variations.setdefault(product["parent_id"], []).append(update)
            else:
                simple.append(update)
        for start in range(0, len(simple), BATCH_SIZE):
            self._rest(
                "POST", "products/batch", json_body={"update": simple[start : start + BATCH_SIZE]}
            )
        for parent_id, updates in sorted(variations.items()):
            for start in range(0, len(updates), BATCH_SIZE):
                self._rest(
                    "POST",
                    f"products/{int(parent_id)}/variations/batch",
                    json_body={"update": updates[start : start + BATCH_SIZE]},
                )
        return sorted(set(quantities) - set(found))

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
        """Tell the customer (an order note) and complete the order once all has shipped.

        WooCommerce has no partial shipment: ``complete`` says whether this
        was the order's last delivery; before it, only the note is added.
        :param shipped_at: unused (the shop dates the shipment itself)
        :param package_reference: unused
        :return: a sentence on what was sent
        """
        if carrier or tracking_number:
            note = "Shipped"
            if carrier:
                note += f" with {carrier}"
            if tracking_number:
                note += f", tracking number {tracking_number}"
            if tracking_url:
                note += f": {tracking_url}"
            self._rest(
                "POST",
                f"orders/{int(order_id)}/notes",
                json_body={"note": note, "customer_note": True},
            )
        if complete:
            self._rest("PUT", f"orders/{int(order_id)}", json_body={"status": "completed"})
            return "Order completed."
        return "Shipment noted; the order completes with its last delivery."
