# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from odoo.addons.ecom_connector.tools import count_by


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
    ecom_summary_order_ids = fields.One2many(
        "sale.order", "ecom_summary_move_id", string="Orders in this Summary"
    )
    ecom_summary_order_count = fields.Integer(
        compute="_compute_ecom_summary_order_count", compute_sudo=True
    )

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
