# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Review items of payouts: opening, closing and resolving them.

A payout that does not add up, whose charges or refunds are not in Odoo
yet, or that failed, has one item per reason (no order); each dispute of a
booked payout has a chargeback item on its order, if known.
"""

from odoo import _, fields, models
from odoo.exceptions import UserError


class EcomReviewItem(models.Model):
    _inherit = "ecom.review.item"  # pylint: disable=consider-merging-classes-inherited

    # A payout's item has no order.
    sale_order_id = fields.Many2one(required=False)
    payout_id = fields.Many2one(
        "ecom.payout", index="btree_not_null", readonly=True, ondelete="cascade"
    )
    payout_line_id = fields.Many2one(
        "ecom.payout.line", string="Payout Transaction", readonly=True, ondelete="set null"
    )

    _sql_constraints = [
        ("payout_key_uniq", "unique(payout_id, key)", "A payout has one review item per event."),
        (
            "order_or_payout",
            "check(sale_order_id IS NOT NULL OR payout_id IS NOT NULL)",
            "A review item is about an order or a payout.",
        ),
    ]

    def action_open_payout(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ecom.payout",
            "res_id": self.payout_id.id,
            "view_mode": "form",
        }

    def _ecom_close_told(self):
        """Payout items have no order to tell: the payout's chatter is told instead."""
        return super()._ecom_close_told() or self.payout_id

    def _ecom_resolve_payout(self, resolution, account=None, note=None):
        """Apply a payout resolution to this item, then close it.

        :param account: the account of the difference (``payout_difference``)
        :raises UserError: when the payout still cannot be booked
        """
        self.ensure_one()
        payout = self.payout_id.with_company(self.company_id)
        moves = self.env["account.move"]
        if resolution == "payout_difference":
            if payout.line_ids.filtered(lambda line: line.state == "unmatched"):
                raise UserError(
                    _(
                        "Match or book the unmatched transactions of %(payout)s first.",
                        payout=payout.name,
                    )
                )
            moves = payout._ecom_book(
                difference_account=account or payout.account_set_id.adjustment_account_id
            )
        elif resolution == "payout_rematch":
            payout.state = "pending"
            payout._ecom_process()
            if payout.state != "booked":
                raise UserError(
                    _(
                        "%(payout)s still cannot be booked:\n%(problems)s",
                        payout=payout.name,
                        problems=payout.problems or "",
                    )
                )
            moves = payout.move_id
            return True  # booking closed the payout's items
        elif resolution == "payout_book_unmatched":
            if not payout.balanced:
                raise UserError(
                    _("%(payout)s does not add up: book its difference first.", payout=payout.name)
                )
            moves = payout._ecom_book(
                unmatched_account=payout.account_set_id._ecom_clearing_account()
            )
        elif resolution == "payout_reverse":
            moves = payout._ecom_reverse()
            if not payout.move_id:
                payout.state = "nothing"
        elif resolution == "dispute_lost":
            note = note or _("The dispute is lost: its amount stays on the disputes account.")
        elif resolution == "dispute_won":
            note = note or _(
                "The dispute is won: the provider pays the amount back in a later payout, "
                "booked on the disputes account."
            )
        if self.state == "todo":
            self._ecom_close(resolution, note or "", moves=moves)
        return True
