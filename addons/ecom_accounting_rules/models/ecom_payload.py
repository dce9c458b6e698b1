# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models
from odoo.osv import expression

from ..const import REPORTED_POSTING_STATES


class EcomPayload(models.Model):
    _inherit = "ecom.payload"

    @api.model
    def _ecom_cli_import(self, shop, paths, progress, run_batch=None, on_batch=None):
        """The command line posts what it imports, synchronously (in each batch)."""
        return super(EcomPayload, self.with_context(ecom_post_sync=True))._ecom_cli_import(
            shop, paths, progress, run_batch=run_batch, on_batch=on_batch
        )

    @api.model
    def _ecom_retention_domain(self, now):
        """Payloads of orders not in the books yet wait too (to be posted, or in review).

        A quotation still waiting for its payment does not keep its payload: if
        the payment comes, the shop sends the order again.
        """
        waiting = [
            "|",
            ("ecom_posting_state", "=", "review"),
            "&",
            ("ecom_posting_state", "=", "pending"),
            ("state", "not in", ("draft", "sent")),
        ]
        return expression.AND(
            [
                super()._ecom_retention_domain(now),
                ["|", ("sale_order_id", "=", False), ("sale_order_id", "not any", waiting)],
            ]
        )

    def _ecom_result(self):
        """Adds ``posting``: outcome, invoice and reason codes (None when nothing to book yet)."""
        result = super()._ecom_result()
        order = self.sale_order_id
        outcome = order.ecom_posting_state
        if outcome not in REPORTED_POSTING_STATES:
            result["posting"] = None
            return result
        invoice = order.invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        ).sorted("id")[-1:]
        open_items = order.ecom_review_item_ids.filtered(lambda item: item.state == "todo")
        result["posting"] = {
            "outcome": outcome,
            "invoice": invoice.name or None,
            "reasons": sorted(set(open_items.reason_ids.mapped("code"))),
        }
        return result
