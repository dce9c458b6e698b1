# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import SUPERUSER_ID, api, fields, models

from odoo.addons.ecom_connector.tools import count_by

from ..const import ENTRY_TRIGGERS


class AccountMove(models.Model):
    _inherit = "account.move"

    ecom_shop_id = fields.Many2one(
        "ecom.shop", string="Web Shop", readonly=True, copy=False, index="btree_not_null"
    )
    ecom_posting_rule_id = fields.Many2one(
        "ecom.posting.rule",
        string="Posted by Rule",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    ecom_posting_rule_version = fields.Integer(string="Rule Version", readonly=True, copy=False)
    # Who made the books move: the rules run as the system, so the entry
    # itself says what started it and at whose request (context
    # ``ecom_trigger``, set by the engine, the Post button, the review
    # resolutions and the payout booking).
    ecom_trigger = fields.Selection(
        ENTRY_TRIGGERS, string="Made By", readonly=True, copy=False, index="btree_not_null"
    )
    ecom_triggered_by_id = fields.Many2one(
        "res.users",
        string="At the Request Of",
        readonly=True,
        copy=False,
        help="The person whose action made this entry: who imported the order the rules "
        "posted, clicked Post to the Books, resolved the review item or booked the payout "
        "(OdooBot for the schedule and the shops' webhooks).",
    )
    ecom_summary_order_ids = fields.One2many(
        "sale.order", "ecom_summary_move_id", string="Orders in this Summary"
    )
    ecom_summary_order_count = fields.Integer(
        compute="_compute_ecom_summary_order_count", compute_sudo=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        trigger = self.env.context.get("ecom_trigger")
        if trigger:
            user_id = self.env.context.get("ecom_trigger_uid") or self.env.uid
            for vals in vals_list:
                vals.setdefault("ecom_trigger", trigger)
                vals.setdefault("ecom_triggered_by_id", user_id)
        return super().create(vals_list)

    @api.model
    def _ecom_trigger_context(self, trigger):
        """The context that stamps the entries made under it with ``trigger`` and its user.

        The user is the real one behind a ``sudo()`` (whose uid Odoo keeps); an
        anonymous webhook's import is the system's.
        """
        user = self.env.user
        uid = SUPERUSER_ID if user._is_public() else user.id
        return {"ecom_trigger": trigger, "ecom_trigger_uid": uid}

    def _ecom_stamp_trigger(self, trigger):
        """Say on these existing entries (a prepared credit note posted now) who made them."""
        if self:
            self.sudo().write({"ecom_trigger": trigger, "ecom_triggered_by_id": self.env.user.id})

    def _compute_ecom_summary_order_count(self):
        # As superuser (compute_sudo): a billing user without sales rights
        # opens the entry too; counted in the entry's own company only.
        counts = count_by(self, "sale.order", "ecom_summary_move_id", own_company=True)
        for move in self:
            move.ecom_summary_order_count = counts.get(move, 0)

    def action_open_ecom_summary_orders(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("ecom_summary_move_id", "=", self.id)],
            "context": {"create": False},
        }
