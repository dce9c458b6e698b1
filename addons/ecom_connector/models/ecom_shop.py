# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import json

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from ..adapters import get_adapter
from ..adapters.canonical import PayloadError
from ..adapters.utils import sniff_format
from ..const import PAYLOAD_RETENTION_DAYS, PLATFORMS, UNKNOWN_TAX_POLICIES
from ..tools import window_action

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
    subscribe_customers = fields.Boolean(
        string="Customers Follow Their Orders",
        help="Make each customer a follower of their imported orders and deliveries, as Odoo "
        "does for the orders people enter: Odoo then e-mails them every message staff send "
        "from the order, and a customer with a portal account sees the order in the portal. "
        "Leave it off when the shop mails its customers itself; staff can still write to a "
        "customer from the order's chatter.",
    )
    unknown_product_policy = fields.Selection(
        [("create", "Create the product"), ("hold", "Hold the order for review")],
        default="hold",
        required=True,
        help="What to do with an order line whose SKU matches no product.",
    )
    unknown_tax_policy = fields.Selection(
        UNKNOWN_TAX_POLICIES,
        default="hold",
        required=True,
        help="What to do with a shop tax that matches no tax mapping and no sale tax of the "
        "company. Create the tax: once per shop tax (rate, title, country), with the "
        "company's default tax accounts, recorded in the tax mappings, and one review item "
        "for the accountant to check its accounts and tax report tags.",
    )
    tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        default=lambda self: self._default_tz(),
        help="The shop's own clock: dates the shop sends without a UTC offset (PrestaShop, "
        "CSV exports) are read in this time zone, whoever runs the import. The company's "
        "by default.",
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
        string="Import Tolerance",
        help="Largest difference between the shop's total and the imported order's that "
        "does not hold the order. With the accounting rules installed, the company's "
        "posting tolerance (Accounting settings) applies too: the larger of the two.",
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id")
    payload_retention_days = fields.Integer(
        string="Keep Customer Data in Payloads (days)",
        default=PAYLOAD_RETENTION_DAYS,
        required=True,
        help="Days the customer's names, addresses, e-mails, phones, IP addresses and notes "
        "stay in the payloads the shop sent, once the connector is done with them (processed, "
        "and the order neither held nor waiting to be booked). Then they are masked; what the "
        "books need stays (ids, amounts, taxes, dates, SKUs, quantities, currency, country, "
        "VAT number).",
    )

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
    csv_layout_id = fields.Many2one(
        "ecom.csv.layout",
        string="Saved CSV Layout",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
        check_company=True,
        help="A saved column mapping (made with Edit the Column Mapping); the CSV Column "
        "Mapping below overrides it.",
    )
    csv_options = fields.Json(
        string="CSV Column Mapping",
        help="Overrides of the layout: delimiter, encoding, columns {key: header}.",
    )
    csv_options_display = fields.Text(
        string="Column Mapping Overrides",
        compute="_compute_csv_options_display",
        help="The shop's own changes to its CSV layout, as the column mapping editor saved them.",
    )

    tax_map_ids = fields.One2many("ecom.tax.map", "shop_id", string="Tax Mappings")
    payment_map_ids = fields.One2many("ecom.payment.map", "shop_id", string="Payment Mappings")
    shipping_map_ids = fields.One2many("ecom.shipping.map", "shop_id", string="Shipping Mappings")
    product_map_ids = fields.One2many("ecom.product.map", "shop_id", string="SKU Mappings")
    payload_ids = fields.One2many("ecom.payload", "shop_id")

    order_count = fields.Integer(compute="_compute_figures", string="Orders Imported")
    held_order_count = fields.Integer(compute="_compute_figures", string="Orders on Hold")
    payload_failed_count = fields.Integer(compute="_compute_figures", string="Failed Payloads")
    last_import_at = fields.Datetime(compute="_compute_figures", string="Last Import")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A shop code is unique per company."),
    ]

    @api.constrains("payload_retention_days")
    def _check_payload_retention_days(self):
        if any(shop.payload_retention_days < 1 for shop in self):
            raise ValidationError(
                _("Customer data is kept at least one day in payloads: enter 1 or more days.")
            )

    @api.model
    def _default_tz(self):
        return self.env.company.partner_id.tz or "Europe/Paris"

    @api.depends("csv_options")
    def _compute_csv_options_display(self):
        for shop in self:
            options = shop.csv_options
            text = json.dumps(options, indent=2, ensure_ascii=False, sort_keys=True)
            shop.csv_options_display = text if options else False

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
            [("shop_id", "in", self.ids), ("state", "in", ("done", "held"))],
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
        return self._ecom_orders_action()

    def action_open_held_orders(self):
        return self._ecom_orders_action([("ecom_hold_reason_ids", "!=", False)], _("Held Orders"))

    def _ecom_orders_action(self, domain=(), name=None):
        """The Web Shop Orders list of this shop, narrowed by ``domain``, titled ``name``."""
        self.ensure_one()
        return window_action(
            self.env,
            "ecom_connector.sale_order_ecom_action",
            domain=[("ecom_shop_id", "=", self.id), *domain],
            context={"create": False},
            name=name,
        )

    def action_open_failed_payloads(self):
        self.ensure_one()
        return window_action(
            self.env,
            "ecom_connector.ecom_payload_action",
            domain=[("shop_id", "=", self.id), ("state", "=", "failed")],
        )

    def action_import_file(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ecom.import.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_shop_id": self.id},
        }

    def action_edit_csv_mapping(self):
        """Open the column mapping editor on a sample of the shop's CSV export."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("CSV Column Mapping"),
            "res_model": "ecom.csv.mapping",
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
            [
                ("shop_id", "in", self.ids),
                ("state", "=", "failed"),
                ("external_id", "!=", False),
                ("redacted_on", "=", False),
            ]
        )
        # Redacted payloads cannot be read again (see ecom.payload._ecom_check_not_redacted).
        payloads = (held_orders.ecom_payload_id | failed).filtered(lambda p: not p.redacted_on)
        if not payloads:
            raise UserError(_("No order is held and no payload failed: nothing to reprocess."))
        payloads._ecom_reprocess()
        return payloads._ecom_outcome_notification()

    # ------------------------------------------------------------ business

    def _ecom_personal_keys(self):
        """The keys of this shop's payloads that hold personal data beyond ``PERSONAL_KEYS``."""
        self.ensure_one()
        return get_adapter(self.platform, self._ecom_adapter_options()).personal_keys()

    def _ecom_adapter_options(self):
        """Per-shop settings handed to the platform adapter (a plain dict)."""
        self.ensure_one()
        csv_options = {**(self.csv_layout_id.options or {}), **dict(self.csv_options or {})}
        csv_options.setdefault("preset", self.csv_preset or "fr_standard")
        return {"csv": csv_options, "timezone": self._ecom_timezone()}

    def _ecom_timezone(self):
        """The shop's time zone (IANA name): its own, else its company's, never the user's."""
        self.ensure_one()
        return self.tz or self.company_id.partner_id.tz or "Europe/Paris"

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

    def _ecom_wrong_format_message(self, content, filename):
        """A sentence when a file this shop could not read is plainly of another format.

        :return: e.g. "orders.csv is a CSV export, but Boutique is a Shopify shop, which
            reads JSON...", or ``False`` when the file looks like what the shop reads
        """
        kind = sniff_format(content)
        platform = dict(self._fields["platform"]._description_selection(self.env))[self.platform]
        name = filename or _("The file")
        if kind == "csv" and self.platform != "csv":
            return _(
                "%(file)s is a CSV export (its first line has columns), but %(shop)s is a "
                "%(platform)s shop, which reads what its platform's API returns (JSON, or "
                "XML). Import it into a CSV shop, or export the orders as JSON.",
                file=name,
                shop=self.name,
                platform=platform,
            )
        if kind in ("json", "xml") and self.platform == "csv":
            return _(
                "%(file)s is a %(kind)s document, but %(shop)s is a CSV shop, which reads CSV "
                "exports. Import it into a shop of its platform.",
                file=name,
                kind=kind.upper(),
                shop=self.name,
            )
        return False

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
            raise self._ecom_unreadable_file(filename, error, content) from None
        if not documents:
            raise UserError(_("%(file)s holds no order.", file=filename or _("The file")))
        return self._ecom_store_file_documents(documents, filename)

    def _ecom_file_documents(self, stream, filename=""):
        """The documents of a file read from ``stream``, lazily (a large file is
        never read whole where its platform's format allows: see ``split_stream``).

        :param stream: a binary file object
        :return: an iterator of ``InboundDocument``
        :raises UserError: while iterating, when the file cannot be read (any
            documents given before stay good)
        """
        self.ensure_one()
        adapter = get_adapter(self.platform, self._ecom_adapter_options())
        count = 0
        try:
            for document in adapter.split_stream(stream, filename):
                count += 1
                yield document
        except PayloadError as error:
            head = b""
            if stream.seekable():
                stream.seek(0)
                head = stream.read(4096)  # enough to tell a CSV from a JSON document
            raise self._ecom_unreadable_file(filename, error, head) from None
        if not count:
            raise UserError(_("%(file)s holds no order.", file=filename or _("The file")))

    def _ecom_unreadable_file(self, filename, error, content=b""):
        """The error of a file this shop cannot read: of another format, or what was wrong.

        :param content: the file's content, or its first bytes
        """
        return UserError(
            (content and self._ecom_wrong_format_message(content, filename))
            or _("%(file)s cannot be read: %(error)s", file=filename or _("The file"), error=error)
        )

    def _ecom_store_file_documents(self, documents, filename):
        """Store documents of a file in the inbox; returns the ``ecom.payload`` records."""
        self.ensure_one()
        # The server's operator (the command line, as the superuser) vouches for
        # the file; a file a user uploads is only what that user says.
        source = "command" if self.env.uid == SUPERUSER_ID else "file"
        return self.env["ecom.payload"]._ecom_store(self, documents, source, filename)
