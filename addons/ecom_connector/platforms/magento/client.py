# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Magento 2 / Adobe Commerce REST API: orders changed since a moment, page by page.

``GET /rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=updated_at
&...[value]=FROM&...[condition_type]=gteq&searchCriteria[sortOrders][0][field]=entity_id
&searchCriteria[pageSize]=100&searchCriteria[currentPage]=N`` with an integration's
access token as a Bearer token (System ▸ Integrations; Magento 2.4.4 and later
need *Allow OAuth Access Tokens to be used as standalone Bearer tokens* on).
The answer is ``{"items": [...], "search_criteria": ..., "total_count": N}``;
the last page is told by ``total_count`` (Magento answers a page past the end
with the last page again, so its length cannot tell).

Pages are sorted by ``entity_id``, not ``updated_at``: an order updated while
we page would otherwise move to the end and push an order we have not read
back onto a page we have (a gap); the window is open at its end, as for the
other platforms. Dates are UTC, as Magento stores them.

The credit memos of each page's refunded orders are read in one more call
(``GET /rest/V1/creditmemos`` filtered on ``order_id``) and embedded in each
order as ``_credit_memos``, the shape the adapter reads.

Back to the shop: shipments (``POST /rest/V1/order/{id}/ship`` with the
shipped items and the tracking number) and stock, through Multi-Source
Inventory (``POST /rest/V1/inventory/source-items``) when the shop names its
source, else the single stock (``PUT /rest/V1/products/{sku}/stockItems/{id}``).
"""

import json
from urllib.parse import quote

from ...adapters.utils import dump_json, to_decimal
from ...clients.base import Page, PullClient, register_client
from ...clients.http import ClientError

API_PATH = "/rest/V1"
MAX_PAGE_SIZE = 100
SKU_LOOKUP_SIZE = 50


def search_criteria(filters=(), sort=None, page_size=None, page=None):
    """Magento's ``searchCriteria`` query parameters.

    :param filters: ``(field, value, condition)`` triples, all required (one
        filter group each)
    :param sort: ``(field, direction)``
    """
    params = {}
    for group, (field, value, condition) in enumerate(filters):
        prefix = f"searchCriteria[filter_groups][{group}][filters][0]"
        params.update(
            {
                f"{prefix}[field]": field,
                f"{prefix}[value]": value,
                f"{prefix}[condition_type]": condition,
            }
        )
    if sort:
        params["searchCriteria[sortOrders][0][field]"] = sort[0]
        params["searchCriteria[sortOrders][0][direction]"] = sort[1]
    if page_size:
        params["searchCriteria[pageSize]"] = page_size
    if page:
        params["searchCriteria[currentPage]"] = page
    return params


@register_client("magento")
class MagentoClient(PullClient):
    max_page_size = MAX_PAGE_SIZE

    def _rest(self, method, path, params=None, json_body=None):
        """One call to ``/rest/V1/{path}`` with the integration's access token."""
        url = f"{self.base_url}{API_PATH}/{path}"
        headers = {"Authorization": f"Bearer {self.credentials.get('token', '')}"}
        if method == "GET":
            return self._get(url, params, headers=headers)
        return self._send(method, url, params, json_body, headers=headers)

    def fetch_page(self, since, token=None):
        page = int(token or 1)
        filters = []
        if since:
            filters.append(("updated_at", since.strftime("%Y-%m-%d %H:%M:%S"), "gteq"))
        params = search_criteria(filters, ("entity_id", "ASC"), self.page_size, page)
        response = self._rest("GET", "orders", params)
        data = response.json()
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise ClientError(f"{response.url} did not answer a list of orders.", response.status)
        orders = [order for order in data["items"] if isinstance(order, dict)]
        self._embed_credit_memos(orders)
        try:
            total = int(data.get("total_count"))
        except (TypeError, ValueError):
            total = None
        has_next = page * self.page_size < total if total is not None else False
        content = dump_json({"items": orders, "total_count": total}).encode()
        return Page(
            documents=self._split(content, response) if orders else [],
            next_token=page + 1 if has_next else None,
            server_time=self._server_time(response),
        )

    def _embed_credit_memos(self, orders):
        refunded = [
            str(order["entity_id"])
            for order in orders
            if order.get("entity_id") is not None
            and to_decimal(
                order.get("base_total_refunded", order.get("total_refunded")), "refunded", "0"
            )
        ]
        if not refunded:
            return
        params = search_criteria([("order_id", ",".join(refunded), "in")])
        memos = self._rest("GET", "creditmemos", params).json().get("items") or []
        by_order = {}
        for memo in memos:
            by_order.setdefault(str(memo.get("order_id")), []).append(memo)
        for order in orders:
            if str(order.get("entity_id")) in by_order:
                order["_credit_memos"] = by_order[str(order["entity_id"])]

    # ------------------------------------------------------------ back to the shop

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
        """Create the shipment of the shipped items, with the tracking number.

        Magento ships items in part: each delivery is one shipment of its
        items; the order completes itself once everything has shipped.
        :param lines: ``{order item id: quantity}``
        :param shipped_at: unused (the shop dates the shipment itself)
        :param package_reference: unused
        :return: a sentence on what was sent
        """
        body = {
            "items": [
                {"order_item_id": int(item_id), "qty": float(qty)}
                for item_id, qty in sorted(lines.items())
            ],
            "notify": True,
        }
        if tracking_number:
            body["tracks"] = [
                {
                    "track_number": tracking_number,
                    "title": carrier or "Carrier",
                    "carrier_code": "custom",
                }
            ]
        response = self._rest("POST", f"order/{int(order_id)}/ship", json_body=body)
        return f"Shipment {json.loads(response.content or b'null')} created."

    def push_stock(self, quantities, location_id=None):
        """Set each SKU's quantity: in the shop's MSI source, or its single stock.

        :param quantities: ``{sku: quantity}``
        :param location_id: unused (the source comes from the shop's settings)
        :return: the SKUs the shop does not have (sorted)
        """
        source = (self.adapter.options.get("magento_source_code") or "").strip()
        if source:
            return self._push_sources(quantities, source)
        unknown = []
        for sku in sorted(quantities):
            try:
                item = self._rest("GET", f"stockItems/{quote(sku, safe='')}").json()
            except ClientError as error:
                if error.status == 404:
                    unknown.append(sku)
                    continue
                raise
            quantity = int(quantities[sku])
            self._rest(
                "PUT",
                f"products/{quote(sku, safe='')}/stockItems/{int(item['item_id'])}",
                json_body={"stockItem": {"qty": quantity, "is_in_stock": quantity > 0}},
            )
        return unknown

    def _push_sources(self, quantities, source):
        skus = sorted(quantities)
        found = set()
        for start in range(0, len(skus), SKU_LOOKUP_SIZE):
            chunk = skus[start : start + SKU_LOOKUP_SIZE]
            params = search_criteria([("sku", ",".join(chunk), "in")])
            params["fields"] = "items[sku]"
            products = self._rest("GET", "products", params).json().get("items") or []
            found |= {product.get("sku") for product in products} & set(chunk)
        items = [
            {
                "sku": sku,
                "source_code": source,
                "quantity": int(quantities[sku]),
                "status": 1 if quantities[sku] > 0 else 0,
            }
            for sku in sorted(found)
        ]
        if items:
            self._rest("POST", "inventory/source-items", json_body={"sourceItems": items})
        return sorted(set(quantities) - found)
