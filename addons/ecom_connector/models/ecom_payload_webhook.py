# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import json

from odoo import _, fields, models

from ..adapters.canonical import KIND_REFUND


class EcomPayload(models.Model):
    """The webhook side of the inbox: a delivery is stored once, whatever resends it."""

    _inherit = "ecom.payload"

    webhook_body_hash = fields.Char(
        readonly=True,
        copy=False,
        help="SHA-256 of the webhook request's body, as received: the same body "
        "received again for this shop is a duplicate, whatever its delivery id.",
    )

    _sql_constraints = [
        (
            "webhook_body_uniq",
            "unique(shop_id, webhook_body_hash)",
            "This webhook body was already received.",
        ),
    ]

    def _ecom_process(self):
        """Refund notices are settled here; everything else is imported as orders."""
        notices = self.filtered(lambda p: p.kind == KIND_REFUND and p.source == "webhook")
        notices._ecom_settle_refund_notices()
        if self - notices:
            super(EcomPayload, self - notices)._ecom_process()
        return self

    def _ecom_settle_refund_notices(self):
        """Record what a refund webhook (a refund, not an order) tells about its order.

        The order carries its refunds, and the shop sends the changed order
        (orders/updated) with every refund: that order payload is what updates
        the sale order. A notice whose refund the sale order already shows is a
        duplicate; otherwise it is skipped with a note saying what to expect.
        """
        if not self:
            return
        orders = self.env["sale.order"].search(
            [
                ("ecom_shop_id", "in", self.shop_id.ids),
                ("ecom_external_id", "in", [p.external_id for p in self if p.external_id]),
            ]
        )
        order_of = {(o.ecom_shop_id.id, o.ecom_external_id): o for o in orders}
        now = fields.Datetime.now()
        for payload in self:
            try:
                refund_id = str(json.loads(payload.body).get("id") or "")
            except (ValueError, AttributeError):
                refund_id = ""
            order = order_of.get((payload.shop_id.id, payload.external_id))
            known = order and refund_id in order.ecom_refund_ids.mapped("external_id")
            if known:
                state = "duplicate"
                note = _(
                    "Refund %(refund)s is already on %(order)s.", refund=refund_id, order=order.name
                )
            else:
                state = "skipped"
                note = _(
                    "Refund %(refund)s of shop order %(order)s: the shop sends the order with "
                    "its refunds as an order update, which updates the sale order.",
                    refund=refund_id or "?",
                    order=payload.external_id,
                )
            payload.write(
                {
                    "state": state,
                    "note": note,
                    "error": False,
                    "sale_order_id": order.id if order else False,
                    "processed_at": now,
                }
            )
