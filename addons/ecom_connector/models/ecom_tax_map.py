# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from ..const import TAX_COMPOUND_ROLES


class EcomTaxMap(models.Model):
    """A shop's tax (rate, title, country) and the Odoo tax it books to."""

    _name = "ecom.tax.map"
    _inherit = "ecom.shop.map.mixin"
    _description = "Shop Tax Mapping"
    _order = "shop_id, country_id, rate desc"

    rate = fields.Float(digits=(6, 4), required=True, help="Percentage, e.g. 20 for 20 %.")
    title = fields.Char(help="The shop's name for the tax; empty matches any title.")
    country_id = fields.Many2one(
        "res.country", help="Customer's country (destination); empty matches any country."
    )
    tax_id = fields.Many2one(
        "account.tax",
        required=True,
        check_company=True,
        domain="[('type_tax_use', '=', 'sale'), ('company_id', '=', company_id)]",
    )
    compound = fields.Selection(
        TAX_COMPOUND_ROLES,
        string="Compounding",
        help="Empty for a simple tax. Compound: the shop computes it on the price plus the "
        "line's other taxes (its Odoo tax must come after them). In the base of compound "
        "taxes: a simple tax on a line with a compound one (its Odoo tax affects the base "
        "of subsequent taxes).",
    )
    created_from_shop = fields.Boolean(
        readonly=True,
        help="The import created this tax from the shop's tax (the shop's unknown tax "
        "policy): check its accounts and tax report tags.",
    )
