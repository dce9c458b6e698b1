# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import base64

from odoo import Command, _, api, fields, models

from ..platforms import get_platform
from ..tools import reopen_wizard, window_action

# Files with more orders than this are processed by queue jobs, not while the user waits.
SYNCHRONOUS_LIMIT = 50
# A small export of each platform (CSV: of each preset layout), as the shop gives it:
# the file each platform declares (``Platform.sample_files``), in this folder.
SAMPLES = "/ecom_connector/static/samples/"


class EcomImportWizard(models.TransientModel):
    """Upload a shop export (JSON, NDJSON, PrestaShop XML, CSV) and import it."""

    _name = "ecom.import.wizard"
    _description = "Import Shop Orders from a File"

    shop_id = fields.Many2one("ecom.shop", required=True)
    file = fields.Binary(required=True)
    filename = fields.Char()
    payload_ids = fields.Many2many("ecom.payload", readonly=True)
    summary = fields.Text(readonly=True)
    state = fields.Selection([("upload", "Upload"), ("done", "Done")], default="upload")
    formats_help = fields.Text(
        string="Files Accepted",
        compute="_compute_formats_help",
        help="What the shop's platform reads.",
    )
    sample_url = fields.Char(
        string="Sample File",
        compute="_compute_sample_url",
        help="A small export of the shop's platform (of its CSV layout for a CSV shop), "
        "to see what the import expects, or to try it.",
    )

    @api.depends("shop_id.platform")
    def _compute_formats_help(self):
        for wizard in self:
            platform = wizard.shop_id.platform and get_platform(wizard.shop_id.platform)
            text = platform and platform.formats_help
            wizard.formats_help = self.env._(text) if text else False

    @api.depends("shop_id.platform", "shop_id.csv_preset")
    def _compute_sample_url(self):
        for wizard in self:
            shop = wizard.shop_id
            sample = shop.platform and get_platform(shop.platform).sample_file(shop.csv_preset)
            wizard.sample_url = SAMPLES + sample if sample else False

    def action_import(self):
        self.ensure_one()
        shop = self.shop_id.with_company(self.shop_id.company_id)
        payloads = shop._ecom_receive_file(base64.b64decode(self.file), self.filename or "")
        waiting = payloads.filtered(lambda p: p.state == "new")
        if len(waiting) <= SYNCHRONOUS_LIMIT:
            waiting._ecom_process()
        else:
            waiting._ecom_enqueue()
        self.write(
            {
                "payload_ids": [Command.set(payloads.ids)],
                "state": "done",
                "summary": self._ecom_summary(payloads),
            }
        )
        return reopen_wizard(self, name=_("Import Result"))

    @api.model
    def _ecom_summary(self, payloads):
        """E.g. "3 orders received: 1 imported, 1 held for review, 1 failed."

        A sentence per count, singular or plural (Odoo has no plural forms),
        and only the counts that are not zero.
        """
        counts = {state: 0 for state in ("done", "held", "failed", "duplicate", "queued")}
        for payload in payloads:
            counts[payload.state] = counts.get(payload.state, 0) + 1
        sentences = {
            "done": (_("1 imported"), _("%(count)s imported")),
            "held": (_("1 held for review"), _("%(count)s held for review")),
            "failed": (_("1 failed"), _("%(count)s failed")),
            "duplicate": (_("1 already known"), _("%(count)s already known")),
            "queued": (_("1 queued for import"), _("%(count)s queued for import")),
        }
        parts = [
            one if counts[state] == 1 else many % {"count": counts[state]}
            for state, (one, many) in sentences.items()
            if counts[state]
        ]
        received = (
            _("1 order received")
            if len(payloads) == 1
            else _("%(count)s orders received", count=len(payloads))
        )
        if not parts:
            return _("%(received)s.", received=received)
        return _("%(received)s: %(outcomes)s.", received=received, outcomes=", ".join(parts))

    def action_open_payloads(self):
        return window_action(
            self.env,
            "ecom_connector.ecom_payload_action",
            domain=[("id", "in", self.payload_ids.ids)],
        )
