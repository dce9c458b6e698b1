# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The shops' webhook endpoint: parse, find the shop, verify, store, acknowledge.

Processing is left to the queue job; the shop gets its answer at once. The
request does no more than that: the shop's secret comes from a cache, the
database's unique constraints tell a duplicate, the payload and its job are
the only records written. A stored delivery is its payload; every other call
is counted in a trace per shop and minute (``ecom.webhook.event``), never
with its body or a secret.
"""

import logging
from http.client import responses

import psycopg2

from odoo import http
from odoo.http import request

from ..adapters import get_adapter
from ..const import WEBHOOK_MAX_BYTES, WEBHOOK_ROUTE

_logger = logging.getLogger(__name__)


def read_body(httprequest, limit=WEBHOOK_MAX_BYTES):
    """The request's raw body, or ``None`` when it is over ``limit`` bytes.

    A declared length over the limit is refused unread; a body without one
    (chunked) is read ``limit + 1`` bytes at most, never to its end: werkzeug
    2.2's ``get_data()`` reads a chunked body whole, whatever
    ``max_content_length`` says.

    :param httprequest: Odoo's ``request.httprequest``
    :return: bytes, or ``None``
    """
    if (httprequest.content_length or 0) > limit:
        return None
    # Odoo wraps werkzeug's request and does not expose its stream; its own
    # bus reaches the wrapped request's environ the same way.
    stream = httprequest._HTTPRequest__wrapped.stream
    chunks, size = [], 0
    while size <= limit:
        chunk = stream.read(limit + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return None if size > limit else b"".join(chunks)


class EcomWebhookController(http.Controller):
    @http.route(
        f"{WEBHOOK_ROUTE}/<int:shop_id>",
        type="http",
        # The delivery authenticates itself (the shop's signature) and is read
        # and stored as the superuser: no user, no language, no session to load.
        auth="none",
        # Odoo 18 opens auth="none" routes on a read-only cursor, then runs them
        # again read-write when they write: this one always writes (the payload,
        # the trace), so it asks for read-write at once.
        readonly=False,
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def ecom_webhook(self, shop_id, **params):
        """Receive one webhook delivery of shop ``shop_id``.

        :return: 200 (stored, replayed, ping, topic not taken), 400 (not
            JSON, or not storable: the trace says why), 401 (no such shop,
            archived, bad signature, or no webhook secret on the shop: the
            same answer, which does not tell which shop ids exist), 413 (body
            too large); never 500
        """
        httprequest = request.httprequest
        trace = {"remote_addr": httprequest.remote_addr}
        settings = request.env["ecom.shop"]._ecom_webhook_settings(shop_id)
        if settings:
            trace.update(shop_id=settings.shop_id, company_id=settings.company_id)
        body = read_body(httprequest)
        if body is None:
            return self._answer(413, "too_large", _size(httprequest.content_length), **trace)
        if not settings:
            return self._answer(401, "unknown_shop", f"Shop id {shop_id}.", **trace)
        try:
            return self._receive(settings, body, params, trace)
        except psycopg2.errors.SerializationFailure:
            raise  # Odoo's request retry runs the call again
        except Exception as error:
            _logger.exception("ecom webhook: shop %s: the delivery could not be stored", shop_id)
            # Nothing of a delivery half stored stays (the trace has a
            # transaction of its own): cheaper than a savepoint per call.
            request.env.cr.rollback()
            return self._answer(
                400,
                "not_stored",
                f"The delivery could not be stored ({type(error).__name__}: {error})"[:500],
                **trace,
            )

    def _receive(self, settings, body, params, trace):
        """Check, store and answer one delivery (see :meth:`ecom_webhook`)."""
        headers = request.httprequest.headers
        adapter = get_adapter(settings.platform, settings.options)
        delivery = adapter.webhook_headers(headers)
        trace.update(topic=delivery.topic, delivery_id=delivery.delivery_id)
        if adapter.is_webhook_ping(body, headers, params):
            return self._answer(200, "ping", None, **trace)
        if not settings.secret:
            return self._answer(401, "no_secret", None, **trace)
        if not adapter.verify_webhook(body, headers, settings.secret):
            return self._answer(401, "bad_signature", None, **trace)
        # As the superuser, the shop being authenticated by its signature; this
        # one shop. Its company (all the storing reads of it: the payload's is
        # the shop's) put in the ORM's cache from the cached settings, so that
        # the shop is not read again.
        shop_sudo = request.env["ecom.shop"].sudo().browse(settings.shop_id)
        shop_sudo.env.cache.update(
            shop_sudo, shop_sudo._fields["company_id"], [settings.company_id]
        )
        status, reason, detail, payload_sudo = shop_sudo._ecom_receive_webhook(
            adapter, body, delivery.topic, delivery.delivery_id
        )
        if reason == "stored":
            # The payload records the delivery: no trace of it.
            return self._respond(status)
        return self._answer(status, reason, detail, payload_id=payload_sudo.id, **trace)

    @classmethod
    def _answer(cls, status, reason, detail, payload_id=None, **trace):
        """Count the call in its trace and answer ``status`` (the reason stays in the trace)."""
        request.env["ecom.webhook.event"]._ecom_count(status, reason, detail, **trace)
        return cls._respond(status)

    @staticmethod
    def _respond(status):
        return request.make_response(
            responses.get(status, ""),
            headers=[("Content-Type", "text/plain; charset=utf-8")],
            status=status,
        )


def _size(size):
    limit = f"{WEBHOOK_MAX_BYTES // 1024} kB"
    return f"{size} bytes, over the limit of {limit}." if size else f"Over the limit of {limit}."
