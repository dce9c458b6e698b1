# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    @api.model_create_multi
    def create(self, vals_list):
        """A deposit of a booked payout is reconciled with it as soon as its line is created.

        Imported or typed: the statement line is matched by amount, date window
        and label (see ``ecom.payout._ecom_match_statement``).
        """
        lines = super().create(vals_list)
        deposits = lines.filtered(lambda line: line.amount and not line.is_reconciled)
        if not deposits:
            return lines
        payouts = self.env["ecom.payout"].search(
            [
                ("state", "=", "booked"),
                ("statement_line_id", "=", False),
                ("account_set_id.bank_journal_id", "in", deposits.journal_id.ids),
                ("company_id", "in", deposits.company_id.ids),
            ]
        )
        if payouts:
            payouts._ecom_match_statement(deposits)
        return lines

    def _ecom_reconcile_with(self, counterparts):
        """Reconcile this statement line with ``counterparts``, as the bank reconciliation does.

        The statement line's suspense line gives way to ``counterparts``' account
        and is reconciled with them; its entry stays posted. With OCA's bank
        reconciliation installed (``account_reconcile_oca``), through its own
        API, as its screen does (the journal's reconciliation mode holds);
        otherwise as Odoo's reconciliation edits a statement line's entry.

        :param counterparts: open journal items (``account.move.line``) whose
            residual is this line's amount (a payout's deposit)
        :return: whether the statement line is reconciled now
        """
        self.ensure_one()
        if "reconcile_data_info" in self._fields:
            self.clean_reconcile()
            for line in counterparts:
                self._add_account_move_line(line, keep_current=True)
            if not self.can_reconcile:
                self.clean_reconcile()
                return False
            self.reconcile_bank_line()
        else:
            self._ecom_reconcile_suspense(counterparts)
        return self.is_reconciled

    def _ecom_reconcile_suspense(self, counterparts):
        """Put the suspense line on ``counterparts``' account and reconcile them (Community).

        The edit Odoo's own reconciliation makes to a posted statement line's
        entry (its suspense line replaced, the entry never reset to draft);
        used where OCA's reconciliation is not installed.
        :return: whether anything was reconciled
        """
        self.ensure_one()
        _liquidity, suspense, other = self._seek_for_lines()
        account = counterparts.account_id
        if not suspense or other or len(account) != 1:
            return False
        suspense.with_context(skip_account_move_synchronization=True).write(
            {"account_id": account.id}
        )
        (suspense | counterparts).reconcile()
        return True
