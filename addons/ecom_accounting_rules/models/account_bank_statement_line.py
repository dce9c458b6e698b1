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
