# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..const import FINANCIAL_STATUS_SELECTION, FULFILLMENT_STATUS_SELECTION, ORDER_ORIGINS
from ..tools import count_by, gateway_name, window_action


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
    ecom_held = fields.Boolean(
        string="Held at Import",
        compute="_compute_ecom_held",
        store=True,
        help="Held for a person: not confirmed, invoiced or posted until what held it is fixed.",
    )
    ecom_unknown_sku = fields.Boolean(
        compute="_compute_ecom_unknown_sku",
        string="Held for an Unknown SKU",
        help="Held with a line whose SKU matched no product: Map and Reprocess fixes it.",
    )
    ecom_problems = fields.Text(string="Import Problems", readonly=True, copy=False)
    ecom_released_by_id = fields.Many2one(
        "res.users",
        string="Released by",
        readonly=True,
        copy=False,
        help="Who reprocessed this order after it was held at import: not an automatic import.",
    )
    ecom_financial_status = fields.Selection(
        FINANCIAL_STATUS_SELECTION, string="Shop Payment Status", readonly=True, copy=False
    )
    ecom_fulfillment_status = fields.Selection(
        FULFILLMENT_STATUS_SELECTION, string="Shop Fulfillment Status", readonly=True, copy=False
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
    ecom_payment_gateway = fields.Char(string="Payment Gateway Code", readonly=True, copy=False)
    ecom_payment_gateway_name = fields.Char(
        string="Payment Gateway",
        compute="_compute_ecom_payment_gateway_name",
        help="The gateway the customer paid with, by the name people know it by.",
    )
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

    @api.depends("ecom_hold_reason_ids")
    def _compute_ecom_held(self):
        for order in self:
            order.ecom_held = bool(order.ecom_hold_reason_ids)

    @api.depends("ecom_hold_reason_ids", "order_line.product_id", "order_line.ecom_sku")
    def _compute_ecom_unknown_sku(self):
        unknown = self.env.ref("ecom_connector.product_unknown")
        for order in self:
            order.ecom_unknown_sku = bool(order.ecom_hold_reason_ids) and any(
                line.ecom_sku and line.product_id == unknown for line in order.order_line
            )

    @api.depends("ecom_payment_gateway")
    @api.depends_context("lang")
    def _compute_ecom_payment_gateway_name(self):
        for order in self:
            order.ecom_payment_gateway_name = gateway_name(self.env, order.ecom_payment_gateway)

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

    def _creation_message(self):
        """An imported order says in its chatter where it came from: shop, reference, payload."""
        if not self.ecom_shop_id:
            return super()._creation_message()
        payload = self.ecom_payload_id
        channel = dict(payload._fields["source"]._description_selection(self.env)).get(
            payload.source, ""
        )
        return _(
            "Imported from %(shop)s, shop order %(reference)s (payload %(payload)s, %(channel)s).",
            shop=self.ecom_shop_id.name,
            reference=self.ecom_reference or self.ecom_external_id,
            payload=payload.id or "-",
            channel=channel.lower(),
        )

    def action_confirm(self):
        """A held order is not confirmed by hand: what held it must be fixed first.

        The import and the posting rules release a hold themselves (context key
        ``ecom_release_hold``) once what held the order is settled.
        """
        held = self.filtered("ecom_hold_reason_ids")
        if held and not self.env.context.get("ecom_release_hold"):
            raise UserError(
                _(
                    "%(orders)s is held for review (%(reasons)s). Map what is missing "
                    "(product, tax, carrier) and click Reprocess, or resolve it in the "
                    "review queue.",
                    orders=", ".join(held.mapped("name")),
                    reasons=", ".join(held.ecom_hold_reason_ids.mapped("name")),
                )
            )
        return super().action_confirm()

    def action_ecom_reprocess(self):
        """Import this held order again from its payload, now that a mapping may exist."""
        payloads = self.filtered("ecom_hold_reason_ids").ecom_payload_id
        if not payloads:
            raise UserError(_("Only orders held at import can be reprocessed."))
        payloads._ecom_reprocess()
        return payloads._ecom_outcome_notification()

    def action_ecom_map_skus(self):
        """Open the assistant that maps this held order's unknown SKUs, then reprocesses."""
        self.ensure_one()
        if not self._ecom_unknown_skus():
            raise UserError(_("%(order)s has no line of an unknown SKU.", order=self.name))
        return {
            "type": "ir.actions.act_window",
            "name": _("Map and Reprocess"),
            "res_model": "ecom.product.map.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_open_ecom_payloads(self):
        self.ensure_one()
        return window_action(
            self.env, "ecom_connector.ecom_payload_action", domain=[("sale_order_id", "=", self.id)]
        )

    def _ecom_unknown_skus(self):
        """The SKUs of this held order's lines that no product matched, with their description.

        :return: ``{sku: line description}`` in the order of the lines
        """
        self.ensure_one()
        unknown = self.env.ref("ecom_connector.product_unknown")
        if not self.ecom_hold_reason_ids:
            return {}
        return {
            line.ecom_sku: line.name
            for line in self.order_line
            if line.ecom_sku and line.product_id == unknown
        }

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
