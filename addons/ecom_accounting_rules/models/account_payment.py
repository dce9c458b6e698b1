# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def _get_aml_default_display_name_list(self):
        """Web payments are labelled by their memo alone: gateway, order, transaction.

        Odoo prefixes the payment method ("Manual Payment: ..."), which tells
        the accountant nothing about the order; the posting engine creates
        them with ``ecom_memo_label`` in the context.
        """
        if self.env.context.get("ecom_memo_label") and self.memo:
            return [("memo", self.memo)]
        return super()._get_aml_default_display_name_list()
