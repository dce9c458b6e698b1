# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..const import (
    CUSTOMER_KINDS,
    FINANCIAL_STATUS_SELECTION,
    FULFILLMENT_STATUS_SELECTION,
    ORDER_ORIGINS,
    REASON_INACTIVE_CURRENCY,
)
from ..tools import count_by, gateway_name, window_action

# The fields the importer and the posting rules trust are written by the
# product's own code only: it holds this object in its context (see
# ``_ecom_as_product``). The web client's JSON context cannot carry a Python
# object, so no RPC caller can forge it.
_PRODUCT_AUTHORITY = object()
_AUTHORITY_KEY = "_ecom_product_authority"
# Who reads a web order's internal fields: the web-shop staff and the
# accountant; neither a portal customer nor a plain salesperson.
WEB_SHOP_STAFF = "ecom_connector.group_ecom_user,account.group_account_invoice"
# Fields every internal user reads (they say the order is a web order and
# whether it is held: a salesperson sees why Confirm is not there); not
# the portal.
INTERNAL = "base.group_user"


def has_product_authority(env):
    """Whether ``env`` is the product's own code: the superuser, or the sentinel.

    :param env: an :class:`~odoo.api.Environment`
    """
    return env.su or env.context.get(_AUTHORITY_KEY) is _PRODUCT_AUTHORITY


def product_authority_context():
    """The context that lets the product's own code write its protected fields."""
    return {_AUTHORITY_KEY: _PRODUCT_AUTHORITY}


