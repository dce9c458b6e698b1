"""PrestaShop webservice: orders changed since a moment, page by page.

``GET /api/orders?output_format=JSON&display=full&date=1
&filter[date_upd]=[FROM,TO]&sort=[id_ASC]&limit=OFFSET,COUNT`` with the
webservice key as the basic-auth user (empty password). Dates are the shop's
local time (the shop's time zone converts them, as the adapter does).

The orders name their customer and addresses by id; each page's customers
and addresses are read in two more calls (``filter[id]=[1|2|...]``, only the
fields the adapter uses: never a password hash) and embedded in each order as
``_customer``, ``_address_invoice`` and ``_address_delivery``, the shape the
adapter reads.

Pages are ordered by id, not by ``date_upd``: an order updated while we page
would otherwise move to the end and push an unread order back onto a page we
have read (a gap). The window is open at its end (``TO`` far ahead).
"""

from datetime import UTC
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .http_client import ClientError
from .pull_client import Page, PullClient, register_client
from .utils import dump_json

MAX_COUNT = 100
FILTER_END = "2999-12-31 23:59:59"
CUSTOMER_FIELDS = "[id,firstname,lastname,email,company,is_guest]"
ADDRESS_FIELDS = (
    "[id,id_customer,id_country,firstname,lastname,company,vat_number,"
    "address1,address2,postcode,city,phone,phone_mobile]"
)


@register_client("prestashop")
class PrestaShopClient(PullClient):
    max_page_size = MAX_COUNT

    def fetch_page(self, since, token=None):
        offset = int(token or 0)
        params = {
            "output_format": "JSON",
            "display": "full",
            "sort": "[id_ASC]",
            "limit": f"{offset},{self.page_size}",
        }
        if since:
            params.update({"filter[date_upd]": f"[{self._local(since)},{FILTER_END}]", "date": 1})
        response = self._get(f"{self.base_url}/api/orders", params, auth=self._auth)
        orders = self._list(response, "orders")
        if orders:
            self._embed_parties(orders)
        documents = self._split(dump_json({"orders": orders}).encode(), response) if orders else []
        return Page(
            documents=documents,
            next_token=offset + self.page_size if len(orders) >= self.page_size else None,
            server_time=self._server_time(response),
        )

    @property
    def _auth(self):
        return (self.credentials.get("key", ""), "")

    def _local(self, moment):
        """Naive UTC to the shop's local ``YYYY-MM-DD HH:MM:SS``."""
        try:
            zone = ZoneInfo(self.adapter.options.get("timezone") or "Europe/Paris")
        except ZoneInfoNotFoundError:
            zone = ZoneInfo("Europe/Paris")
        return moment.replace(tzinfo=UTC).astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")

    @staticmethod
    def _list(response, resource):
        """The objects of a list answer; PrestaShop answers ``[]`` when there are none."""
        data = response.json()
        if data in ([], {}):
            return []
        if not isinstance(data, dict) or not isinstance(data.get(resource), list):
            raise ClientError(f"{response.url} did not answer a list of {resource}.")
        return data[resource]

    def _fetch_by_ids(self, resource, ids, fields):
        ids = sorted({str(i) for i in ids if str(i or "0") != "0"}, key=int)
        if not ids:
            return {}
        response = self._get(
            f"{self.base_url}/api/{resource}",
            {"output_format": "JSON", "display": fields, "filter[id]": f"[{'|'.join(ids)}]"},
            auth=self._auth,
        )
        return {str(row.get("id")): row for row in self._list(response, resource)}

    def _embed_parties(self, orders):
        """Embed each order's customer and addresses (read in two calls)."""
        orders = [order for order in orders if isinstance(order, dict)]
        customers = self._fetch_by_ids(
            "customers", [order.get("id_customer") for order in orders], CUSTOMER_FIELDS
        )
        address_ids = [order.get("id_address_invoice") for order in orders]
        address_ids += [order.get("id_address_delivery") for order in orders]
        addresses = self._fetch_by_ids("addresses", address_ids, ADDRESS_FIELDS)
        for order in orders:
            for key, source, table in (
                ("_customer", "id_customer", customers),
                ("_address_invoice", "id_address_invoice", addresses),
                ("_address_delivery", "id_address_delivery", addresses),
            ):
                row = table.get(str(order.get(source)))
                if row is not None:
                    order[key] = row
