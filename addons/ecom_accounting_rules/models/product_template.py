# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

from odoo.addons.ecom_connector.const import (
    OPERATION_GOODS,
    OPERATION_SERVICES,
    PRODUCT_OPERATION_CATEGORIES,
)


class ProductTemplate(models.Model):
    _inherit = "product.template"

    ecom_operation_category = fields.Selection(
        PRODUCT_OPERATION_CATEGORIES,
        string="Operation Category",
        compute="_compute_ecom_operation_category",
        store=True,
        readonly=False,
        help="Whether selling this product is a delivery of goods or a service, for French "
        "e-invoices (a mandatory mention) and e-reporting (goods and services are reported "
        "apart). Follows the product type (a service is a service) unless set by hand.",
    )

    @api.depends("type")
    def _compute_ecom_operation_category(self):
        for product in self:
            product.ecom_operation_category = (
                OPERATION_SERVICES if product.type == "service" else OPERATION_GOODS
            )
