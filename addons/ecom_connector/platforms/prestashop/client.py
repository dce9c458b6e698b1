# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

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
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ...adapters.utils import dump_json
from ...clients.base import Page, PullClient, register_client
from ...clients.http import ClientError

MAX_COUNT = 100
# The order state "Shipped" of a stock PrestaShop install (Orders ▸ Statuses).
DEFAULT_SHIPPED_STATE_ID = 4
# References looked up per call (the filter goes in the URL).
REFERENCE_LOOKUP_SIZE = 40
STOCK_FIELDS = (
    "id",
    "id_product",
    "id_product_attribute",
    "id_shop",
    "id_shop_group",
    "quantity",
    "depends_on_stock",
    "out_of_stock",
    "location",
)
ORDER_CARRIER_FIELDS = (
    "id",
    "id_order",
    "id_carrier",
    "id_order_invoice",
    "weight",
    "shipping_cost_tax_excl",
    "shipping_cost_tax_incl",
    "tracking_number",
)
FILTER_END = "2999-12-31 23:59:59"
ISO_FIELDS = "[id,iso_code]"
# siret: the customer's SIRET in B2B mode; an address's dni may hold a SIREN.
CUSTOMER_FIELDS = "[id,firstname,lastname,email,company,siret,is_guest]"
ADDRESS_FIELDS = (
    "[id,id_customer,id_country,id_state,firstname,lastname,company,vat_number,dni,"
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
        self._embed_codes(orders, addresses)

    def _embed_codes(self, orders, addresses):
        """Embed the ISO codes of the page's currency, country and state ids.

        Read from the shop's own ``currencies``, ``countries`` and ``states``
        (three calls a page): a shop's ids are its own, not a stock install's.
        """
        currencies = self._fetch_by_ids(
            "currencies", [order.get("id_currency") for order in orders], ISO_FIELDS
        )
        countries = self._fetch_by_ids(
            "countries", [row.get("id_country") for row in addresses.values()], ISO_FIELDS
        )
        states = self._fetch_by_ids(
            "states", [row.get("id_state") for row in addresses.values()], ISO_FIELDS
        )
        for order in orders:
            currency = currencies.get(str(order.get("id_currency")))
            if currency and currency.get("iso_code"):
                order["_currency_iso"] = currency["iso_code"]
        for row in addresses.values():
            for key, source, table in (
                ("_country_iso", "id_country", countries),
                ("_state_iso", "id_state", states),
            ):
                found = table.get(str(row.get(source)))
                if found and found.get("iso_code"):
                    row[key] = found["iso_code"]

    # ------------------------------------------------------------ back to the shop

    def _write(self, method, resource, element, values, params=None):
        """Create or replace an object: the webservice takes XML bodies only."""
        fields_xml = "".join(
            f"<{name}>{escape(str(value))}</{name}>"
            for name, value in values.items()
            if value is not None
        )
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">'
            f"<{element}>{fields_xml}</{element}></prestashop>"
        ).encode()
        path = f"{self.base_url}/api/{resource}"
        if method == "PUT":
            path += f"/{int(values['id'])}"
        return self._send(
            method,
            path,
            params={"output_format": "JSON", **(params or {})},
            auth=self._auth,
            data=body,
            headers={"Content-Type": "application/xml"},
        )

    def _by_reference(self, resource, references, fields):
        rows = []
        for start in range(0, len(references), REFERENCE_LOOKUP_SIZE):
            chunk = references[start : start + REFERENCE_LOOKUP_SIZE]
            response = self._get(
                f"{self.base_url}/api/{resource}",
                {
                    "output_format": "JSON",
                    "display": fields,
                    "filter[reference]": f"[{'|'.join(chunk)}]",
                },
                auth=self._auth,
            )
            rows += self._list(response, resource)
        return rows

    def push_stock(self, quantities, location_id=None):
        """Set each SKU's ``stock_availables`` quantity (product or combination).

        A SKU is a product's or a combination's reference; the combination
        wins when both carry it. Its stock row is read, then written back
        whole with the new quantity (the webservice replaces objects).
        :param quantities: ``{sku: quantity}``
        :param location_id: unused (one stock per shop)
        :return: the SKUs the shop does not have (sorted)
        """
        skus = sorted(quantities)
        wanted = {}  # (id_product, id_product_attribute) -> sku
        for product in self._by_reference("products", skus, "[id,reference]"):
            if product.get("reference") in quantities:
                wanted[(str(product["id"]), "0")] = product["reference"]
        for combination in self._by_reference("combinations", skus, "[id,id_product,reference]"):
            sku = combination.get("reference")
            if sku in quantities:
                wanted = {key: s for key, s in wanted.items() if s != sku}
                wanted[(str(combination["id_product"]), str(combination["id"]))] = sku
        stock_rows = {}
        product_ids = sorted({key[0] for key in wanted}, key=int)
        for start in range(0, len(product_ids), REFERENCE_LOOKUP_SIZE):
            chunk = product_ids[start : start + REFERENCE_LOOKUP_SIZE]
            response = self._get(
                f"{self.base_url}/api/stock_availables",
                {
                    "output_format": "JSON",
                    "display": "full",
                    "filter[id_product]": f"[{'|'.join(chunk)}]",
                },
                auth=self._auth,
            )
            for row in self._list(response, "stock_availables"):
                key = (str(row.get("id_product")), str(row.get("id_product_attribute") or "0"))
                stock_rows[key] = row
        sent = set()
        for key, sku in sorted(wanted.items(), key=lambda item: item[1]):
            row = stock_rows.get(key)
            if not row:
                continue
            values = {name: row.get(name) for name in STOCK_FIELDS}
            values["quantity"] = int(quantities[sku])
            self._write("PUT", "stock_availables", "stock_available", values)
            sent.add(sku)
        return sorted(set(quantities) - sent)

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
        """Give the order its tracking number, and the state "Shipped" after its last delivery.

        The tracking number goes on the order's carrier line (``order_carriers``);
        the state is a new ``order_histories`` entry (the shop emails the
        customer). PrestaShop has no partial shipment: before the last
        delivery only the tracking number is sent.
        :param shipped_at: unused (the shop dates the shipment itself)
        :param package_reference: unused
        :return: a sentence on what was sent
        """
        order_id = int(order_id)
        if tracking_number:
            response = self._get(
                f"{self.base_url}/api/order_carriers",
                {"output_format": "JSON", "display": "full", "filter[id_order]": f"[{order_id}]"},
                auth=self._auth,
            )
            rows = self._list(response, "order_carriers")
            if rows:
                values = {name: rows[0].get(name) for name in ORDER_CARRIER_FIELDS}
                values["tracking_number"] = tracking_number
                self._write("PUT", "order_carriers", "order_carrier", values)
        if not complete:
            return "Tracking number sent; the order is marked shipped with its last delivery."
        state = int(self.adapter.options.get("shipped_state_id") or DEFAULT_SHIPPED_STATE_ID)
        self._write(
            "POST",
            "order_histories",
            "order_history",
            {"id_order": order_id, "id_order_state": state},
            params={"sendemail": 1},
        )
        return "Order marked shipped."
