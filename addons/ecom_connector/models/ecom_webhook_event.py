# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import sql

from ..adapters.utils import storable_text
from ..const import WEBHOOK_EVENT_KEEP_DAYS, WEBHOOK_REASONS

_logger = logging.getLogger(__name__)


class EcomWebhookEvent(models.Model):
    """Calls to the webhook endpoint that stored nothing, counted per minute.

    A stored delivery is its payload (the inbox records its delivery id and
    time): it leaves no trace here. Every other call (refused, duplicate,
    ping, topic not taken) is counted in one trace per shop (or per unknown
    shop), minute, status and reason: a flood of forged calls is one row whose
    counter grows, not one row and one log line each. The trace says who
    called (shop, remote address), what (topic, delivery id) and what was
    answered, for the first call of its minute; it never holds a body nor a
    secret.
    """

    _name = "ecom.webhook.event"
    _description = "Webhook Call"
    _order = "received_at desc, id desc"
    _rec_name = "topic"
    _check_company_auto = True

    shop_id = fields.Many2one(
        "ecom.shop", index=True, ondelete="cascade", readonly=True, check_company=True
    )
    # Precomputed: one INSERT per call, no UPDATE after it.
    company_id = fields.Many2one(
        related="shop_id.company_id", store=True, index=True, precompute=True
    )
    received_at = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    last_received_at = fields.Datetime(string="Last Call", readonly=True)
    minute = fields.Datetime(
        readonly=True, help="The minute whose calls this trace counts (UTC, truncated)."
    )
    call_count = fields.Integer(
        string="Calls", default=1, readonly=True, help="Calls of that minute answered the same."
    )
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
    payload_id = fields.Many2one(
        "ecom.payload", readonly=True, ondelete="set null", check_company=True
    )

    def init(self):
        # One trace per shop (unknown shops together), minute, status and reason:
        # the key the endpoint's INSERT ... ON CONFLICT counts on.
        sql.create_unique_index(
            self.env.cr,
            "ecom_webhook_event_minute_uniq",
            self._table,
            ["COALESCE(shop_id, 0)", "minute", "status_code", "reason"],
        )

    @api.depends("status_code")
    def _compute_status(self):
        for event in self:
            event.status = "accepted" if 200 <= event.status_code < 300 else "rejected"

    @api.model
    def _ecom_count(
        self,
        status_code,
        reason,
        detail=None,
        shop_id=None,
        company_id=None,
        topic=None,
        delivery_id=None,
        remote_addr=None,
    ):
        """Count one call to the endpoint in its minute's trace (created at its first call).

        One statement, whatever the number of calls: the trace of this shop,
        minute, status and reason gets one more call, or is created with this
        call's topic, delivery id, detail and address. The first call of a
        refused trace is logged (a WARNING, without the body), the next ones
        only counted.

        :param int status_code: the HTTP status answered
        :param str reason: why, a code of ``WEBHOOK_REASONS``
        :param str detail: more, in a sentence (never a secret nor the body)
        :param int shop_id: the shop called, when there is one
        :param int company_id: its company
        :return: the number of calls the trace now counts
        """
        now = fields.Datetime.now()
        # In a transaction of its own, at READ COMMITTED: calls counted at the
        # same moment on the same trace wait for each other's row lock, then
        # add one each. In the request's REPEATABLE READ transaction they
        # would fail to serialize and Odoo would replay them, sleeping,
        # which a flood of forged calls must not cost. The trace of a call
        # stays when the call's own work is rolled back.
        with self.env.registry.cursor() as cr:
            if not self.env.registry.in_test_mode():  # (tests share one transaction)
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            calls = self._ecom_count_in(
                cr,
                {
                    "shop": shop_id or None,
                    "company": company_id or None,
                    "now": now,
                    "topic": storable_text((topic or "")[:128]) or None,
                    "delivery": storable_text((delivery_id or "")[:128]) or None,
                    "status_code": status_code,
                    "status": "accepted" if 200 <= status_code < 300 else "rejected",
                    "reason": reason,
                    "detail": storable_text(detail) or None,
                    "remote_addr": remote_addr or None,
                    "uid": self.env.uid,
                },
            )
        if calls == 1 and status_code >= 300:
            _logger.warning(
                "ecom webhook: shop %s, topic %s, delivery %s from %s answered %s: %s %s "
                "(further calls of this minute answered the same are only counted)",
                shop_id,
                topic,
                delivery_id,
                remote_addr,
                status_code,
                reason,
                detail or "",
            )
        return calls

    @staticmethod
    def _ecom_count_in(cr, values):
        cr.execute(
            """
            INSERT INTO ecom_webhook_event AS event (
                   shop_id, company_id, received_at, last_received_at, minute, call_count,
                   topic, delivery_id, status_code, status, reason, detail, remote_addr,
                   create_uid, create_date, write_uid, write_date)
            VALUES (%(shop)s, %(company)s, %(now)s, %(now)s, date_trunc('minute', %(now)s), 1,
                   %(topic)s, %(delivery)s, %(status_code)s, %(status)s, %(reason)s,
                   %(detail)s, %(remote_addr)s, %(uid)s, %(now)s, %(uid)s, %(now)s)
            ON CONFLICT (COALESCE(shop_id, 0), minute, status_code, reason)
            DO UPDATE SET call_count = event.call_count + 1,
                          last_received_at = EXCLUDED.last_received_at,
                          write_date = EXCLUDED.write_date
            RETURNING call_count
            """,
            values,
        )
        return cr.fetchone()[0]

    @api.autovacuum
    def _gc_old_events(self):
        """Forget calls older than ``WEBHOOK_EVENT_KEEP_DAYS`` days."""
        limit = fields.Datetime.now() - timedelta(days=WEBHOOK_EVENT_KEEP_DAYS)
        self.sudo().search([("received_at", "<", limit)]).unlink()
