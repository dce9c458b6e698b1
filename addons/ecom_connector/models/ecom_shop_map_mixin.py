# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class EcomShopMapMixin(models.AbstractModel):
    """One of a shop's mappings: a shop value (tax, gateway, method) to an Odoo record."""

    _name = "ecom.shop.map.mixin"
    _description = "Shop Mapping"
    _check_company_auto = True

    shop_id = fields.Many2one("ecom.shop", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="shop_id.company_id", store=True)
