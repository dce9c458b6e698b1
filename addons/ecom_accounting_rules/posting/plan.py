# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The ``PostingPlan``: what the engine will do with one order (plain logic, no ORM).

The engine (``models/ecom_posting_engine.py``) decides the plans and carries
them out.
"""

from decimal import Decimal

from odoo.tools import float_repr


def _decimal(amount, currency):
    return Decimal(float_repr(amount, currency.decimal_places))


class PostingPlan:
    """What the engine will do with one order (nothing is written yet).

    ``action`` is one of post, invoice, summary, review, wait (not confirmed,
    nothing to book yet) or cancelled (cancelled before invoicing).
    """

    __slots__ = ("order", "action", "rule", "reasons", "payment_reasons")

    def __init__(self, order, action, rule=None, reasons=None, payment_reasons=None):
        self.order = order
        self.action = action
        self.rule = rule
        self.reasons = reasons or []  # list of (code, sentence)
        # Why the order is invoiced but its payment waits for the accountant
        # (action ``invoice``): (code, sentence) pairs, opened as a review
        # item once the invoice is posted.
        self.payment_reasons = payment_reasons or []

    @property
    def codes(self):
        return list(dict.fromkeys(code for code, _message in self.reasons))
