# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The providers' payout APIs: raw pages, parsed by ``..payouts`` like files.

Every call goes through the connector's one request function (timeouts,
typed errors, masked secrets, public https addresses only). Each client
yields the raw body of each page (bytes), so that an API answer and a
downloaded file are read by the same parser.

Stripe's and PayPal's credentials go to their own hosts only
(:data:`..const.PAYOUT_API_HOSTS`); Shopify Payments' token to the shop's
own address. Only the server's configuration can point a provider elsewhere
(:func:`api_base_url`).
"""

import json
import re
from datetime import UTC, datetime, time, timedelta
from urllib.parse import parse_qs, urlsplit

from odoo.tools import config

from odoo.addons.ecom_connector.clients.http import ClientError, request
from odoo.addons.ecom_connector.const import PAYPAL_MAX_WINDOW_DAYS
from odoo.addons.ecom_connector.platforms.shopify.client import API_VERSION

from ..const import CONFIG_PAYOUT_API_OVERRIDE, PAYOUT_API_HOSTS


def api_base_url(endpoint):
    """Where ``endpoint``'s API is (``stripe``, ``paypal``, ``paypal_sandbox``).

    The provider's own host, unless the server's configuration option
    ``ecom_payout_api_override`` (``endpoint=url,...``) names another (tests).
    """
    overrides = {}
    for item in str(config.get(CONFIG_PAYOUT_API_OVERRIDE) or "").split(","):
        name, _sep, url = item.partition("=")
        if name.strip() and url.strip():
            overrides[name.strip()] = url.strip().rstrip("/")
    return overrides.get(endpoint) or PAYOUT_API_HOSTS[endpoint]


LINK_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')
# Pages read at most per call, so that a loop in a provider's paging ends.
MAX_PAGES = 200


class ShopifyPaymentsClient:
    """``shopify_payments/payouts.json`` and ``balance/transactions.json``, by ``Link`` pages."""

    page_size = 250

    def __init__(self, base_url, token, session=None):
        base_url = (base_url or "").strip().rstrip("/")
        if base_url and "://" not in base_url:
            base_url = f"https://{base_url}"
        self.base_url = base_url
        self.token = token or ""
        self.session = session

    def _pages(self, path, params):
        url = f"{self.base_url}/admin/api/{API_VERSION}/shopify_payments/{path}"
        for _page in range(MAX_PAGES):
            answer = request(
                "GET",
                url,
                params=params,
                headers={"X-Shopify-Access-Token": self.token},
                secrets=(self.token,),
                session=self.session,
            )
            yield answer.content
            match = LINK_NEXT.search(answer.headers.get("Link") or "")
            if not match:
                return
            page_info = parse_qs(urlsplit(match.group(1)).query).get("page_info")
            if not page_info:
                return
            params = {"limit": self.page_size, "page_info": page_info[0]}

    def payouts(self, since=None):
        params = {"limit": self.page_size}
        if since:
            params["date_min"] = since.isoformat()
        return self._pages("payouts.json", params)

    def transactions(self, payout_id):
        return self._pages(
            "balance/transactions.json", {"limit": self.page_size, "payout_id": payout_id}
        )


class StripeClient:
    """``/v1/payouts`` and ``/v1/balance_transactions?payout=``, by ``starting_after``."""

    page_size = 100

    def __init__(self, key, session=None):
        self.base_url = api_base_url("stripe")
        self.key = key or ""
        self.session = session

    def _pages(self, path, params):
        params = dict(params, limit=self.page_size)
        for _page in range(MAX_PAGES):
            answer = request(
                "GET",
                f"{self.base_url}/v1/{path}",
                params=params,
                headers={"Authorization": f"Bearer {self.key}"},
                secrets=(self.key,),
                session=self.session,
            )
            yield answer.content
            data = answer.json()
            items = data.get("data") or []
            if not data.get("has_more") or not items:
                return
            params = dict(params, starting_after=items[-1]["id"])

    def payouts(self, since=None):
        params = {}
        if since:
            moment = datetime.combine(since, time.min, tzinfo=UTC)
            params["created[gte]"] = int(moment.timestamp())
        return self._pages("payouts", params)

    def transactions(self, payout_id):
        return self._pages("balance_transactions", {"payout": payout_id, "expand[]": "data.source"})


class PayPalClient:
    """Transaction Search, in windows of at most 31 days, with an OAuth2 token."""

    page_size = 500

    def __init__(self, client_id, secret, sandbox=False, session=None):
        self.base_url = api_base_url("paypal_sandbox" if sandbox else "paypal")
        self.client_id = client_id or ""
        self.secret = secret or ""
        self.session = session
        self._token = None

    def token(self):
        if not self._token:
            answer = request(
                "POST",
                f"{self.base_url}/v1/oauth2/token",
                auth=(self.client_id, self.secret),
                data=b"grant_type=client_credentials",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                session=self.session,
            )
            self._token = answer.json().get("access_token")
            if not self._token:
                raise ClientError("PayPal answered no access token.")
        return self._token

    def transactions(self, since, until=None):
        """Every transaction from ``since`` to ``until`` (dates), window by window."""
        until = until or datetime.now(UTC).date()
        start = since
        while start <= until:
            end = min(start + timedelta(days=PAYPAL_MAX_WINDOW_DAYS - 1), until)
            yield from self._window(start, end)
            start = end + timedelta(days=1)

    def _window(self, start, end):
        for page in range(1, MAX_PAGES + 1):
            token = self.token()
            answer = request(
                "GET",
                f"{self.base_url}/v1/reporting/transactions",
                params={
                    "start_date": f"{start.isoformat()}T00:00:00Z",
                    "end_date": f"{end.isoformat()}T23:59:59Z",
                    "fields": "transaction_info",
                    "page_size": self.page_size,
                    "page": page,
                },
                headers={"Authorization": f"Bearer {token}"},
                secrets=(token,),
                session=self.session,
            )
            yield answer.content
            if page >= int(json.loads(answer.content or b"{}").get("total_pages") or 1):
                return


def get_payout_client(provider, credentials, shop_url=None, sandbox=False, session=None):
    """The client of ``provider`` with ``credentials`` (token; key; client id and secret).

    :param shop_url: Shopify Payments: the shop's address (its API is the shop's)
    :param sandbox: PayPal: its sandbox rather than its live API
    """
    if provider == "shopify_payments":
        return ShopifyPaymentsClient(shop_url, credentials.get("token"), session=session)
    if provider == "stripe":
        return StripeClient(credentials.get("key"), session=session)
    if provider == "paypal":
        return PayPalClient(
            credentials.get("key"), credentials.get("secret"), sandbox=sandbox, session=session
        )
    raise ClientError(f"No payout API for {provider!r}.")
