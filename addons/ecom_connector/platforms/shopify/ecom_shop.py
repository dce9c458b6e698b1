# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


# A platform's own settings of a shop live in its folder, as Odoo's payment
# providers extend payment.provider: fields and their checks only, no override.
class EcomShop(models.Model):
    """A Shopify shop's settings: the location whose stock levels the connector sets."""

    _inherit = "ecom.shop"  # pylint: disable=consider-merging-classes-inherited

    shopify_location_id = fields.Char(
        string="Shopify Location ID",
        help="The Shopify location whose stock levels the connector sets "
        "(Settings ▸ Locations, the number at the end of the location's address).",
    )

    @api.constrains("shopify_location_id")
    def _check_shopify_location_id(self):
        for shop in self:
            location = (shop.shopify_location_id or "").strip()
            if location and not location.isdigit():
                raise ValidationError(
                    _(
                        "The Shopify location ID of %(shop)s is a number, such as 655441491 "
                        "(the end of the location's address in Shopify's admin).",
                        shop=shop.name,
                    )
                )
