# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


# A platform's own settings of a shop live in its folder, as Odoo's payment
# providers extend payment.provider: fields only, no override.
class EcomShop(models.Model):
    """A PrestaShop shop's settings: the order state that means shipped."""

    _inherit = "ecom.shop"  # pylint: disable=consider-merging-classes-inherited

    prestashop_shipped_state_id = fields.Integer(
        string="PrestaShop Shipped State ID",
        default=4,
        help="The id of the order state that means shipped in the shop "
        "(Orders ▸ Statuses; 4 in a stock install).",
    )
