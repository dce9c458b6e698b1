# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""When a shop's orders are pulled from its API: its pull settings and state.

The shop's fields for the automatic import (interval, cursor, progress, last
problem), the "Import Now" button, the cron that starts the pulls that are
due, and the queuing of the pull job. The job itself (pages, inbox, cursor,
failures) is in ecom_shop_pull.py.
"""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.queue_job.job import identity_exact

from ..clients import pull_platforms
from ..const import SYNC_STATES
from ..tools import in_company_lang, notification_action, window_action

# Context keys that tune the pull client (see _ecom_pull_client).
PULL_CONTEXT_KEYS = ("ecom_pull_page_size", "ecom_pull_timeout")


class EcomShop(models.Model):
    _inherit = "ecom.shop"  # pylint: disable=consider-merging-classes-inherited

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
    can_pull = fields.Boolean(compute="_compute_can_pull")

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
        platforms = pull_platforms()
        for shop in self:
            shop.can_pull = shop.platform in platforms

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
        platforms = pull_platforms()
        for shop in self.filtered("sync_enabled"):
            if shop.platform not in platforms:
                raise ValidationError(
                    _(
                        "%(shop)s is a %(platform)s shop: it has no API to pull orders from.",
                        shop=shop.code,
                        platform=shop.platform,
                    )
                )

    # ------------------------------------------------------------ actions

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

    def _job_prepare_context_before_enqueue_keys(self):
        # A follow-up pull job reads pages as the first one did.
        return (*super()._job_prepare_context_before_enqueue_keys(), *PULL_CONTEXT_KEYS)

    def _related_action_pull_runs(self):
        """Related action of the pull job: the shop's pull runs."""
        return self.action_open_sync_runs()

    def write(self, vals):
        if vals.get("sync_enabled"):
            # Switching the import back on is how a person says the problem is fixed.
            vals.setdefault("sync_state", "ok")
            vals.setdefault("sync_message", False)
        if "sync_cursor" in vals:
            # A cursor set by hand: the next pull starts there, not where one stopped.
            vals.setdefault("sync_resume", False)
        return super().write(vals)

    # ------------------------------------------------------------ cron

    @api.model
    def _cron_pull(self):
        """Queue a pull of every shop whose automatic import is due.

        A shop is due when its interval has passed since its last pull and no
        pull of it is still running (a running one is closed as failed when
        its job is gone, e.g. after its last retry).
        """
        shops = (
            self.sudo()
            .search([("sync_enabled", "=", True), ("platform", "in", pull_platforms())])
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

    # ------------------------------------------------------------ scheduling

    def _ecom_check_pullable(self):
        self.ensure_one()
        if self.platform not in pull_platforms():
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
