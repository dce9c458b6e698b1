import logging

import psycopg2

from odoo import SUPERUSER_ID, fields, models

from ..adapters import get_adapter
from ..adapters.canonical import PayloadError

_logger = logging.getLogger(__name__)

WEBHOOK_ROUTE = "/ecom/webhook"


class EcomShop(models.Model):
    """Live links of a shop: its webhooks (in), and later stock and shipments (out)."""

    _inherit = "ecom.shop"

    webhook_url = fields.Char(
        string="Webhook URL",
        compute="_compute_webhook_url",
        help="The address to give the shop for its order webhooks.",
    )
    webhook_event_ids = fields.One2many("ecom.webhook.event", "shop_id", string="Webhook Calls")
    webhook_event_count = fields.Integer(compute="_compute_webhook_event_count")

    def _compute_webhook_url(self):
        for shop in self:
            shop.webhook_url = (
                f"{shop.get_base_url()}{WEBHOOK_ROUTE}/{shop.id}"
                if shop.id and shop._ecom_webhook_adapter()
                else False
            )

    def _compute_webhook_event_count(self):
        counts = dict(
            self.env["ecom.webhook.event"]._read_group(
                [("shop_id", "in", self.ids)], ["shop_id"], ["__count"]
            )
        )
        for shop in self:
            shop.webhook_event_count = counts.get(shop, 0)

    # ------------------------------------------------------------ actions

    def action_open_webhook_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecom_connector.ecom_webhook_event_action"
        )
        action.update(domain=[("shop_id", "=", self.id)], context={})
        return action

    # ------------------------------------------------------------ webhooks

    def _ecom_webhook_adapter(self):
        """The shop's adapter when its platform sends signed webhooks, else ``None``."""
        self.ensure_one()
        adapter = get_adapter(self.platform, self._ecom_adapter_options())
        return adapter if adapter.webhook_topics else None

    def _ecom_receive_webhook(self, adapter, body, topic, delivery_id):
        """Store one verified webhook delivery in the inbox and queue its processing.

        Called by the webhook endpoint (as superuser) once the signature is
        checked. A delivery id already in the inbox stores nothing: the
        platform sent the same delivery again.

        :param adapter: the shop's adapter (:meth:`_ecom_webhook_adapter`)
        :param bytes body: the raw request body
        :param str topic: the delivery's topic
        :param str delivery_id: the platform's id of the delivery (may be ``None``)
        :return: ``(status code, reason code, detail, payload)`` for
            the answer and its trace (see ``WEBHOOK_REASONS``)
        """
        self.ensure_one()
        Payload = self.env["ecom.payload"].with_company(self.company_id)
        if topic not in adapter.webhook_topics:
            return 200, "topic_ignored", None, Payload
        if delivery_id:
            known = Payload.search(
                [("shop_id", "=", self.id), ("delivery_id", "=", delivery_id)], limit=1
            )
            if known:
                return 200, "duplicate", None, known
        try:
            documents = adapter.webhook_documents(body, topic)
        except PayloadError as error:
            return 400, "bad_body", str(error), Payload
        if len(documents) != 1:
            return 400, "bad_body", f"{len(documents)} objects where a webhook brings one.", Payload
        try:
            with self.env.cr.savepoint():
                payload = Payload._ecom_store(self, documents, "webhook", delivery_id=delivery_id)
        except psycopg2.errors.UniqueViolation:
            # The same delivery, received twice at the same moment: one is stored.
            return 200, "duplicate", None, Payload
        if payload.state == "new":
            # The job runs as the superuser, as a cron would: not as the public
            # user who called the endpoint.
            payload.with_user(SUPERUSER_ID)._ecom_enqueue()
        _logger.info("ecom webhook: shop %s stored payload %s (%s)", self.id, payload.id, topic)
        return 200, "stored", None, payload
