# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import _, api, fields, models

from ..const import SYNC_RUN_STATES, SYNC_RUN_TRIGGERS

# A command-line run silent for this long is taken as dead.
CLI_RUN_STALE = timedelta(hours=1)


class EcomSyncRun(models.Model):
    """One pull of a shop's orders: what was asked, read, stored and what failed.

    A run may span several queue jobs (one per batch of pages); each adds its
    pages and counts here, so the run tells the whole story.
    """

    _name = "ecom.sync.run"
    _description = "Shop Pull Run"
    _order = "started_at desc, id desc"

    shop_id = fields.Many2one("ecom.shop", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="shop_id.company_id", store=True, index=True)
    platform = fields.Selection(related="shop_id.platform")
    trigger = fields.Selection(SYNC_RUN_TRIGGERS, required=True, default="manual")
    state = fields.Selection(SYNC_RUN_STATES, required=True, default="running", index=True)
    since = fields.Datetime(
        string="Changed Since",
        readonly=True,
        help="Orders updated in the shop at or after this moment were asked for; "
        "empty: every order.",
    )
    started_at = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    finished_at = fields.Datetime(readonly=True)
    duration = fields.Float(
        string="Duration (s)", compute="_compute_duration", store=True, digits=(16, 1)
    )
    page_count = fields.Integer(string="Pages", readonly=True)
    fetched_count = fields.Integer(
        string="Fetched", readonly=True, help="Orders the shop sent, duplicates included."
    )
    new_count = fields.Integer(
        string="New", readonly=True, help="Payloads stored in the inbox and queued for import."
    )
    duplicate_count = fields.Integer(
        string="Duplicates",
        readonly=True,
        help="Orders already in the inbox with the same content or an equal or newer "
        "revision: not stored again.",
    )
    error = fields.Text(string="Errors", readonly=True)

    @api.depends("started_at", "finished_at")
    def _compute_duration(self):
        for run in self:
            if run.started_at and run.finished_at:
                run.duration = (run.finished_at - run.started_at).total_seconds()
            else:
                run.duration = 0.0

    @api.depends("shop_id", "started_at")
    def _compute_display_name(self):
        for run in self:
            run.display_name = _(
                "%(shop)s pull of %(date)s",
                shop=run.shop_id.code or "",
                date=fields.Datetime.to_string(run.started_at) or "",
            )

    # ------------------------------------------------------------ business

    def _ecom_add_page(self, fetched, new, duplicates):
        """Count one page read and stored."""
        self.ensure_one()
        self.write(
            {
                "page_count": self.page_count + 1,
                "fetched_count": self.fetched_count + fetched,
                "new_count": self.new_count + new,
                "duplicate_count": self.duplicate_count + duplicates,
            }
        )

    def _ecom_add_error(self, message):
        """Append a line to the run's errors (the run goes on)."""
        self.ensure_one()
        stamp = fields.Datetime.to_string(fields.Datetime.now())
        self.error = "\n".join(filter(None, [self.error, f"{stamp} {message}"]))

    def _ecom_finish(self, state, message=None):
        """Close the run as ``done`` or ``failed`` (with ``message``)."""
        for run in self:
            if message:
                run._ecom_add_error(message)
            run.write({"state": state, "finished_at": fields.Datetime.now()})

    def _ecom_report(self):
        """The run as the command line prints it (a JSON-ready dict)."""
        self.ensure_one()
        return {
            "shop": self.shop_id.code,
            "state": self.state,
            "since": fields.Datetime.to_string(self.since) if self.since else None,
            "started": fields.Datetime.to_string(self.started_at),
            "finished": fields.Datetime.to_string(self.finished_at) if self.finished_at else None,
            "duration": self.duration,
            "pages": self.page_count,
            "fetched": self.fetched_count,
            "new": self.new_count,
            "duplicates": self.duplicate_count,
            "errors": self.error.splitlines() if self.error else [],
        }

    def _ecom_still_alive(self):
        """The running runs that are really running; the others are closed as failed.

        A run whose job is gone (failed after its last retry, or cancelled) or
        a command-line run silent for an hour will never finish by itself.
        """
        alive = self.browse()
        now = fields.Datetime.now()
        for run in self.filtered(lambda r: r.state == "running"):
            if run.trigger == "cli":
                is_alive = run.write_date and now - run.write_date < CLI_RUN_STALE
            else:
                is_alive = run.shop_id._ecom_pull_job_alive(run)
            if is_alive:
                alive |= run
            else:
                run._ecom_finish(
                    "failed",
                    _("The pull stopped before its end: see its job in Queue Jobs."),
                )
        return alive
