# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

from ..const import GATEWAY_SELECTION


class EcomPaymentMap(models.Model):
    """A shop's payment gateway and the journal its payments are booked in."""

    _name = "ecom.payment.map"
    _inherit = "ecom.shop.map.mixin"
    _description = "Shop Payment Mapping"
    _order = "shop_id, gateway"

    gateway = fields.Char(required=True, help="The gateway's name as the shop sends it.")
    gateway_label = fields.Selection(
        GATEWAY_SELECTION,
        string="Gateway Name",
        compute="_compute_gateway_label",
        help="The name people know the gateway by, when the connector knows its code.",
    )
    journal_id = fields.Many2one(
        "account.journal",
        required=True,
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash', 'credit')), ('company_id', '=', company_id)]",
    )

    _sql_constraints = [
        ("gateway_uniq", "unique(shop_id, gateway)", "A gateway is mapped once per shop."),
    ]

    @api.depends("gateway")
    def _compute_gateway_label(self):
        known = {code for code, _label in GATEWAY_SELECTION}
        for mapping in self:
            code = (mapping.gateway or "").strip().lower()
            mapping.gateway_label = code if code in known else False

    @api.depends("gateway", "shop_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        labels = dict(self._fields["gateway_label"]._description_selection(self.env))
        for mapping in self:
            name = labels.get(mapping.gateway_label) or mapping.gateway
            mapping.display_name = f"{name} ({mapping.shop_id.name})" if mapping.shop_id else name
