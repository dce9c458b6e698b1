# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class EcomPostingEngine(models.AbstractModel):
    _inherit = "ecom.posting.engine"  # pylint: disable=consider-merging-classes-inherited

    def _mark_posted(self, plans, state_by_order, force):
        """Payouts waiting for these orders are matched and booked as soon as they are paid."""
        orders = super()._mark_posted(plans, state_by_order, force)
        paid = orders.filtered(lambda order: state_by_order.get(order.id) == "posted")
        if paid and self.env["ecom.payout.line"].search_count(
            [("state", "=", "unmatched")], limit=1
        ):
            self.env["ecom.payout"]._ecom_rematch_orders(paid)
        return orders
