# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from .ecom_shop import AMAZON_REGIONS


class EcomShopConnect(models.TransientModel):
    """What the Connect a Shop assistant asks of an Amazon account (copied to the shop)."""

    _inherit = "ecom.shop.connect"  # pylint: disable=consider-merging-classes-inherited

    amazon_region = fields.Selection(AMAZON_REGIONS, default="eu")
    amazon_marketplace_id = fields.Char(
        string="Amazon Marketplace ID",
        help="The marketplace whose orders this shop imports, such as A13V1IB3VIYZZH "
        "(amazon.fr) or A1PA6795UKMFR9 (amazon.de): one shop per marketplace.",
    )
