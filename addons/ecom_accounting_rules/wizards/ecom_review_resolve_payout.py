# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models

from ..const import DISPUTE_RESOLUTIONS, PAYOUT_RESOLUTIONS


class EcomReviewResolve(models.TransientModel):
    _inherit = "ecom.review.resolve"

    @api.model
    def _ecom_fitting_resolutions(self, item):
        """A payout's dispute is won or lost; other items as their reason says."""
        if item.payout_line_id.type == "dispute":
            return list(DISPUTE_RESOLUTIONS)
        return super()._ecom_fitting_resolutions(item)

    def action_apply(self):
        self.ensure_one()
        if self.resolution not in PAYOUT_RESOLUTIONS:
            return super().action_apply()
        allowed = (self.allowed_resolutions or "").split(",")
        if self.item_id.state != "todo" or self.resolution not in allowed:
            return super().action_apply()  # its checks say why
        # As for the orders' resolutions: the entries say a review made them, and whose.
        stamp = self.env["account.move"]._ecom_trigger_context("review")
        self.item_id.with_context(**stamp)._ecom_resolve_payout(
            self.resolution, account=self.difference_account_id, note=self.note
        )
        return {"type": "ir.actions.act_window_close"}
