# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models


class EcomOrderRefund(models.Model):
    """A refund the shop made on an order, with the lines it gave back.

    Written by the importer only (users read them): the accounting rules
    prepare each refund's credit note from it.
    """

    _name = "ecom.order.refund"
    _inherit = "ecom.order.record.mixin"
    _description = "Shop Order Refund"
    _order = "sale_order_id, created_at, id"

    external_id = fields.Char(string="Shop Refund ID", required=True, index=True)
    amount = fields.Monetary(help="What the shop paid back, shipping included.")
    shipping_amount = fields.Monetary(string="Shipping Refunded")
    reason = fields.Char()
    restock = fields.Boolean(help="The shop put the goods back in stock.")
    created_at = fields.Datetime()
    line_ids = fields.One2many("ecom.order.refund.line", "refund_id", string="Lines")
    digest = fields.Char(
        readonly=True,
        help="Fingerprint of what the shop said, to tell whether a new copy changes it.",
    )

    _sql_constraints = [
        (
            "external_uniq",
            "unique(shop_id, external_id)",
            "A shop refund is recorded once: this refund id is already on an order.",
        ),
    ]


class EcomOrderRefundLine(models.Model):
    _name = "ecom.order.refund.line"
    _description = "Shop Order Refund Line"
    _order = "refund_id, id"
    _check_company_auto = True

    refund_id = fields.Many2one("ecom.order.refund", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="refund_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="refund_id.currency_id")
    line_external_id = fields.Char(string="Shop Line ID")
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Sale Order Line",
        ondelete="set null",
        index="btree_not_null",
        check_company=True,
        help="The order line refunded, found by its shop line id.",
    )
    quantity = fields.Float(digits="Product Unit of Measure")
    amount = fields.Monetary()
    restock = fields.Boolean()
