# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models

from odoo.addons.ecom_connector.const import PRODUCT_OPERATION_CATEGORIES


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # Invoices say it per product; a daily summary entry's lines sum several
    # products: each sales and VAT line of a summary says which kind it sums.
    ecom_operation_category = fields.Selection(
        PRODUCT_OPERATION_CATEGORIES,
        string="Operation Category",
        readonly=True,
        copy=False,
        help="Goods or services: what this line of a daily summary of web sales sums "
        "(its VAT line too), for the e-reporting.",
    )
