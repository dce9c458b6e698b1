# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A local stand-in for Magento 2's REST API, as its reference documents it.

``GET /rest/V1/orders`` and ``GET /rest/V1/creditmemos`` with
``searchCriteria`` (filter groups, sort orders, ``pageSize``/``currentPage``;
a page past the end answers the last page again, as Magento does),
``POST /rest/V1/order/{id}/ship``, the single stock
(``GET /rest/V1/stockItems/{sku}``, ``PUT /rest/V1/products/{sku}/stockItems/{id}``)
and Multi-Source Inventory (``GET /rest/V1/products``,
``POST /rest/V1/inventory/source-items``), behind a Bearer token.
"""

import json
import re
from urllib.parse import parse_qs, unquote, urlsplit

from .http_stub import StubServer

MAGENTO_TOKEN = "kqx1b6r3v0p9n2m5c8z4w7t0y3u6i9o2"
UNAUTHORIZED = {
    "message": "The consumer isn't authorized to access %resources.",
    "parameters": {"resources": "Magento_Sales::actions_view"},
}
FILTER = re.compile(r"searchCriteria\[filter_groups\]\[(\d+)\]\[filters\]\[(\d+)\]\[(\w+)\]")


class MagentoServer(StubServer):
    """Magento's REST API over real HTTP, holding ``orders`` and ``stock`` ({sku: qty})."""

    methods = ("GET", "POST", "PUT")

    def __init__(self, orders, stock=None):
        super().__init__()
        self.orders = list(orders)
        self.stock = dict(stock or {})
        self.calls = []  # (method, path, params, headers, body)
        self.shipments = []
        self.source_items = []

    def calls_to(self, method, path):
        return [call for call in self.calls if call[0] == method and call[1] == path]

    # ------------------------------------------------------------ dispatch

    def _handle(self, request, method):
        parts = urlsplit(request.path)
        params = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        body = json.loads(self._read(request) or b"null")
        path = unquote(parts.path).removeprefix("/rest/V1/")
        with self.lock:
            self.calls.append((method, path, params, dict(request.headers.items()), body))
        if request.headers.get("Authorization") != f"Bearer {MAGENTO_TOKEN}":
            return self._send(request, 401, UNAUTHORIZED)
        status, answer = self._route(method, path, params, body)
        return self._send(request, status, answer)

    def _route(self, method, path, params, body):
        if method == "GET" and path == "orders":
            rows = [{k: v for k, v in o.items() if k != "_credit_memos"} for o in self.orders]
            return 200, self._search(rows, params)
        if method == "GET" and path == "creditmemos":
            memos = [memo for order in self.orders for memo in order.get("_credit_memos") or []]
            return 200, self._search(memos, params)
        if method == "POST" and re.fullmatch(r"order/\d+/ship", path):
            order_id = int(path.split("/")[1])
            if not any(int(order["entity_id"]) == order_id for order in self.orders):
                return 404, {"message": "The entity that was requested doesn't exist."}
            self.shipments.append((order_id, body))
            return 200, str(100 + len(self.shipments))
        if method == "GET" and path.startswith("stockItems/"):
            sku = path.split("/", 1)[1]
            if sku not in self.stock:
                return 404, {"message": 'The Product with the "%1" SKU doesn\'t exist.'}
            return 200, {"item_id": 500 + sorted(self.stock).index(sku), "qty": self.stock[sku]}
        if method == "PUT" and path.startswith("products/") and "/stockItems/" in path:
            sku = path.split("/")[1]
            self.stock[sku] = body["stockItem"]["qty"]
            return 200, 500 + sorted(self.stock).index(sku)
        if method == "GET" and path == "products":
            rows = [{"sku": sku} for sku in sorted(self.stock)]
            return 200, self._search(rows, params)
        if method == "POST" and path == "inventory/source-items":
            self.source_items += body["sourceItems"]
            for item in body["sourceItems"]:
                self.stock[item["sku"]] = item["quantity"]
            return 200, []
        return 404, {"message": f"Request does not match any route: {method} {path}"}

    @staticmethod
    def _search(rows, params):
        groups = {}
        for key, value in params.items():
            match = FILTER.fullmatch(key)
            if match:
                groups.setdefault((match[1], match[2]), {})[match[3]] = value
        for spec in groups.values():
            field, value, condition = spec["field"], spec["value"], spec.get("condition_type", "eq")
            if condition == "gteq":
                rows = [row for row in rows if str(row.get(field) or "") >= value]
            elif condition == "in":
                wanted = value.split(",")
                rows = [row for row in rows if str(row.get(field)) in wanted]
            else:
                rows = [row for row in rows if str(row.get(field)) == value]
        sort = params.get("searchCriteria[sortOrders][0][field]")
        if sort:
            reverse = params.get("searchCriteria[sortOrders][0][direction]") == "DESC"
            rows = sorted(rows, key=lambda row: row.get(sort), reverse=reverse)
        total = len(rows)
        size = int(params.get("searchCriteria[pageSize]") or 0)
        if size:
            pages = max(1, -(-total // size))
            page = min(int(params.get("searchCriteria[currentPage]") or 1), pages)
            rows = rows[(page - 1) * size : page * size]
        return {"items": rows, "search_criteria": {}, "total_count": total}
