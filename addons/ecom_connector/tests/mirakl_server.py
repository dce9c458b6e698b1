# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A local stand-in for a Mirakl operator's seller API: OR11 (``GET /api/orders``).

The shop's API key in ``Authorization`` (no scheme; 401 otherwise, as
Mirakl answers), filters ``order_state_codes``, ``start_update_date``,
``shop_id``, sorting ``sort=dateCreated`` with ``order``, paging with
``offset`` and ``max`` (at most 100: 400 above) and ``total_count``.
Shipments: OR23 (``PUT /api/orders/{order_id}/tracking``, a carrier by
``carrier_code``, or by ``carrier_name`` for an unregistered one) and OR24
(``PUT /api/orders/{order_id}/ship``), both 204 without a body, and 400 for an
order no longer in ``SHIPPING`` (OR24 moves it to ``SHIPPED``); 404 for an
unknown order.
"""

import copy
import json
import re
from urllib.parse import parse_qs, unquote, urlsplit

from .http_stub import StubServer

MIRAKL_KEY = "5f0c1e2d-3b4a-4c5d-8e7f-90a1b2c3d4e5"


class MiraklServer(StubServer):
    """OR11 over real HTTP, holding ``orders``."""

    methods = ("GET", "PUT")

    def __init__(self, orders):
        super().__init__()
        self.orders = [copy.deepcopy(order) for order in orders]
        self.calls = []  # (path, params, headers)
        self.writes = []  # (path, params, body) of each PUT

    def _handle(self, handler, method):
        parts = urlsplit(handler.path)
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        with self.lock:
            self.calls.append((parts.path, params, dict(handler.headers.items())))
        if handler.headers.get("Authorization") != MIRAKL_KEY:
            return self._send(handler, 401, {"message": "Unauthorized", "status": 401})
        if method == "PUT":
            return self._ship(handler, parts.path, params)
        if parts.path != "/api/orders":
            return self._send(handler, 404, {"message": "Not Found", "status": 404})
        size = int(params.get("max") or 10)
        if size > 100:
            return self._send(
                handler, 400, {"message": "max must be less than or equal to 100", "status": 400}
            )
        rows = list(self.orders)
        if params.get("order_state_codes"):
            states = params["order_state_codes"].split(",")
            rows = [order for order in rows if order["order_state"] in states]
        if params.get("start_update_date"):
            rows = [o for o in rows if o["last_updated_date"] >= params["start_update_date"]]
        rows.sort(key=lambda order: order["created_date"], reverse=params.get("order") == "desc")
        offset = int(params.get("offset") or 0)
        return self._send(
            handler, 200, {"orders": rows[offset : offset + size], "total_count": len(rows)}
        )

    def _ship(self, handler, path, params):
        match = re.fullmatch(r"/api/orders/([^/]+)/(tracking|ship)", path)
        if not match:
            return self._send(handler, 404, {"message": "Not Found", "status": 404})
        order_id, action = unquote(match.group(1)), match.group(2)
        raw = self._read(handler)
        body = json.loads(raw) if raw else None
        with self.lock:
            self.writes.append((path, params, body))
        order = next((o for o in self.orders if o["order_id"] == order_id), None)
        if order is None:
            return self._send(
                handler, 404, {"message": f"Order {order_id} not found", "status": 404}
            )
        if order["order_state"] != "SHIPPING":
            return self._send(
                handler,
                400,
                {"message": f"The order {order_id} is not in SHIPPING state", "status": 400},
            )
        if action == "tracking":
            if not (body or {}).get("carrier_code") and not (body or {}).get("carrier_name"):
                return self._send(
                    handler, 400, {"message": "carrier_code or carrier_name", "status": 400}
                )
            order["shipping_company"] = body.get("carrier_name") or body.get("carrier_code")
            order["shipping_tracking"] = body.get("tracking_number")
        else:
            order["order_state"] = "SHIPPED"
        return self._send(handler, 204, b"")
