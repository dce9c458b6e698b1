# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Stripe's API: payouts and their balance transactions, with the account set's key."""

from datetime import UTC, datetime, time

from odoo.addons.ecom_connector.clients.http import request

from ...clients import MAX_PAGES, api_base_url
from .const import HOST


class StripeClient:
    """``/v1/payouts`` and ``/v1/balance_transactions?payout=``, by ``starting_after``."""

    page_size = 100

    def __init__(self, key, session=None):
        self.base_url = api_base_url("stripe", HOST)
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


def make_client(credentials, shop_url=None, sandbox=False, session=None):
    """The client with the account set's restricted key (``credentials["key"]``)."""
    return StripeClient(credentials.get("key"), session=session)
