# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Stripe's payout webhooks: read, hand to the payouts (which verify), acknowledge."""

from http.client import responses

from odoo import http
from odoo.http import request

from odoo.addons.ecom_connector.const import PAYOUT_WEBHOOK_ROUTE, WEBHOOK_MAX_BYTES


class EcomPayoutWebhookController(http.Controller):
    @http.route(
        f"{PAYOUT_WEBHOOK_ROUTE}/<int:account_set_id>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def ecom_stripe_payout_webhook(self, account_set_id, **_params):
        """Receive one Stripe event of the payouts account set ``account_set_id``.

        :return: 200 (stored, or an event not taken), 400, 401 (signature), 404, 413
        """
        httprequest = request.httprequest
        if (httprequest.content_length or 0) > WEBHOOK_MAX_BYTES:
            return self._answer(413)
        body = httprequest.get_data()
        status, _reason = request.env["ecom.payout"]._ecom_stripe_webhook(
            account_set_id, body, httprequest.headers.get("Stripe-Signature")
        )
        return self._answer(status)

    @staticmethod
    def _answer(status):
        return request.make_response(
            responses.get(status, ""),
            headers=[("Content-Type", "text/plain; charset=utf-8")],
            status=status,
        )
