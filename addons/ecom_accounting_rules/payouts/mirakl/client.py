# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Mirakl's transaction lines (TL02), at the operator's instance with the shop's API key."""

from datetime import UTC, datetime, time

from odoo.addons.ecom_connector.clients.http import request

from ...clients import MAX_PAGES
from .const import PAGE_SIZE, TRANSACTIONS_PATH


class MiraklPaymentClient:
    """TL02, page after page: seek pagination, ``page_token`` = the last ``next_page_token``."""

    def __init__(self, shop_url, key, session=None):
        self.base_url = (shop_url or "").rstrip("/")
        self.key = key or ""
        self.session = session

    def transactions(self, since=None):
        params = {"limit": PAGE_SIZE}
        if since:
            moment = datetime.combine(since, time.min, tzinfo=UTC)
            params["date_created_from"] = moment.isoformat().replace("+00:00", "Z")
        for _page in range(MAX_PAGES):
            answer = request(
                "GET",
                f"{self.base_url}{TRANSACTIONS_PATH}",
                params=params,
                headers={"Authorization": self.key, "Accept": "application/json"},
                secrets=(self.key,),
                session=self.session,
            )
            yield answer.content
            data = answer.json() or {}
            token = data.get("next_page_token") if isinstance(data, dict) else None
            if not token:
                return
            # With a token the other parameters are ignored (Mirakl's seek pagination).
            params = {"limit": PAGE_SIZE, "page_token": token}


def make_client(credentials, shop_url=None, sandbox=False, session=None):
    """The client with the Mirakl shop's address and API key (``credentials["token"]``)."""
    return MiraklPaymentClient(shop_url, credentials.get("token"), session=session)
