# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class EcomShopConnect(models.TransientModel):
    """What the Connect a Shop assistant asks of a Mirakl account (copied to the shop)."""

    _inherit = "ecom.shop.connect"  # pylint: disable=consider-merging-classes-inherited

    mirakl_operator = fields.Char(
        string="Marketplace Operator",
        help="The marketplace this Mirakl account sells on, as the books name it "
        "(Fnac-Darty, Boulanger, Leroy Merlin, Decathlon...): one shop per operator and "
        "country account.",
    )
    mirakl_shop_id = fields.Char(
        string="Mirakl Shop ID",
        help="Only when the API key reaches several shops of the operator: the id of this "
        "one (Settings ▸ Shop in the operator's back office).",
    )
