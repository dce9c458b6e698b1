# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class EcomPaymentMap(models.Model):
    """A shop's payment gateway and the journal its payments are booked in."""

    _name = "ecom.payment.map"
    _inherit = "ecom.shop.map.mixin"
    _description = "Shop Payment Mapping"
    _order = "shop_id, gateway"

    gateway = fields.Char(required=True, help="The gateway's name as the shop sends it.")
    journal_id = fields.Many2one(
        "account.journal",
        required=True,
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash', 'credit')), ('company_id', '=', company_id)]",
    )

    _sql_constraints = [
        ("gateway_uniq", "unique(shop_id, gateway)", "A gateway is mapped once per shop."),
    ]
