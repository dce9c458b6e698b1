# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Mirakl seller API: orders changed since a moment (OR11), page by page.

``GET {instance}/api/orders?start_update_date=...&order_state_codes=...
&sort=dateCreated&order=asc&offset=N&max=100`` (``shop_id`` when the API key
reaches several shops) with the shop's API key in the ``Authorization``
header (no scheme). The answer is ``{"orders": [...], "total_count": N}``:
the next page starts at ``offset + max`` while that is below
``total_count``. Only the states the connector imports are asked for (see
the adapter's ``IMPORTED_STATES``): an order waiting for acceptance or for
its payment comes with the first pull after the operator moves it on, its
update date having changed.

Back to the operator, when a delivery is validated: OR23 (``PUT
/api/orders/{order_id}/tracking``: ``carrier_name``, ``carrier_url``,
``tracking_number``; the carrier as an unregistered one, by its name, since
the operator's carrier codes are not Odoo's) then, with the order's last
delivery, OR24 (``PUT /api/orders/{order_id}/ship``): Mirakl ships an order
whole, only from ``SHIPPING``. Both answer 204 without a body.

Each operator runs its own instance (``https://<operator>.mirakl.net``, or
its own domain): the shop's URL, a public https address as for any shop.
"""

from urllib.parse import quote, urlsplit

from odoo.tools.translate import LazyTranslate

from ...adapters.utils import dump_json
from ...clients.base import Page, PullClient, register_client
from ...clients.http import AuthError, ClientError, TransientError
from ...sentences import Sentence
from .adapter import IMPORTED_STATES

_lt = LazyTranslate(__name__)

ORDERS_PATH = "/api/orders"
TRACKING_PATH = "/api/orders/{order_id}/tracking"  # OR23
SHIP_PATH = "/api/orders/{order_id}/ship"  # OR24
MAX_PAGE_SIZE = 100


@register_client("mirakl")
class MiraklClient(PullClient):
    max_page_size = MAX_PAGE_SIZE

    def fetch_page(self, since, token=None):
        offset = int(token or 0)
        params = {
            "order_state_codes": ",".join(IMPORTED_STATES),
            "sort": "dateCreated",
            "order": "asc",
            "offset": offset,
            "max": self.page_size,
        }
        if since:
            params["start_update_date"] = self._iso(since)
        params.update(self._shop_param())
        response = self._get(f"{self.base_url}{ORDERS_PATH}", params, headers=self._auth_headers())
        data = response.json()
        if not isinstance(data, dict) or not isinstance(data.get("orders"), list):
            raise ClientError(
                _lt("%(host)s did not answer a list of orders.", host=response.url), response.status
            )
        orders = [order for order in data["orders"] if isinstance(order, dict)]
        try:
            total = int(data.get("total_count"))
        except (TypeError, ValueError):
            total = None
        following = offset + self.page_size
        has_next = following < total if total is not None else len(orders) == self.page_size
        content = dump_json({"orders": orders, "total_count": total}).encode()
        return Page(
            documents=self._split(content, response) if orders else [],
            next_token=following if has_next and orders else None,
            server_time=self._server_time(response),
        )

    # ------------------------------------------------------------ back to the operator

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
        """Give the operator the carrier and tracking number (OR23), and with the order's
        last delivery confirm it shipped (OR24).

        :param lines: unused: Mirakl ships an order whole
        :param complete: whether this was the order's last delivery
        :param shipped_at: unused: the operator dates the shipment itself
        :param package_reference: unused: Mirakl has no packages
        :return: a sentence on what was sent
        :raises ClientError: a sentence naming the order and what to check when the
            operator refuses it (an order no longer to ship, a carrier it wants by code)
        """
        path_id = quote(str(order_id), safe="")
        tracked = bool(carrier or tracking_number)
        if tracked:
            body = {"carrier_name": carrier or "Carrier", "tracking_number": tracking_number}
            if tracking_url:
                body["carrier_url"] = tracking_url
            self._put(TRACKING_PATH.format(order_id=path_id), body, order_id)
        if complete:
            self._put(SHIP_PATH.format(order_id=path_id), None, order_id)
        if tracked and complete:
            return Sentence(_lt("Tracking sent (OR23). Order marked shipped (OR24)."))
        if tracked:
            return Sentence(_lt("Tracking sent (OR23)."))
        if complete:
            return Sentence(_lt("Order marked shipped (OR24)."))
        return Sentence(_lt("Nothing to send."))

    def _put(self, path, body, order_id):
        """PUT ``body`` to ``path``; what the operator refuses, in a sentence of its own."""
        try:
            self._send(
                "PUT",
                f"{self.base_url}{path}",
                self._shop_param(),
                body,
                headers=self._auth_headers(),
            )
        except (AuthError, TransientError):
            raise
        except ClientError as error:
            if error.status not in (400, 404, 409):
                raise
            host = urlsplit(self.base_url).hostname
            if body is not None:
                refused = _lt(
                    "%(host)s refused the tracking of Mirakl order %(order)s (HTTP "
                    "%(status)s): check in the operator's back office that the order is "
                    "still to ship, and whether the operator wants this carrier chosen from "
                    "its list.",
                    host=host,
                    order=order_id,
                    status=error.status,
                )
            else:
                refused = _lt(
                    "%(host)s refused to mark Mirakl order %(order)s shipped (HTTP "
                    "%(status)s): only an order in the SHIPPING state can be. Check in the "
                    "operator's back office whether it was shipped or cancelled there.",
                    host=host,
                    order=order_id,
                    status=error.status,
                )
            raise ClientError(refused, error.status) from None

    def _auth_headers(self):
        # Mirakl takes the shop's API key as is, without a scheme.
        return {"Authorization": self.credentials.get("key", "")}

    def _shop_param(self):
        shop_id = (self.adapter.options.get("mirakl_shop_id") or "").strip()
        return {"shop_id": shop_id} if shop_id else {}
