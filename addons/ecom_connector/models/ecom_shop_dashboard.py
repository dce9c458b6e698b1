# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import datetime, time

import pytz

from odoo import _, fields, models

from ..tools import count_by


class EcomShop(models.Model):
    """The figures of the Web Shops dashboard: one card per shop, each figure opening its list."""

    _inherit = "ecom.shop"

    # Two calendars: when the customer ordered in the shop, and when the order reached Odoo
    # (an import of last week's orders counts today in the second only).
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
