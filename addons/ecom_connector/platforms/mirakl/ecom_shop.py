# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


# A platform's own settings of a shop live in its folder, as Odoo's payment
# providers extend payment.provider: fields only, no override.
class EcomShop(models.Model):
    """A seller account on a Mirakl marketplace: the operator, the shop within the account."""

    _inherit = "ecom.shop"  # pylint: disable=consider-merging-classes-inherited

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
