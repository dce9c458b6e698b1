# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from dateutil.relativedelta import relativedelta

from odoo import _, fields, models


class EcomEreportingGenerate(models.TransientModel):
    """Make (where missing) and compute the e-reporting periods of one month."""

    _name = "ecom.ereporting.generate"
    _description = "Generate E-reporting Periods"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    month = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1)
        - relativedelta(months=1),
        help="Any day of the month: its periods are made (the décades of the standard regime "
        "with monthly returns, the two months that hold it in franchise) and computed.",
    )

    def action_generate(self):
        self.ensure_one()
        periods = (
            self.env["ecom.ereporting.period"]
            .with_company(self.company_id)
            ._ecom_generate(self.company_id, self.month.year, self.month.month)
        )
        periods._ecom_compute()
        return {
            "type": "ir.actions.act_window",
            "name": _("E-reporting"),
            "res_model": "ecom.ereporting.period",
            "view_mode": "list,form",
            "domain": [("id", "in", periods.ids)],
        }
