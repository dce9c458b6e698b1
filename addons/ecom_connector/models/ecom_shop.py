# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A connected web shop: its settings, its inbox of files, its pull, its live links.

One model, one home: the shop's fields and methods are here, but for the pull
job itself (ecom_shop_pull.py: pages, inbox, cursor, failures) and each
platform's own settings (platforms/<code>/ecom_shop.py). What a platform can
do (pull, webhooks, stock, shipments) is read from its declaration
(platforms/registry.py), never from its code.
"""

import hashlib
import json
import logging
import math
import re
import secrets
import unicodedata
from collections import namedtuple
from datetime import datetime, time, timedelta

import psycopg2
import pytz

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round, mute_logger

from odoo.addons.base.models.res_partner import _tz_get
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from ..adapters import get_adapter
from ..adapters.canonical import PayloadError
from ..adapters.utils import sniff_format
from ..clients import ShopApiError, TransientError
from ..clients.http import check_url
from ..const import (
    PAYLOAD_RETENTION_DAYS,
    PLATFORMS,
    STOCK_PUSH_DELAY,
    SYNC_STATES,
    UNKNOWN_TAX_POLICIES,
    WEBHOOK_ROUTE,
)
from ..platforms import all_shop_fields, get_platform, platform_codes
from ..tools import count_by, in_company_lang, notification_action, window_action

_logger = logging.getLogger(__name__)

MANAGER = "ecom_connector.group_ecom_manager"
# Context keys that tune the pull client (see _ecom_pull_client).
PULL_CONTEXT_KEYS = ("ecom_pull_page_size", "ecom_pull_timeout")

#: What the webhook endpoint needs of a shop, kept in memory per shop id
#: (:meth:`EcomShop._ecom_webhook_settings`): plain values, no record.
WebhookSettings = namedtuple("WebhookSettings", "shop_id company_id secret platform options")
#: The shop's fields those settings are made of: a write of any of them
#: empties the cache (the shop's adapter options included, which read the
#: platforms' own fields).
WEBHOOK_SETTINGS_FIELDS = (
    frozenset(
        {
            "active",
            "platform",
            "company_id",
            "webhook_secret",
            "tz",
            "csv_layout_id",
            "csv_options",
            "csv_preset",
        }
    )
    | all_shop_fields()
)


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

    # Automatic import (pulled from the shop's API; the job: ecom_shop_pull.py)
    sync_enabled = fields.Boolean(
        string="Automatic Import",
        tracking=True,
        copy=False,
        help="Pull the shop's new and updated orders from its API every few minutes.",
    )
    sync_interval = fields.Integer(
        string="Import Every (minutes)",
        default=15,
        help="Minutes between two scheduled pulls.",
    )
    sync_cursor = fields.Datetime(
        string="Imported Up To",
        copy=False,
        help="Every order updated in the shop before this moment is in the inbox; the "
        "next pull asks for the orders updated since. Clear it (or set an earlier "
        "moment) to pull again from there: what is already in the inbox is skipped.",
    )
    sync_resume = fields.Json(
        string="Pull in Progress",
        copy=False,
        readonly=True,
        help="Where an unfinished pull goes on: its window start, next page, and "
        "the shop's clock when it began.",
    )
    sync_state = fields.Selection(
        SYNC_STATES, string="Import Status", default="ok", required=True, copy=False, tracking=True
    )
    sync_message = fields.Text(string="Import Problem", copy=False, readonly=True)
    sync_last_at = fields.Datetime(string="Last Pull", copy=False, readonly=True)
    sync_run_ids = fields.One2many("ecom.sync.run", "shop_id", string="Pull Runs")
    sync_run_count = fields.Integer(compute="_compute_sync_run_count", string="Pulls")

    # Live links: webhooks in, stock levels and shipments out
    webhook_url = fields.Char(
        string="Webhook URL",
        compute="_compute_webhook_url",
        help="The address to give the shop for its order webhooks.",
    )
    webhook_event_ids = fields.One2many("ecom.webhook.event", "shop_id", string="Webhook Calls")
    webhook_event_count = fields.Integer(compute="_compute_webhook_event_count")
    push_stock = fields.Boolean(
        string="Push Stock to the Shop",
        help="Send the quantity free to sell in the shop's warehouse to the shop, per SKU, "
        "shortly after it changes (grouped: one call batch per shop).",
    )
    push_shipments = fields.Boolean(
        string="Push Shipments to the Shop",
        help="When the delivery of an imported order is validated, mark the order "
        "shipped in the shop, with the carrier and the tracking number.",
    )
    stock_pushed_at = fields.Datetime(string="Last Stock Push", readonly=True, copy=False)
    stock_push_note = fields.Text(string="Last Stock Push Result", readonly=True, copy=False)

    # What the shop's platform can do (its declaration, platforms/registry.py)
    can_pull = fields.Boolean(compute="_compute_can_pull")
    can_register_webhooks = fields.Boolean(compute="_compute_can_pull")
    can_push = fields.Boolean(compute="_compute_can_pull")
    is_marketplace = fields.Boolean(compute="_compute_can_pull", string="Is a Marketplace")
    can_push_stock = fields.Boolean(compute="_compute_can_pull")

    # The Web Shops dashboard. Two calendars: when the customer ordered in the shop, and
    # when the order reached Odoo (an import of last week's orders counts today in the
    # second only).
    dashboard_today_count = fields.Integer(
        compute="_compute_dashboard", string="Ordered in the Shop Today"
    )
    dashboard_month_count = fields.Integer(
        compute="_compute_dashboard", string="Ordered in the Shop This Month"
    )
    dashboard_imported_today_count = fields.Integer(
        compute="_compute_dashboard", string="Imported Today"
    )
    dashboard_imported_month_count = fields.Integer(
        compute="_compute_dashboard", string="Imported This Month"
    )
    dashboard_last_webhook_at = fields.Datetime(
        compute="_compute_dashboard", string="Last Webhook Call"
    )
    kanban_color = fields.Integer(string="Color Index")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A shop code is unique per company."),
    ]

    # ------------------------------------------------------------ defaults

    @api.model
    def _default_tz(self):
        return self.env.company.partner_id.tz or "Europe/Paris"

    # ------------------------------------------------------------ computes

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

    @api.depends("sync_run_ids")
    def _compute_sync_run_count(self):
        counts = dict(
            self.env["ecom.sync.run"]._read_group(
                [("shop_id", "in", self.ids)], ["shop_id"], ["__count"]
            )
        )
        for shop in self:
            shop.sync_run_count = counts.get(shop, 0)

    @api.depends("platform")
    def _compute_can_pull(self):
        for shop in self:
            platform = get_platform(shop.platform)
            shop.can_pull = platform.can_pull
            shop.can_register_webhooks = platform.live_webhooks
            shop.can_push = platform.push_stock or platform.push_shipments
            shop.is_marketplace = platform.marketplace
            shop.can_push_stock = platform.push_stock

    def _compute_webhook_url(self):
        for shop in self:
            shop.webhook_url = (
                f"{shop.get_base_url()}{WEBHOOK_ROUTE}/{shop.id}"
                if shop.id and shop._ecom_webhook_adapter()
                else False
            )

    def _compute_webhook_event_count(self):
        # Calls that stored nothing (each trace counts those of a minute).
        counts = dict(
            self.env["ecom.webhook.event"]._read_group(
                [("shop_id", "in", self.ids)], ["shop_id"], ["call_count:sum"]
            )
        )
        for shop in self:
            shop.webhook_event_count = counts.get(shop, 0)

    def _dashboard_day_starts(self):
        """The UTC start of today and of this month, in the user's time zone."""
        zone = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        today = fields.Date.context_today(self)

        def utc_start(day):
            local = zone.localize(datetime.combine(day, time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return utc_start(today), utc_start(today.replace(day=1))

    def _compute_dashboard(self):
        today, month = self._dashboard_day_starts()
        today_counts = count_by(self, "sale.order", "ecom_shop_id", [("date_order", ">=", today)])
        month_counts = count_by(self, "sale.order", "ecom_shop_id", [("date_order", ">=", month)])
        imported_today = count_by(
            self, "sale.order", "ecom_shop_id", [("create_date", ">=", today)]
        )
        imported_month = count_by(
            self, "sale.order", "ecom_shop_id", [("create_date", ">=", month)]
        )
        # A stored delivery is its payload; the other calls are counted in traces.
        last_stored = dict(
            self.env["ecom.payload"]._read_group(
                [("shop_id", "in", self.ids), ("source", "=", "webhook")],
                ["shop_id"],
                ["received_at:max"],
            )
        )
        last_other = dict(
            self.env["ecom.webhook.event"]._read_group(
                [("shop_id", "in", self.ids)], ["shop_id"], ["last_received_at:max"]
            )
        )
        for shop in self:
            shop.dashboard_today_count = today_counts.get(shop, 0)
            shop.dashboard_month_count = month_counts.get(shop, 0)
            shop.dashboard_imported_today_count = imported_today.get(shop, 0)
            shop.dashboard_imported_month_count = imported_month.get(shop, 0)
            calls = [last_stored.get(shop), last_other.get(shop)]
            shop.dashboard_last_webhook_at = max(filter(None, calls), default=False)

    # ------------------------------------------------------------ constraints

    @api.constrains("payload_retention_days")
    def _check_payload_retention_days(self):
        if any(shop.payload_retention_days < 1 for shop in self):
            raise ValidationError(
                _("Customer data is kept at least one day in payloads: enter 1 or more days.")
            )

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

    @api.constrains("api_url")
    def _check_api_url(self):
        """A public https address only (checked again before each call: DNS can change).

        A shop address without a scheme gets ``https://`` when called.
        """
        # As the system: the URL is readable by connector managers only, and the
        # check must hold whoever saves the shop.
        for shop_sudo in self.sudo():
            url = (shop_sudo.api_url or "").strip()
            if not url:
                continue
            if "://" not in url:
                url = f"https://{url}"
            try:
                check_url(url)
            except TransientError:
                continue  # not found in the DNS now: the call will say so
            except ShopApiError as error:
                raise ValidationError(
                    _(
                        "%(shop)s: the shop's address cannot be used. %(error)s",
                        shop=shop_sudo.name,
                        error=error.sentence(self.env),
                    )
                ) from None

    @api.constrains("sync_interval")
    def _check_sync_interval(self):
        for shop in self:
            if shop.sync_interval < 1:
                raise ValidationError(
                    _(
                        "The import interval of %(shop)s must be at least one minute.",
                        shop=shop.code,
                    )
                )

    @api.constrains("sync_enabled", "platform")
    def _check_sync_platform(self):
        for shop in self.filtered("sync_enabled"):
            if not get_platform(shop.platform).can_pull:
                raise ValidationError(
                    _(
                        "%(shop)s is a %(platform)s shop: it has no API to pull orders from.",
                        shop=shop.code,
                        platform=shop.platform,
                    )
                )

    @api.constrains("push_stock", "push_shipments", "platform")
    def _check_push_platform(self):
        for shop in self:
            platform = get_platform(shop.platform)
            for capability in ("push_stock", "push_shipments"):
                if shop[capability] and not getattr(platform, capability):
                    labels = dict(self._fields["platform"]._description_selection(self.env))
                    raise ValidationError(
                        _(
                            "%(field)s: only %(platforms)s shops can; turn it off for " "%(shop)s.",
                            field=self._fields[capability].get_description(self.env)["string"],
                            platforms=", ".join(
                                labels[code] for code in platform_codes(capability)
                            ),
                            shop=shop.name,
                        )
                    )

    # ------------------------------------------------------------ onchanges

    @api.onchange("name")
    def _onchange_name_suggest_code(self):
        """A new shop gets a code from its name (``Boutique Démo`` → ``BOUTIQUE-DEMO``)."""
        if self.name and not self.code:
            self.code = suggested_code(self.name)

    # ------------------------------------------------------------ CRUD

    # The webhook endpoint reads a shop's secret and settings from a cache
    # (:meth:`_ecom_webhook_settings`): what changes them empties it, in this
    # worker at once and in the others at their next request (Odoo's registry
    # signalling), so that an old secret is refused right after a change.
    @api.model_create_multi
    def create(self, vals_list):
        # A shop id called before the shop existed is cached as unknown.
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("sync_enabled"):
            # Switching the import back on is how a person says the problem is fixed.
            vals.setdefault("sync_state", "ok")
            vals.setdefault("sync_message", False)
        if "sync_cursor" in vals:
            # A cursor set by hand: the next pull starts there, not where one stopped.
            vals.setdefault("sync_resume", False)
        if WEBHOOK_SETTINGS_FIELDS.intersection(vals):
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    # ------------------------------------------------------------ actions

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

    def action_open_orders_today(self):
        today, _month = self._dashboard_day_starts()
        return self._ecom_orders_action(
            [("date_order", ">=", today)], _("Ordered in the Shop Today")
        )

    def action_open_orders_month(self):
        _today, month = self._dashboard_day_starts()
        return self._ecom_orders_action(
            [("date_order", ">=", month)], _("Ordered in the Shop This Month")
        )

    def action_open_imported_today(self):
        today, _month = self._dashboard_day_starts()
        return self._ecom_orders_action([("create_date", ">=", today)], _("Imported Today"))

    def action_open_imported_month(self):
        _today, month = self._dashboard_day_starts()
        return self._ecom_orders_action([("create_date", ">=", month)], _("Imported This Month"))

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

    def action_test_connection(self):
        """Ask the shop for its orders of the last day and say what it answered.

        :raises AccessError: for a user who may not change the shop (its
            credentials are sent)
        """
        self.check_access("write")
        success, message = self._ecom_test_connection()
        return self._ecom_connection_notification("success" if success else "danger", message)

    def _ecom_test_connection(self):
        """Ask the shop for its orders of the last day with its credentials.

        :return: ``(success, message)``: whether the shop answered as expected, and
            what it answered, in a sentence (secrets masked)
        """
        self.ensure_one()
        self.check_access("write")
        self._ecom_check_pullable()
        try:
            since = fields.Datetime.now() - timedelta(days=1)
            page = self._ecom_pull_client().fetch_page(since)
        except ShopApiError as error:
            return False, _(
                "%(shop)s did not answer as expected: %(error)s",
                shop=self.name,
                error=error.sentence(self.env),
            )
        return True, _(
            "%(shop)s answered: connection and credentials work "
            "(%(count)s orders changed in the last 24 hours on the first page).",
            shop=self.name,
            count=len(page.documents),
        )

    def _ecom_connection_notification(self, kind, message):
        return notification_action(
            message, kind=kind, title=_("Connection Test"), sticky=kind == "danger"
        )

    def action_pull_now(self):
        """Queue a pull of each shop now (button "Import Now")."""
        self.check_access("write")
        for shop in self:
            shop._ecom_check_pullable()
        running = self.env["ecom.sync.run"].search(
            [("shop_id", "in", self.ids), ("state", "=", "running")]
        )
        busy = running._ecom_still_alive().shop_id
        for shop in self - busy:
            shop._ecom_queue_pull(shop._ecom_start_pull("manual"))
        message = _("Import queued: new and updated orders will appear shortly.")
        if busy:
            message = _(
                "A pull of %(shops)s is already under way; its orders will appear shortly.",
                shops=", ".join(busy.mapped("code")),
            )
        return notification_action(
            message, kind="info", next_action={"type": "ir.actions.act_window_close"}
        )

    def action_open_sync_runs(self):
        self.ensure_one()
        return window_action(
            self.env,
            "ecom_connector.ecom_sync_run_action",
            domain=[("shop_id", "=", self.id)],
            context={"default_shop_id": self.id},
        )

    def action_register_webhooks(self):
        """Subscribe the shop's webhooks to this database's webhook URL.

        Creates the subscriptions the shop lacks (one per topic, see the
        adapter's ``webhook_topics``), keeps those already there: pressing it
        twice changes nothing. WooCommerce webhooks get the shop's webhook
        secret (one is generated when the shop has none); Shopify signs with
        the app's client secret, which must be entered as the webhook secret.
        """
        self.ensure_one()
        self._ecom_check_live()
        shop_sudo = self.sudo()
        if not shop_sudo.webhook_secret:
            refusal = self._ecom_platform().missing_webhook_secret(self)
            if refusal:
                raise UserError(refusal)
            shop_sudo.webhook_secret = secrets.token_urlsafe(32)
        client = self._ecom_pull_client()
        url = self.webhook_url
        try:
            present = {hook["topic"] for hook in client.webhooks() if hook.get("address") == url}
            created = [
                topic
                for topic in self._ecom_webhook_adapter().webhook_topics
                if topic not in present
                and client.create_webhook(topic, url, shop_sudo.webhook_secret)
            ]
        except TransientError as error:
            # Unreachable (or failing) is not a refusal: nothing is wrong with the webhooks.
            raise UserError(
                _(
                    "The webhooks could not be registered, the shop did not answer: %(error)s "
                    "Register them later with Register Webhooks on the shop.",
                    error=error,
                )
            ) from None
        except ShopApiError as error:
            raise UserError(
                _(
                    "The shop refused the webhooks: %(error)s",
                    error=error.sentence(self.env),
                )
            ) from None
        self.message_post(
            body=_(
                "Webhooks registered to %(url)s: %(created)s.",
                url=url,
                created=", ".join(created) or _("all were already there"),
            )
        )
        return self._ecom_notify(_("%(count)s webhooks registered.", count=len(created)))

    def action_unregister_webhooks(self):
        """Delete the shop's webhook subscriptions that point to this database."""
        self.ensure_one()
        self._ecom_check_live()
        client = self._ecom_pull_client()
        url = self.webhook_url
        try:
            hooks = [hook for hook in client.webhooks() if hook.get("address") == url]
            for hook in hooks:
                client.delete_webhook(hook["id"])
        except ShopApiError as error:
            raise UserError(
                _(
                    "The shop refused to remove the webhooks: %(error)s",
                    error=error.sentence(self.env),
                )
            ) from None
        self.message_post(
            body=_("%(count)s webhooks to %(url)s removed.", count=len(hooks), url=url)
        )
        return self._ecom_notify(_("%(count)s webhooks removed.", count=len(hooks)))

    def action_push_all_stock(self):
        """Queue a push of the stock of every product with a SKU (a full resynchronisation)."""
        self.ensure_one()
        self._ecom_check_live("push_stock")
        if not self.push_stock:
            raise UserError(_("Turn on Push Stock to the Shop first."))
        products = self.env["product.product"].search(
            [
                ("default_code", "!=", False),
                ("is_storable", "=", True),
                ("company_id", "in", [False, self.company_id.id]),
            ]
        )
        self._ecom_mark_stock(products)
        return self._ecom_notify(
            _("The stock of %(count)s products will be sent shortly.", count=len(products))
        )

    def _ecom_check_live(self, capability="live_webhooks"):
        """Refuse unless the shop's platform has ``capability`` (see ``Platform``)."""
        # These buttons use the shop's credentials: connector managers only.
        self.check_access("write")
        if not getattr(self._ecom_platform(), capability):
            platforms = platform_codes(capability)
            labels = dict(self._fields["platform"]._description_selection(self.env))
            raise UserError(
                _(
                    "%(shop)s: only %(platforms)s shops can do this.",
                    shop=self.name,
                    platforms=", ".join(labels[platform] for platform in platforms),
                )
            )

    def _ecom_notify(self, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success", "message": message},
        }

    def action_open_webhook_events(self):
        self.ensure_one()
        return window_action(
            self.env, "ecom_connector.ecom_webhook_event_action", domain=[("shop_id", "=", self.id)]
        )

    # ------------------------------------------------------------ business

    def _ecom_total_tolerance(self):
        """Largest difference between the shop's total and Odoo's that does not hold an order."""
        self.ensure_one()
        return self.rounding_tolerance

    def _ecom_personal_keys(self):
        """The keys of this shop's payloads that hold personal data beyond ``PERSONAL_KEYS``."""
        self.ensure_one()
        return get_adapter(self.platform, self._ecom_adapter_options()).personal_keys()

    def _ecom_platform(self):
        """The declaration of the shop's platform (``platforms.registry.Platform``)."""
        self.ensure_one()
        return get_platform(self.platform)

    def _ecom_adapter_options(self):
        """Per-shop settings handed to the platform adapter (a plain dict).

        The time zone, and what the platform's declaration takes of the shop
        (``Platform.shop_options``: the CSV layout, PrestaShop's shipped state...).
        """
        self.ensure_one()
        return {"timezone": self._ecom_timezone(), **self._ecom_platform().shop_options(self)}

    def _ecom_csv_options(self):
        """The shop's CSV column mapping: its saved layout, overridden by its own changes."""
        self.ensure_one()
        csv_options = {**(self.csv_layout_id.options or {}), **dict(self.csv_options or {})}
        csv_options.setdefault("preset", self.csv_preset or "fr_standard")
        return csv_options

    def _ecom_timezone(self):
        """The shop's time zone (IANA name): its own, else its company's, never the user's."""
        self.ensure_one()
        return self.tz or self.company_id.partner_id.tz or "Europe/Paris"

    def _ecom_warehouse(self, order=None):
        """The warehouse the shop's deliveries leave from.

        :param order: a canonical order: the warehouse its platform names for it
            (an order the marketplace ships itself), else the shop's
        """
        self.ensure_one()
        if order is not None:
            warehouse = self._ecom_platform().order_warehouse(self, order)
            if warehouse:
                return warehouse
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

    # ------------------------------------------------------------ files

    def _ecom_wrong_format_message(self, content, filename):
        """A sentence when a file this shop could not read is plainly of another format.

        :return: e.g. "orders.csv is a CSV export, but Boutique is a Shopify shop, which
            reads JSON...", or ``False`` when the file looks like what the shop reads
        """
        kind = sniff_format(content)
        declaration = self._ecom_platform()
        if not kind or kind in declaration.file_formats:
            return False
        platform = dict(self._fields["platform"]._description_selection(self.env))[self.platform]
        name = filename or _("The file")
        if declaration.can_pull:
            return _(
                "%(file)s is a CSV export (its first line has columns), but %(shop)s is a "
                "%(platform)s shop, which reads what its platform's API returns (JSON, or "
                "XML). Import it into a CSV shop, or export the orders as JSON.",
                file=name,
                shop=self.name,
                platform=platform,
            )
        return _(
            "%(file)s is a %(kind)s document, but %(shop)s is a CSV shop, which reads CSV "
            "exports. Import it into a shop of its platform.",
            file=name,
            kind=kind.upper(),
            shop=self.name,
        )

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
            or _(
                "%(file)s cannot be read: %(error)s",
                file=filename or _("The file"),
                error=error.sentence(self.env),
            )
        )

    def _ecom_store_file_documents(self, documents, filename):
        """Store documents of a file in the inbox; returns the ``ecom.payload`` records."""
        self.ensure_one()
        # The server's operator (the command line, as the superuser) vouches for
        # the file; a file a user uploads is only what that user says.
        source = "command" if self.env.uid == SUPERUSER_ID else "file"
        return self.env["ecom.payload"]._ecom_store(self, documents, source, filename)

    # ------------------------------------------------------------ pull (the job: ecom_shop_pull.py)

    def _job_prepare_context_before_enqueue_keys(self):
        # A follow-up pull job reads pages as the first one did.
        return (*super()._job_prepare_context_before_enqueue_keys(), *PULL_CONTEXT_KEYS)

    def _related_action_pull_runs(self):
        """Related action of the pull job: the shop's pull runs."""
        return self.action_open_sync_runs()

    @api.model
    def _cron_pull(self):
        """Queue a pull of every shop whose automatic import is due.

        A shop is due when its interval has passed since its last pull and no
        pull of it is still running (a running one is closed as failed when
        its job is gone, e.g. after its last retry).
        """
        shops = (
            self.sudo()
            .search([("sync_enabled", "=", True), ("platform", "in", platform_codes("can_pull"))])
            .sudo(False)
        )
        now = fields.Datetime.now()
        running = self.env["ecom.sync.run"].search(
            [("shop_id", "in", shops.ids), ("state", "=", "running")]
        )
        busy = running._ecom_still_alive().shop_id
        for shop in shops - busy:
            if (
                shop.sync_last_at
                and shop.sync_last_at + timedelta(minutes=shop.sync_interval) > now
            ):
                continue
            shop = shop.with_company(shop.company_id)
            shop._ecom_queue_pull(shop._ecom_start_pull("cron"))
        return True

    def _ecom_check_pullable(self):
        self.ensure_one()
        if not self._ecom_platform().can_pull:
            raise UserError(
                _(
                    "%(shop)s is a %(platform)s shop: it has no API to pull orders from; "
                    "import its export files instead.",
                    shop=self.code,
                    platform=self.platform,
                )
            )
        if not self.sudo().api_url:
            raise UserError(
                _("%(shop)s has no Shop URL: set it in the Connection tab.", shop=self.code)
            )

    def _ecom_start_pull(self, trigger, since=None):
        """Open a run log for a pull of this shop.

        :param str trigger: ``cron``, ``manual`` or ``cli``
        :param datetime since: pull from this moment instead of the cursor
            (drops an unfinished window)
        :return: the ``ecom.sync.run``, running
        """
        self.ensure_one()
        if since:
            self.sync_resume = False
        resume = self.sync_resume or {}
        if resume:
            window_start = fields.Datetime.to_datetime(resume.get("since"))
        else:
            window_start = since or self.sync_cursor or self.import_start_date or False
        self.sync_last_at = fields.Datetime.now()
        return self.env["ecom.sync.run"].create(
            {"shop_id": self.id, "trigger": trigger, "since": window_start}
        )

    def _ecom_queue_pull(self, run, eta=None):
        """Queue the job that goes on with ``run`` (one waiting at a time per run).

        A shop has one running run at a time (the callers check
        :meth:`ecom.sync.run._ecom_still_alive` first), so this is one pull
        job per shop.
        """
        self.ensure_one()
        in_company_lang(self).with_delay(
            eta=eta,
            description=_("Pull the orders of shop %(shop)s", shop=self.code),
            identity_key=identity_exact,
        )._ecom_pull(run)

    # ------------------------------------------------------------ webhooks

    def _ecom_webhook_adapter(self):
        """The shop's adapter when its platform sends signed webhooks, else ``None``."""
        self.ensure_one()
        adapter = get_adapter(self.platform, self._ecom_adapter_options())
        return adapter if adapter.webhook_topics else None

    @api.model
    @tools.ormcache("shop_id")
    def _ecom_webhook_settings(self, shop_id):
        """What the webhook endpoint needs of shop ``shop_id``, read once and cached.

        Cached in memory per shop id (unknown ids too, so that calls to them
        cost no query); a change of the shop empties the cache (see
        :meth:`write`). Company rules do not apply: the caller is a shop
        authenticated by its signature, not a user.

        :param int shop_id: the id in the webhook's URL
        :return: a :data:`WebhookSettings`, or ``None`` when no active shop
            with signed webhooks has that id
        """
        # As the superuser: the endpoint has no user, and reads the secret to
        # check the signature, nothing else; this one shop only.
        shop_sudo = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch([("id", "=", shop_id)], list(WEBHOOK_SETTINGS_FIELDS))
        )
        if not shop_sudo.active or not shop_sudo._ecom_webhook_adapter():
            return None
        return WebhookSettings(
            shop_sudo.id,
            shop_sudo.company_id.id,
            shop_sudo.webhook_secret or "",
            shop_sudo.platform,
            shop_sudo._ecom_adapter_options(),
        )

    def _ecom_receive_webhook(self, adapter, body, topic, delivery_id):
        """Store one verified webhook delivery in the inbox and queue its processing.

        Called by the webhook endpoint (as superuser) once the signature is
        checked. Stored once per shop and delivery id, and once per shop and
        body (its SHA-256): the platform sending the same delivery again, or
        anyone replaying a body it once signed under another delivery id, is
        told ``duplicate`` and nothing is stored. The database's unique
        constraints decide, not a lookup before the insert: two copies
        arriving at the same moment are one payload too.

        :param adapter: the shop's adapter (:meth:`_ecom_webhook_adapter`)
        :param bytes body: the raw request body
        :param str topic: the delivery's topic
        :param str delivery_id: the platform's id of the delivery (may be ``None``)
        :return: ``(status code, reason code, detail, payload)`` for
            the answer and its trace (see ``WEBHOOK_REASONS``)
        """
        self.ensure_one()
        Payload = self.env["ecom.payload"].with_company(self.company_id)
        if topic not in adapter.webhook_topics:
            return 200, "topic_ignored", None, Payload
        try:
            documents = adapter.webhook_documents(body, topic)
        except PayloadError as error:
            return 400, "bad_body", str(error), Payload
        if len(documents) != 1:
            return 400, "bad_body", f"{len(documents)} objects where a webhook brings one.", Payload
        try:
            # A duplicate is an expected refusal of the INSERT, not an error
            # to log (Odoo logs the refused query, with the customer's data).
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                payload = Payload._ecom_store(
                    self,
                    documents,
                    "webhook",
                    delivery_id=delivery_id,
                    queued=True,
                    webhook_body_hash=hashlib.sha256(body).hexdigest(),
                )
        except psycopg2.errors.UniqueViolation:
            return 200, "duplicate", None, Payload
        if payload.state == "queued":
            # The job runs as the superuser, as a cron would: not as whoever
            # called the endpoint.
            payload.with_user(SUPERUSER_ID)._ecom_enqueue(stored=True)
        return 200, "stored", None, payload

    # ------------------------------------------------------------ stock push

    def _ecom_mark_stock(self, products):
        """Remember that these products' stock must be sent to these shops, and queue it.

        One mark per (shop, product), whatever the number of changes; one
        delayed job per shop (``identity_key``) sends every marked SKU at once.
        """
        shops = self.filtered("push_stock")
        if not shops or not products:
            return
        self.env.cr.execute(
            """
            INSERT INTO ecom_stock_mark (shop_id, product_id)
                 SELECT shop.id, product.id
                   FROM unnest(%s::int[]) AS shop(id), unnest(%s::int[]) AS product(id)
            ON CONFLICT DO NOTHING
            """,
            (shops.ids, products.ids),
        )
        for shop in shops:
            shop.with_user(SUPERUSER_ID).with_delay(
                eta=STOCK_PUSH_DELAY,
                description=_("Push stock to %(shop)s", shop=shop.name),
                identity_key=identity_exact,
            )._ecom_push_stock()

    def _ecom_push_stock(self):
        """Job: send the free quantity of every marked product to the shop, in one batch.

        The quantity is what the shop's warehouse can still sell (on hand less
        reserved, never below zero), per SKU. Marks are removed once sent; a
        change during the push marks the product again for the next job.
        :return: a sentence on what was sent
        """
        self.ensure_one()
        shop = self.with_company(self.company_id)
        if not shop.push_stock:
            return "Stock push is off."
        self.env.cr.execute(
            "SELECT id, product_id FROM ecom_stock_mark WHERE shop_id = %s FOR UPDATE SKIP LOCKED",
            (shop.id,),
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return "Nothing to send."
        products = (
            self.env["product.product"]
            .with_context(warehouse_id=shop._ecom_warehouse().id, active_test=False)
            .browse([product_id for _mark, product_id in rows])
            .filtered("default_code")
        )
        quantities = {
            product.default_code: max(
                math.floor(
                    float_round(product.free_qty, precision_rounding=product.uom_id.rounding)
                ),
                0,
            )
            for product in products
        }
        if not quantities:  # the marked products lost their SKU meanwhile
            self.env.cr.execute(
                "DELETE FROM ecom_stock_mark WHERE id IN %s", (tuple(r[0] for r in rows),)
            )
            return "Nothing to send."
        options = shop._ecom_platform().stock_push_options(shop)
        try:
            unknown = shop._ecom_pull_client().push_stock(quantities, **options)
        except TransientError as error:
            raise RetryableJobError(
                error.sentence(self.env), seconds=int(error.retry_after)
            ) from error
        except ShopApiError as error:
            raise UserError(error.sentence(self.env)) from None
        self.env.cr.execute(
            "DELETE FROM ecom_stock_mark WHERE id IN %s", (tuple(r[0] for r in rows),)
        )
        note = _("%(count)s SKUs sent.", count=len(quantities) - len(unknown))
        if unknown:
            note += " " + _(
                "Not found in the shop: %(skus)s.", skus=", ".join(sorted(unknown)[:50])
            )
        shop.write({"stock_pushed_at": fields.Datetime.now(), "stock_push_note": note})
        _logger.info("ecom shop %s: stock of %s products pushed", shop.id, len(quantities))
        return note


def suggested_code(name):
    """An upper-case code from a shop's name: letters and digits, words joined by ``-``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_name)
    return "-".join(words).upper()[:20].strip("-")
