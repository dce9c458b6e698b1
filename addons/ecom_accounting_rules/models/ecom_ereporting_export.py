# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, fields, models

from odoo.addons.ecom_connector.const import (
    EREPORTING_EXPORT_CORRECTIVE,
    EREPORTING_EXPORT_KINDS,
)


class EcomEreportingExport(models.Model):
    """One export of an e-reporting period: its flow files and what they sent.

    The initial export sends the period's figures; a corrective one, what changed
    since the exports before it (a refund after the export, say). The rows,
    sales abroad and payments it sent are kept with it: the period's figures less
    the sum of its exports is what a new corrective export sends.
    """

    _name = "ecom.ereporting.export"
    _description = "Web Sales E-reporting Export"
    _order = "id desc"
    _check_company_auto = True

    period_id = fields.Many2one(
        "ecom.ereporting.period",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(EREPORTING_EXPORT_KINDS, required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Exported By", readonly=True)
    create_date = fields.Datetime(string="Exported On", readonly=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Files", readonly=True)
    base_total = fields.Monetary(
        string="Base at Export", readonly=True, help="The period's base when exported."
    )
    tax_total = fields.Monetary(
        string="VAT at Export", readonly=True, help="The period's VAT when exported."
    )
    line_ids = fields.One2many(
        "ecom.ereporting.line", "export_id", string="Rows Sent", readonly=True
    )
    invoice_ids = fields.One2many(
        "ecom.ereporting.invoice", "export_id", string="Sales Abroad Sent", readonly=True
    )
    payment_ids = fields.One2many(
        "ecom.ereporting.payment", "export_id", string="Payments Sent", readonly=True
    )

    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for export in self:
            export.display_name = _(
                "%(kind)s export of %(period)s",
                kind=labels.get(export.kind, ""),
                period=export.period_id.name,
            )

    def _ecom_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }

    def _ecom_flow_files(self):
        """The export's flow files: ``[(file name, XML bytes)]``, transactions then
        payments (see ereporting/flux10.py)."""
        self.ensure_one()
        from ..ereporting import flux10

        period = self.period_id
        corrective = self.kind == EREPORTING_EXPORT_CORRECTIVE
        return flux10.build_files(self._ecom_flux10_data(), corrective=corrective, period=period)
