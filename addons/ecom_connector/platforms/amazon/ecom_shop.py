# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Amazon's regions, each with its Selling Partner API endpoint (client.py).
AMAZON_REGIONS = [
    ("eu", "Europe"),
    ("na", "North America"),
    ("fe", "Far East"),
]
# The code of the warehouse made for FBA orders (stock.warehouse codes are 5 characters).
FBA_WAREHOUSE_CODE = "FBA"


# A platform's own settings of a shop live in its folder, as Odoo's payment
# providers extend payment.provider: fields and their checks only, no override.
class EcomShop(models.Model):
    """An Amazon seller account on one marketplace: region, marketplace, FBA warehouse."""

    _inherit = "ecom.shop"  # pylint: disable=consider-merging-classes-inherited

    amazon_region = fields.Selection(
        AMAZON_REGIONS,
        default="eu",
        help="The Selling Partner API region of the seller account (Europe for amazon.fr, "
        ".de, .it, .es, .co.uk...).",
    )
    amazon_marketplace_id = fields.Char(
        string="Amazon Marketplace ID",
        help="The marketplace whose orders this shop imports, such as A13V1IB3VIYZZH "
        "(amazon.fr) or A1PA6795UKMFR9 (amazon.de): one shop per marketplace.",
    )
    amazon_fba_warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="FBA Warehouse",
        check_company=True,
        help="The warehouse that stands for Amazon's fulfilment centres: orders Fulfilled by "
        "Amazon leave from it, not from the shop's warehouse. Made (Amazon FBA) on the "
        "first FBA order when empty.",
    )

    @api.constrains("amazon_marketplace_id")
    def _check_amazon_marketplace_id(self):
        for shop in self:
            marketplace = (shop.amazon_marketplace_id or "").strip()
            if marketplace and not (marketplace.isalnum() and marketplace.isupper()):
                raise ValidationError(
                    _(
                        "The Amazon marketplace ID of %(shop)s is a code in capitals and "
                        "digits, such as A13V1IB3VIYZZH for amazon.fr.",
                        shop=shop.name,
                    )
                )

    def _amazon_fba_warehouse(self):
        """The warehouse FBA orders leave from: the shop's, else the company's
        Amazon FBA warehouse, made and set on the shop when missing."""
        self.ensure_one()
        if self.amazon_fba_warehouse_id:
            return self.amazon_fba_warehouse_id
        # As the system: the import runs for whoever imports orders, who need not
        # manage warehouses; the warehouse is the shop's own setting.
        warehouse_sudo = (
            self.env["stock.warehouse"]
            .sudo()
            .search(
                [("company_id", "=", self.company_id.id), ("code", "=", FBA_WAREHOUSE_CODE)],
                limit=1,
            )
        )
        if not warehouse_sudo:
            warehouse_sudo = (
                self.env["stock.warehouse"]
                .sudo()
                .create(
                    {
                        "name": _("Amazon FBA"),
                        "code": FBA_WAREHOUSE_CODE,
                        "company_id": self.company_id.id,
                    }
                )
            )
        self.sudo().amazon_fba_warehouse_id = warehouse_sudo
        return self.amazon_fba_warehouse_id
