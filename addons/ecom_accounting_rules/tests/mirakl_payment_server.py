# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A stand-in of a Mirakl instance's transaction lines API (TL02), for the tests.

``GET /api/sellerpayment/transactions_logs`` with the shop's API key in
``Authorization`` (no Bearer), answered a page at a time as Mirakl's seller
OpenAPI documents TL02: seek pagination, ``limit`` at most 2000 (400 above),
``next_page_token`` naming the next page, asked with ``page_token``.
"""

import json
from urllib.parse import parse_qs, urlsplit

from odoo.addons.ecom_connector.tests.http_stub import StubServer

from .payout_common import PAYLOADS

API_KEY = "mirakl-shop-key-0123456789"


class MiraklPaymentServer(StubServer):
    def __init__(self):
        super().__init__()
        self.requests = []

    def _handle(self, handler, method):
        parts = urlsplit(handler.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.requests.append((method, parts.path, query))
        if handler.headers.get("Authorization") != API_KEY:
            return self._send(handler, 401, {"message": "Unauthorized", "status": 401})
        if parts.path != "/api/sellerpayment/transactions_logs":
            return self._send(handler, 404, {"message": "Not Found", "status": 404})
        if int(query.get("limit") or 10) > 2000:
            return self._send(
                handler, 400, {"message": "limit must be less than or equal to 2000", "status": 400}
            )
        first = json.loads((PAYLOADS / "mirakl_tl02_page1.json").read_text())
        if query.get("page_token") == first["next_page_token"]:
            return self._send(
                handler, 200, json.loads((PAYLOADS / "mirakl_tl02_page2.json").read_text())
            )
        return self._send(handler, 200, first)
