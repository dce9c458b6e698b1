# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError

from ..adapters import get_adapter
from ..adapters.canonical import PayloadError
from ..const import PLATFORMS

MANAGER = "ecom_connector.group_ecom_manager"


class EcomShop(models.Model):
    """One connected web shop: where its orders come from and how they land."""

    _name = "ecom.shop"
    _description = "Web Shop"
    _inherit = ["mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        required=True,
        help="Short unique code, used on the command line (./ecom import --shop CODE).",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    platform = fields.Selection(PLATFORMS, required=True, default="shopify", tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        check_company=True,
        help="Warehouse the deliveries leave from; the company's first one if empty.",
    )
    team_id = fields.Many2one("crm.team", string="Sales Team", check_company=True)
    user_id = fields.Many2one("res.users", string="Salesperson")
    pricelist_id = fields.Many2one(
        "product.pricelist",
        check_company=True,
        help="Only used for its currency when the shop sells in several currencies.",
    )
    import_start_date = fields.Datetime(
        help="Orders created in the shop before this moment are not imported."
    )
    confirm_orders = fields.Boolean(
        string="Confirm Imported Orders",
        default=True,
        help="Confirm paid orders on import, which creates their delivery.",
    )
    unknown_product_policy = fields.Selection(
        [("create", "Create the product"), ("hold", "Hold the order for review")],
        default="hold",
        required=True,
        help="What to do with an order line whose SKU matches no product.",
    )
    shipping_product_id = fields.Many2one(
        "product.product",
        string="Default Shipping Product",
        domain=[("type", "=", "service")],
        help="Used for shipping lines whose method has no mapping.",
    )
    fee_product_id = fields.Many2one(
        "product.product",
        domain=[("type", "=", "service")],
        help="Used for fees and order-level adjustments of the shop.",
    )
    rounding_tolerance = fields.Monetary(
        currency_field="company_currency_id",
        default=0.0,
        help="Largest difference between the shop's total and Odoo's that is "
        "accepted without review.",
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id")

    # Connection (readable by connector managers only)
    api_url = fields.Char(string="Shop URL", groups=MANAGER)
    api_key = fields.Char(string="API Key", groups=MANAGER, copy=False)
    api_secret = fields.Char(string="API Secret", groups=MANAGER, copy=False)
    access_token = fields.Char(groups=MANAGER, copy=False)
    webhook_secret = fields.Char(groups=MANAGER, copy=False)
    csv_preset = fields.Selection(
        [
            ("fr_standard", "French export (; and comma decimals)"),
            ("generic_en", "Generic (English)"),
        ],
        string="CSV Layout",
        default="fr_standard",
    )
    csv_options = fields.Json(
        string="CSV Column Mapping",
        help="Overrides of the layout: delimiter, encoding, columns {key: header}.",
    )

    tax_map_ids = fields.One2many("ecom.tax.map", "shop_id", string="Tax Mappings")
    payment_map_ids = fields.One2many("ecom.payment.map", "shop_id", string="Payment Mappings")
    shipping_map_ids = fields.One2many("ecom.shipping.map", "shop_id", string="Shipping Mappings")
    payload_ids = fields.One2many("ecom.payload", "shop_id")

    order_count = fields.Integer(compute="_compute_figures", string="Orders Imported")
    held_order_count = fields.Integer(compute="_compute_figures", string="Orders on Hold")
    payload_failed_count = fields.Integer(compute="_compute_figures", string="Failed Payloads")
    last_import_at = fields.Datetime(compute="_compute_figures", string="Last Import")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A shop code is unique per company."),
    ]

    def _compute_figures(self):
        orders = self.env["sale.order"]._read_group(
            [("ecom_shop_id", "in", self.ids)],
            ["ecom_shop_id"],
            ["__count"],
        )
        held = self.env["sale.order"]._read_group(
            [("ecom_shop_id", "in", self.ids), ("ecom_hold_reason_ids", "!=", False)],
            ["ecom_shop_id"],
            ["__count"],
        )
        failed = self.env["ecom.payload"]._read_group(
            [("shop_id", "in", self.ids), ("state", "=", "failed")],
            ["shop_id"],
            ["__count"],
        )
        last = self.env["ecom.payload"]._read_group(
            [("shop_id", "in", self.ids), ("state", "=", "done")],
            ["shop_id"],
            ["processed_at:max"],
        )
        order_counts = {shop.id: count for shop, count in orders}
        held_counts = {shop.id: count for shop, count in held}
        failed_counts = {shop.id: count for shop, count in failed}
        last_dates = {shop.id: date for shop, date in last}
        for shop in self:
            shop.order_count = order_counts.get(shop.id, 0)
            shop.held_order_count = held_counts.get(shop.id, 0)
            shop.payload_failed_count = failed_counts.get(shop.id, 0)
            shop.last_import_at = last_dates.get(shop.id, False)

    def _ecom_total_tolerance(self):
        """Largest difference between the shop's total and Odoo's that does not hold an order."""
        self.ensure_one()
        return self.rounding_tolerance

    @api.constrains("code")
    def _check_code(self):
        for shop in self:
            if not shop.code or not shop.code.replace("-", "").replace("_", "").isalnum():
                raise UserError(
                    _(
                        "The shop code %(code)s may only hold letters, digits, - and _.",
                        code=shop.code,
                    )
                )

    def action_open_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action.update(domain=[("ecom_shop_id", "=", self.id)], context={"create": False})
        return action

    def action_open_held_orders(self):
        action = self.action_open_orders()
        action["domain"] = [("ecom_shop_id", "=", self.id), ("ecom_hold_reason_ids", "!=", False)]
        return action

    def action_open_failed_payloads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ecom_connector.ecom_payload_action")
        action.update(domain=[("shop_id", "=", self.id), ("state", "=", "failed")], context={})
        return action

    def action_import_file(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ecom.import.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_shop_id": self.id},
        }

    def action_reprocess_held(self):
        """Reprocess every order held for a reason a new mapping may have fixed.

        Runs the payloads behind held orders and failed payloads again, now that
        a tax, product or carrier mapping may exist.
        """
        self.check_access("write")  # a user of another company triggers nothing here
        held_orders = self.env["sale.order"].search(
            [("ecom_shop_id", "in", self.ids), ("ecom_hold_reason_ids", "!=", False)]
        )
        failed = self.env["ecom.payload"].search(
            [("shop_id", "in", self.ids), ("state", "=", "failed"), ("external_id", "!=", False)]
        )
        payloads = held_orders.ecom_payload_id | failed
        payloads._ecom_reprocess()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": _("%(count)s orders reprocessed.", count=len(payloads)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------ business

    def _ecom_adapter_options(self):
        """Per-shop settings handed to the platform adapter (a plain dict)."""
        self.ensure_one()
        csv_options = dict(self.csv_options or {})
        csv_options.setdefault("preset", self.csv_preset or "fr_standard")
        return {"csv": csv_options, "timezone": self.env.user.tz or "Europe/Paris"}

    def _ecom_warehouse(self):
        self.ensure_one()
        return self.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )

    def _ecom_status_figures(self):
        """Hook: figures other addons add to each shop's status (``odoo ecom status``).

        :return: ``{shop id: {figure code: number}}``, a dict (possibly
            empty) for every shop of ``self``; overrides add their figures
            to what ``super()`` returns
        """
        return {shop.id: {} for shop in self}

    def _ecom_receive_file(self, content, filename=""):
        """Store a file's orders in the inbox (one payload per order).

        :param bytes content: the file as uploaded
        :param str filename: its name (a hint for the format)
        :return: the created ``ecom.payload`` records
        :raises UserError: when the file as a whole cannot be read
        """
        self.ensure_one()
        adapter = get_adapter(self.platform, self._ecom_adapter_options())
        try:
            documents = adapter.split(content, filename)
        except PayloadError as error:
            raise UserError(
                _("%(file)s cannot be read: %(error)s", file=filename or _("The file"), error=error)
            ) from None
        if not documents:
            raise UserError(_("%(file)s holds no order.", file=filename or _("The file")))
        # The server's operator (the command line, as the superuser) vouches for
        # the file; a file a user uploads is only what that user says.
        source = "command" if self.env.uid == SUPERUSER_ID else "file"
        return self.env["ecom.payload"]._ecom_store(self, documents, source, filename)
