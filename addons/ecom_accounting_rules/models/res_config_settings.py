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
    ecom_invoice_date_policy = fields.Selection(
        related="company_id.ecom_invoice_date_policy", readonly=False
    )
    ecom_backfill_days = fields.Integer(related="company_id.ecom_backfill_days", readonly=False)
    ecom_web_customer_partner_id = fields.Many2one(
        related="company_id.ecom_web_customer_partner_id", readonly=False
    )
    # The review queue's responsible accountant.
    ecom_accountant_id = fields.Many2one(related="company_id.ecom_accountant_id", readonly=False)
    # French e-invoicing and e-reporting.
    ecom_vat_regime = fields.Selection(related="company_id.ecom_vat_regime", readonly=False)
    ecom_vat_on_debits = fields.Boolean(related="company_id.ecom_vat_on_debits", readonly=False)
    ecom_ereporting_platform_name = fields.Char(
        related="company_id.ecom_ereporting_platform_name", readonly=False
    )
    ecom_ereporting_platform_id = fields.Char(
        related="company_id.ecom_ereporting_platform_id", readonly=False
    )
