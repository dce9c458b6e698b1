# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What the platforms' API clients have in common (no ORM), and the registry.

A client reads one page of orders at a time, changed since a moment, and
hands back :class:`Page`: the page's orders cut into :class:`InboundDocument`
by the platform's adapter (exactly what the file importer would store), the
token that fetches the next page (``None`` on the last one; JSON-serialisable,
so the shop can keep it and resume there after a failure), and the shop's
clock when it answered (its ``Date`` header), which bounds the next window.

Each platform paginates in an order that a change during the pull cannot
shift (Shopify's cursor, ascending ids elsewhere), over a window open at its
end: an order updated while we page is either still ahead of us or caught by
the next window, which starts where this one's shop clock started.
"""

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import requests

from odoo.tools.translate import LazyTranslate

from ..adapters.base import platform_registry
from ..adapters.canonical import PayloadError
from . import http

_lt = LazyTranslate(__name__)

_CLIENTS = {}
#: Class decorator: make a pull client available under ``platform``.
register_client = platform_registry(_CLIENTS)


def get_pull_client(platform, base_url, credentials, adapter, **options):
    """A pull client for ``platform``.

    :param base_url: the shop's address (``https://myshop.example.com``)
    :param credentials: a dict with ``token``, or ``key`` and ``secret``
    :param adapter: the platform's adapter (:mod:`..adapters`), which cuts the pages
    :param options: ``timeout``, ``page_size``, ``sleep``, ``session`` (see
        :class:`PullClient`)
    :raises KeyError: when the platform cannot be pulled (CSV exports)
    """
    return _CLIENTS[platform](base_url, credentials, adapter, **options)


def pull_platforms():
    return sorted(_CLIENTS)


@dataclass
class Page:
    """One page of orders as the platform returned it."""

    documents: list
    next_token: object = None
    server_time: datetime | None = None  # naive UTC


class PullClient:
    """Reads a shop's orders changed since a moment, one page at a time.

    :param base_url: the shop's address; ``https://`` is added when missing
    :param credentials: a dict (``token``, ``key``, ``secret``)
    :param adapter: the platform's adapter
    :param timeout: seconds, or ``(connect, read)`` seconds, for every call
    :param page_size: orders per page (the platform's maximum by default)
    :param sleep: how to wait when the platform asks to slow down
    :param session: a ``requests.Session`` (connections are reused across pages)
    """

    platform = None
    max_page_size = 100

    def __init__(
        self,
        base_url,
        credentials,
        adapter,
        timeout=http.DEFAULT_TIMEOUT,
        page_size=None,
        sleep=time.sleep,
        session=None,
    ):
        base_url = (base_url or "").strip().rstrip("/")
        if base_url and "://" not in base_url:
            base_url = f"https://{base_url}"
        if not base_url:
            raise http.ClientError("The shop has no URL: set it on the shop.")
        self.base_url = base_url
        self.credentials = {key: value for key, value in (credentials or {}).items() if value}
        self.adapter = adapter
        self.timeout = timeout
        self.page_size = min(page_size or self.max_page_size, self.max_page_size)
        self.sleep = sleep
        self.session = session or requests.Session()

    def fetch_page(self, since, token=None):
        """One page of orders updated at or after ``since``.

        :param datetime since: naive UTC, or ``None`` for every order
        :param token: the previous page's ``next_token`` (``None``: first page)
        :return: a :class:`Page`
        :raises http.ShopApiError: (its subclasses) when the call fails
        """
        raise NotImplementedError

    # ------------------------------------------------------------ helpers

    def _get(self, url, params=None, **kwargs):
        return http.request(
            "GET",
            url,
            params=params,
            timeout=self.timeout,
            sleep=self.sleep,
            session=self.session,
            secrets=tuple(self.credentials.values()),
            **kwargs,
        )

    def _send(self, method, url, params=None, json_body=None, **kwargs):
        """Write to the shop's API (webhooks, stock, shipments); see :meth:`_get`."""
        return http.request(
            method,
            url,
            params=params,
            json_body=json_body,
            timeout=self.timeout,
            sleep=self.sleep,
            secrets=tuple(self.credentials.values()),
            **kwargs,
        )

    def _split(self, content, response):
        """The adapter's documents for a page body (what a file import stores)."""
        try:
            return self.adapter.split(content, "orders.json")
        except PayloadError as error:
            raise http.ClientError(
                _lt(
                    "%(url)s did not answer an order list: %(error)s",
                    url=response.url,
                    error=error.message,
                ),
                response.status,
            ) from None

    @staticmethod
    def _server_time(response):
        """The shop's clock (its ``Date`` header) as naive UTC, or ``None``."""
        value = response.headers.get("Date")
        if not value:
            return None
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:
            return moment
        return moment.astimezone(UTC).replace(tzinfo=None)

    @staticmethod
    def _iso(moment):
        """Naive UTC to ISO 8601 with a ``Z``, as the REST APIs take it."""
        return moment.replace(microsecond=0).isoformat() + "Z"
