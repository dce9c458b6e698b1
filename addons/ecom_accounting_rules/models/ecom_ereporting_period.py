# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""One period of the French e-reporting of the company's web sales.

What is reported: the posted web-sale documents dated in the period (customer
invoices, credit notes, daily summary entries of every shop, sales entries of
marketplace settlements for their orders not in Odoo) of consumers (B2C:
rows per day x category x VAT rate) and of businesses established abroad (one
row per invoice); a French business's invoice is an e-invoice, not reported
here. Services whose VAT is due on receipt (the company did not opt for VAT on
debits) also give the payment data. The figures come from the documents (each
invoice line's VAT as the invoice computes it, each summarised order's lines as
the summary was computed) and are checked against the VAT booked on the same
documents: their base lines and their tax lines (``tax_line_id``), to the cent.
"""

import base64
from collections import defaultdict
from decimal import Decimal

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from odoo.addons.ecom_connector.const import (
    CUSTOMER_KIND_B2B,
    EREPORTING_CATEGORY_GOODS,
    EREPORTING_CATEGORY_NOT_TAXABLE,
    EREPORTING_CATEGORY_SERVICES,
    EREPORTING_EXPORT_CORRECTIVE,
    EREPORTING_EXPORT_INITIAL,
    EREPORTING_PERIOD_STATES,
    OPERATION_MIXED,
    OPERATION_SERVICES,
)

from ..ereporting import calendar as ereporting_calendar
from ..ereporting import flux10

SALE_DOCUMENTS = ("out_invoice", "out_refund")


def _decimal(value):
    """``value`` (a float amount or rate) as the Decimal the Flux 10 builder takes."""
    return Decimal(str(round(value, 2))) if value else Decimal(0)


def _vat_code(rate, category, country):
    """The UNTDID 5305 code of an invoice's VAT line to a business abroad: taxed (S),
    an intra-EU supply of goods (K), a service under reverse charge (AE), an export (G)."""
    if rate:
        return flux10.VAT_CODE_STANDARD
    if country not in flux10.EU_COUNTRIES:
        return "G"
    return "K" if category == EREPORTING_CATEGORY_GOODS else "AE"


class EcomEreportingPeriod(models.Model):
    _name = "ecom.ereporting.period"
    _description = "Web Sales E-reporting Period"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    regime = fields.Selection(
        selection=lambda self: self.env["res.company"]._fields["ecom_vat_regime"].selection,
        string="VAT Regime",
        required=True,
        readonly=True,
    )
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    due_date = fields.Date(
        readonly=True, help="When the period's transaction data are due at the latest."
    )
    payment_due_date = fields.Date(
        string="Payment Data Due Date",
        readonly=True,
        help="When the payment data of the period's month are due at the latest.",
    )
    state = fields.Selection(
        EREPORTING_PERIOD_STATES, default="draft", required=True, readonly=True
    )
    computed_at = fields.Datetime(string="Computed On", readonly=True)
    line_ids = fields.One2many("ecom.ereporting.line", "period_id", string="Rows", readonly=True)
    invoice_ids = fields.One2many(
        "ecom.ereporting.invoice", "period_id", string="Sales to Businesses Abroad", readonly=True
    )
    payment_ids = fields.One2many(
        "ecom.ereporting.payment", "period_id", string="Payments", readonly=True
    )
    difference_ids = fields.One2many(
        "ecom.ereporting.difference", "period_id", string="Differences", readonly=True
    )
    export_ids = fields.One2many("ecom.ereporting.export", "period_id", string="Exports")
    base_total = fields.Monetary(
        string="Base", readonly=True, help="Base of the rows and of the sales abroad."
    )
    tax_total = fields.Monetary(
        string="VAT", readonly=True, help="VAT of the rows and of the sales abroad."
    )
    ledger_base = fields.Monetary(
        readonly=True,
        help="Base booked on the same documents: their lines with taxes.",
    )
    ledger_tax = fields.Monetary(
        string="Ledger VAT",
        readonly=True,
        help="VAT booked on the same documents: their tax lines.",
    )
    base_difference = fields.Monetary(readonly=True)
    tax_difference = fields.Monetary(string="VAT Difference", readonly=True)
    ledger_matches = fields.Boolean(
        string="Matches the Ledger",
        readonly=True,
        help="The period's base and VAT equal the ledger's to the cent.",
    )
    payment_total = fields.Monetary(string="Received (Services)", readonly=True)
    changed_since_export = fields.Boolean(
        compute="_compute_changed_since_export",
        help="The figures differ from those exported: a corrective export sends the changes.",
    )
    export_count = fields.Integer(compute="_compute_changed_since_export")

    _sql_constraints = [
        (
            "period_unique",
            "unique(company_id, regime, date_from)",
            "A company has one e-reporting period per regime and start date.",
        )
    ]

    @api.depends("date_from", "date_to")
    def _compute_name(self):
        for period in self:
            if period.date_from and period.date_to:
                period.name = "%s - %s" % (
                    format_date(self.env, period.date_from),
                    format_date(self.env, period.date_to),
                )
            else:
                period.name = False

    @api.depends("export_ids", "line_ids", "invoice_ids", "payment_ids")
    def _compute_changed_since_export(self):
        for period in self:
            period.export_count = len(period.export_ids)
            period.changed_since_export = bool(period.export_ids) and any(
                period._ecom_changes().values()
            )

    # ------------------------------------------------------------ actions

    def action_compute(self):
        """(Re)compute the figures of these periods from the books."""
        self._ecom_compute()
        return True

    def action_export(self):
        """Export the period: its transaction and payment data flows, kept as an export."""
        self.ensure_one()
        if self.export_ids:
            raise UserError(
                _(
                    "The period %(period)s is exported already: use Corrective Export to send "
                    "what changed since.",
                    period=self.name,
                )
            )
        self._ecom_compute()
        return self._ecom_export(EREPORTING_EXPORT_INITIAL)._ecom_open()

    def action_export_corrective(self):
        """Export what changed since the period's last export (a refund after it, say)."""
        self.ensure_one()
        if not self.export_ids:
            raise UserError(
                _("The period %(period)s was never exported: use Export.", period=self.name)
            )
        self._ecom_compute()
        if not any(self._ecom_changes().values()):
            raise UserError(
                _(
                    "Nothing changed in %(period)s since its last export: there is nothing "
                    "to correct.",
                    period=self.name,
                )
            )
        return self._ecom_export(EREPORTING_EXPORT_CORRECTIVE)._ecom_open()

    def action_open_differences(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Differences with the Ledger"),
            "res_model": "ecom.ereporting.difference",
            "view_mode": "list",
            "domain": [("period_id", "=", self.id)],
        }

    # ------------------------------------------------------------ periods

    @api.model
    def _ecom_generate(self, company, year, month):
        """The periods of ``company``'s VAT regime that make up ``year``-``month``.

        Made where missing (a period already there keeps its figures and exports).
        :return: the ``ecom.ereporting.period`` records, in date order
        """
        regime = company.ecom_vat_regime
        if not regime:
            raise UserError(
                _(
                    "Set the company's VAT Regime (Accounting settings) first: it sets the "
                    "periods of the e-reporting."
                )
            )
        planned = ereporting_calendar.periods_of_month(regime, year, month)
        existing = self.search(
            [
                ("company_id", "=", company.id),
                ("regime", "=", regime),
                ("date_from", "in", [period.date_from for period in planned]),
            ]
        )
        by_start = {period.date_from: period for period in existing}
        missing = [period for period in planned if period.date_from not in by_start]
        created = self.create(
            [
                {
                    "company_id": company.id,
                    "regime": regime,
                    "date_from": period.date_from,
                    "date_to": period.date_to,
                    "due_date": period.due_date,
                    "payment_due_date": period.payment_due_date,
                }
                for period in missing
            ]
        )
        by_start.update({period.date_from: period for period in created})
        return self.browse([by_start[period.date_from].id for period in planned])

    # ------------------------------------------------------------ figures

    def _ecom_compute(self):
        """Write the figures of :meth:`_ecom_figures` on these periods (rows, sales
        abroad, payments, differences, totals and the ledger check)."""
        for period in self:
            figures = period._ecom_figures()
            totals = figures["totals"]
            matches = period.currency_id.is_zero(
                totals["base_difference"]
            ) and period.currency_id.is_zero(totals["tax_difference"])
            state = period.state
            if state != "exported" or not period.export_ids:
                state = "checked" if matches else "draft"
            period.write(
                {
                    "line_ids": [Command.clear()]
                    + [Command.create(vals) for vals in figures["rows"]],
                    "invoice_ids": [Command.clear()]
                    + [Command.create(vals) for vals in figures["invoices"]],
                    "payment_ids": [Command.clear()]
                    + [Command.create(vals) for vals in figures["payments"]],
                    "difference_ids": [Command.clear()]
                    + [Command.create(vals) for vals in figures["differences"]],
                    "base_total": totals["base"],
                    "tax_total": totals["tax"],
                    "ledger_base": totals["ledger_base"],
                    "ledger_tax": totals["ledger_tax"],
                    "base_difference": totals["base_difference"],
                    "tax_difference": totals["tax_difference"],
                    "ledger_matches": matches,
                    "payment_total": sum(vals["amount"] for vals in figures["payments"]),
                    "computed_at": fields.Datetime.now(),
                    "state": state,
                }
            )
        return True

    def _ecom_figures(self):
        """The period's e-reporting figures, computed from the books (nothing written).

        :return: a dict of ``rows``, ``invoices``, ``payments`` and ``differences``
            (values of their models, without the period) and ``totals`` (``base``,
            ``tax``, ``ledger_base``, ``ledger_tax``, ``base_difference``,
            ``tax_difference``), in company currency
        """
        self.ensure_one()
        # As the system: the figures are the company's books, and an accountant
        # without sales rights computes them too (the orders say who the customer
        # is); limited to this period's company.
        period = self.sudo()
        company = period.company_id
        currency = company.currency_id
        moves = period._ecom_sales_moves()
        period = period.with_context(ecom_refund_orders=period._ecom_refund_orders(moves))
        foreign_taxes = period._ecom_foreign_taxes()
        home = company.account_fiscal_country_id or company.country_id
        rows = defaultdict(lambda: [0.0, 0.0])
        invoices, differences = [], []
        report_by_move = defaultdict(lambda: [0.0, 0.0])
        services = defaultdict(float)  # (date, rate) -> received, from the summaries
        for move in moves:
            if move.move_type in SALE_DOCUMENTS:
                kind, abroad = period._ecom_customer(move, home)
                if kind == CUSTOMER_KIND_B2B and not abroad:
                    continue  # an e-invoice: the PA reports it
                amounts = period._ecom_invoice_amounts(move, home, foreign_taxes)
            elif move.ecom_settlement_id:
                kind, abroad = False, False
                amounts = period._ecom_settlement_amounts(move, foreign_taxes)
            else:
                kind, abroad = False, False
                amounts = period._ecom_summary_amounts(move, home, foreign_taxes)
            if kind == CUSTOMER_KIND_B2B:
                base = currency.round(sum(amount[2] for amount in amounts))
                tax = currency.round(sum(amount[3] for amount in amounts))
                main = max(amounts, key=lambda amount: abs(amount[2]))[0] if amounts else False
                partner = move.commercial_partner_id
                invoices.append(
                    {
                        "move_id": move.id,
                        "partner_id": partner.id,
                        "country_id": partner.country_id.id,
                        "vat": partner.vat or False,
                        "date": move.date,
                        "category": main or EREPORTING_CATEGORY_NOT_TAXABLE,
                        "base": base,
                        "tax": tax,
                    }
                )
                report_by_move[move] = [base, tax]
                continue
            for category, rate, base, tax in amounts:
                key = (move.date, category, rate)
                rows[key][0] += base
                rows[key][1] += tax
                report_by_move[move][0] += base
                report_by_move[move][1] += tax
                if category == EREPORTING_CATEGORY_SERVICES and move.move_type == "entry":
                    # Paid when ordered: the summary holds the day's receipts.
                    services[(move.date, rate)] += base + tax
        totals = dict.fromkeys(("base", "tax", "ledger_base", "ledger_tax"), 0.0)
        for move in moves:
            if move not in report_by_move:
                continue
            base, tax = (currency.round(value) for value in report_by_move[move])
            ledger_base, ledger_tax = period._ecom_ledger_amounts(move)
            totals["base"] += base
            totals["tax"] += tax
            totals["ledger_base"] += ledger_base
            totals["ledger_tax"] += ledger_tax
            base_difference = currency.round(base - ledger_base)
            tax_difference = currency.round(tax - ledger_tax)
            if not (currency.is_zero(base_difference) and currency.is_zero(tax_difference)):
                differences.append(
                    {
                        "move_id": move.id,
                        "base": base,
                        "tax": tax,
                        "ledger_base": ledger_base,
                        "ledger_tax": ledger_tax,
                        "base_difference": base_difference,
                        "tax_difference": tax_difference,
                    }
                )
        totals = {name: currency.round(value) for name, value in totals.items()}
        totals["base_difference"] = currency.round(totals["base"] - totals["ledger_base"])
        totals["tax_difference"] = currency.round(totals["tax"] - totals["ledger_tax"])
        row_vals = [
            {
                "date": day,
                "category": category,
                "rate": rate,
                "base": currency.round(base),
                "tax": currency.round(tax),
                "currency_id": currency.id,
            }
            for (day, category, rate), (base, tax) in sorted(rows.items())
        ]
        payments = []
        if not company.ecom_vat_on_debits:
            for (day, rate), amount in period._ecom_invoice_receipts(home, foreign_taxes).items():
                services[(day, rate)] += amount
            payments = [
                {
                    "date": day,
                    "rate": rate,
                    "amount": currency.round(amount),
                    "currency_id": currency.id,
                }
                for (day, rate), amount in sorted(services.items())
                if not currency.is_zero(amount)
            ]
        return {
            "rows": row_vals,
            "invoices": invoices,
            "payments": payments,
            "differences": differences,
            "totals": totals,
        }

    def _ecom_sales_moves(self):
        """The posted web-sale documents dated in the period: customer invoices and
        credit notes of every shop, daily summary entries, and the sales entries of
        marketplace settlements (their orders not in Odoo).

        :return: ``account.move`` records, by date
        """
        self.ensure_one()
        return self.env["account.move"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "posted"),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
                "|",
                ("ecom_settlement_id", "!=", False),
                "&",
                ("ecom_shop_id", "!=", False),
                "|",
                ("move_type", "in", SALE_DOCUMENTS),
                ("ecom_summary_order_ids", "!=", False),
            ],
            order="date, id",
        )

    def _ecom_foreign_taxes(self):
        """The company's sale taxes that are another country's VAT, not France's.

        The taxes a shop's tax mapping gives for a destination abroad (the
        connector names them after it: OSS taxes of the company) and those the
        company's fiscal positions for another country map to (Odoo's OSS
        positions among them). A 0 % tax is never French VAT for a sale abroad.
        :return: ``account.tax`` records
        """
        self.ensure_one()
        company = self.company_id
        home = company.account_fiscal_country_id or company.country_id
        maps = self.env["ecom.tax.map"].search(
            [("shop_id.company_id", "=", company.id), ("country_id", "not in", [False, home.id])]
        )
        positions = self.env["account.fiscal.position"].search(
            [("company_id", "=", company.id), ("country_id", "not in", [False, home.id])]
        )
        return maps.tax_id | positions.tax_ids.tax_dest_id

    def _ecom_category(self, operation, taxes, destination, home, foreign_taxes):
        """The e-reporting category of a sale of ``operation`` (goods or services)
        taxed ``taxes``, delivered in ``destination``.

        Not taxable in France (TNT1) when delivered abroad under another country's
        VAT or none (OSS distance sales, sales to businesses abroad, exports);
        else goods (TLB1) or services (TPS1) subject to French VAT.
        """
        abroad = destination and destination != home
        if abroad and (not any(taxes.mapped("amount")) or taxes & foreign_taxes):
            return EREPORTING_CATEGORY_NOT_TAXABLE
        return (
            EREPORTING_CATEGORY_SERVICES
            if operation == OPERATION_SERVICES
            else EREPORTING_CATEGORY_GOODS
        )

    @staticmethod
    def _ecom_rate(taxes):
        """The VAT rate of a line taxed ``taxes``, in percent."""
        return round(sum(taxes.mapped("amount")), 4)

    def _ecom_customer(self, move, home):
        """``(customer kind, abroad)`` of a customer invoice or credit note.

        The kind its web orders were classified at import (a credit note: those of
        the invoice it reverses, or of its refund's review item); a business is
        abroad when its company is established in another country.
        """
        orders = move.invoice_line_ids.sale_line_ids.order_id
        orders |= move.reversed_entry_id.invoice_line_ids.sale_line_ids.order_id
        if not orders:
            orders = self.env.context.get("ecom_refund_orders", {}).get(move.id, orders)
        kind = CUSTOMER_KIND_B2B if CUSTOMER_KIND_B2B in orders.mapped("ecom_customer_kind") else ""
        partner = move.commercial_partner_id
        country = partner.country_id or move.partner_shipping_id.country_id
        return kind, bool(country) and country != home

    def _ecom_refund_orders(self, moves):
        """The web orders of the credit notes among ``moves`` whose lines name none
        (a refund of an amount): their refund's review item says which.

        :return: a dict move id -> ``sale.order``
        """
        items = self.env["ecom.review.item"].search(
            [("credit_note_id", "in", moves.filtered(lambda m: m.move_type == "out_refund").ids)]
        )
        return {item.credit_note_id.id: item.sale_order_id for item in items}

    def _ecom_invoice_amounts(self, move, home, foreign_taxes):
        """What a customer invoice (credit note: negative) reports, per line.

        Each line with taxes: its base as booked and its VAT as the invoice
        computes it for the line (price with tax less price without), in company
        currency. Shipping follows the goods it carries (the invoice's category).
        :return: a list of ``(category, rate, base, tax)``
        """
        currency = move.company_id.currency_id
        sign = -1 if move.move_type == "out_refund" else 1
        destination = move.partner_shipping_id.country_id or move.commercial_partner_id.country_id
        accessory = OPERATION_SERVICES if move.ecom_operation_category == OPERATION_SERVICES else ""
        amounts = []
        for line in move.invoice_line_ids.filtered(
            lambda line: line.display_type == "product" and line.tax_ids
        ):
            if any(line.sale_line_ids.mapped("is_delivery")) or not line.product_id:
                operation = accessory
            else:
                operation = line.product_id.product_tmpl_id.ecom_operation_category
            base = -line.balance
            ratio = abs(line.balance / line.amount_currency) if line.amount_currency else 1.0
            tax = sign * currency.round((line.price_total - line.price_subtotal) * ratio)
            category = self._ecom_category(
                operation, line.tax_ids, destination, home, foreign_taxes
            )
            amounts.append((category, self._ecom_rate(line.tax_ids), base, tax))
        return amounts

    def _ecom_summary_amounts(self, move, home, foreign_taxes):
        """What a daily summary entry reports: its orders' lines, computed as the
        summary computed them (each line's taxes, rounded per line, in company
        currency at the order's date).

        :return: a list of ``(category, rate, base, tax)``
        """
        company = move.company_id
        gift_products = self.env.ref("ecom_connector.product_gift_card").product_variant_ids
        amounts = []
        for order in move.ecom_summary_order_ids:
            currency = order.currency_id
            day = order._ecom_accounting_date()
            destination = (
                order.partner_shipping_id.country_id or order.partner_invoice_id.country_id
            )
            lines = order.order_line.filtered(
                lambda sol: not sol.display_type
                and sol.tax_id
                and not sol.product_id & gift_products
            )
            goods = lines.filtered(
                lambda sol: not sol.is_delivery
                and sol.product_id.product_tmpl_id.ecom_operation_category != OPERATION_SERVICES
            )
            for line in lines:
                if line.is_delivery:
                    operation = "" if goods or not lines - line else OPERATION_SERVICES
                else:
                    operation = line.product_id.product_tmpl_id.ecom_operation_category
                price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
                result = line.tax_id.compute_all(
                    price, currency, line.product_uom_qty, line.product_id, order.partner_invoice_id
                )
                base = currency._convert(
                    result["total_excluded"], company.currency_id, company, day
                )
                tax = sum(
                    currency._convert(tax["amount"], company.currency_id, company, day)
                    for tax in result["taxes"]
                )
                category = self._ecom_category(
                    operation, line.tax_id, destination, home, foreign_taxes
                )
                amounts.append((category, self._ecom_rate(line.tax_id), base, tax))
        return amounts

    def _ecom_settlement_amounts(self, move, foreign_taxes):
        """What a marketplace settlement's sales entry reports: its sales lines and VAT
        lines as booked (the marketplace's report, to the cent), sales to consumers
        (the report says nothing of a business buyer). Each line says goods or
        services; another country's VAT (OSS) is not taxable in France.

        :return: a list of ``(category, rate, base, tax)``
        """
        amounts = []
        for line in move.line_ids:
            taxes = line.tax_ids or line.tax_line_id
            if not taxes:
                continue
            if taxes & foreign_taxes:
                category = EREPORTING_CATEGORY_NOT_TAXABLE
            elif line.ecom_operation_category == OPERATION_SERVICES:
                category = EREPORTING_CATEGORY_SERVICES
            else:
                category = EREPORTING_CATEGORY_GOODS
            amount = -line.balance
            base, tax = (amount, 0.0) if line.tax_ids else (0.0, amount)
            amounts.append((category, self._ecom_rate(taxes), base, tax))
        return amounts

    def _ecom_ledger_amounts(self, move):
        """``(base, tax)`` booked on ``move``: its lines with taxes and its tax lines
        (sales positive, credit notes negative), in company currency."""
        currency = move.company_id.currency_id
        base = -sum(move.line_ids.filtered("tax_ids").mapped("balance"))
        tax = -sum(move.line_ids.filtered("tax_line_id").mapped("balance"))
        return currency.round(base), currency.round(tax)

    def _ecom_invoice_receipts(self, home, foreign_taxes):
        """The payment data of the period's customer invoices and credit notes:
        what was received (refunded: negative) for services subject to French VAT,
        on the payment's date, per rate.

        Each payment reconciled with a B2C web invoice in the period counts for
        the services' share of the invoice (with VAT).
        :return: a dict ``(date, rate) -> amount``
        """
        self.ensure_one()
        currency = self.company_id.currency_id
        partials = self.env["account.partial.reconcile"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("max_date", ">=", self.date_from),
                ("max_date", "<=", self.date_to),
            ]
        )
        moves = (partials.debit_move_id.move_id | partials.credit_move_id.move_id).filtered(
            lambda move: move.move_type in SALE_DOCUMENTS
            and move.ecom_shop_id
            and move.state == "posted"
        )
        period = self.with_context(ecom_refund_orders=self._ecom_refund_orders(moves))
        receipts = defaultdict(float)
        for move in moves:
            kind, _abroad = period._ecom_customer(move, home)
            if kind == CUSTOMER_KIND_B2B:
                continue
            shares = defaultdict(float)
            for category, rate, base, tax in period._ecom_invoice_amounts(
                move, home, foreign_taxes
            ):
                if category == EREPORTING_CATEGORY_SERVICES:
                    shares[rate] += base + tax
            total = move.amount_total_signed
            if not shares or currency.is_zero(total):
                continue
            for partial, _amount, _counterpart in move._get_reconciled_invoices_partials()[0]:
                if not self.date_from <= partial.max_date <= self.date_to:
                    continue
                fraction = partial.amount / abs(total)
                for rate, amount in shares.items():
                    receipts[(partial.max_date, rate)] += currency.round(amount * fraction)
        return receipts

    # ------------------------------------------------------------ exports

    def _ecom_exported(self):
        """What the period's exports sent, summed: ``(rows, invoices, payments)``
        as dicts keyed like :meth:`_ecom_changes` compares them."""
        self.ensure_one()
        exports = self.export_ids
        return (
            self._ecom_sum_rows(exports.line_ids),
            self._ecom_sum_invoices(exports.invoice_ids),
            self._ecom_sum_payments(exports.payment_ids),
        )

    @staticmethod
    def _ecom_sum_rows(lines):
        sums = defaultdict(lambda: [0.0, 0.0])
        for line in lines:
            key = (line.date, line.category, line.rate)
            sums[key][0] += line.base
            sums[key][1] += line.tax
        return sums

    @staticmethod
    def _ecom_sum_invoices(invoices):
        sums = defaultdict(lambda: [0.0, 0.0])
        for invoice in invoices:
            sums[invoice.move_id][0] += invoice.base
            sums[invoice.move_id][1] += invoice.tax
        return sums

    @staticmethod
    def _ecom_sum_payments(payments):
        sums = defaultdict(lambda: [0.0])
        for payment in payments:
            sums[(payment.date, payment.rate)][0] += payment.amount
        return sums

    def _ecom_changes(self):
        """The figures now less those exported so far: ``rows``, ``invoices`` and
        ``payments``, as lists of the values a corrective export sends (the
        differences that are not zero; all figures when nothing was exported)."""
        self.ensure_one()
        currency = self.currency_id
        sent_rows, sent_invoices, sent_payments = self._ecom_exported()
        now_rows = self._ecom_sum_rows(self.line_ids)
        now_invoices = self._ecom_sum_invoices(self.invoice_ids)
        now_payments = self._ecom_sum_payments(self.payment_ids)

        def changed(now, sent, width):
            zero = [0.0] * width
            for key in sorted(set(now) | set(sent), key=str):
                values = [
                    currency.round(a - b)
                    for a, b in zip(now.get(key, zero), sent.get(key, zero), strict=True)
                ]
                if any(not currency.is_zero(value) for value in values):
                    yield key, values

        by_move = {invoice.move_id: invoice for invoice in self.invoice_ids}
        by_move.update(
            {
                invoice.move_id: invoice
                for invoice in self.export_ids.invoice_ids
                if invoice.move_id not in by_move
            }
        )
        return {
            "rows": [
                {
                    "date": key[0],
                    "category": key[1],
                    "rate": key[2],
                    "base": values[0],
                    "tax": values[1],
                    "currency_id": currency.id,
                }
                for key, values in changed(now_rows, sent_rows, 2)
            ],
            "invoices": [
                {
                    "move_id": move.id,
                    "partner_id": by_move[move].partner_id.id,
                    "country_id": by_move[move].country_id.id,
                    "vat": by_move[move].vat,
                    "date": by_move[move].date,
                    "category": by_move[move].category,
                    "base": values[0],
                    "tax": values[1],
                }
                for move, values in changed(now_invoices, sent_invoices, 2)
            ],
            "payments": [
                {"date": key[0], "rate": key[1], "amount": values[0], "currency_id": currency.id}
                for key, values in changed(now_payments, sent_payments, 1)
            ],
        }

    def _ecom_export(self, kind):
        """Make an export of ``kind``: the changes since the last export (all figures
        for the first), their flow files attached, kept on the period.

        :return: the ``ecom.ereporting.export``
        """
        self.ensure_one()
        changes = self._ecom_changes()
        export = self.env["ecom.ereporting.export"].create(
            {
                "period_id": self.id,
                "kind": kind,
                "user_id": self.env.user.id,
                "line_ids": [Command.create(vals) for vals in changes["rows"]],
                "invoice_ids": [Command.create(vals) for vals in changes["invoices"]],
                "payment_ids": [Command.create(vals) for vals in changes["payments"]],
                "base_total": self.base_total,
                "tax_total": self.tax_total,
            }
        )
        files = export._ecom_flow_files()
        export.attachment_ids = self.env["ir.attachment"].create(
            [
                {
                    "name": name,
                    "datas": base64.b64encode(content),
                    "mimetype": "application/xml",
                    "res_model": export._name,
                    "res_id": export.id,
                }
                for name, content in files
            ]
        )
        self.state = "exported"
        return export

    # ------------------------------------------------------------ Flux 10 values

    def _ecom_flux10_declarant(self):
        """The company as the Flux 10 files name it: a ``flux10.Declarant``."""
        self.ensure_one()
        company = self.company_id
        numbers = [company.company_registry]
        if "siret" in company._fields:
            numbers.insert(0, company.siret)
        siren = next(
            (
                digits[:9]
                for digits in ("".join(c for c in (n or "") if c.isdigit()) for n in numbers)
                if len(digits) in (9, 14)
            ),
            "",
        )
        return flux10.Declarant(
            name=company.name or "",
            siren=siren,
            vat=company.vat or "",
            platform_id=company.ecom_ereporting_platform_id or "",
            platform_name=company.ecom_ereporting_platform_name or "",
            country_code=(company.account_fiscal_country_id or company.country_id).code or "FR",
        )

    def _ecom_flux10_rows(self):
        """The period's consumer rows as ``flux10.TransactionRow``: sales not taxable
        in France (TNT1) without French VAT (rate 0, tax 0), summed per day."""
        self.ensure_one()
        sums = defaultdict(lambda: [0.0, 0.0])
        for line in self.line_ids:
            rate, tax = line.rate, line.tax
            if line.category == EREPORTING_CATEGORY_NOT_TAXABLE:
                rate, tax = 0.0, 0.0
            key = (line.date, line.category, rate, line.currency_id.name)
            sums[key][0] += line.base
            sums[key][1] += tax
        return [
            flux10.TransactionRow(
                date=day,
                category=category,
                rate=_decimal(rate),
                base=_decimal(base),
                tax=_decimal(tax),
                currency=currency,
            )
            for (day, category, rate, currency), (base, tax) in sorted(sums.items())
        ]

    def _ecom_flux10_invoices(self):
        """The period's sales to businesses abroad as ``flux10.AbroadInvoice``: in the
        document's currency as printed, a line per VAT rate."""
        self.ensure_one()
        categories = {
            OPERATION_SERVICES: EREPORTING_CATEGORY_SERVICES,
            OPERATION_MIXED: flux10.MIXED,
        }
        invoices = []
        for row in self.invoice_ids:
            move = row.move_id.sudo()  # as computed: the figures of the company's books
            category = categories.get(move.ecom_operation_category, EREPORTING_CATEGORY_GOODS)
            country = row.country_id.code or ""
            lines = defaultdict(lambda: [0.0, 0.0])
            for line in move.invoice_line_ids.filtered(
                lambda line: line.display_type == "product" and line.tax_ids
            ):
                rate = self._ecom_rate(line.tax_ids)
                lines[rate][0] += line.price_subtotal
                lines[rate][1] += line.price_total - line.price_subtotal
            invoices.append(
                flux10.AbroadInvoice(
                    number=move.name,
                    date=move.invoice_date or move.date,
                    kind=flux10.CREDIT_NOTE if move.move_type == "out_refund" else flux10.INVOICE,
                    currency=move.currency_id.name,
                    buyer_name=row.partner_id.name or "",
                    buyer_country=country,
                    buyer_vat=row.vat or "",
                    category=category,
                    lines=tuple(
                        flux10.InvoiceTaxLine(
                            rate=_decimal(rate),
                            base=_decimal(base),
                            tax=_decimal(tax),
                            vat_code=_vat_code(rate, category, country),
                        )
                        for rate, (base, tax) in sorted(lines.items())
                    ),
                    tax_total_eur=_decimal(abs(row.tax)),
                    origin_number=move.reversed_entry_id.name or "",
                    origin_date=move.reversed_entry_id.invoice_date,
                )
            )
        return invoices

    def _ecom_flux10_payments(self):
        """The period's payment data as ``flux10.PaymentRow``."""
        self.ensure_one()
        return [
            flux10.PaymentRow(
                date=payment.date,
                rate=_decimal(payment.rate),
                amount=_decimal(payment.amount),
                currency=payment.currency_id.name,
            )
            for payment in self.payment_ids
        ]

    # ------------------------------------------------------------ report

    def _ecom_report(self):
        """The JSON-ready e-reporting data of these periods (the figures stored on
        them: compute first). Several periods (the décades of a month) are summed
        in ``rows``, ``b2b_abroad``, ``payments`` and ``ledger_check`` and listed in
        ``periods``; ``due_date`` is the last one's.

        :return: a dict
        """
        periods = self.sorted("date_from")
        currency = periods.company_id.currency_id[:1]

        def number(value):
            return round(value, currency.decimal_places)

        return {
            "regime": periods[:1].regime,
            "due_date": periods[-1:].due_date and periods[-1].due_date.isoformat(),
            "payment_due_date": periods[-1:].payment_due_date
            and periods[-1].payment_due_date.isoformat(),
            "periods": [
                {
                    "date_from": period.date_from.isoformat(),
                    "date_to": period.date_to.isoformat(),
                    "due_date": period.due_date.isoformat(),
                    "base": number(period.base_total),
                    "tax": number(period.tax_total),
                    "exports": [
                        {"kind": export.kind, "date": export.create_date.isoformat()}
                        for export in period.export_ids.sorted("id")
                    ],
                }
                for period in periods
            ],
            "rows": [
                {
                    "date": line.date.isoformat(),
                    "category": line.category,
                    "rate": line.rate,
                    "base": number(line.base),
                    "tax": number(line.tax),
                    "currency": line.currency_id.name,
                }
                for line in periods.line_ids.sorted(
                    lambda line: (line.date, line.category, line.rate)
                )
            ],
            "b2b_abroad": [
                {
                    "invoice": invoice.move_id.name,
                    "date": invoice.date.isoformat(),
                    "customer": invoice.partner_id.name,
                    "country": invoice.country_id.code or None,
                    "vat": invoice.vat or None,
                    "category": invoice.category,
                    "base": number(invoice.base),
                    "tax": number(invoice.tax),
                    "currency": currency.name,
                }
                for invoice in periods.invoice_ids.sorted(
                    lambda invoice: (invoice.date, invoice.id)
                )
            ],
            "payments": [
                {
                    "date": payment.date.isoformat(),
                    "rate": payment.rate,
                    "amount": number(payment.amount),
                    "currency": payment.currency_id.name,
                }
                for payment in periods.payment_ids.sorted(
                    lambda payment: (payment.date, payment.rate)
                )
            ],
            "ledger_check": {
                "base": number(sum(periods.mapped("base_total"))),
                "tax": number(sum(periods.mapped("tax_total"))),
                "ledger_base": number(sum(periods.mapped("ledger_base"))),
                "ledger_tax": number(sum(periods.mapped("ledger_tax"))),
                "base_difference": number(sum(periods.mapped("base_difference"))),
                "tax_difference": number(sum(periods.mapped("tax_difference"))),
                "differences": [
                    {
                        "move": difference.move_id.name,
                        "base_difference": number(difference.base_difference),
                        "tax_difference": number(difference.tax_difference),
                    }
                    for difference in periods.difference_ids
                ],
            },
        }
