# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Amazon Selling Partner API, Orders API v0: orders changed since a moment, page by page.

``GET /orders/v0/orders?MarketplaceIds=...&LastUpdatedAfter=...&MaxResultsPerPage=100``
(``CreatedAfter`` for a first pull without a start), the next page with the
answer's ``payload.NextToken``; each order's items with
``GET /orders/v0/orders/{id}/orderItems`` (its own ``NextToken``), embedded in
the order as ``OrderItems``, the shape the adapter reads. Orders still
``Pending`` are not asked for their items (the adapter leaves them out).

Authorisation: Login with Amazon. The seller's refresh token (the shop's
access token field), the app's client id (API key) and client secret (API
secret) buy an access token (``POST https://api.amazon.com/auth/o2/token``,
``grant_type=refresh_token``), valid an hour, sent as ``x-amz-access-token``
and kept in memory until shortly before it expires. A call refused with an
access token that was not fresh (403: Amazon's answer to an expired one)
buys a new one and is made again once.

Hosts are fixed in code: the region's endpoint (Europe
``sellingpartnerapi-eu.amazon.com``, North America, Far East) and Login with
Amazon's. The shop's URL stays empty; only a loopback address is taken from
it, when the server allows loopback (the tests' stand-in, which also answers
the token requests).

Rate limits: Amazon answers 429 with ``x-amzn-RateLimit-Limit`` (requests per
second) and no ``Retry-After``: the wait is one request's worth of it, inside
the call when short, else a :class:`TransientError` for the pull job's retry.

