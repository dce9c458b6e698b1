# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Amazon's Reports API: the settlement reports, with Login with Amazon's token refresh.

Settlement reports are made by Amazon itself (no ``POST /reports``): they are
listed (``GET /reports/2021-06-30/reports?reportTypes=...``, page after page
with ``nextToken``), each report's document asked for
(``GET /reports/2021-06-30/documents/{id}``: a URL to download, maybe
``compressionAlgorithm: GZIP``), then downloaded. A 429 says the rate in
``x-amzn-RateLimit-Limit`` (requests per second): the client waits that long
(up to a few seconds) and asks again, else the pull is retried later.
"""

import gzip
import time
from datetime import UTC, datetime
from datetime import time as day_time
from urllib.parse import urlencode

import requests

from odoo.tools.translate import LazyTranslate

from odoo.addons.ecom_connector.clients.http import ClientError, TransientError, request

from ...clients import MAX_PAGES, api_base_url
from .const import AUTH_HOST, HOST, PAGE_SIZE, REPORT_TYPE

_lt = LazyTranslate(__name__)

# How long (seconds) the client waits for a rate-limited call inside the pull, and how often.
MAX_RATE_WAIT = 5
RATE_RETRIES = 3


class AmazonReportsClient:
    """The settlement reports of one seller account, with its LWA app and refresh token."""

    def __init__(self, client_id, client_secret, refresh_token, session=None, sleep=time.sleep):
        self.base_url = api_base_url("amazon", HOST)
        self.auth_url = api_base_url("amazon_auth", AUTH_HOST)
        self.client_id = client_id or ""
        self.client_secret = client_secret or ""
        self.refresh_token = refresh_token or ""
        self.session = session or requests.Session()
        self.session.hooks.setdefault("response", []).append(self._note_rate)
        self.sleep = sleep
        self.rate = None
        self._token = None

    def _note_rate(self, response, *args, **kwargs):
        value = response.headers.get("x-amzn-RateLimit-Limit")
        try:
            self.rate = float(value) if value else None
        except ValueError:
            self.rate = None

    def token(self):
        """An access token from the refresh token (``POST /auth/o2/token``), kept for the pull."""
        if not self._token:
            answer = request(
                "POST",
                f"{self.auth_url}/auth/o2/token",
                data=urlencode(
                    {
                        "grant_type": "refresh_token",
                        "refresh_token": self.refresh_token,
                        "client_id": self.client_id,
                        "client_secret": self.client_secret,
                    }
                ).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                secrets=(self.refresh_token, self.client_secret),
                session=self.session,
            )
            self._token = (answer.json() or {}).get("access_token")
            if not self._token:
                raise ClientError(_lt("Login with Amazon answered no access token."))
        return self._token

    def _get(self, path, params=None, url=None):
        """One call, a rate-limited one asked again after the wait Amazon's rate says."""
        for attempt in range(RATE_RETRIES + 1):
            headers = {} if url else {"x-amz-access-token": self.token()}
            try:
                return request(
                    "GET",
                    url or f"{self.base_url}{path}",
                    params=params,
                    headers=headers,
                    secrets=(self._token,) if not url else (),
                    session=self.session,
                    max_inline_wait=0,
                )
            except TransientError as error:
                if error.status != 429:
                    raise
                wait = 1.0 / self.rate if self.rate else error.retry_after
                if wait > MAX_RATE_WAIT or attempt == RATE_RETRIES:
                    error.retry_after = max(wait, 1.0)
                    raise
                self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def reports(self, since=None):
        """The settlement reports Amazon made (dicts of the Reports API), newest first."""
        params = {"reportTypes": REPORT_TYPE, "pageSize": PAGE_SIZE}
        if since:
            moment = datetime.combine(since, day_time.min, tzinfo=UTC)
            params["createdSince"] = moment.isoformat().replace("+00:00", "Z")
        for _page in range(MAX_PAGES):
            data = self._get("/reports/2021-06-30/reports", params=params).json() or {}
            yield from data.get("reports") or []
            token = data.get("nextToken")
            if not token:
                return
            # A next page is asked with its token alone (the Reports API's rule).
            params = {"nextToken": token}

    def document(self, document_id):
        """The content of a report's document (bytes), downloaded and decompressed."""
        info = self._get(f"/reports/2021-06-30/documents/{document_id}").json() or {}
        url = info.get("url")
        if not url:
            raise ClientError(
                _lt("Amazon gave no URL for report document %(document)s.", document=document_id)
            )
        content = self._get(None, url=url).content
        if (info.get("compressionAlgorithm") or "").upper() == "GZIP":
            try:
                content = gzip.decompress(content)
            except OSError as error:
                raise ClientError(
                    _lt(
                        "report document %(document)s: not GZIP (%(error)s)",
                        document=document_id,
                        error=str(error),
                    )
                ) from None
        return content

    def payouts(self, since=None):
        """Each settlement report, as its flat file's bytes (one settlement each)."""
        for report in self.reports(since):
            if report.get("processingStatus", "DONE") != "DONE" or not report.get(
                "reportDocumentId"
            ):
                continue
            yield self.document(report["reportDocumentId"])

    def transactions(self, payout_id):
        """Nothing more: a settlement's report holds all its rows."""
        return iter(())


def make_client(credentials, shop_url=None, sandbox=False, session=None):
    """The client with the account set's LWA app (``key``, ``secret``) and refresh token."""
    return AmazonReportsClient(
        credentials.get("key"),
        credentials.get("secret"),
        credentials.get("refresh_token"),
        session=session,
    )
