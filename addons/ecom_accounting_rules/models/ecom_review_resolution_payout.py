# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Review items of payouts: opening and closing them (resolving them is the item's).

A payout that does not add up, whose charges or refunds are not in Odoo
yet, or that failed, has one item per reason (no order); each dispute of a
booked payout has a chargeback item on its order, if known.
"""

from odoo import Command, _, api, models
from odoo.tools import format_amount

from odoo.addons.ecom_connector.const import (
    REASON_CHARGEBACK,
    REASON_PAYOUT_FAILED,
    REASON_PAYOUT_MISMATCH,
    REASON_PAYOUT_UNMATCHED,
)

PAYOUT_REASONS = (REASON_PAYOUT_MISMATCH, REASON_PAYOUT_UNMATCHED, REASON_PAYOUT_FAILED)


class EcomPayout(models.Model):
    _inherit = "ecom.payout"  # pylint: disable=consider-merging-classes-inherited

    def _ecom_open_payout_item(self, code, sentence):
        """Open (or reopen) this payout's item for reason ``code``."""
        self.ensure_one()
        Item = self.env["ecom.review.item"]
        reason = self.env["ecom.reason"]._by_code("review").get(code)
        item = Item.search([("payout_id", "=", self.id), ("key", "=", code)], limit=1)
        vals = {
            "description": sentence,
            "difference": self.difference,
            "amount_at_stake": abs(self.difference)
            if code == REASON_PAYOUT_MISMATCH
            else self.amount,
        }
        if item:
            if item.state != "todo" or item.description != sentence:
                item.write({**vals, "state": "todo", "resolution": False})
            return item
        return self._ecom_assign_items(
            Item.create(
                {
                    **vals,
                    "name": _(
                        "%(payout)s: %(reason)s", payout=self.name, reason=reason.name or code
                    ),
                    "key": code,
                    "stage": "after",
                    "company_id": self.company_id.id,
                    "shop_id": self.shop_id.id,
                    "payout_id": self.id,
                    "currency_id": self.currency_id.id,
                    "reason_id": reason.id,
                    "reason_ids": [Command.set(reason.ids)],
                }
            )
        )

    @api.model
    def _ecom_assign_items(self, items):
        """A to-do activity for the responsible accountant of each new payout item.

        :return: ``items``
        """
        items._ecom_schedule_todos(
            lambda item, env: env._("Review payout %(payout)s", payout=item.payout_id.name)
        )
        return items

    def _ecom_close_payout_items(self):
        items = self.review_item_ids.filtered(
            lambda item: item.state == "todo" and item.key in PAYOUT_REASONS
        )
        items._ecom_close("automatic", _("Matched and booked by the rules."))

    def _ecom_open_dispute_items(self):
        """A chargeback item per dispute of these payouts (its order's, when known)."""
        Item = self.env["ecom.review.item"]
        reason = self.env["ecom.reason"]._by_code("review")[REASON_CHARGEBACK]
        disputes = self.line_ids.filtered(lambda line: line.type == "dispute")
        existing = set(
            Item.search([("payout_line_id", "in", disputes.ids)]).mapped("payout_line_id").ids
        )
        vals_list = []
        for line in disputes.filtered(lambda line: line.id not in existing):
            order = line.sale_order_id
            name = order.name or line.order_reference or line.order_external_id or line.external_id
            vals_list.append(
                {
                    "name": _("%(order)s: dispute %(id)s", order=name, id=line.external_id),
                    "key": f"payout-dispute:{line.id}",
                    "stage": "after",
                    "company_id": line.company_id.id,
                    "sale_order_id": order.id or False,
                    "shop_id": (order.ecom_shop_id or line.payout_id.shop_id).id,
                    "payout_id": line.payout_id.id,
                    "payout_line_id": line.id,
                    "currency_id": line.currency_id.id,
                    "amount_at_stake": abs(line.amount),
                    "reason_id": reason.id,
                    "reason_ids": [Command.set(reason.ids)],
                    "description": _(
                        "The provider took %(amount)s back (dispute %(id)s) and %(fee)s of fees; "
                        "both are booked in %(payout)s. Accept the lost dispute, or record it "
                        "won when the provider pays it back.",
                        amount=format_amount(self.env, abs(line.amount), line.currency_id),
                        id=line.external_id,
                        fee=format_amount(self.env, line.fee, line.currency_id),
                        payout=line.payout_id.name,
                    ),
                }
            )
        return self._ecom_assign_items(Item.create(vals_list)) if vals_list else Item

    @api.model
    def _ecom_rematch_orders(self, orders):
        """Book again the payouts waiting for these orders (called when they are posted)."""
        if not orders:
            return self.browse()
        refs = [ref for ref in orders.mapped("ecom_reference") + orders.mapped("name") if ref]
        lines = self.env["ecom.payout.line"].search(
            [
                ("state", "=", "unmatched"),
                ("company_id", "in", orders.company_id.ids),
                "|",
                "|",
                ("sale_order_id", "in", orders.ids),
                ("order_external_id", "in", [o for o in orders.mapped("ecom_external_id") if o]),
                ("order_reference", "in", refs),
            ]
        )
        payouts = lines.payout_id.filtered(lambda p: p.state == "review")
        payouts.write({"state": "pending"})
        return payouts._ecom_process()
