# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class EcomShippingMap(models.Model):
    """A shop's shipping method and the delivery product / carrier for it."""

    _name = "ecom.shipping.map"
    _inherit = "ecom.shop.map.mixin"
    _description = "Shop Shipping Mapping"
    _order = "shop_id, code"

    code = fields.Char(required=True, help="The method's code or title as the shop sends it.")
    carrier_id = fields.Many2one("delivery.carrier", check_company=True)
    product_id = fields.Many2one(
        "product.product",
        domain=[("type", "=", "service")],
        help="Delivery product of the shipping line; the carrier's if empty.",
    )

    _sql_constraints = [
        ("code_uniq", "unique(shop_id, code)", "A shipping method is mapped once per shop."),
    ]

    def _ecom_product(self):
        self.ensure_one()
        return self.product_id or self.carrier_id.product_id
