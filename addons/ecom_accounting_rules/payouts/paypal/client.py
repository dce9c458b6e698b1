# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""PayPal's API: Transaction Search, with the account set's client id and secret."""

import json
from datetime import UTC, datetime, timedelta

from odoo.addons.ecom_connector.clients.http import ClientError, request

from ...clients import MAX_PAGES, api_base_url
from .const import HOST, MAX_WINDOW_DAYS, SANDBOX_HOST


class PayPalClient:
    """Transaction Search, in windows of at most 31 days, with an OAuth2 token."""

    page_size = 500

    def __init__(self, client_id, secret, sandbox=False, session=None):
        self.base_url = (
            api_base_url("paypal_sandbox", SANDBOX_HOST)
            if sandbox
            else api_base_url("paypal", HOST)
        )
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
            end = min(start + timedelta(days=MAX_WINDOW_DAYS - 1), until)
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


def make_client(credentials, shop_url=None, sandbox=False, session=None):
    """The client with the account set's client id (``key``) and ``secret``."""
    return PayPalClient(
        credentials.get("key"), credentials.get("secret"), sandbox=sandbox, session=session
    )