def check_product_fields(records, vals_list, operation):
    """Refuse values of ``ecom_*`` fields unless the product's own code writes them.

    :param records: the records (or empty model) written or created
    :param vals_list: the list of value dicts sent
    :param operation: ``"write"`` (any key refused) or ``"create"`` (only set values)
    """
    if has_product_authority(records.env):
        return
    names = set()
    for vals in vals_list:
        names.update(
            name
            for name, value in vals.items()
            if name.startswith("ecom_") and (operation == "write" or value)
        )
    if names:
        raise AccessError(
            _(
                "The web-shop fields of %(model)s (%(fields)s) are written by the connector "
                "and the posting rules only: reprocess the order, or resolve it in the "
                "review queue.",
                model=records._description,
                fields=", ".join(sorted(names)),
            )
        )


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_shop_id = fields.Many2one(
        "ecom.shop", string="Web Shop", readonly=True, index=True, copy=False, groups=INTERNAL
    )
    ecom_external_id = fields.Char(
        string="Shop Order ID", readonly=True, copy=False, groups=INTERNAL
    )
    ecom_customer_kind = fields.Selection(
        CUSTOMER_KINDS,
        string="Web Customer",
        readonly=True,
        copy=False,
        index=True,
        groups=INTERNAL,
        help="Business (B2B: a company identified by its VAT number or SIREN) or consumer "
        "(B2C), as the import classified the shop's customer: a business's order is an "
        "e-invoice, a consumer's sale is e-reported.",
    )
    ecom_origin = fields.Selection(
        ORDER_ORIGINS,
        string="Came From",
        readonly=True,
        copy=False,
        groups=WEB_SHOP_STAFF,
        help="Where the order's last version came from: pulled from the shop, a signed "
        "webhook, a file imported on the server (command line), or a file a user uploaded.",
    )
    ecom_reference = fields.Char(
        string="Shop Reference", readonly=True, copy=False, groups=WEB_SHOP_STAFF
    )
    ecom_revision = fields.Datetime(
        string="Shop Revision",
        readonly=True,
        copy=False,
        groups=WEB_SHOP_STAFF,
        help="The shop's last update time.",
    )
    ecom_payload_id = fields.Many2one(
        "ecom.payload", string="Source Payload", readonly=True, copy=False, groups=WEB_SHOP_STAFF
    )
    ecom_payload_count = fields.Integer(
        compute="_compute_ecom_payload_count",
        compute_sudo=True,
        groups="ecom_connector.group_ecom_user",
    )
    ecom_shop_total = fields.Monetary(
        string="Shop Total", readonly=True, copy=False, groups=WEB_SHOP_STAFF
    )
    ecom_total_difference = fields.Monetary(
        string="Difference with Shop",
        compute="_compute_ecom_total_difference",
        store=True,
        groups=WEB_SHOP_STAFF,
        help="Shop total minus Odoo total.",
    )
    ecom_hold_reason_ids = fields.Many2many(
        "ecom.reason", string="Held For", readonly=True, copy=False, groups=INTERNAL
    )
    # Readable by all who read the order: Odoo's form hides Confirm on it, and a
    # held order is no secret (what holds it and why are the staff's fields).
    ecom_held = fields.Boolean(
        string="Held at Import",
        compute="_compute_ecom_held",
        store=True,
        help="Held for a person: not confirmed, invoiced or posted until what held it is fixed.",
    )
    ecom_unknown_sku = fields.Boolean(
        compute="_compute_ecom_unknown_sku",
        string="Held for an Unknown SKU",
        groups=INTERNAL,
        help="Held with a line whose SKU matched no product: Map and Reprocess fixes it.",
    )
    ecom_problems = fields.Text(
        string="Import Problems", readonly=True, copy=False, groups=WEB_SHOP_STAFF
    )
    ecom_inactive_currency = fields.Boolean(
        compute="_compute_ecom_inactive_currency",
        string="Held for an Inactive Currency",
        groups=WEB_SHOP_STAFF,
        help="Held because the shop sold in a currency not active in Odoo: a connector "
        "manager activates it and reprocesses.",
    )
    ecom_released_by_id = fields.Many2one(
        "res.users",
        string="Released by",
        readonly=True,
        copy=False,
        groups=WEB_SHOP_STAFF,
        help="Who reprocessed this order after it was held at import: not an automatic import.",
    )
    ecom_financial_status = fields.Selection(
        FINANCIAL_STATUS_SELECTION,
        string="Shop Payment Status",
        readonly=True,
        copy=False,
        groups=WEB_SHOP_STAFF,
    )
    ecom_fulfillment_status = fields.Selection(
        FULFILLMENT_STATUS_SELECTION,
        string="Shop Fulfillment Status",
        readonly=True,
        copy=False,
        groups=WEB_SHOP_STAFF,
    )
    ecom_cancelled_at = fields.Datetime(
        string="Cancelled in Shop", readonly=True, copy=False, groups=WEB_SHOP_STAFF
    )
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
    ecom_payment_gateway = fields.Char(
        string="Payment Gateway Code", readonly=True, copy=False, groups=WEB_SHOP_STAFF
    )
    ecom_payment_gateway_name = fields.Char(
        string="Payment Gateway",
        compute="_compute_ecom_payment_gateway_name",
        groups=WEB_SHOP_STAFF,
        help="The gateway the customer paid with, by the name people know it by.",
    )
    ecom_note = fields.Text(
        string="Shop Note",
        readonly=True,
        copy=False,
        groups=WEB_SHOP_STAFF,
        help="The customer's note and the codes the shop recorded (kept off printed documents).",
    )
    ecom_lines_digest = fields.Char(readonly=True, copy=False, groups=WEB_SHOP_STAFF)

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

    @api.depends("ecom_hold_reason_ids")
    def _compute_ecom_inactive_currency(self):
        for order in self:
            order.ecom_inactive_currency = (
                REASON_INACTIVE_CURRENCY in order.ecom_hold_reason_ids.mapped("code")
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

    # ------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        # A user creates quotations, never one that passes for a web order.
        check_product_fields(self, vals_list, "create")
        return super().create(vals_list)

    def write(self, vals):
        check_product_fields(self, [vals], "write")
        return super().write(vals)

    def _ecom_as_product(self):
        """These orders in the hands of the product's own code (importer, posting rules).

        Only server-side code calls this (a method starting with ``_`` is not
        callable over RPC): it may then write the ``ecom_*`` fields and
        confirm held orders (a release).
        """
        return self.with_context(**product_authority_context())

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
        # Read as the system: whoever imports the order (a webhook's job, a
        # billing user reprocessing) may not read the payload it came from.
        order_sudo = self.sudo()
        payload = order_sudo.ecom_payload_id
        channel = dict(payload._fields["source"]._description_selection(self.env)).get(
            payload.source, ""
        )
        return _(
            "Imported from %(shop)s, shop order %(reference)s (payload %(payload)s, %(channel)s).",
            shop=order_sudo.ecom_shop_id.name,
            reference=order_sudo.ecom_reference or order_sudo.ecom_external_id,
            payload=payload.id or "-",
            channel=channel.lower(),
        )

    def action_confirm(self):
        """A held order is not confirmed by hand: what held it must be fixed first.

        The import and the posting rules release a hold themselves, once what
        held the order is settled (a reprocess by the web-shop staff, a review
        resolution by the accountant): they hold the product's authority
        (``_ecom_as_product``), which neither a context key nor ``sudo()``
        alone gives (the portal confirms a signed quotation as the system).
        """
        held = self.filtered("ecom_hold_reason_ids")
        if held and self.env.context.get(_AUTHORITY_KEY) is not _PRODUCT_AUTHORITY:
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
        """Import this held order again from its payload, now that a mapping may exist.

        A release of the hold when nothing holds it any more: the web-shop
        staff's work, recorded on the order (``ecom_released_by_id``).
        """
        if not self.env.user.has_group("ecom_connector.group_ecom_user"):
            raise AccessError(_("Only the web-shop staff reprocess held web orders."))
        payloads = self.filtered("ecom_hold_reason_ids").ecom_payload_id
        if not payloads:
            raise UserError(_("Only orders held at import can be reprocessed."))
        payloads._ecom_reprocess()
        return payloads._ecom_outcome_notification()

    def action_ecom_activate_currency(self):
        """Activate the currency these held orders are in, then import them again.

        A company's currencies are its configuration (rates, books): a
        connector manager decides, never an import.
        """
        if not self.env.user.has_group("ecom_connector.group_ecom_manager"):
            raise AccessError(_("Only a web-shop connector manager activates a currency."))
        orders = self.filtered("ecom_inactive_currency")
        if not orders:
            raise UserError(_("No order here waits for a currency to be activated."))
        # As the system: currencies are Settings' records, and the connector
        # manager decides for the shops' ones; the chatter says who did.
        currencies_sudo = orders.currency_id.sudo().filtered(lambda c: not c.active)
        currencies_sudo.active = True
        for shop in orders.ecom_shop_id:
            shop.message_post(
                body=_(
                    "%(user)s activated the currency %(currencies)s for this shop's orders.",
                    user=self.env.user.name,
                    currencies=", ".join(orders.currency_id.mapped("name")),
                )
            )
        payloads = orders.ecom_payload_id
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

    ecom_external_id = fields.Char(
        string="Shop Line ID", readonly=True, copy=False, groups=INTERNAL
    )
    ecom_sku = fields.Char(string="Shop SKU", readonly=True, copy=False, groups=INTERNAL)

    @api.model_create_multi
    def create(self, vals_list):
        # The rules match refunds and unknown SKUs on these: the importer's.
        check_product_fields(self, vals_list, "create")
        return super().create(vals_list)

    def write(self, vals):
        check_product_fields(self, [vals], "write")
        return super().write(vals)
