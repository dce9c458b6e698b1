# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ecom_rounding_tolerance = fields.Monetary(
        related="company_id.ecom_rounding_tolerance", readonly=False
    )
    ecom_rounding_account_id = fields.Many2one(
        related="company_id.ecom_rounding_account_id", readonly=False
    )
    ecom_difference_account_id = fields.Many2one(
        related="company_id.ecom_difference_account_id", readonly=False
    )
    ecom_loss_account_id = fields.Many2one(
        related="company_id.ecom_loss_account_id", readonly=False
    )
    ecom_gift_card_account_id = fields.Many2one(
        related="company_id.ecom_gift_card_account_id", readonly=False
    )
