# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import logging
from datetime import timedelta

from odoo import api, fields, models

from ..adapters.utils import storable_text
from ..const import WEBHOOK_EVENT_KEEP_DAYS, WEBHOOK_REASONS

_logger = logging.getLogger(__name__)


class EcomWebhookEvent(models.Model):
    """The trace of one call to the webhook endpoint, accepted or not.

    Says who called (shop, remote address), what (topic, delivery id), and
    what was answered (status code and reason). It never holds the body of a
    call, nor any secret: an accepted body is in the inbox (``payload_id``),
    a rejected one is not kept at all.
    """

    _name = "ecom.webhook.event"
    _description = "Webhook Call"
    _order = "id desc"
    _rec_name = "topic"

    shop_id = fields.Many2one("ecom.shop", index=True, ondelete="cascade", readonly=True)
    # Precomputed: one INSERT per call, no UPDATE after it.
    company_id = fields.Many2one(
        related="shop_id.company_id", store=True, index=True, precompute=True
    )
    received_at = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    topic = fields.Char(readonly=True)
    delivery_id = fields.Char(readonly=True)
    status_code = fields.Integer(readonly=True)
    status = fields.Selection(
        [("accepted", "Accepted"), ("rejected", "Rejected")],
        compute="_compute_status",
        store=True,
        precompute=True,
    )
    reason = fields.Selection(WEBHOOK_REASONS, readonly=True)
    detail = fields.Char(readonly=True)
    remote_addr = fields.Char(string="Remote Address", readonly=True)
    payload_id = fields.Many2one("ecom.payload", readonly=True, ondelete="set null")

    @api.depends("status_code")
    def _compute_status(self):
        for event in self:
            event.status = "accepted" if 200 <= event.status_code < 300 else "rejected"

    @api.model
    def _ecom_log(
        self, status_code, reason, detail=None, shop=None, topic=None, delivery_id=None, **values
    ):
        """Record one call to the endpoint (and log rejected ones, without the body).

        :param int status_code: the HTTP status answered
        :param str reason: why, a code of ``WEBHOOK_REASONS``
        :param str detail: more, in a sentence (never a secret nor the body)
        :param shop: the ``ecom.shop`` called, when there is one
        :param values: other fields (``remote_addr``, ``payload_id``)
        :return: the created event
        """
        if status_code >= 300:
            _logger.warning(
                "ecom webhook: shop %s, topic %s, delivery %s from %s answered %s: %s %s",
                shop.id if shop else None,
                topic,
                delivery_id,
                values.get("remote_addr"),
                status_code,
                reason,
                detail or "",
            )
        return self.create(
            {
                "shop_id": shop.id if shop else False,
                "topic": storable_text((topic or "")[:128]) or False,
                "delivery_id": storable_text((delivery_id or "")[:128]) or False,
                "status_code": status_code,
                "reason": reason,
                "detail": detail,
                **values,
            }
        )

    @api.autovacuum
    def _gc_old_events(self):
        """Forget calls older than ``WEBHOOK_EVENT_KEEP_DAYS`` days."""
        limit = fields.Datetime.now() - timedelta(days=WEBHOOK_EVENT_KEEP_DAYS)
        self.sudo().search([("received_at", "<", limit)]).unlink()
