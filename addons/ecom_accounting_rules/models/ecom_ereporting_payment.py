# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class EcomEreportingPayment(models.Model):
    """Payment data of the e-reporting: what was received on a day for services
    subject to French VAT at one rate (VAT due on receipt: the company did not
    opt for VAT on debits).

    A period's current figures (``period_id``), or what one export sent
    (``export_id``).
    """

    _name = "ecom.ereporting.payment"
    _description = "Web Sales E-reporting Payment"
    _order = "date, rate"
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
    rate = fields.Float(string="VAT Rate (%)", digits=(16, 2))
    amount = fields.Monetary(string="Amount Received", currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", required=True)

    @api.depends("period_id.company_id", "export_id.company_id")
    def _compute_company_id(self):
        for payment in self:
            payment.company_id = payment.period_id.company_id or payment.export_id.company_id
