# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Payout providers' webhooks: read, hand to the payouts (which verify), acknowledge.

Which providers send them, and how they sign, is declared in ``payouts/<provider>/``.
"""

import logging
from http.client import responses

import psycopg2

from odoo import http
from odoo.http import request

from odoo.addons.ecom_connector.controllers.main import read_body

from ..const import PAYOUT_WEBHOOK_ROUTE

_logger = logging.getLogger(__name__)


class EcomPayoutWebhookController(http.Controller):
    @http.route(
        f"{PAYOUT_WEBHOOK_ROUTE}/<string:provider>/<int:account_set_id>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def ecom_payout_webhook(self, provider, account_set_id, **_params):
        """Receive one event of ``provider`` for the payouts account set ``account_set_id``.

        The body is read up to the order webhooks' size limit, never further,
        before the signature is checked; hostile input gets a 4xx, never a 500.

        :return: 200 (stored, or an event not taken), 400, 401 (signature), 404, 413
        """
        httprequest = request.httprequest
        body = read_body(httprequest)
        if body is None:
            return self._answer(413)
        try:
            status, _reason = request.env["ecom.payout"]._ecom_webhook(
                provider, account_set_id, body, httprequest.headers
            )
        except psycopg2.errors.SerializationFailure:
            raise  # Odoo's request retry runs the call again
        except (ValueError, TypeError, UnicodeError):
            # Input no check foresaw (the signature is checked first: only
            # the provider's own events get past it).
            _logger.exception("%s payout webhook %s: refused input", provider, account_set_id)
            request.env.cr.rollback()
            return self._answer(400)
        return self._answer(status)

    @staticmethod
    def _answer(status):
        return request.make_response(
            responses.get(status, ""),
            headers=[("Content-Type", "text/plain; charset=utf-8")],
            status=status,
        )
