# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Local stand-ins for the platforms' order APIs, as each one documents them.

A :class:`FakeShopServer` listens on 127.0.0.1 (a free port) in a thread and
answers like Shopify's Admin REST API, WooCommerce's REST API v3 or
PrestaShop's webservice: the same paths, authentication, filters, pagination
headers and error bodies. Faults are scripted per call to the order list
(an HTTP status with headers, or a delay longer than the client's timeout).
"""

import base64
import json
import time
from urllib.parse import parse_qs, urlencode, urlsplit

from ..adapters.utils import parse_datetime as _utc
from .http_stub import StubServer

SHOPIFY_TOKEN = "shpat_0123456789abcdef0123456789abcdef"
WOO_KEY = "ck_4f7a1c0d2b3e4f5a6b7c8d9e0f1a2b3c4d5e6f70"
WOO_SECRET = "cs_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d"
PRESTA_KEY = "ZQ88PRJX5VWQHCWE4EE7SQ7HPNX00RAJ"


class FakeShopServer(StubServer):
    """One platform's order API over real HTTP.

    :param platform: ``shopify``, ``woocommerce`` or ``prestashop``
    :param orders: the shop's orders (dicts shaped as the platform returns
        them; PrestaShop orders may embed ``_customer``/``_address_*``, which
        are served from ``/api/customers`` and ``/api/addresses`` instead)
    """

    def __init__(self, platform, orders, strip_authorization=False, tables=None):
        super().__init__()
        self.platform = platform
        # PrestaShop: other resources by id ({"countries": {"8": {...}}, ...}).
        self.tables = tables or {}
        self.orders = list(orders)
        self.strip_authorization = strip_authorization
        self.calls = []  # (path, params dict of lists, headers dict) of every request
        self.order_calls = 0
        self.faults = {}  # order-list call number -> dict(status, headers, body, delay)

    # ------------------------------------------------------------ control

    def fail(self, call, status=500, headers=None, body=None, delay=0):
        """Make the ``call``-th request to the order list fail (1-based)."""
        self.faults[call] = {
            "status": status,
            "headers": headers or {},
            "body": body,
            "delay": delay,
        }

    def order_list_calls(self):
        return [
            call for call in self.calls if call[0].rstrip("/").endswith(("orders.json", "orders"))
        ]

    # ------------------------------------------------------------ dispatch

    def _handle(self, request, _method):
        parts = urlsplit(request.path)
        params = parse_qs(parts.query, keep_blank_values=True)
        headers = dict(request.headers.items())
        with self.lock:
            self.calls.append((parts.path, params, headers))
        path = parts.path.rstrip("/")
        if path.endswith(("/orders.json", "/wc/v3/orders", "/api/orders")):
            with self.lock:
                self.order_calls += 1
                fault = self.faults.pop(self.order_calls, None)
            if fault:
                if fault["delay"]:
                    time.sleep(fault["delay"])
                if fault["status"]:
                    body = fault["body"] or {"errors": "Internal Server Error"}
                    return self._send(request, fault["status"], body, fault["headers"])
        handler = getattr(self, f"_{self.platform}")
        status, body, extra = handler(path, params, headers)
        return self._send(request, status, body, extra)

    @staticmethod
    def _one(params, name, default=None):
        values = params.get(name)
        return values[0] if values else default

    @staticmethod
    def _basic(headers):
        value = headers.get("Authorization", "")
        if not value.startswith("Basic "):
            return None, None
        user, _sep, password = base64.b64decode(value[6:]).decode().partition(":")
        return user, password

    # ------------------------------------------------------------ Shopify

    def _shopify(self, path, params, headers):
        if headers.get("X-Shopify-Access-Token") != SHOPIFY_TOKEN:
            return 401, {"errors": "[API] Invalid API key or access token (unrecognized login)"}, {}
        limit = int(self._one(params, "limit", 50))
        if limit > 250:
            return 400, {"errors": {"limit": "must be at most 250"}}, {}
        page_info = self._one(params, "page_info")
        if page_info:
            if set(params) - {"page_info", "limit"}:
                return 400, {"errors": {"page_info": "only limit may go with page_info"}}, {}
            try:
                state = json.loads(base64.urlsafe_b64decode(page_info))
            except ValueError:
                return 400, {"errors": {"page_info": "Invalid value."}}, {}
        else:
            state = {"min": self._one(params, "updated_at_min"), "after": 0}
            if self._one(params, "status") != "any":
                return 200, {"orders": []}, {}  # open orders only: none in our samples
        orders = sorted(self.orders, key=lambda o: o["id"])
        if state["min"]:
            since = _utc(state["min"])
            orders = [o for o in orders if _utc(o["updated_at"]) >= since]
        orders = [o for o in orders if o["id"] > state["after"]]
        page, rest = orders[:limit], orders[limit:]
        extra = {"X-Shopify-Shop-Api-Call-Limit": f"{self.order_calls}/40"}
        if rest:
            token = base64.urlsafe_b64encode(
                json.dumps({"min": state["min"], "after": page[-1]["id"]}).encode()
            ).decode()
            query = urlencode({"limit": limit, "page_info": token})
            extra["Link"] = f'<{self.url}{path}?{query}>; rel="next"'
        return 200, {"orders": page}, extra

    # ------------------------------------------------------------ WooCommerce

    def _woocommerce(self, path, params, headers):
        user, password = (None, None) if self.strip_authorization else self._basic(headers)
        if user is None:
            user = self._one(params, "consumer_key")
            password = self._one(params, "consumer_secret")
        if (user, password) != (WOO_KEY, WOO_SECRET):
            return (
                401,
                {
                    "code": "woocommerce_rest_cannot_view",
                    "message": "Sorry, you cannot list resources.",
                    "data": {"status": 401},
                },
                {},
            )
        per_page = int(self._one(params, "per_page", 10))
        page = int(self._one(params, "page", 1))
        orders = sorted(self.orders, key=lambda o: o["id"] or 0)
        if self._one(params, "orderby") not in (None, "id"):
            return (
                400,
                {"code": "rest_invalid_param", "message": "Invalid parameter(s): orderby"},
                {},
            )
        if self._one(params, "order") == "desc":
            orders.reverse()
        after = self._one(params, "modified_after")
        if after:
            since = _utc(after)
            orders = [o for o in orders if _utc(o["date_modified_gmt"]) > since]
        total_pages = max(1, -(-len(orders) // per_page))
        page_orders = orders[(page - 1) * per_page : page * per_page]
        return (
            200,
            page_orders,
            {"X-WP-Total": str(len(orders)), "X-WP-TotalPages": str(total_pages)},
        )

    # ------------------------------------------------------------ PrestaShop

    def _prestashop(self, path, params, headers):
        user, _password = self._basic(headers)
        if user != PRESTA_KEY:
            return (
                401,
                {"errors": [{"code": 17, "message": "Authentication key is empty"}]},
                {"WWW-Authenticate": 'Basic realm="Welcome to PrestaShop Webservice"'},
            )
        if self._one(params, "output_format") != "JSON":
            return 400, {"errors": [{"message": "XML only in this fake"}]}, {}
        resource = path.rsplit("/", 1)[-1]
        if resource == "orders":
            return self._prestashop_orders(params)
        rows = dict(self.tables.get(resource, {}))
        for order in self.orders:
            if resource == "customers" and order.get("_customer"):
                rows[str(order["_customer"]["id"])] = order["_customer"]
            for key in ("_address_invoice", "_address_delivery"):
                if resource == "addresses" and order.get(key):
                    rows[str(order[key]["id"])] = order[key]
        wanted = self._one(params, "filter[id]", "[]").strip("[]").split("|")
        fields = self._one(params, "display", "full")
        found = [rows[i] for i in wanted if i in rows]
        if fields != "full":
            names = fields.strip("[]").split(",")
            found = [{name: row.get(name, "") for name in names} for row in found]
        return 200, ({resource: found} if found else []), {}

    def _prestashop_orders(self, params):
        if self._one(params, "display") != "full":
            return 200, {"orders": [{"id": o["id"]} for o in self.orders]}, {}
        orders = sorted(self.orders, key=lambda o: int(o["id"]))
        date_filter = self._one(params, "filter[date_upd]")
        if date_filter:
            if self._one(params, "date") != "1":
                return 200, [], {}  # PrestaShop ignores date filters without date=1
            low, high = date_filter.strip("[]").split(",")
            orders = [o for o in orders if low <= o["date_upd"] <= high]
        offset, count = (int(n) for n in self._one(params, "limit", "0,1000").split(","))
        page = [
            {k: v for k, v in o.items() if not k.startswith("_")}
            for o in orders[offset : offset + count]
        ]
        return 200, ({"orders": page} if page else []), {}
