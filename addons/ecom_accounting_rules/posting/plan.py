# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What will happen to an order, decided from facts: plain logic, no ORM.

The engine (``models/ecom_posting_engine.py``) reads the order once (its
guards, the rule that matches, its payments) and asks here what to do with
it (:func:`decide`). It writes the sentences and carries the resulting
:class:`PostingPlan` out. Nothing here reads or writes the database: these
functions are tested with plain values.
"""

from decimal import Decimal

# Why a plan goes to review or is only invoiced, besides the guards' reasons.
WHY_NO_RULE = "no_rule"
WHY_RULE_REVIEW = "rule_review"
WHY_UNVERIFIED_PAYMENT = "unverified_payment"


def to_decimal(amount, currency):
    """``amount`` (a float) as a ``Decimal`` rounded to ``currency``'s decimal places."""
    return Decimal(f"{amount or 0.0:.{currency.decimal_places}f}")


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


def decide(
    *,
    cancelled,
    confirmed,
    has_guard_reasons,
    force,
    rule_action,
    payment_trusted=True,
    has_captured=False,
    unmapped_gateways=False,
    summary_eligible=False,
):
    """The action for one order, from what the engine read of it.

    :param cancelled: the order is cancelled
    :param confirmed: the order is a confirmed sale
    :param has_guard_reasons: a guard found a reason no rule may override
    :param force: the accountant's "post anyway"
    :param rule_action: the action of the first rule that matches, or
        ``None`` when none does
    :param payment_trusted: the rule trusts the order's origin for its payment
    :param has_captured: the shop captured payments on the order
    :param unmapped_gateways: one of those payments' gateways has no journal
    :param summary_eligible: the order may go to its shop's daily summary
    :return: ``(action, why)``: the plan's action, and why it is review or
        invoice-only beyond the guards (one of the ``WHY_*`` codes, or ``None``)
    """
    if cancelled:
        return "cancelled", None
    if not confirmed and not force:
        return ("review" if has_guard_reasons else "wait"), None
    if has_guard_reasons and not force:
        return "review", None
    if rule_action is None and not force:
        return "review", WHY_NO_RULE
    action = rule_action or "post"
    if action == "review" and not force:
        return "review", WHY_RULE_REVIEW
    if action == "post" and not force and has_captured and not payment_trusted:
        # The sale is a fact (invoiced now); the money is only the uploader's
        # word: its payment waits for the accountant.
        return "invoice", WHY_UNVERIFIED_PAYMENT
    if force:
        return ("invoice" if unmapped_gateways else "post"), None
    if action == "post" and summary_eligible:
        return "summary", None
    return action, None
