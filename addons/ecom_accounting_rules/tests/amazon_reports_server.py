# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A stand-in of Amazon's Reports API (2021-06-30) and Login with Amazon, for the tests.

It speaks what Amazon documents for settlement reports: ``POST /auth/o2/token``
(refresh token grant) gives an access token; ``GET /reports/2021-06-30/reports``
lists ``GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2`` reports a page at a time
(``nextToken``, alone on the next call); ``GET /reports/2021-06-30/documents/{id}``
gives a URL to download (here on the same server), GZIP compressed when it says
``compressionAlgorithm``. The first listing is answered 429 with the
``x-amzn-RateLimit-Limit`` header, as Amazon answers a burst.
"""

import gzip
from urllib.parse import parse_qs, urlsplit

from odoo.addons.ecom_connector.tests.http_stub import StubServer

from .payout_common import PAYLOADS

CLIENT_ID = "amzn1.application-oa2-client.test"
CLIENT_SECRET = "amzn1.oa2-cs.v1.secret"
REFRESH_TOKEN = "Atzr|refresh-token-test"
ACCESS_TOKEN = "Atza|access-token-test"
# report id → (document id, file, compressed)
REPORTS = {
    "51001": ("amzn1.tortuga.4.eu.doc1", "amazon_settlement_full.txt", True),
    "51002": ("amzn1.tortuga.4.eu.doc2", "amazon_settlement_next.txt", False),
}


class AmazonReportsServer(StubServer):
    methods = ("GET", "POST")

    def __init__(self, throttle_first=True):
        super().__init__()
        self.requests = []
        self.throttle = throttle_first

    def _handle(self, handler, method):
        parts = urlsplit(handler.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        body = self._read(handler)
        self.requests.append((method, parts.path, query))
        path = parts.path
        if method == "POST" and path == "/auth/o2/token":
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            if (
                form.get("grant_type") != "refresh_token"
                or form.get("refresh_token") != REFRESH_TOKEN
                or form.get("client_id") != CLIENT_ID
                or form.get("client_secret") != CLIENT_SECRET
            ):
                return self._send(handler, 400, {"error": "invalid_grant"})
            return self._send(
                handler,
                200,
                {"access_token": ACCESS_TOKEN, "token_type": "bearer", "expires_in": 3600},
            )
        if path.startswith("/download/"):
            for _report, (document, name, compressed) in REPORTS.items():
                if path == f"/download/{document}":
                    content = (PAYLOADS / name).read_bytes()
                    return self._send(
                        handler, 200, gzip.compress(content) if compressed else content
                    )
            return self._send(handler, 404, b"")
        if handler.headers.get("x-amz-access-token") != ACCESS_TOKEN:
            return self._send(
                handler, 403, {"errors": [{"code": "Unauthorized", "message": "Access denied"}]}
            )
        if path == "/reports/2021-06-30/reports":
            if self.throttle:
                self.throttle = False
                return self._send(
                    handler,
                    429,
                    {"errors": [{"code": "QuotaExceeded", "message": "You exceeded your quota"}]},
                    {"x-amzn-RateLimit-Limit": "50.0"},
                )
            reports = [
                {
                    "reportId": report,
                    "reportType": "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2",
                    "processingStatus": "DONE",
                    "reportDocumentId": document,
                    "createdTime": "2026-11-05T06:00:00+00:00",
                }
                for report, (document, _name, _gz) in REPORTS.items()
            ]
            if query.get("nextToken") == "page2":
                return self._send(handler, 200, {"reports": reports[1:]})
            if query.get("reportTypes") != "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2":
                return self._send(handler, 400, {"errors": [{"code": "InvalidInput"}]})
            return self._send(handler, 200, {"reports": reports[:1], "nextToken": "page2"})
        if path.startswith("/reports/2021-06-30/documents/"):
            document_id = path.rsplit("/", 1)[-1]
            for _report, (document, _name, compressed) in REPORTS.items():
                if document == document_id:
                    info = {"reportDocumentId": document, "url": f"{self.url}/download/{document}"}
                    if compressed:
                        info["compressionAlgorithm"] = "GZIP"
                    return self._send(handler, 200, info)
        return self._send(handler, 404, {"errors": [{"code": "NotFound"}]})
