# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, fields, models

from odoo.addons.ecom_connector.tools import count_by


class EcomShop(models.Model):
    """The payouts' side of a shop: money in transit and fees, per provider."""

    _inherit = "ecom.shop"  # pylint: disable=consider-merging-classes-inherited

    payout_figure_ids = fields.One2many(
        "ecom.payout.figures", "shop_id", string="Payouts by Provider", readonly=True
    )
    payout_in_transit = fields.Monetary(
        compute="_compute_payout_in_transit",
        string="Money in Transit",
        currency_field="company_currency_id",
        help="Paid by this shop's customers through payment providers, not paid out yet.",
    )
    payout_count = fields.Integer(compute="_compute_payout_in_transit", string="Payouts")

    def _compute_payout_in_transit(self):
        in_transit = dict(
            self.env["ecom.payout.figures"]._read_group(
                [("shop_id", "in", self.ids)], ["shop_id"], ["in_transit:sum"]
            )
        )
        payouts = count_by(self, "ecom.payout", "shop_id")
        for shop in self:
            shop.payout_in_transit = in_transit.get(shop, 0.0)
            shop.payout_count = payouts.get(shop, 0)

    def action_open_payouts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecom_accounting_rules.ecom_payout_action"
        )
        action["domain"] = [("shop_id", "=", self.id)]
        action["context"] = {"create": False}
        action["name"] = _("Payouts of %(shop)s", shop=self.name)
        return action
