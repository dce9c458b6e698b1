# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Local stand-ins for the shop APIs the connector writes to (webhooks, stock, shipments).

A :class:`ShopApiServer` listens on 127.0.0.1 (a free port) in a thread and
answers the calls Shopify's Admin REST API and WooCommerce's REST API v3
document for webhook subscriptions, stock levels and shipments, with their
authentication. It records every request (method, path, query, JSON body) so
that a test asserts exactly what the connector sent.
"""

import base64
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

from .http_stub import StubServer

SHOPIFY_TOKEN = "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"
WOO_KEY = "ck_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"
WOO_SECRET = "cs_76543210fedcba9876543210fedcba9876543210"
SHOPIFY_PREFIX = re.compile(r"^/admin/api/(?P<version>\d{4}-\d{2})/")
WOO_PREFIX = "/wp-json/wc/v3/"
PRESTASHOP_KEY = "PRESTA8WEBSERVICEKEY0123456789AB"


class ShopApiServer(StubServer):
    """One platform's API over real HTTP.

    :param platform: ``shopify``, ``woocommerce`` or ``prestashop``
    :param products: ``{sku: product}``: for Shopify ``{"product_id",
        "variant_id", "inventory_item_id"}``, for WooCommerce ``{"id",
        "parent_id"}`` (a variation has a parent), for PrestaShop ``{"id_product",
        "id_product_attribute"}`` (a combination when the attribute is not 0)
    :param fulfillment_orders: Shopify ``{order id: [fulfillment order]}``
    :param order_carriers: PrestaShop ``{order id: order_carrier row}``
    """

    methods = ("GET", "POST", "PUT", "DELETE")

    def __init__(self, platform, products=None, fulfillment_orders=None, order_carriers=None):
        super().__init__()
        self.platform = platform
        self.products = products or {}
        self.fulfillment_orders = fulfillment_orders or {}
        self.order_carriers = order_carriers or {}
        self.webhooks = []
        self.requests = []  # (method, path, query dict, JSON body or None)
        self.next_id = 1000

    def writes(self):
        """The requests that changed something (everything but GET)."""
        return [r for r in self.requests if r[0] != "GET"]

    # ------------------------------------------------------------ dispatch

    def _handle(self, handler, method):
        parts = urlsplit(handler.path)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        raw = self._read(handler)
        if raw and "xml" in (handler.headers.get("Content-Type") or ""):
            # PrestaShop's webservice takes <prestashop><element>fields</element></prestashop>.
            element = ET.fromstring(raw)[0]
            body = {element.tag: {child.tag: child.text or "" for child in element}}
        else:
            body = json.loads(raw) if raw else None
        with self.lock:
            self.requests.append((method, parts.path, query, body))
            if not self._authorized(handler.headers):
                return self._send(handler, 401, {"errors": "[API] Invalid API key or access token"})
            route = {
                "shopify": self._shopify,
                "woocommerce": self._woocommerce,
                "prestashop": self._prestashop,
            }[self.platform]
            status, answer = route(method, parts.path, query, body)
        return self._send(handler, status, answer)

    def _authorized(self, headers):
        if self.platform == "shopify":
            return headers.get("X-Shopify-Access-Token") == SHOPIFY_TOKEN
        if self.platform == "prestashop":
            expected = base64.b64encode(f"{PRESTASHOP_KEY}:".encode()).decode()
            return headers.get("Authorization") == f"Basic {expected}"
        expected = base64.b64encode(f"{WOO_KEY}:{WOO_SECRET}".encode()).decode()
        return headers.get("Authorization") == f"Basic {expected}"

    def _new_id(self):
        self.next_id += 1
        return self.next_id

    # ------------------------------------------------------------ Shopify

    def _shopify(self, method, path, query, body):
        match = SHOPIFY_PREFIX.match(path)
        if not match:
            return 404, {"errors": "Not Found"}
        rest = path[match.end() :]
        if rest == "webhooks.json" and method == "GET":
            return 200, {"webhooks": list(self.webhooks)}
        if rest == "webhooks.json" and method == "POST":
            hook = dict(body["webhook"], id=self._new_id())
            if any(
                w["topic"] == hook["topic"] and w["address"] == hook["address"]
                for w in self.webhooks
            ):
                return 422, {"errors": {"address": ["for this topic has already been taken"]}}
            self.webhooks.append(hook)
            return 201, {"webhook": hook}
        found = re.fullmatch(r"webhooks/(\d+)\.json", rest)
        if found and method == "DELETE":
            self.webhooks = [w for w in self.webhooks if w["id"] != int(found.group(1))]
            return 200, {}
        if rest == "products.json" and method == "GET":
            products = {}
            for sku, item in self.products.items():
                product = products.setdefault(
                    item["product_id"], {"id": item["product_id"], "variants": []}
                )
                product["variants"].append(
                    {
                        "id": item["variant_id"],
                        "sku": sku,
                        "inventory_item_id": item["inventory_item_id"],
                    }
                )
            return 200, {"products": list(products.values())}
        if rest == "inventory_levels/set.json" and method == "POST":
            return 200, {"inventory_level": dict(body, updated_at="2026-11-27T10:00:00Z")}
        found = re.fullmatch(r"orders/(\d+)/fulfillment_orders\.json", rest)
        if found and method == "GET":
            return 200, {"fulfillment_orders": self.fulfillment_orders.get(found.group(1), [])}
        if rest == "fulfillments.json" and method == "POST":
            return 201, {"fulfillment": dict(body["fulfillment"], id=self._new_id())}
        return 404, {"errors": "Not Found"}

    # ------------------------------------------------------------ WooCommerce

    def _woocommerce(self, method, path, query, body):
        if not path.startswith(WOO_PREFIX):
            return 404, {"code": "rest_no_route"}
        rest = path[len(WOO_PREFIX) :]
        if rest == "webhooks" and method == "GET":
            return 200, list(self.webhooks)
        if rest == "webhooks" and method == "POST":
            hook = {key: value for key, value in body.items() if key != "secret"}
            hook.update(id=self._new_id(), status=body.get("status", "active"))
            self.webhooks.append(hook)
            return 201, hook
        found = re.fullmatch(r"webhooks/(\d+)", rest)
        if found and method == "DELETE":
            self.webhooks = [w for w in self.webhooks if w["id"] != int(found.group(1))]
            return 200, {"id": int(found.group(1))}
        if rest == "products" and method == "GET":
            wanted = set((query.get("sku") or "").split(","))
            return 200, [
                {
                    "id": item["id"],
                    "sku": sku,
                    "parent_id": item.get("parent_id", 0),
                    "type": "variation" if item.get("parent_id") else "simple",
                }
                for sku, item in self.products.items()
                if sku in wanted
            ]
        if rest == "products/batch" and method == "POST":
            return 200, {"update": body.get("update", [])}
        if re.fullmatch(r"products/\d+/variations/batch", rest) and method == "POST":
            return 200, {"update": body.get("update", [])}
        found = re.fullmatch(r"orders/(\d+)", rest)
        if found and method == "PUT":
            return 200, dict(body, id=int(found.group(1)))
        found = re.fullmatch(r"orders/(\d+)/notes", rest)
        if found and method == "POST":
            return 201, dict(body, id=self._new_id())
        return 404, {"code": "rest_no_route"}

    # ------------------------------------------------------------ PrestaShop

    @staticmethod
    def _filter(query, name):
        """PrestaShop's ``filter[name]=[a|b]`` as a set of strings."""
        value = query.get(f"filter[{name}]", "")
        return set(value.strip("[]").split("|")) if value else set()

    def _stock_rows(self):
        return [
            {
                "id": 500 + index,
                "id_product": str(item["id_product"]),
                "id_product_attribute": str(item.get("id_product_attribute", 0)),
                "id_shop": "1",
                "id_shop_group": "0",
                "quantity": "3",
                "depends_on_stock": "0",
                "out_of_stock": "2",
                "location": "",
            }
            for index, (_sku, item) in enumerate(sorted(self.products.items()))
        ]

    def _prestashop(self, method, path, query, body):
        if not path.startswith("/api/"):
            return 404, {"errors": [{"code": 22, "message": "Resource not found"}]}
        rest = path[len("/api/") :]
        if method == "GET" and rest == "products":
            wanted = self._filter(query, "reference")
            rows = [
                {"id": item["id_product"], "reference": sku}
                for sku, item in sorted(self.products.items())
                if sku in wanted and not item.get("id_product_attribute")
            ]
            return 200, {"products": rows} if rows else []
        if method == "GET" and rest == "combinations":
            wanted = self._filter(query, "reference")
            rows = [
                {
                    "id": item["id_product_attribute"],
                    "id_product": item["id_product"],
                    "reference": sku,
                }
                for sku, item in sorted(self.products.items())
                if sku in wanted and item.get("id_product_attribute")
            ]
            return 200, {"combinations": rows} if rows else []
        if method == "GET" and rest == "stock_availables":
            wanted = self._filter(query, "id_product")
            rows = [row for row in self._stock_rows() if row["id_product"] in wanted]
            return 200, {"stock_availables": rows} if rows else []
        found = re.fullmatch(r"stock_availables/(\d+)", rest)
        if found and method == "PUT":
            return 200, {"stock_available": body["stock_available"]}
        if method == "GET" and rest == "order_carriers":
            rows = [
                row
                for order_id, row in self.order_carriers.items()
                if str(order_id) in self._filter(query, "id_order")
            ]
            return 200, {"order_carriers": rows} if rows else []
        found = re.fullmatch(r"order_carriers/(\d+)", rest)
        if found and method == "PUT":
            return 200, {"order_carrier": body["order_carrier"]}
        if method == "POST" and rest == "order_histories":
            return 201, {"order_history": dict(body["order_history"], id=self._new_id())}
        return 404, {"errors": [{"code": 22, "message": "Resource not found"}]}
