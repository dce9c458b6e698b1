# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


# A platform's own settings of a shop live in its folder, as Odoo's payment
# providers extend payment.provider: fields only, no override.
class EcomShop(models.Model):
    """A Magento shop's settings: the inventory source whose quantities are set."""

    _inherit = "ecom.shop"  # pylint: disable=consider-merging-classes-inherited

    magento_source_code = fields.Char(
        help="With Multi-Source Inventory: the code of the source whose quantities the "
        "connector sets (Stores ▸ Inventory ▸ Sources). Empty: the single default stock.",
    )
