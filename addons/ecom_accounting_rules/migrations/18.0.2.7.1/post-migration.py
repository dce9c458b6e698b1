# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Marketplace settlements booked before 18.0.2.7.1 count as matched automatically.

Their booking left the sale and refund rows' ``matched_automatically`` empty, so
the automatic-matching rate of a marketplace read 0 % though the rules had
booked every row without a hand. The rows of booked settlements (the providers
that book settlements) are marked as the booking marks them now; rows of
settlements in review stay as they are.
"""

import logging

from odoo.addons.ecom_accounting_rules import payouts as parsers

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    providers = tuple(
        code
        for code, _label in parsers.PAYOUT_PROVIDERS
        if parsers.get_provider(code).books_settlement
    )
    if not providers:
        return
    cr.execute(
        """
        UPDATE ecom_payout_line line
           SET matched_automatically = TRUE
          FROM ecom_payout payout
         WHERE payout.id = line.payout_id
           AND payout.state = 'booked'
           AND payout.provider IN %s
           AND line.type IN ('charge', 'refund')
           AND NOT COALESCE(line.matched_automatically, FALSE)
        """,
        (providers,),
    )
    _logger.info("%s settlement rows counted as matched automatically.", cr.rowcount)
