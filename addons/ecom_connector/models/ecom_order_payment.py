# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

from ..const import PAYMENT_KINDS, PAYMENT_STATUSES
from ..tools import gateway_name


class EcomOrderPayment(models.Model):
    """A payment the shop recorded on an order, as the shop reported it.

    Written by the importer only (users read them): the accounting rules
    register the captured ones and look for chargebacks among them.
    """

    _name = "ecom.order.payment"
    _inherit = "ecom.order.record.mixin"
    _description = "Shop Order Payment"
    _order = "sale_order_id, processed_at, id"

    gateway = fields.Char(required=True, index=True)
    gateway_name = fields.Char(
        string="Payment Gateway",
        compute="_compute_gateway_name",
        help="The gateway's name; its code as the shop sent it is in Gateway.",
    )
    kind = fields.Selection(PAYMENT_KINDS, required=True, default="sale")
    status = fields.Selection(PAYMENT_STATUSES, required=True, default="success")
    amount = fields.Monetary()
    transaction_id = fields.Char(
        string="Transaction ID", index=True, help="The payment's id at the shop or its gateway."
    )
    processed_at = fields.Datetime()
    is_gift_card = fields.Boolean(
        string="Gift Card", help="Paid with a gift card: a liability settled, not cash received."
    )

    _sql_constraints = [
        # PostgreSQL treats empty (NULL) ids as distinct: payments without one pass.
        (
            "transaction_uniq",
            "unique(shop_id, gateway, transaction_id)",
            "A shop transaction is recorded once: this transaction id is already on an order.",
        ),
    ]

    @api.depends("gateway")
    @api.depends_context("lang")
    def _compute_gateway_name(self):
        for payment in self:
            payment.gateway_name = gateway_name(self.env, payment.gateway)
