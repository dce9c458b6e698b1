# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

from odoo.addons.ecom_connector.const import EREPORTING_CATEGORIES


class EcomEreportingInvoice(models.Model):
    """A web sale to a business established abroad, e-reported invoice by invoice.

    A period's current figures (``period_id``), or what one export sent
    (``export_id``).
    """

    _name = "ecom.ereporting.invoice"
    _description = "Web Sale to a Business Abroad (E-reporting)"
    _order = "date, id"
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
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_id = fields.Many2one("account.move", string="Invoice", required=True, check_company=True)
    partner_id = fields.Many2one("res.partner", string="Customer")
    country_id = fields.Many2one("res.country")
    vat = fields.Char(string="VAT Number")
    date = fields.Date(required=True)
    category = fields.Selection(EREPORTING_CATEGORIES, required=True)
    base = fields.Monetary()
    tax = fields.Monetary(string="VAT")

    @api.depends("period_id.company_id", "export_id.company_id")
    def _compute_company_id(self):
        for invoice in self:
            invoice.company_id = invoice.period_id.company_id or invoice.export_id.company_id
