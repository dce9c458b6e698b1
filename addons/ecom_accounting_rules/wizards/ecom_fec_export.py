# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import base64

from odoo import fields, models
from odoo.exceptions import UserError

FEC_WIZARD = "l10n_fr.fec.export.wizard"


class EcomFecExport(models.TransientModel):
    """The FEC (French audit file of the books) from a menu, in Odoo Community.

    Odoo's French accounting (``l10n_fr_account``) writes the file, but gives its
    wizard no menu and leaves its *Generate* button to the Enterprise reports (an
    empty hook in Community): this wizard asks for the period, has the French
    module write the file and hands it over for download. The export never locks
    the period (the accountant locks it in the settings when the year is closed).
    """

    _name = "ecom.fec.export"
    _description = "FEC Export"

    def _default_dates(self):
        return self.env.company.compute_fiscalyear_dates(fields.Date.context_today(self))

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(
        string="Start Date", required=True, default=lambda self: self._default_dates()["date_from"]
    )
    date_to = fields.Date(
        string="End Date", required=True, default=lambda self: self._default_dates()["date_to"]
    )
    fec_file = fields.Binary(string="FEC File", readonly=True, attachment=False)
    fec_filename = fields.Char(string="FEC File Name", readonly=True)
    line_count = fields.Integer(
        string="Journal Items Exported", readonly=True, help="Lines of the file after its header."
    )

    def action_generate(self):
        """Write the posted entries of the company between the two dates to the FEC file;
        returns the wizard again, with the file to download."""
        self.ensure_one()
        if FEC_WIZARD not in self.env:
            raise UserError(
                self.env._(
                    "The FEC is written by Odoo's French accounting: install "
                    "“France - Accounting” (l10n_fr_account) from the Apps, then export again."
                )
            )
        if self.date_from > self.date_to:
            raise UserError(self.env._("The start date must come before the end date."))
        # The French module grants its wizard to full accounting users only, while
        # billing users read the same posted entries; it reads the company of the
        # environment alone, and in test mode it never locks the period.
        fec_sudo = (
            self.env[FEC_WIZARD]
            .with_company(self.company_id)
            .sudo()
            .create(
                {
                    "date_from": self.date_from,
                    "date_to": self.date_to,
                    "test_file": True,
                    "export_type": "official",
                }
            )
        )
        result = fec_sudo.generate_fec()
        content = result["file_content"]
        self.write(
            {
                "fec_file": base64.b64encode(content),
                "fec_filename": result["file_name"],
                "line_count": len(content.splitlines()) - 1,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("FEC Export"),
        }
