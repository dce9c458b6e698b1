# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Payouts: money a payment provider paid out, as it reports it, and how it is booked.

Received from a file or an API (stored once per provider and company), each
payout is matched to the order payments its charges and refunds clear, then
booked as one entry in the provider's journal: each charge clears its order
payment's outstanding receipt (reconciled), or its order's share of the daily
summary's receipts line (partly reconciled), each refund its refund payment,
fees, disputes, reserves and adjustments go to the account set's accounts,
and the deposit to the bank journal's outstanding receipts, as one line the
bank statement line of the deposit is reconciled with. What does not add up,
or cannot be matched, goes to the review queue instead. Its balance
transactions are ``ecom.payout.line`` (ecom_payout_line.py); how it is pulled
from the providers' APIs, in ecom_payout_pull.py.
"""

from collections import defaultdict
from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date, formatLang

from odoo.addons.ecom_connector.adapters.canonical import PayloadError
from odoo.addons.ecom_connector.const import (
    PAYOUT_STATUSES,
    REASON_CHARGEBACK,
    REASON_PAYOUT_FAILED,
    REASON_PAYOUT_MISMATCH,
    REASON_PAYOUT_UNMATCHED,
)

from .. import payouts as parsers
from ..payouts import PAYOUT_PROVIDERS
from ..tools import accountant_env
from .ecom_payout_line import ORDER_TYPES, by_external_id

BOOKING_STATES = [
    ("pending", "To Book"),
    ("review", "In Review"),
    ("booked", "Booked"),
    ("reversed", "Reversed"),
    ("nothing", "Nothing to Book"),
]
# Which figure of the payout each line type adds to.
FIGURE_OF_TYPE = {
    "charge": "charge_amount",
    "refund": "refund_amount",
    "dispute": "dispute_amount",
    "dispute_reversal": "dispute_amount",
    "reserve": "reserve_amount",
}
# Line types booked on the account set's accounts (the rest on adjustments).
ACCOUNT_OF_TYPE = {
    "fee": "fee_account_id",
    "dispute": "dispute_account_id",
    "dispute_reversal": "dispute_account_id",
    "reserve": "reserve_account_id",
}
PAYOUT_REASONS = (REASON_PAYOUT_MISMATCH, REASON_PAYOUT_UNMATCHED, REASON_PAYOUT_FAILED)


class EcomPayout(models.Model):
    """Money a payment provider paid out to the seller's bank, net of its fees."""

    _name = "ecom.payout"
    _description = "Payment Provider Payout"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    provider = fields.Selection(PAYOUT_PROVIDERS, required=True, index=True)
    shop_id = fields.Many2one("ecom.shop", string="Web Shop", index=True, check_company=True)
    account_set_id = fields.Many2one(
        "ecom.payout.account.set", string="Accounts", check_company=True, readonly=True
    )
    external_id = fields.Char(string="Provider Payout ID", required=True, readonly=True)
    status = fields.Selection(PAYOUT_STATUSES, required=True, tracking=True, readonly=True)
    date = fields.Date(readonly=True, help="The date the provider sends the money.")
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    amount = fields.Monetary(readonly=True, help="The deposit: what reaches the bank.")
    summary = fields.Json(readonly=True, help="The provider's own summary, as sent.")
    line_ids = fields.One2many("ecom.payout.line", "payout_id", string="Transactions")
    state = fields.Selection(
        BOOKING_STATES, default="pending", required=True, readonly=True, tracking=True, index=True
    )
    move_id = fields.Many2one(
        "account.move", string="Entry", readonly=True, copy=False, check_company=True
    )
    reversal_move_id = fields.Many2one(
        "account.move", string="Reversal", readonly=True, copy=False, check_company=True
    )
    deposit_line_id = fields.Many2one(
        "account.move.line",
        readonly=True,
        copy=False,
        help="The entry's line of the deposit, on the bank journal's outstanding receipts.",
    )
    statement_line_id = fields.Many2one("account.bank.statement.line", readonly=True, copy=False)
    bank_reconciled = fields.Boolean(compute="_compute_bank_reconciled", store=True)
    problems = fields.Text(readonly=True)
    review_item_ids = fields.One2many("ecom.review.item", "payout_id", string="Review Items")
    charge_amount = fields.Monetary(string="Charges", compute="_compute_figures", store=True)
    refund_amount = fields.Monetary(string="Refunds", compute="_compute_figures", store=True)
    fee_amount = fields.Monetary(string="Fees", compute="_compute_figures", store=True)
    adjustment_amount = fields.Monetary(
        string="Adjustments", compute="_compute_figures", store=True
    )
    dispute_amount = fields.Monetary(string="Disputes", compute="_compute_figures", store=True)
    reserve_amount = fields.Monetary(string="Reserves", compute="_compute_figures", store=True)
    lines_total = fields.Monetary(
        compute="_compute_figures",
        store=True,
        help="The lines' gross amounts less their fees, added up: what the entry books "
        "before the deposit.",
    )
    difference = fields.Monetary(
        compute="_compute_figures", store=True, help="The payout's amount less its lines' total."
    )
    balanced = fields.Boolean(compute="_compute_figures", store=True)
    line_count = fields.Integer(compute="_compute_figures", store=True, string="Lines")
    matched_count = fields.Integer(compute="_compute_figures", store=True, string="Matched")
    matched_rate = fields.Float(
        string="Matched (%)", compute="_compute_figures", store=True, digits=(5, 1)
    )

    _sql_constraints = [
        (
            "external_uniq",
            "unique(company_id, provider, external_id)",
            "A provider's payout is recorded once.",
        ),
    ]

    @api.depends("provider", "external_id")
    def _compute_name(self):
        labels = dict(PAYOUT_PROVIDERS)
        for payout in self:
            payout.name = f"{labels.get(payout.provider, '')} {payout.external_id or ''}".strip()

    @api.depends(
        "amount",
        "line_ids.type",
        "line_ids.amount",
        "line_ids.fee",
        "line_ids.net",
        "line_ids.state",
    )
    def _compute_figures(self):
        for payout in self:
            figures = dict.fromkeys(
                ("charge_amount", "refund_amount", "dispute_amount", "reserve_amount"), 0.0
            )
            fees = adjustments = total = 0.0
            lines = payout.line_ids.filtered(lambda line: line.type != "transfer")
            for line in lines:
                # What the entry books of the line (its gross and its fee), not the net
                # the provider says: a line whose net differs does not add up.
                total += line.amount - line.fee
                fees += line.fee
                figure = FIGURE_OF_TYPE.get(line.type)
                if figure:
                    figures[figure] += line.amount
                elif line.type == "fee":
                    fees -= line.amount
                else:
                    adjustments += line.amount
            currency = payout.currency_id or self.env.company.currency_id
            payout.update(figures)
            payout.fee_amount = fees
            payout.adjustment_amount = adjustments
            payout.lines_total = total
            payout.difference = currency.round(payout.amount - total)
            payout.balanced = bool(lines) and currency.is_zero(payout.difference)
            payout.line_count = len(lines)
            matched = lines.filtered(lambda line: line.state in ("matched", "booked"))
            payout.matched_count = len(matched)
            payout.matched_rate = 100.0 * len(matched) / len(lines) if lines else 0.0

    @api.depends("deposit_line_id.reconciled", "statement_line_id")
    def _compute_bank_reconciled(self):
        for payout in self:
            payout.bank_reconciled = bool(payout.deposit_line_id.reconciled)

    def action_open_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    def action_open_orders(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Orders of %(payout)s", payout=self.name),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("id", "in", self.line_ids.sale_order_id.ids)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------ receiving

    @api.model
    def _ecom_import_content(self, provider, content, filename, company=None, shop=None):
        """Parse one file or API answer of ``provider`` and receive it (see :meth:`_ecom_receive`).

        :raises UserError: when the content is not what the provider sends
        """
        try:
            parsed = parsers.parse(provider, content, filename)
        except PayloadError as error:
            raise UserError(
                _(
                    "%(file)s: %(error)s",
                    file=filename or provider,
                    error=error.sentence(self.env),
                )
            ) from None
        return self._ecom_receive(provider, parsed, company=company, shop=shop)

    @api.model
    def _ecom_receive(self, provider, parsed, company=None, shop=None):
        """Store ``parsed`` payouts and transactions, then match and book their payouts.

        :param parsed: a :class:`~..payouts.ParsedPayouts`
        :return: a dict: ``payouts`` (the ``ecom.payout`` records received or
            completed) and ``counts`` of the transactions: received, booked,
            pending, review, duplicates (each received one in one of the last four)
        """
        company = company or (shop and shop.company_id) or self.env.company
        self = self.with_company(company)
        currencies, activated = self._ecom_currencies(
            {p.currency for p in parsed.payouts} | {t.currency for t in parsed.transactions}
        )
        payouts = self._ecom_store_payouts(provider, parsed.payouts, company, shop, currencies)
        lines, duplicates = self.env["ecom.payout.line"]._ecom_store(
            provider, parsed.transactions, company, shop, currencies
        )
        # Waiting transactions of the payouts received, from earlier files.
        pending = self.env["ecom.payout.line"].search(
            [
                ("company_id", "=", company.id),
                ("provider", "=", provider),
                ("payout_id", "=", False),
                ("payout_external_id", "in", payouts.mapped("external_id")),
            ]
        )
        by_ext = {payout.external_id: payout for payout in payouts}
        for line in pending:
            line.write({"payout_id": by_ext[line.payout_external_id].id, "state": "todo"})
        touched = payouts | lines.payout_id
        if activated:
            # Never a silent change of settings: the payouts say what changed and why.
            for payout in touched:
                env = accountant_env(self.env, payout.company_id, payout.shop_id)
                payout.message_post(
                    body=env._(
                        "The currency %(currencies)s was activated by this import: the "
                        "provider pays in it.",
                        currencies=", ".join(activated.mapped("name")),
                    )
                )
        touched._ecom_process()
        return {
            "payouts": touched.sorted(lambda p: (p.date or p.create_date.date(), p.id)),
            "lines": lines,
            "counts": lines._ecom_counts(len(parsed.transactions), duplicates),
        }

    @api.model
    def _ecom_currencies(self, codes):
        codes = {code for code in codes if code}
        found = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search([("name", "in", list(codes))])
        )
        by_code = {currency.name: currency for currency in found}
        missing = codes - set(by_code)
        if missing:
            raise UserError(_("Unknown currency: %(codes)s.", codes=", ".join(sorted(missing))))
        inactive = found.filtered(lambda c: not c.active)
        if inactive:
            inactive.sudo().active = True  # a currency the provider pays in must be usable
        return by_code, inactive

    @api.model
    def _ecom_store_payouts(self, provider, parsed_payouts, company, shop, currencies):
        existing = by_external_id(self, company, provider, [p.external_id for p in parsed_payouts])
        result = self.browse()
        create_vals = []
        for parsed in parsed_payouts:
            currency = currencies.get(parsed.currency) or company.currency_id
            vals = {
                "status": parsed.status,
                "date": parsed.date,
                "currency_id": currency.id,
                "amount": float(parsed.amount),
                "summary": parsed.summary or False,
            }
            payout = existing.get(parsed.external_id)
            if payout:
                # A booked payout keeps its figures; only its status may move on.
                changes = {"status": parsed.status} if payout.move_id else vals
                current = {
                    "status": payout.status,
                    "date": payout.date,
                    "currency_id": payout.currency_id.id,
                    "amount": payout.amount,
                    "summary": payout.summary or False,
                }
                changes = {key: value for key, value in changes.items() if current[key] != value}
                if changes:
                    payout.write(changes)
                result |= payout
                continue
            create_vals.append(
                {
                    **vals,
                    "company_id": company.id,
                    "provider": provider,
                    "shop_id": shop.id if shop else False,
                    "external_id": parsed.external_id,
                }
            )
            existing[parsed.external_id] = True
        if create_vals:
            # Created in the accountant's language: the chatter's "created" line is hers.
            lang_env = accountant_env(self.env, company, shop)
            result |= self.with_env(lang_env).create(create_vals).with_env(self.env)
        return result

    # ------------------------------------------------------------ matching and booking

    def _ecom_process(self):
        """Match and book these payouts as far as they can go (a second run changes nothing).

        :return: the payouts booked by this call
        """
        booked = self.browse()
        # The entries say what made them: a payout's booking, unless the caller
        # said otherwise (the rules posting an order, a review resolution).
        stamp = {}
        if not self.env["account.move"]._ecom_stamp():
            stamp = self.env["account.move"]._ecom_trigger_context("payout")
        for payout in self:
            # What the booking writes for people (problems, review items, entry
            # labels, messages) is the accountant's: in her language, whoever
            # (or whichever job) imported the payout.
            lang_env = accountant_env(self.env, payout.company_id, payout.shop_id)
            payout = payout.with_env(lang_env).with_company(payout.company_id)
            payout = payout.with_context(**stamp)
            try:
                with self.env.cr.savepoint():
                    if payout._ecom_process_one():
                        booked |= payout
            except UserError as error:
                payout.problems = str(error.args[0])
                payout.state = "review"
        return booked

    def _ecom_process_one(self):
        self.ensure_one()
        if self.state in ("booked", "reversed", "nothing"):
            if self.status in ("failed", "cancelled") and self.state == "booked":
                self._ecom_open_payout_item(REASON_PAYOUT_FAILED, self._failed_sentence())
            return False
        if self.status in ("failed", "cancelled"):
            self.write({"state": "review", "problems": self._failed_sentence()})
            self._ecom_open_payout_item(REASON_PAYOUT_FAILED, self.problems)
            return False
        if self.status != "paid":
            return False
        if not self.account_set_id:
            self.account_set_id = self.env["ecom.payout.account.set"]._ecom_for(
                self.company_id, self.provider, self.shop_id
            )
        if parsers.get_provider(self.provider).books_settlement:
            # A marketplace's settlement: ecom_payout_settlement.py books it.
            return self._ecom_book_settlement()
        self.line_ids._ecom_match()
        # A line whose net is not its gross less its fee, and a payout whose lines
        # do not make its amount: one item, what does not add up, each said.
        problems = [line._ecom_net_sentence() for line in self.line_ids._ecom_not_adding_up()]
        if not self.balanced:
            problems.append(
                _(
                    "The lines add up to %(total)s, not to the payout's %(amount)s "
                    "(difference %(difference)s).",
                    total=self._money(self.lines_total),
                    amount=self._money(self.amount),
                    difference=self._money(self.difference),
                )
            )
        if problems:
            self._ecom_open_payout_item(REASON_PAYOUT_MISMATCH, "\n".join(problems))
        unmatched = self.line_ids.filtered(lambda line: line.state == "unmatched")
        if unmatched:
            sentence = "\n".join(unmatched.mapped("problem"))
            problems.append(sentence)
            self._ecom_open_payout_item(REASON_PAYOUT_UNMATCHED, sentence)
        if problems:
            self.write({"state": "review", "problems": "\n".join(problems)})
            return False
        self._ecom_book()
        return True

    def _failed_sentence(self):
        label = dict(self._fields["status"]._description_selection(self.env))[self.status]
        if self.move_id:
            return _(
                "The provider reports this payout %(status)s after it was booked: "
                "reverse its entry.",
                status=label.lower(),
            )
        return _("The provider reports this payout %(status)s.", status=label.lower())

    def _money(self, amount):
        """``amount`` in this payout's currency, as the reader's language writes it (1 234,50 €)."""
        return formatLang(self.env, amount, currency_obj=self.currency_id)

    # ------------------------------------------------------------ booking

    def _ecom_book(self, difference_account=None, unmatched_account=None):
        """Write and post this payout's entry, and reconcile what it clears.

        :param difference_account: books a difference between the payout and
            its lines there (else the payout must be balanced)
        :param unmatched_account: books unmatched charges and refunds there
            (else they must all be matched)
        :return: the posted ``account.move``
        """
        self.ensure_one()
        if self.move_id:
            return self.move_id
        accounts = self.account_set_id
        company = self.company_id
        currency = self.currency_id
        lines = self.line_ids.filtered(lambda line: line.type != "transfer")

        def to_company(amount):
            # The provider's exchange_rate converts a charge's currency to the
            # payout's, not to the company's: the payout's currency is converted
            # at the company's rate of the payout's date.
            if currency == company.currency_id:
                return amount
            return currency._convert(amount, company.currency_id, company, self.date)

        # The payout's date, or the first open day when the books are locked there.
        payout_date = self.date or fields.Date.context_today(self)
        date, lock = company._ecom_first_open_date(payout_date, accounts.journal_id, has_tax=False)
        narration = False
        if lock:
            narration = _(
                "The payout of %(payout_date)s falls in a locked period (up to %(lock)s): "
                "its entry is dated %(date)s, the first open day.",
                payout_date=format_date(self.env, payout_date),
                lock=format_date(self.env, lock),
                date=format_date(self.env, date),
            )

        vals, pairs = [], []
        fees = defaultdict(float)
        for line in lines:
            if line.type in ORDER_TYPES:
                if line.cleared_line_id:
                    account = line.cleared_line_id.account_id
                elif unmatched_account:
                    account = unmatched_account
                else:
                    raise UserError(_("%(line)s is not matched.", line=line.external_id))
            else:
                account = accounts[ACCOUNT_OF_TYPE.get(line.type, "adjustment_account_id")]
            label = self._line_label(line)
            if line.type == "fee":
                fees[label] -= line.amount
            else:
                line_currency, amount_currency = currency, -line.amount
                balance = to_company(-line.amount)
                cleared = line.cleared_line_id
                if cleared and cleared.currency_id != currency:
                    # A charge in another currency than the payout's: cleared in its own
                    # currency, worth what the provider paid out; Odoo books the exchange
                    # difference with the payment's value when it reconciles them.
                    line_currency = cleared.currency_id
                    amount_currency = -cleared.amount_residual_currency
                    if line_currency == company.currency_id:
                        balance = amount_currency
                partner = line.sale_order_id.partner_invoice_id.commercial_partner_id
                if cleared and cleared.move_id == line.sale_order_id.ecom_summary_move_id:
                    # Its share of a daily summary: on the summary's partner (the web
                    # customers), so that partner's open receipts are what is cleared.
                    partner = cleared.partner_id
                vals.append(
                    {
                        "name": label,
                        "account_id": account.id,
                        "partner_id": partner.id or False,
                        "currency_id": line_currency.id,
                        "amount_currency": amount_currency,
                        "balance": balance,
                    }
                )
                pairs.append((len(vals) - 1, line))
            if line.fee:
                fees[_("Fees %(payout)s", payout=self.name)] += line.fee
        for label, amount in fees.items():
            if not currency.is_zero(amount):
                vals.append(
                    {
                        "name": label,
                        "account_id": accounts.fee_account_id.id,
                        "currency_id": currency.id,
                        "amount_currency": amount,
                        "balance": to_company(amount),
                    }
                )
        if not currency.is_zero(self.difference):
            if not difference_account:
                raise UserError(_("%(payout)s does not add up to its amount.", payout=self.name))
            vals.append(
                {
                    "name": _("Difference with the provider %(payout)s", payout=self.name),
                    "account_id": difference_account.id,
                    "currency_id": currency.id,
                    "amount_currency": -self.difference,
                    "balance": to_company(-self.difference),
                }
            )
        deposit_balance = -sum(line["balance"] for line in vals)
        vals.append(
            {
                "name": _("Deposit %(payout)s", payout=self.name),
                "account_id": accounts._ecom_deposit_account().id,
                "currency_id": currency.id,
                "amount_currency": self.amount,
                "balance": company.currency_id.round(deposit_balance),
            }
        )
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": accounts.journal_id.id,
                "date": date,
                "ref": self.name,
                "narration": narration,
                "ecom_shop_id": self.shop_id.id,
                "line_ids": [Command.create(line) for line in vals],
            }
        )
        move.action_post()
        move_lines = move.line_ids.sorted("id")
        for index, line in pairs:
            line.move_line_id = move_lines[index]
            if line.cleared_line_id:
                # A daily summary's receipts line is cleared partly, one charge at a
                # time (account.partial.reconcile), fully once its day is paid out.
                (move_lines[index] | line.cleared_line_id).reconcile()
        self.line_ids.write({"state": "booked"})
        self.write(
            {
                "move_id": move.id,
                "deposit_line_id": move_lines[-1].id,
                "state": "booked",
                "problems": False,
            }
        )
        self._ecom_close_payout_items()
        self._ecom_open_dispute_items()
        self._ecom_match_statement()
        return move

    def _line_label(self, line):
        """The entry's label of ``line``: what it is, its order and customer, its provider's id.

        E.g. "Charge #1001, Jean Dupont (Shopify Payments 699519475)".
        """
        types = dict(line._fields["type"]._description_selection(self.env))
        order = line.sale_order_id
        reference = order.ecom_reference or order.name or line.order_reference
        reference = reference or line.order_external_id
        transaction = f"{self._provider_label()} {line.external_id}"
        if reference:
            customer = order.partner_id.commercial_partner_id.name
            return _(
                "%(type)s %(order)s%(customer)s (%(transaction)s)",
                type=types[line.type],
                order=reference,
                customer=f", {customer}" if customer else "",
                transaction=transaction,
            )
        what = " ".join(part for part in (types[line.type], line.provider_type) if part)
        return f"{what} ({transaction})"

    def _provider_label(self):
        """The provider's name, in the reader's language."""
        return dict(self._fields["provider"]._description_selection(self.env)).get(
            self.provider, self.provider or ""
        )

    def _ecom_reverse(self):
        """Reverse the entry of a failed payout: the order payments wait again."""
        self.ensure_one()
        if not self.move_id or self.reversal_move_id:
            self.state = "reversed" if self.move_id else "nothing"
            return self.reversal_move_id
        self.move_id.line_ids.remove_move_reconcile()
        reversal = self.move_id._reverse_moves(
            [{"ref": _("Reversal of %(payout)s", payout=self.name), "date": self.move_id.date}],
            cancel=True,
        )
        self.line_ids.filtered(lambda line: line.state == "booked").write({"state": "matched"})
        self.write({"reversal_move_id": reversal.id, "state": "reversed"})
        return reversal

    # ------------------------------------------------------------ bank statement

    def _ecom_match_statement(self, st_lines=None):
        """Reconcile each booked payout's deposit with its bank statement line.

        A statement line of the bank journal with the deposit's amount, dated
        within the account set's window, not reconciled yet; when several
        qualify, the one whose label names the payout (or the provider).
        :return: the statement lines reconciled
        """
        matched = self.env["account.bank.statement.line"]
        for payout in self.filtered(lambda p: p.deposit_line_id and not p.statement_line_id):
            if payout.deposit_line_id.reconciled:
                continue
            st_line = payout._ecom_find_statement_line(st_lines)
            if st_line:
                payout._ecom_reconcile_statement_line(st_line)
                matched |= st_line
        return matched

    def _ecom_find_statement_line(self, st_lines=None):
        self.ensure_one()
        accounts = self.account_set_id
        window = accounts.match_days
        domain = [
            ("journal_id", "=", accounts.bank_journal_id.id),
            ("is_reconciled", "=", False),
            ("date", ">=", self.date - timedelta(days=window)),
            ("date", "<=", self.date + timedelta(days=window)),
        ]
        if st_lines is not None:
            domain.append(("id", "in", st_lines.ids))
        candidates = self.env["account.bank.statement.line"].search(domain)
        currency = self.currency_id
        candidates = candidates.filtered(
            lambda st: currency.is_zero(
                (st.amount_currency if st.foreign_currency_id == currency else st.amount)
                - self.amount
            )
            and (st.foreign_currency_id == currency or st.currency_id == currency)
        )
        if len(candidates) > 1:
            named = candidates.filtered(
                lambda st: self.external_id.lower() in (st.payment_ref or "").lower()
            )
            if not named:
                provider = dict(self._fields["provider"].selection)[self.provider].lower()
                named = candidates.filtered(
                    lambda st: provider.split()[0] in (st.payment_ref or "").lower()
                )
            candidates = named if len(named) == 1 else candidates[:0]
        return candidates[:1]

    def _ecom_reconcile_statement_line(self, st_line):
        """Reconcile the deposit with ``st_line`` through the statement line (its entry stays
        posted: see ``account.bank.statement.line._ecom_reconcile_with``)."""
        if not st_line._ecom_reconcile_with(self.deposit_line_id):
            return False
        self.statement_line_id = st_line
        env = accountant_env(self.env, self.company_id, self.shop_id)
        self.message_post(
            body=env._(
                "Deposit matched with the bank statement line %(line)s.", line=st_line.display_name
            )
        )
        return True

    # ------------------------------------------------------------ review items

    def _ecom_open_payout_item(self, code, sentence):
        """Open (or reopen) this payout's item for reason ``code``."""
        self.ensure_one()
        Item = self.env["ecom.review.item"]
        reason = self.env["ecom.reason"]._by_code("review").get(code)
        item = Item.search([("payout_id", "=", self.id), ("key", "=", code)], limit=1)
        vals = {
            "description": sentence,
            "difference": self.difference,
            "amount_at_stake": abs(self.difference)
            if code == REASON_PAYOUT_MISMATCH
            else self.amount,
        }
        if item:
            if item.state != "todo" or item.description != sentence:
                item.write({**vals, "state": "todo", "resolution": False})
            return item
        return self._ecom_assign_items(
            Item.create(
                {
                    **vals,
                    "name": _(
                        "%(payout)s: %(reason)s", payout=self.name, reason=reason.name or code
                    ),
                    "key": code,
                    "stage": "after",
                    "company_id": self.company_id.id,
                    "shop_id": self.shop_id.id,
                    "payout_id": self.id,
                    "currency_id": self.currency_id.id,
                    "reason_id": reason.id,
                    "reason_ids": [Command.set(reason.ids)],
                }
            )
        )

    @api.model
    def _ecom_assign_items(self, items):
        """A to-do activity for the responsible accountant of each new payout item.

        :return: ``items``
        """
        items._ecom_schedule_todos(
            lambda item, env: env._("Review payout %(payout)s", payout=item.payout_id.name)
        )
        return items

    def _ecom_close_payout_items(self):
        items = self.review_item_ids.filtered(
            lambda item: item.state == "todo" and item.key in PAYOUT_REASONS
        )
        items._ecom_close("automatic", _("Matched and booked by the rules."))

    def _ecom_open_dispute_items(self):
        """A chargeback item per dispute of these payouts (its order's, when known)."""
        Item = self.env["ecom.review.item"]
        reason = self.env["ecom.reason"]._by_code("review")[REASON_CHARGEBACK]
        disputes = self.line_ids.filtered(lambda line: line.type == "dispute")
        existing = set(
            Item.search([("payout_line_id", "in", disputes.ids)]).mapped("payout_line_id").ids
        )
        vals_list = []
        for line in disputes.filtered(lambda line: line.id not in existing):
            order = line.sale_order_id
            name = order.name or line.order_reference or line.order_external_id or line.external_id
            vals_list.append(
                {
                    "name": _("%(order)s: dispute %(id)s", order=name, id=line.external_id),
                    "key": f"payout-dispute:{line.id}",
                    "stage": "after",
                    "company_id": line.company_id.id,
                    "sale_order_id": order.id or False,
                    "shop_id": (order.ecom_shop_id or line.payout_id.shop_id).id,
                    "payout_id": line.payout_id.id,
                    "payout_line_id": line.id,
                    "currency_id": line.currency_id.id,
                    "amount_at_stake": abs(line.amount),
                    "reason_id": reason.id,
                    "reason_ids": [Command.set(reason.ids)],
                    "description": _(
                        "The provider took %(amount)s back (dispute %(id)s) and %(fee)s of fees; "
                        "both are booked in %(payout)s. Accept the lost dispute, or record it "
                        "won when the provider pays it back.",
                        amount=line.payout_id._money(abs(line.amount)),
                        id=line.external_id,
                        fee=line.payout_id._money(line.fee),
                        payout=line.payout_id.name,
                    ),
                }
            )
        return self._ecom_assign_items(Item.create(vals_list)) if vals_list else Item

    @api.model
    def _ecom_rematch_orders(self, orders):
        """Book again the payouts waiting for these orders (called when they are posted, or
        their day summarised)."""
        if not orders:
            return self.browse()
        refs = [ref for ref in orders.mapped("ecom_reference") + orders.mapped("name") if ref]
        lines = self.env["ecom.payout.line"].search(
            [
                ("state", "=", "unmatched"),
                ("company_id", "in", orders.company_id.ids),
                "|",
                "|",
                ("sale_order_id", "in", orders.ids),
                ("order_external_id", "in", [o for o in orders.mapped("ecom_external_id") if o]),
                ("order_reference", "in", refs),
            ]
        )
        payouts = lines.payout_id.filtered(lambda p: p.state == "review")
        payouts.write({"state": "pending"})
        return payouts._ecom_process()
