# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class EcomEreportingDifference(models.Model):
    """A web-sale document whose e-reported figures differ from what its entry books.

    The e-reporting takes each invoice line's VAT as the invoice computes it and
    each summarised order's lines as the summary computed them; the ledger, the
    document's lines with taxes and its tax lines. A difference (a tax line
    edited by hand, taxes rounded globally) is listed here to fix before the due
    date.
    """

    _name = "ecom.ereporting.difference"
    _description = "Web Sales E-reporting Difference with the Ledger"
    _order = "move_id"
    _check_company_auto = True

    period_id = fields.Many2one(
        "ecom.ereporting.period", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_id = fields.Many2one("account.move", string="Entry", required=True, check_company=True)
    date = fields.Date(related="move_id.date")
    base = fields.Monetary(string="Reported Base")
    tax = fields.Monetary(string="Reported VAT")
    ledger_base = fields.Monetary()
    ledger_tax = fields.Monetary(string="Ledger VAT")
    base_difference = fields.Monetary()
    tax_difference = fields.Monetary(string="VAT Difference")
