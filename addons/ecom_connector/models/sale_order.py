# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

from ..const import ORDER_ORIGINS
from ..tools import count_by


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_shop_id = fields.Many2one(
        "ecom.shop", string="Web Shop", readonly=True, index=True, copy=False
    )
    ecom_external_id = fields.Char(string="Shop Order ID", readonly=True, copy=False)
    ecom_origin = fields.Selection(
        ORDER_ORIGINS,
        string="Came From",
        readonly=True,
        copy=False,
        help="Where the order's last version came from: pulled from the shop, a signed "
        "webhook, a file imported on the server (command line), or a file a user uploaded.",
    )
    ecom_reference = fields.Char(string="Shop Reference", readonly=True, copy=False)
    ecom_revision = fields.Datetime(
        string="Shop Revision", readonly=True, copy=False, help="The shop's last update time."
    )
    ecom_payload_id = fields.Many2one(
        "ecom.payload", string="Source Payload", readonly=True, copy=False
    )
    ecom_payload_count = fields.Integer(
        compute="_compute_ecom_payload_count",
        compute_sudo=True,
        groups="ecom_connector.group_ecom_user",
    )
    ecom_shop_total = fields.Monetary(string="Shop Total", readonly=True, copy=False)
    ecom_total_difference = fields.Monetary(
        string="Difference with Shop",
        compute="_compute_ecom_total_difference",
        store=True,
        help="Shop total minus Odoo total.",
    )
    ecom_hold_reason_ids = fields.Many2many(
        "ecom.reason", string="Held For", readonly=True, copy=False
    )
    ecom_problems = fields.Text(string="Import Problems", readonly=True, copy=False)
    ecom_financial_status = fields.Char(string="Shop Payment Status", readonly=True, copy=False)
    ecom_fulfillment_status = fields.Char(
        string="Shop Fulfillment Status", readonly=True, copy=False
    )
    ecom_cancelled_at = fields.Datetime(string="Cancelled in Shop", readonly=True, copy=False)
    # For the web-shop staff and the accountant (the posting rules read them):
    # a salesperson outside those groups never reads them, not even by read().
    ecom_payment_ids = fields.One2many(
        "ecom.order.payment",
        "sale_order_id",
        string="Shop Payments",
        readonly=True,
        groups="ecom_connector.group_ecom_user,account.group_account_invoice",
    )
    ecom_refund_ids = fields.One2many(
        "ecom.order.refund",
        "sale_order_id",
        string="Shop Refunds",
        readonly=True,
        groups="ecom_connector.group_ecom_user,account.group_account_invoice",
    )
    ecom_payment_gateway = fields.Char(string="Payment Gateway", readonly=True, copy=False)
    ecom_note = fields.Text(
        string="Shop Note",
        readonly=True,
        copy=False,
        help="The customer's note and the codes the shop recorded (kept off printed documents).",
    )
    ecom_lines_digest = fields.Char(readonly=True, copy=False)

    _sql_constraints = [
        (
            "ecom_external_uniq",
            "unique(ecom_shop_id, ecom_external_id)",
            "A shop order is imported once: this shop order already has a sale order.",
        ),
    ]

    @api.depends("ecom_shop_total", "amount_total", "ecom_shop_id")
    def _compute_ecom_total_difference(self):
        for order in self:
            if order.ecom_shop_id:
                order.ecom_total_difference = order.currency_id.round(
                    order.ecom_shop_total - order.amount_total
                )
            else:
                order.ecom_total_difference = 0.0

    def _compute_ecom_payload_count(self):
        # As superuser (compute_sudo): the record rules of payloads follow the
        # user's allowed companies, the count the order's own company.
        counts = count_by(self, "ecom.payload", "sale_order_id", own_company=True)
        for order in self:
            order.ecom_payload_count = counts.get(order, 0)

    def _prepare_confirmation_values(self):
        """Imported orders keep the date the customer ordered on."""
        values = super()._prepare_confirmation_values()
        if self.env.context.get("ecom_keep_date"):
            values.pop("date_order", None)
        return values

    def action_open_ecom_payloads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ecom_connector.ecom_payload_action")
        action.update(domain=[("sale_order_id", "=", self.id)], context={})
        return action

    def _ecom_is_locked(self):
        """True when the shop may no longer change this order in Odoo.

        An invoiced or (partly) delivered order is a fact in the books or the
        warehouse; later changes from the shop are recorded, not applied.
        """
        self.ensure_one()
        invoiced = self.invoice_ids.filtered(lambda move: move.state != "cancel")
        delivered = self.picking_ids.filtered(lambda picking: picking.state == "done")
        return bool(invoiced or delivered)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    ecom_external_id = fields.Char(string="Shop Line ID", readonly=True, copy=False)
    ecom_sku = fields.Char(string="Shop SKU", readonly=True, copy=False)
