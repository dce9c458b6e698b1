# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, models


class QueueJob(models.Model):
    """A pull whose job fails after its last retry, or is cancelled, ends its run as failed.

    Without this the run stayed *Running* until the next pull noticed it; the
    shop's screens then told a stale story.
    """

    _inherit = "queue.job"

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") in ("failed", "cancelled"):
            self._ecom_close_pull_runs()
        return result

    def _ecom_close_pull_runs(self):
        pull_jobs = self.filtered(
            lambda job: job.model_name == "ecom.shop" and job.method_name == "_ecom_pull"
        )
        for job in pull_jobs:
            for run in job.args or ():
                if not isinstance(run, models.BaseModel) or run._name != "ecom.sync.run":
                    continue
                # The run is this job's own record: closed whoever the job runs as.
                run_sudo = run.sudo().exists().filtered(lambda r: r.state == "running")
                if not run_sudo:
                    continue
                if job.state == "cancelled":
                    reason = _("The pull's job was cancelled.")
                else:
                    reason = _(
                        "The pull's job failed after its retries: %(error)s",
                        error=job.exc_message or job.exc_name or _("see the job in Queue Jobs"),
                    )
                run_sudo._ecom_finish("failed", reason)
