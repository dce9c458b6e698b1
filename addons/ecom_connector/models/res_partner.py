# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    ecom_placeholder = fields.Boolean(
        string="Placeholder Customer",
        readonly=True,
        help="Created for a shop order whose customer was not in the payload: "
        "complete it from the shop.",
    )