Back to Amazon: a merchant-fulfilled delivery is confirmed with
``confirmShipment`` (``POST /orders/v0/orders/{id}/shipmentConfirmation``,
204 on success); the FBA stock is read with ``getInventorySummaries``
(``GET /fba/inventory/v1/summaries``, ``pagination.nextToken``); the stock of
merchant-fulfilled offers is set with the Listings Items API
(``getListingsItem``, then ``patchListingsItem`` of
``/attributes/fulfillment_availability``). A refusal's
``errors`` list (code and message) is read to say what Amazon refused.
"""

import hashlib
import json
import threading
import time
from datetime import UTC, datetime
from urllib.parse import quote, urlencode, urlsplit

from odoo.tools.translate import LazyTranslate

from ...adapters.utils import dump_json
from ...clients import http
from ...clients.base import Page, PullClient, register_client
from ...clients.http import AuthError, ClientError
from ...sentences import Sentence
from .adapter import NOT_YET_STATUSES

_lt = LazyTranslate(__name__)

REGION_ENDPOINTS = {
    "eu": "https://sellingpartnerapi-eu.amazon.com",
    "na": "https://sellingpartnerapi-na.amazon.com",
    "fe": "https://sellingpartnerapi-fe.amazon.com",
}
TOKEN_URL = "https://api.amazon.com/auth/o2/token"
ALLOWED_HOSTS = frozenset(urlsplit(url).hostname for url in (*REGION_ENDPOINTS.values(), TOKEN_URL))
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
ORDERS_PATH = "/orders/v0/orders"
INVENTORY_PATH = "/fba/inventory/v1/summaries"
LISTINGS_PATH = "/listings/2021-08-01/items"
# The fulfilment channel of offers the seller ships; AMAZON_EU, AMAZON_NA... are FBA.
MERCHANT_CHANNEL = "DEFAULT"
# Amazon's CarrierCode values for the carriers of European sellers; any other
# carrier is sent as "Other" with its name (carrierName).
CARRIER_CODES = (
    "BRT",
    "Chronopost",
    "Colissimo",
    "Correos",
    "DHL",
    "DPD",
    "Deutsche Post",
    "FedEx",
    "GLS",
    "Hermes",
    "La Poste",
    "Mondial Relay",
    "Poste Italiane",
    "Royal Mail",
    "SEUR",
    "TNT",
    "UPS",
    "USPS",
)
OTHER_CARRIER = "Other"
# Amazon's words in a refusal, at most this long in a sentence.
AMAZON_DETAIL_CHARS = 300
MAX_RESULTS = 100
# A first pull without a start reads every order created since.
FIRST_CREATED_AFTER = "2010-01-01T00:00:00Z"
# An access token is bought again this many seconds before it expires.
TOKEN_MARGIN = 120
DEFAULT_TOKEN_LIFE = 3600

# Access tokens bought, by a digest of the client id and refresh token:
# (token, monotonic time it is no longer used).
_TOKENS = {}
_TOKENS_LOCK = threading.Lock()


def rate_limit_wait(headers):
    """Seconds one request is worth at the rate ``x-amzn-RateLimit-Limit`` gives, or ``None``."""
    try:
        limit = float(headers.get("x-amzn-RateLimit-Limit") or 0)
    except ValueError:
        return None
    return round(1 / limit, 1) if limit > 0 else None


@register_client("amazon")
class AmazonClient(PullClient):
    max_page_size = MAX_RESULTS

    def __init__(self, base_url, credentials, adapter, **options):
        region = (adapter.options.get("amazon_region") or "eu").strip().lower()
        endpoint = REGION_ENDPOINTS.get(region, REGION_ENDPOINTS["eu"])
        token_url = TOKEN_URL
        given = (base_url or "").strip().rstrip("/")
        if given:
            if "://" not in given:
                given = f"https://{given}"
            host = urlsplit(given).hostname
            if host in ALLOWED_HOSTS and given.startswith("https://"):
                endpoint = given
            elif host in LOOPBACK_HOSTS and http.loopback_allowed():
                endpoint = given
                token_url = f"{given}/auth/o2/token"  # the stand-in answers both
            else:
                raise ClientError(
                    _lt(
                        "Amazon is called at its own addresses only (%(endpoint)s for the "
                        "shop's region): empty the shop's URL.",
                        endpoint=endpoint,
                    )
                )
        super().__init__(endpoint, credentials, adapter, **options)
        self.token_url = token_url
        self.marketplace_id = (adapter.options.get("amazon_marketplace_id") or "").strip()

    # ------------------------------------------------------------ authorisation

    def _token_key(self):
        secret = f"{self.credentials.get('key', '')}\0{self.credentials.get('token', '')}"
        return hashlib.sha256(secret.encode()).hexdigest()

    def _access_token(self, fresh=False):
        """An access token, and whether it was just bought.

        :raises AuthError: when Login with Amazon refuses the credentials
        """
        if not all(self.credentials.get(key) for key in ("key", "secret", "token")):
            raise AuthError(
                _lt(
                    "Amazon needs the app's client ID and client secret and the seller's "
                    "refresh token: set them in the shop's Connection tab."
                )
            )
        key = self._token_key()
        with _TOKENS_LOCK:
            cached = _TOKENS.get(key)
        if cached and not fresh and cached[1] > time.monotonic():
            return cached[0], False
        body = urlencode(
            {
                "grant_type": "refresh_token",
                "refresh_token": self.credentials["token"],
                "client_id": self.credentials["key"],
                "client_secret": self.credentials["secret"],
            }
        ).encode()
        try:
            response = http.request(
                "POST",
                self.token_url,
                data=body,
                headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"},
                timeout=self.timeout,
                sleep=self.sleep,
                session=self.session,
                secrets=tuple(self.credentials.values()),
            )
        except (AuthError, ClientError) as error:
            if error.status in (400, 401, 403):
                # invalid_grant, invalid_client: what a person must fix.
                raise AuthError(
                    _lt(
                        "Login with Amazon refused the shop's credentials (HTTP %(status)s): "
                        "check the client ID, the client secret and the refresh token.",
                        status=error.status,
                    ),
                    error.status,
                ) from None
            raise
        data = response.json()
        token = data.get("access_token") if isinstance(data, dict) else None
        if not token:
            raise ClientError(
                _lt("Login with Amazon did not answer an access token."), response.status
            )
        try:
            life = int(data.get("expires_in") or DEFAULT_TOKEN_LIFE)
        except (TypeError, ValueError):
            life = DEFAULT_TOKEN_LIFE
        with _TOKENS_LOCK:
            _TOKENS[key] = (token, time.monotonic() + max(life - TOKEN_MARGIN, 0))
        return token, True

    def _api(self, path, params, method="GET", json_body=None, refused=None):
        """Call an SP-API path with an access token; once more with a new one when
        Amazon refuses one that was not fresh (it expired).

        :param refused: the sentence of a refusal with a new token (the app
            lacks the role), by default the Orders role's
        """
        token, fresh = self._access_token()
        try:
            return self._call_api(method, path, params, json_body, token)
        except AuthError:
            if fresh:
                raise self._refused(refused) from None
        token, _fresh = self._access_token(fresh=True)
        try:
            return self._call_api(method, path, params, json_body, token)
        except AuthError:
            raise self._refused(refused) from None

    def _call_api(self, method, path, params, json_body, token):
        return http.request(
            method,
            f"{self.base_url}{path}",
            params=params,
            json_body=json_body,
            headers={"x-amz-access-token": token},
            timeout=self.timeout,
            sleep=self.sleep,
            session=self.session,
            secrets=(*self.credentials.values(), token),
            rate_limit_wait=rate_limit_wait,
            error_body=method != "GET",
        )

    def _refused(self, sentence=None):
        return AuthError(
            sentence
            or _lt(
                "Amazon refused access to the orders with a new access token (HTTP 403): "
                "check that the app is authorised by this seller account with the Orders "
                "role, and the shop's region and marketplace ID."
            ),
            403,
        )

    def _check_marketplace(self):
        if not self.marketplace_id:
            raise ClientError(
                _lt(
                    "Set the shop's Amazon marketplace ID (A13V1IB3VIYZZH for amazon.fr): "
                    "the orders are asked for per marketplace."
                )
            )

    # ------------------------------------------------------------ orders

    def fetch_page(self, since, token=None):
        self._check_marketplace()
        params = {"MarketplaceIds": self.marketplace_id, "MaxResultsPerPage": self.page_size}
        if since:
            params["LastUpdatedAfter"] = self._iso(since)
        else:
            params["CreatedAfter"] = FIRST_CREATED_AFTER
        if token:
            params["NextToken"] = token
        response = self._api(ORDERS_PATH, params)
        data = response.json()
        payload = data.get("payload") if isinstance(data, dict) else None
        orders = payload.get("Orders") if isinstance(payload, dict) else None
        if not isinstance(orders, list):
            raise ClientError(
                _lt("%(host)s did not answer a list of orders.", host=response.url),
                response.status,
            )
        orders = [order for order in orders if isinstance(order, dict)]
        for order in orders:
            if order.get("OrderStatus") not in NOT_YET_STATUSES and order.get("AmazonOrderId"):
                order["OrderItems"] = self._order_items(order["AmazonOrderId"])
        content = dump_json({"payload": {"Orders": orders}}).encode()
        return Page(
            documents=self._split(content, response) if orders else [],
            next_token=payload.get("NextToken") or None,
            server_time=self._server_time(response),
        )

    def _order_items(self, order_id):
        """Every item of one order (``getOrderItems``, page after page)."""
        items, token = [], None
        while True:
            params = {"NextToken": token} if token else None
            response = self._api(f"{ORDERS_PATH}/{quote(order_id, safe='')}/orderItems", params)
            data = response.json()
            payload = (data.get("payload") if isinstance(data, dict) else None) or {}
            items += [item for item in payload.get("OrderItems") or [] if isinstance(item, dict)]
            token = payload.get("NextToken")
            if not token:
                return items

    # ------------------------------------------------------------ back to Amazon

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
        """Confirm one package of a merchant-fulfilled order (``confirmShipment``).

        :param order_id: the Amazon order id (``408-1234567-1234567``)
        :param lines: ``{OrderItemId: quantity shipped}``
        :param carrier: the carrier's name, sent as its Amazon ``carrierCode``
            when it is one of :data:`CARRIER_CODES`, else ``Other`` with the name
        :param tracking_url: unused (Amazon builds it from the carrier)
        :param complete: unused (Amazon closes the order when every item shipped)
        :param shipped_at: when the package left (naive UTC), now when ``None``
        :param package_reference: the delivery's number, unique within the
            order (Amazon takes positive numbers only)
        :return: a sentence on what was sent
        :raises ClientError: with Amazon's reason, when it refuses
        """
        self._check_marketplace()
        if not tracking_number:
            raise ClientError(
                _lt(
                    "Amazon needs the tracking number of the package to confirm the shipment "
                    "of order %(order)s: enter it on the delivery and send it again.",
                    order=order_id,
                )
            )
        items = [
            {"orderItemId": str(item_id), "quantity": int(round(quantity))}
            for item_id, quantity in sorted(lines.items())
            if int(round(quantity)) > 0
        ]
        if not items:
            return "Nothing shipped to confirm."
        body = {
            "marketplaceId": self.marketplace_id,
            "packageDetail": {
                "packageReferenceId": str(package_reference or 1),
                **carrier_fields(carrier),
                "trackingNumber": tracking_number,
                "shipDate": self._iso(shipped_at or datetime.now(UTC).replace(tzinfo=None)),
                "orderItems": items,
            },
        }
        try:
            self._api(
                f"{ORDERS_PATH}/{quote(order_id, safe='')}/shipmentConfirmation",
                None,
                method="POST",
                json_body=body,
                refused=_lt(
                    "Amazon refused to confirm shipments with a new access token (HTTP 403): "
                    "check that the app is authorised by this seller account with the "
                    "Direct-to-Consumer Shipping role."
                ),
            )
        except ClientError as error:
            raise ClientError(
                _lt(
                    "Amazon refused to confirm the shipment of order %(order)s (HTTP "
                    "%(status)s: %(reason)s). Check the tracking number, the carrier and "
                    "the items of the delivery, then send it again.",
                    order=order_id,
                    status=error.status,
                    reason=amazon_reason(error.body) or "-",
                ),
                error.status,
            ) from None
        return Sentence(
            _lt(
                "Package %(package)s confirmed to Amazon.",
                package=body["packageDetail"]["packageReferenceId"],
            )
        )

    def fba_quantities(self):
        """The quantity of each SKU in Amazon's fulfilment centres for the marketplace.

        ``getInventorySummaries`` with ``details=true``, page after page: what
        Amazon can sell (``fulfillableQuantity``) and what it holds for orders
        not shipped yet (``pendingCustomerOrderQuantity``, which the open FBA
        deliveries in Odoo will take out); ``totalQuantity`` when an answer
        has no details.

        :return: ``{seller SKU: quantity}``
        """
        self._check_marketplace()
        quantities, token = {}, None
        params = {
            "details": "true",
            "granularityType": "Marketplace",
            "granularityId": self.marketplace_id,
            "marketplaceIds": self.marketplace_id,
        }
        refused = _lt(
            "Amazon refused access to the FBA inventory with a new access token (HTTP 403): "
            "check that the app is authorised by this seller account with the Amazon "
            "Fulfillment role, and the shop's region and marketplace ID."
        )
        while True:
            page = {**params, "nextToken": token} if token else params
            response = self._api(INVENTORY_PATH, page, refused=refused)
            data = response.json()
            payload = data.get("payload") if isinstance(data, dict) else None
            summaries = payload.get("inventorySummaries") if isinstance(payload, dict) else None
            if not isinstance(summaries, list):
                raise ClientError(
                    _lt(
                        "%(host)s did not answer a list of inventory summaries.", host=response.url
                    ),
                    response.status,
                )
            for summary in summaries:
                sku = summary.get("sellerSku") if isinstance(summary, dict) else None
                if sku:
                    quantities[sku] = quantities.get(sku, 0) + fba_quantity(summary)
            token = (data.get("pagination") or {}).get("nextToken")
            if not token:
                return quantities

    def push_stock(self, quantities, seller_id=None):
        """Set the quantity of each merchant-fulfilled offer (Listings Items API).

        Each SKU's listing is read first (``getListingsItem`` with its
        ``fulfillmentAvailability`` and product type): only an offer the seller
        ships (channel ``DEFAULT``) is patched; an FBA offer is left alone (a
        ``DEFAULT`` quantity would turn it into a merchant-fulfilled one), its
        stock is Amazon's.

        :param quantities: ``{sku: quantity}``
        :param seller_id: the seller's merchant token (Seller Central ▸ Account info)
        :return: the SKUs not set: unknown to Amazon in this marketplace,
            fulfilled by Amazon, or refused (sorted)
        """
        self._check_marketplace()
        refused = _lt(
            "Amazon refused access to the listings with a new access token (HTTP 403): check "
            "that the app is authorised by this seller account with the Product Listing "
            "role, and the shop's seller ID."
        )
        params = {"marketplaceIds": self.marketplace_id}
        not_set = []
        for sku in sorted(quantities):
            path = f"{LISTINGS_PATH}/{quote(seller_id or '', safe='')}/{quote(sku, safe='')}"
            try:
                listing = self._api(
                    path,
                    {**params, "includedData": "summaries,fulfillmentAvailability"},
                    refused=refused,
                ).json()
            except ClientError as error:
                if error.status == 404:
                    not_set.append(sku)
                    continue
                raise
            channels = {
                entry.get("fulfillmentChannelCode")
                for entry in listing.get("fulfillmentAvailability") or []
                if isinstance(entry, dict)
            }
            if channels and MERCHANT_CHANNEL not in channels:
                not_set.append(sku)  # fulfilled by Amazon
                continue
            summaries = [s for s in listing.get("summaries") or [] if isinstance(s, dict)]
            product_type = next(
                (s["productType"] for s in summaries if s.get("productType")), "PRODUCT"
            )
            body = {
                "productType": product_type,
                "patches": [
                    {
                        "op": "replace",
                        "path": "/attributes/fulfillment_availability",
                        "value": [
                            {
                                "fulfillment_channel_code": MERCHANT_CHANNEL,
                                "quantity": int(quantities[sku]),
                            }
                        ],
                    }
                ],
            }
            answer = self._api(path, params, method="PATCH", json_body=body, refused=refused).json()
            if answer.get("status") != "ACCEPTED":
                not_set.append(sku)
        return not_set


def fba_quantity(summary):
    """The units of one inventory summary that are the seller's to deliver (see
    :meth:`AmazonClient.fba_quantities`)."""
    details = summary.get("inventoryDetails")
    if not isinstance(details, dict):
        return max(_count(summary.get("totalQuantity")), 0)
    reserved = details.get("reservedQuantity") or {}
    return max(
        _count(details.get("fulfillableQuantity"))
        + _count(reserved.get("pendingCustomerOrderQuantity")),
        0,
    )


def _count(value):
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def carrier_fields(name):
    """``carrierCode`` (and ``carrierName`` for another carrier, ``shippingMethod``)
    of a carrier's name: the longest Amazon code the name starts with."""
    name = (name or "").strip()
    lowered = name.lower()
    for code in sorted(CARRIER_CODES, key=len, reverse=True):
        if lowered.startswith(code.lower()):
            fields = {"carrierCode": code}
            break
    else:
        fields = {"carrierCode": OTHER_CARRIER, "carrierName": name or OTHER_CARRIER}
    if name:
        fields["shippingMethod"] = name
    return fields


def amazon_reason(body):
    """Amazon's words in a refusal (its ``errors``: ``code: message``), or ``""``."""
    try:
        errors = json.loads((body or b"").decode("utf-8-sig")).get("errors")
    except (AttributeError, UnicodeDecodeError, ValueError):
        return ""
    parts = []
    for error in errors if isinstance(errors, list) else ():
        if isinstance(error, dict):
            words = ": ".join(str(error[key]) for key in ("code", "message") if error.get(key))
            parts.append(" ".join(words.split()))
    return "; ".join(part for part in parts if part)[:AMAZON_DETAIL_CHARS]
