# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A local stand-in for Amazon's Selling Partner API (Orders v0) and Login with Amazon.

``POST /auth/o2/token`` (``grant_type=refresh_token``: ``invalid_client``
401 for a wrong client id or secret, ``invalid_grant`` 400 for a wrong
refresh token), ``GET /orders/v0/orders`` (``MarketplaceIds`` required,
``CreatedAfter`` or ``LastUpdatedAfter``, ``MaxResultsPerPage``, an opaque
``NextToken``) and ``GET /orders/v0/orders/{id}/orderItems`` (its own
``NextToken``), ``POST /orders/v0/orders/{id}/shipmentConfirmation``
(``confirmShipment``: 204, or 400 with an ``errors`` list for a body the
model refuses, an unknown order item, a merchant-fulfilled order already
confirmed, or an FBA order; 404 for an unknown order), and ``GET
/fba/inventory/v1/summaries`` (``getInventorySummaries`` over ``inventory``,
paged by ``pagination.nextToken``), behind ``x-amz-access-token``: an unknown
or expired token is answered 403 as Amazon does. Scripted faults:
``throttle`` (429 with ``x-amzn-RateLimit-Limit``, no ``Retry-After``),
``expire_tokens()``, ``deny`` (403 whatever the token: the app lacks the role).
"""

import base64
import copy
import json
import re
from urllib.parse import parse_qs, unquote, urlsplit

from .http_stub import StubServer

LWA_CLIENT_ID = "amzn1.application-oa2-client.4f1c2d3e4b5a69788796a5b4c3d2e1f0"
LWA_CLIENT_SECRET = "amzn1.oa2-cs.v1.0e9f8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f"
LWA_REFRESH_TOKEN = "Atzr|IwEBIExampleRefreshTokenForTheStandInServer0123456789"
EXPIRED = {
    "errors": [
        {
            "code": "Unauthorized",
            "message": "Access to requested resource is denied.",
            "details": "The access token you provided has expired.",
        }
    ]
}
DENIED = {
    "errors": [
        {
            "code": "Unauthorized",
            "message": "Access to requested resource is denied.",
            "details": "",
        }
    ]
}
ITEMS_PATH = re.compile(r"^/orders/v0/orders/(?P<id>[^/]+)/orderItems$")
LISTING_PATH = re.compile(r"^/listings/2021-08-01/items/(?P<seller>[^/]+)/(?P<sku>[^/]+)$")
SELLER_ID = "A2EUQ1WTGCTBG2"
CONFIRM_PATH = re.compile(r"^/orders/v0/orders/(?P<id>[^/]+)/shipmentConfirmation$")
PACKAGE_REQUIRED = ("packageReferenceId", "carrierCode", "trackingNumber", "shipDate", "orderItems")


class AmazonServer(StubServer):
    """SP-API and LWA over real HTTP, holding ``orders`` (each with its ``OrderItems``).

    :param items_page_size: items per ``getOrderItems`` page (to page them)
    """

    methods = ("GET", "POST", "PATCH")

    def __init__(
        self, orders, items_page_size=30, inventory=(), inventory_page_size=50, listings=None
    ):
        super().__init__()
        # The seller's offers: {sku: {"productType", "channel", "quantity"}}
        self.listings = copy.deepcopy(listings or {})
        self.orders = [copy.deepcopy(order) for order in orders]
        self.items_page_size = items_page_size
        self.inventory = [copy.deepcopy(summary) for summary in inventory]
        self.inventory_page_size = inventory_page_size
        self.confirmed = []  # (order id, packageDetail) of each confirmed package
        self.tokens = set()  # access tokens valid now
        self.issued = 0
        self.throttle = 0  # the next N calls answer 429
        self.deny = False
        self.calls = []  # (method, path, params, headers)
        self.bodies = []  # the JSON body of each call to the SP-API (None for a GET)

    def expire_tokens(self):
        """Every access token given so far is now expired."""
        with self.lock:
            self.tokens.clear()

    def calls_to(self, path_start):
        return [call for call in self.calls if call[1].startswith(path_start)]

    # ------------------------------------------------------------ dispatch

    def _handle(self, handler, method):
        parts = urlsplit(handler.path)
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        path = unquote(parts.path)
        raw = self._read(handler)
        with self.lock:
            self.calls.append((method, path, params, dict(handler.headers.items())))
            self.bodies.append(json.loads(raw) if raw and path != "/auth/o2/token" else None)
            if method == "POST" and path == "/auth/o2/token":
                form = {k: v[-1] for k, v in parse_qs(raw.decode()).items()}
                return self._send(handler, *self._token(form))
            if self.throttle:
                self.throttle -= 1
                return self._send(
                    handler,
                    429,
                    {"errors": [{"code": "QuotaExceeded", "message": "You exceeded your quota"}]},
                    {"x-amzn-RateLimit-Limit": "0.0167"},
                )
            token = handler.headers.get("x-amz-access-token")
            if token not in self.tokens:
                return self._send(handler, 403, EXPIRED)
            if self.deny:
                return self._send(handler, 403, DENIED)
            status, answer = self._route(method, path, params, self.bodies[-1])
        if status == 204:
            return self._send_empty(handler)
        return self._send(handler, status, answer, {"x-amzn-RateLimit-Limit": "0.0167"})

    @staticmethod
    def _send_empty(handler):
        handler.send_response(204)
        handler.send_header("x-amzn-RateLimit-Limit", "2.0")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    def _token(self, form):
        if (form.get("client_id"), form.get("client_secret")) != (
            LWA_CLIENT_ID,
            LWA_CLIENT_SECRET,
        ):
            return 401, {"error": "invalid_client", "error_description": "Bad client credentials"}
        if form.get("grant_type") != "refresh_token" or form.get("refresh_token") != (
            LWA_REFRESH_TOKEN
        ):
            return 400, {"error": "invalid_grant", "error_description": "Invalid refresh token"}
        self.issued += 1
        token = f"Atza|IwEBStandInAccessToken{self.issued:04d}"
        self.tokens.add(token)
        return 200, {
            "access_token": token,
            "refresh_token": LWA_REFRESH_TOKEN,
            "token_type": "bearer",
            "expires_in": 3600,
        }

    def _route(self, method, path, params, body=None):
        if method == "GET" and path == "/orders/v0/orders":
            return self._orders(params)
        if method == "GET" and path == "/fba/inventory/v1/summaries":
            return self._inventory(params)
        match = ITEMS_PATH.match(path)
        if method == "GET" and match:
            return self._items(match["id"], params)
        match = CONFIRM_PATH.match(path)
        if method == "POST" and match:
            return self._confirm(match["id"], body or {})
        match = LISTING_PATH.match(path)
        if match:
            return self._listing(method, match["seller"], match["sku"], params, body or {})
        return 404, {"errors": [{"code": "NotFound", "message": f"{method} {path}"}]}

    @staticmethod
    def _offset(token):
        return int(base64.b64decode(token).decode().split(":")[1])

    def _orders(self, params):
        if not params.get("MarketplaceIds"):
            return 400, {"errors": [{"code": "InvalidInput", "message": "MarketplaceIds required"}]}
        after = params.get("LastUpdatedAfter")
        created = params.get("CreatedAfter")
        if not after and not created:
            return 400, {
                "errors": [
                    {
                        "code": "InvalidInput",
                        "message": "One of CreatedAfter or LastUpdatedAfter is required",
                    }
                ]
            }
        marketplaces = params["MarketplaceIds"].split(",")
        rows = [order for order in self.orders if order.get("MarketplaceId") in marketplaces]
        if after:
            rows = [o for o in rows if o["LastUpdateDate"] >= after]
        else:
            rows = [o for o in rows if o["PurchaseDate"] >= created]
        size = min(int(params.get("MaxResultsPerPage") or 100), 100)
        start = self._offset(params["NextToken"]) if params.get("NextToken") else 0
        page = [
            {key: value for key, value in order.items() if key != "OrderItems"}
            for order in rows[start : start + size]
        ]
        payload = {"Orders": page, "LastUpdatedBefore": "2026-11-30T00:00:00Z"}
        if start + size < len(rows):
            payload["NextToken"] = base64.b64encode(f"orders:{start + size}".encode()).decode()
        return 200, {"payload": payload}

    def _items(self, order_id, params):
        order = next((o for o in self.orders if o["AmazonOrderId"] == order_id), None)
        if order is None:
            return 404, {"errors": [{"code": "InvalidInput", "message": "Invalid order id"}]}
        items = order.get("OrderItems") or []
        start = self._offset(params["NextToken"]) if params.get("NextToken") else 0
        size = self.items_page_size
        payload = {"AmazonOrderId": order_id, "OrderItems": items[start : start + size]}
        if start + size < len(items):
            payload["NextToken"] = base64.b64encode(f"items:{start + size}".encode()).decode()
        return 200, {"payload": payload}

    @staticmethod
    def _invalid(message):
        return 400, {"errors": [{"code": "InvalidInput", "message": message}]}

    def _confirm(self, order_id, body):
        order = next((o for o in self.orders if o["AmazonOrderId"] == order_id), None)
        if order is None:
            return 404, {"errors": [{"code": "NotFound", "message": "Order not found"}]}
        package = body.get("packageDetail") or {}
        missing = [key for key in PACKAGE_REQUIRED if not package.get(key)]
        if not body.get("marketplaceId") or missing:
            return self._invalid(
                f"Missing required fields: {', '.join(missing) or 'marketplaceId'}"
            )
        if not str(package["packageReferenceId"]).isdigit():
            return self._invalid("packageReferenceId must be a positive number")
        if package["carrierCode"] == "Other" and not package.get("carrierName"):
            return self._invalid("carrierName is required when carrierCode is Other")
        if order.get("FulfillmentChannel") == "AFN":
            return self._invalid("Shipment confirmation is not allowed for FBA orders")
        known = {item["OrderItemId"] for item in order.get("OrderItems") or []}
        for item in package["orderItems"]:
            if item.get("orderItemId") not in known:
                return self._invalid(f"Invalid orderItemId {item.get('orderItemId')}")
        if any(done == order_id for done, _package in self.confirmed):
            return self._invalid("The order has already been shipped")
        self.confirmed.append((order_id, package))
        order["OrderStatus"] = "Shipped"
        return 204, None

    def _inventory(self, params):
        required = ("granularityType", "granularityId", "marketplaceIds")
        if any(not params.get(key) for key in required):
            return self._invalid("granularityType, granularityId and marketplaceIds are required")
        start = self._offset(params["nextToken"]) if params.get("nextToken") else 0
        size = self.inventory_page_size
        summaries = copy.deepcopy(self.inventory[start : start + size])
        if params.get("details") != "true":
            for summary in summaries:
                summary.pop("inventoryDetails", None)
        answer = {
            "payload": {
                "granularity": {
                    "granularityType": params["granularityType"],
                    "granularityId": params["granularityId"],
                },
                "inventorySummaries": summaries,
            }
        }
        if start + size < len(self.inventory):
            token = base64.b64encode(f"inventory:{start + size}".encode()).decode()
            answer["pagination"] = {"nextToken": token}
        return 200, answer

    def _listing(self, method, seller, sku, params, body):
        if seller != SELLER_ID:
            return 403, {"errors": [{"code": "Unauthorized", "message": "Access denied"}]}
        if not params.get("marketplaceIds"):
            return self._invalid("marketplaceIds is required")
        listing = self.listings.get(sku)
        if listing is None:
            return 404, {"errors": [{"code": "NOT_FOUND", "message": f"SKU {sku} not found"}]}
        if method == "GET":
            return 200, {
                "sku": sku,
                "summaries": [
                    {
                        "marketplaceId": params["marketplaceIds"],
                        "productType": listing["productType"],
                    }
                ],
                "fulfillmentAvailability": [
                    {"fulfillmentChannelCode": listing["channel"], "quantity": listing["quantity"]}
                ],
            }
        patches = body.get("patches") or []
        if not body.get("productType") or not patches:
            return self._invalid("productType and patches are required")
        for patch in patches:
            if patch.get("path") == "/attributes/fulfillment_availability":
                (value,) = patch["value"]
                listing["channel"] = value["fulfillment_channel_code"]
                listing["quantity"] = value["quantity"]
        return 200, {"sku": sku, "status": "ACCEPTED", "submissionId": "f1dc2a2b", "issues": []}


def inventory_summary(sku, fulfillable, pending=0, total=None):
    """One ``InventorySummary`` as getInventorySummaries answers it with details."""
    return {
        "asin": f"B0{sum(map(ord, sku)):08d}",
        "fnSku": f"X0{sum(map(ord, sku)):08d}",
        "sellerSku": sku,
        "condition": "NewItem",
        "inventoryDetails": {
            "fulfillableQuantity": fulfillable,
            "inboundWorkingQuantity": 0,
            "inboundShippedQuantity": 0,
            "inboundReceivingQuantity": 0,
            "reservedQuantity": {
                "totalReservedQuantity": pending,
                "pendingCustomerOrderQuantity": pending,
                "pendingTransshipmentQuantity": 0,
                "fcProcessingQuantity": 0,
            },
            "unfulfillableQuantity": {"totalUnfulfillableQuantity": 0},
        },
        "lastUpdatedTime": "2026-12-01T08:00:00Z",
        "productName": sku,
        "totalQuantity": total if total is not None else fulfillable + pending,
    }


def amazon_orders(path):
    """The orders of a getOrders sample, with their items."""
    return json.loads(path.read_text())["payload"]["Orders"]
