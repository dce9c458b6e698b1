# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

import psycopg2

from odoo import _, api, fields, models

from odoo.addons.queue_job.job import Job

from ..const import PAYLOAD_STATES, SYNC_RUN_STATES, SYNC_RUN_TRIGGERS
from ..tools import window_action

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
    _check_company_auto = True

    shop_id = fields.Many2one(
        "ecom.shop", required=True, ondelete="cascade", index=True, check_company=True
    )
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
    payload_ids = fields.One2many("ecom.payload", "sync_run_id", string="Payloads")
    imported_count = fields.Integer(
        string="Imported",
        compute="_compute_import_progress",
        help="New orders of this pull imported (held ones included).",
    )
    held_count = fields.Integer(
        string="Held",
        compute="_compute_import_progress",
        help="Imported orders waiting for a person (unknown product, tax...).",
    )
    failed_count = fields.Integer(
        string="Failed",
        compute="_compute_import_progress",
        help="New orders of this pull whose import failed: see their payloads.",
    )
    waiting_count = fields.Integer(
        string="Waiting",
        compute="_compute_import_progress",
        help="New orders of this pull not imported yet.",
    )
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_import_progress",
        help="Share of the new orders read so far that are imported (or failed).",
    )
    import_done = fields.Boolean(
        compute="_compute_import_progress",
        help="The pull is over and every order it stored was processed.",
    )

    @api.depends("started_at", "finished_at")
    def _compute_duration(self):
        for run in self:
            if run.started_at and run.finished_at:
                run.duration = (run.finished_at - run.started_at).total_seconds()
            else:
                run.duration = 0.0

    @api.depends("state", "new_count", "payload_ids.state")
    def _compute_import_progress(self):
        counts = {
            (run, state): count
            for run, state, count in self.env["ecom.payload"]._read_group(
                [("sync_run_id", "in", self.ids)], ["sync_run_id", "state"], ["__count"]
            )
        }
        for run in self:
            by_state = {state: counts.get((run, state), 0) for state, _label in PAYLOAD_STATES}
            run.held_count = by_state["held"]
            run.imported_count = by_state["done"] + by_state["held"]
            run.failed_count = by_state["failed"]
            run.waiting_count = by_state["new"] + by_state["queued"]
            stored = sum(by_state.values())
            if stored:
                run.progress = 100.0 * (stored - run.waiting_count) / stored
            else:
                run.progress = 0.0 if run.state == "running" else 100.0
            run.import_done = run.state != "running" and not run.waiting_count

    @api.depends("shop_id", "started_at")
    def _compute_display_name(self):
        for run in self:
            run.display_name = _(
                "%(shop)s pull of %(date)s",
                shop=run.shop_id.code or "",
                date=fields.Datetime.to_string(run.started_at) or "",
            )

    # ------------------------------------------------------------ actions

    def action_open_orders(self):
        """The orders this pull brought (imported or held)."""
        self.ensure_one()
        return window_action(
            self.env,
            "ecom_connector.sale_order_ecom_action",
            domain=[("id", "in", self.payload_ids.sale_order_id.ids)],
            context={"create": False},
            name=_("Orders of %(run)s", run=self.display_name),
        )

    def action_open_payloads(self):
        """The payloads this pull stored, what needs attention first."""
        self.ensure_one()
        return window_action(
            self.env,
            "ecom_connector.ecom_payload_action",
            domain=[("sync_run_id", "=", self.id)],
            context={"search_default_group_state": 1},
            name=_("Payloads of %(run)s", run=self.display_name),
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

    def _ecom_say_retry(self, error, seconds, job_uuid=None):
        """Say on the run, at once, that its job waits for the shop to answer.

        The job asks queue_job for a retry, which rolls its transaction back:
        the line is written and committed apart, so that whoever follows the
        run reads it now ("... Retrying in 60 s, attempt 2 of 5.").

        :param error: the transient ``ShopApiError``
        :param seconds: the wait before the next attempt
        :param job_uuid: the pull job's, when a job runs it
        :return: ``False`` when this was the job's last attempt (no retry follows)
        """
        self.ensure_one()
        # queue_job reads its job as superuser (its own helper): only its counts are used.
        job = Job.db_records_from_uuids(self.env, [job_uuid]) if job_uuid else None
        if job:
            # The stored count is that of the attempts before this one.
            attempt, attempts = job.retry + 1, job.max_retries
            if attempts and attempt >= attempts:
                return False
            message = _(
                "%(error)s Retrying in %(seconds)s s, attempt %(next)s of %(attempts)s.",
                error=error.sentence(self.env),
                seconds=seconds,
                next=attempt + 1,
                attempts=attempts or "∞",
            )
        else:
            message = _(
                "%(error)s Retrying in %(seconds)s s.",
                error=error.sentence(self.env),
                seconds=seconds,
            )
        with self.env.registry.cursor() as cr:
            # Never wait long on a row the job's own transaction might hold.
            cr.execute("SET LOCAL lock_timeout = '5s'")
            try:
                # A run made in this very transaction (no job runner) is not there.
                run = self.with_env(self.env(cr=cr)).exists()
                if run:
                    run._ecom_add_error(message)
            except psycopg2.errors.LockNotAvailable:
                cr.rollback()
        return True

    def _ecom_finish(self, state, message=None):
        """Close the run as ``done`` or ``failed`` (with ``message``)."""
        for run in self:
            if message:
                run._ecom_add_error(message)
            run.write({"state": state, "finished_at": fields.Datetime.now()})
        self._ecom_notify_finished()

    def _ecom_notify_finished(self):
        """Tell who clicked Import Now (or finished Connect a Shop) that the pull is over.

        Scheduled and command-line runs have nobody watching: they say nothing.
        """
        for run in self.filtered(lambda r: r.trigger == "manual" and r.create_uid):
            user = run.create_uid
            env = run.with_context(lang=user.lang).env
            done = run.state == "done"
            if done:
                message = env._(
                    "%(shop)s: %(fetched)s orders read, %(new)s new being imported, "
                    "%(duplicates)s already known.",
                    shop=run.shop_id.name,
                    fetched=run.fetched_count,
                    new=run.new_count,
                    duplicates=run.duplicate_count,
                )
            else:
                last_error = (run.error or "").splitlines()[-1:]
                message = env._(
                    "%(shop)s: the pull failed. %(error)s",
                    shop=run.shop_id.name,
                    error=last_error[0] if last_error else "",
                )
            user._bus_send(
                "simple_notification",
                {
                    "type": "success" if done else "danger",
                    "title": env._("Pull Finished") if done else env._("Pull Failed"),
                    "message": message,
                    "sticky": not done,
                },
            )

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
