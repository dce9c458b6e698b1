# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The shops' webhook endpoint: parse, find the shop, verify, store, acknowledge.

Processing is left to the queue job; the shop gets its answer at once. Every
call leaves a trace (``ecom.webhook.event``), never with its body or a secret.
"""

import logging
from http.client import responses

import psycopg2
from werkzeug.exceptions import RequestEntityTooLarge

from odoo import http
from odoo.http import request

from ..const import WEBHOOK_MAX_BYTES, WEBHOOK_ROUTE

_logger = logging.getLogger(__name__)

# What the endpoint reads of the shop called (fetched at once).
WEBHOOK_SHOP_FIELDS = [
    "active",
    "platform",
    "company_id",
    "webhook_secret",
    "tz",
    "csv_layout_id",
    "csv_options",
    "csv_preset",
    "prestashop_shipped_state_id",
    "magento_source_code",
]


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
            JSON, or not storable: the trace says why), 401 (bad signature,
            or no webhook secret on the shop), 404 (no such shop), 413 (body
            too large); never 500
        """
        httprequest = request.httprequest
        trace = {"remote_addr": httprequest.remote_addr}
        # One query for the shop and what the adapter and the checks read of it.
        shop_sudo = (
            request.env["ecom.shop"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([("id", "=", shop_id)], WEBHOOK_SHOP_FIELDS)
        )
        adapter = shop_sudo.active and shop_sudo._ecom_webhook_adapter()
        if not adapter:
            return self._answer(404, "unknown_shop", f"Shop id {shop_id}.", **trace)
        trace["shop"] = shop_sudo
        try:
            with request.env.cr.savepoint():
                return self._receive(shop_sudo, adapter, params, trace)
        except psycopg2.errors.SerializationFailure:
            raise  # Odoo's request retry runs the call again
        except Exception as error:
            _logger.exception("ecom webhook: shop %s: the delivery could not be stored", shop_id)
            return self._answer(
                400,
                "not_stored",
                f"The delivery could not be stored ({type(error).__name__}: {error})"[:500],
                **trace,
            )

    def _receive(self, shop_sudo, adapter, params, trace):
        """Check, store and answer one delivery (see :meth:`ecom_webhook`)."""
        httprequest = request.httprequest
        delivery = adapter.webhook_headers(httprequest.headers)
        trace.update(topic=delivery.topic, delivery_id=delivery.delivery_id)

        if (httprequest.content_length or 0) > WEBHOOK_MAX_BYTES:
            return self._answer(413, "too_large", _size(httprequest.content_length), **trace)
        httprequest.max_content_length = WEBHOOK_MAX_BYTES
        try:
            body = httprequest.get_data()
        except RequestEntityTooLarge:
            return self._answer(413, "too_large", _size(None), **trace)
        if len(body) > WEBHOOK_MAX_BYTES:
            return self._answer(413, "too_large", _size(len(body)), **trace)

        if adapter.is_webhook_ping(body, httprequest.headers, params):
            return self._answer(200, "ping", None, **trace)
        if not shop_sudo.webhook_secret:
            return self._answer(401, "no_secret", None, **trace)
        if not adapter.verify_webhook(body, httprequest.headers, shop_sudo.webhook_secret):
            return self._answer(401, "bad_signature", None, **trace)

        status, reason, detail, payload_sudo = shop_sudo._ecom_receive_webhook(
            adapter, body, delivery.topic, delivery.delivery_id
        )
        return self._answer(status, reason, detail, payload_id=payload_sudo.id, **trace)

    @staticmethod
    def _answer(status, reason, detail, **trace):
        """Record the call's trace and answer ``status`` (the reason stays in the trace)."""
        request.env["ecom.webhook.event"].sudo()._ecom_log(status, reason, detail, **trace)
        return request.make_response(
            responses.get(status, ""),
            headers=[("Content-Type", "text/plain; charset=utf-8")],
            status=status,
        )


def _size(size):
    limit = f"{WEBHOOK_MAX_BYTES // 1024} kB"
    return f"{size} bytes, over the limit of {limit}." if size else f"Over the limit of {limit}."
