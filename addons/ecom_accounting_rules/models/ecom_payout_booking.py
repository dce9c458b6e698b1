# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""How a payout is matched to the order payments and booked.

One entry per paid payout, in the provider's journal: each charge clears its
order payment's outstanding receipt (reconciled), each refund its refund
payment, fees, disputes, reserves and adjustments go to the account set's
accounts, and the deposit to the bank journal's outstanding receipts, as one
line the bank statement line of the deposit is matched with. What does not
add up, or cannot be matched, goes to the review queue instead.
"""

from collections import defaultdict
from datetime import timedelta

from odoo import Command, _, models
from odoo.exceptions import UserError

from odoo.addons.ecom_connector.const import (
    REASON_PAYOUT_FAILED,
    REASON_PAYOUT_MISMATCH,
    REASON_PAYOUT_UNMATCHED,
)

from ..tools import accountant_env

ORDER_TYPES = ("charge", "refund")
# Line types booked on the account set's accounts (the rest on adjustments).
ACCOUNT_OF_TYPE = {
    "fee": "fee_account_id",
    "dispute": "dispute_account_id",
    "dispute_reversal": "dispute_account_id",
    "reserve": "reserve_account_id",
}


class EcomPayout(models.Model):
    _inherit = "ecom.payout"  # pylint: disable=consider-merging-classes-inherited

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
        return f"{amount:.{self.currency_id.decimal_places}f} {self.currency_id.name}"

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
                vals.append(
                    {
                        "name": label,
                        "account_id": account.id,
                        "partner_id": line.sale_order_id.partner_invoice_id.commercial_partner_id.id
                        or False,
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
                "date": self.date,
                "ref": self.name,
                "ecom_shop_id": self.shop_id.id,
                "line_ids": [Command.create(line) for line in vals],
            }
        )
        move.action_post()
        move_lines = move.line_ids.sorted("id")
        for index, line in pairs:
            line.move_line_id = move_lines[index]
            if line.cleared_line_id:
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
        types = dict(line._fields["type"]._description_selection(self.env))
        order = line.sale_order_id.name or line.order_reference or line.order_external_id
        if order:
            return f"{types[line.type]} {order} ({line.external_id})"
        return f"{types[line.type]} {line.provider_type or ''} ({line.external_id})".replace(
            "  ", " "
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
        """Put the statement line's counterpart on the deposit's account and reconcile them."""
        _liquidity, suspense, _other = st_line._seek_for_lines()
        if not suspense:
            return False
        account = self.deposit_line_id.account_id
        move = st_line.move_id
        move.button_draft()
        move.with_context(skip_readonly_check=True).write(
            {"line_ids": [Command.update(line.id, {"account_id": account.id}) for line in suspense]}
        )
        move.action_post()
        (suspense | self.deposit_line_id).reconcile()
        self.statement_line_id = st_line
        env = accountant_env(self.env, self.company_id, self.shop_id)
        self.message_post(
            body=env._(
                "Deposit matched with the bank statement line %(line)s.", line=st_line.display_name
            )
        )
        return True


class EcomPayoutLine(models.Model):
    _inherit = "ecom.payout.line"  # pylint: disable=consider-merging-classes-inherited

    def _ecom_not_adding_up(self):
        """The lines (transfers aside) whose net is not their gross less their fee."""
        return self.filtered(
            lambda line: line.type != "transfer"
            and not line.currency_id.is_zero(line.net - (line.amount - line.fee))
        )

    def _ecom_net_sentence(self):
        """Why this line keeps its payout from being booked (its net does not add up)."""
        self.ensure_one()
        payout = self.payout_id
        return _(
            "Transaction %(transaction)s: its net %(net)s is not its gross %(amount)s less "
            "its fee %(fee)s (difference %(difference)s). The provider's report may show a "
            "fee adjustment apart: check it, then book the difference.",
            transaction=self.external_id,
            net=payout._money(self.net),
            amount=payout._money(self.amount),
            fee=payout._money(self.fee),
            difference=payout._money(self.net - (self.amount - self.fee)),
        )
