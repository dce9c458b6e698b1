# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class EcomOrderRecordMixin(models.AbstractModel):
    """What the shop recorded on one of its orders (a payment, a refund).

    Its order, shop, company and currency: the same for every such record.
    """

    _name = "ecom.order.record.mixin"
    _description = "Shop Order Record"
    _check_company_auto = True

    sale_order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True, check_company=True
    )
    shop_id = fields.Many2one(
        "ecom.shop", string="Web Shop", required=True, index=True, check_company=True
    )
    company_id = fields.Many2one(related="sale_order_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="sale_order_id.currency_id", store=True)
