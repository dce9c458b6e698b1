# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class EcomStockMark(models.Model):
    """A product whose stock changed and must be sent to a shop (one row per pair).

    Written with ``INSERT ... ON CONFLICT DO NOTHING`` by the stock hooks, read
    and removed by the shop's push job: many stock moves of one product make
    one mark, and one job per shop sends them all.
    """

    _name = "ecom.stock.mark"
    _description = "Stock to Push to a Shop"
    _log_access = False

    shop_id = fields.Many2one("ecom.shop", required=True, ondelete="cascade", index=True)
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade")

    _sql_constraints = [
        ("shop_product_uniq", "unique(shop_id, product_id)", "A product is marked once per shop."),
    ]
