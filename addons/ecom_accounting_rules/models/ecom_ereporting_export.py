# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import UTC

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.ecom_connector.const import (
    EREPORTING_EXPORT_CORRECTIVE,
    EREPORTING_EXPORT_KINDS,
)

from ..ereporting import flux10


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
        """The export's Flux 10 files: ``[(file name, XML bytes)]``, the transactions
        report, then the payments report when the period has payment data.

        Both carry the period's whole figures (a corrective report, transmission
        type RE, replaces the earlier one: see ereporting/flux10.py).
        :raises UserError: when the data cannot make a valid file (the sentence says
            what to fix: the company's SIREN, its platform...)
        """
        self.ensure_one()
        period = self.period_id
        corrective = self.kind == EREPORTING_EXPORT_CORRECTIVE
        declarant = period._ecom_flux10_declarant()
        span = flux10.Period(period.date_from, period.date_to)
        stem = "%s_%s_%s_%s" % (
            declarant.siren,
            period.date_from.strftime("%Y%m%d"),
            period.date_to.strftime("%Y%m%d"),
            "RE" if corrective else "IN",
        )
        issued_at = fields.Datetime.now().replace(tzinfo=UTC)
        try:
            files = [
                (
                    f"ereporting_transactions_{stem}.xml",
                    flux10.transactions_xml(
                        declarant,
                        span,
                        period._ecom_flux10_rows(),
                        period._ecom_flux10_invoices(),
                        corrective=corrective,
                        issued_at=issued_at,
                    ),
                )
            ]
            payments = period._ecom_flux10_payments()
            if payments:
                files.append(
                    (
                        f"ereporting_payments_{stem}.xml",
                        flux10.payments_xml(
                            declarant, span, payments, corrective=corrective, issued_at=issued_at
                        ),
                    )
                )
        except flux10.Flux10Error as error:
            raise UserError(error.sentence(self.env)) from error
        return files
