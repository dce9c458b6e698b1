# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

from odoo.addons.ecom_connector.const import EREPORTING_CATEGORIES


class EcomEreportingLine(models.Model):
    """One row of the e-reporting of web sales to consumers: a day, a category, a VAT rate.

    A period's current figures (``period_id``), or what one export sent
    (``export_id``: the figures of an initial export, the changes of a
    corrective one).
    """

    _name = "ecom.ereporting.line"
    _description = "Web Sales E-reporting Row"
    _order = "date, category, rate"
    _check_company_auto = True

    period_id = fields.Many2one(
        "ecom.ereporting.period", ondelete="cascade", index="btree_not_null", check_company=True
    )
    export_id = fields.Many2one(
        "ecom.ereporting.export", ondelete="cascade", index="btree_not_null", check_company=True
    )
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True
    )
    date = fields.Date(required=True)
    category = fields.Selection(EREPORTING_CATEGORIES, required=True)
    rate = fields.Float(string="VAT Rate (%)", digits=(16, 2))
    base = fields.Monetary(currency_field="currency_id")
    tax = fields.Monetary(string="VAT", currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", required=True)

    @api.depends("period_id.company_id", "export_id.company_id")
    def _compute_company_id(self):
        for line in self:
            line.company_id = line.period_id.company_id or line.export_id.company_id
