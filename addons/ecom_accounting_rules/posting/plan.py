# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What will happen to an order, decided from facts: plain logic, no ORM.

The engine (``models/ecom_posting_engine.py``) reads the order once (its
guards, the rule that matches, its payments) and asks here what to do with
it (:func:`decide`) and what a difference between the shop's total and
Odoo's is (:func:`difference_kind`, :func:`likely_causes`). It writes the
sentences and carries the resulting :class:`PostingPlan` out. Nothing here
reads or writes the database: these functions are tested with plain values.
"""

from decimal import Decimal

# What a difference between the shop's total and Odoo's is.
ROUNDING = "rounding"  # within the company's tolerance: booked to the rounding account
MISMATCH = "mismatch"  # beyond it: the totals do not reconcile, a person looks

# The likely causes of a mismatch the engine can see on the order.
CAUSE_GIFT_CARDS = "gift_cards"
CAUSE_TAX = "tax"
CAUSE_SHIPPING = "shipping"
CAUSE_DISCOUNTS = "discounts"
CAUSE_MISSING_IN_ODOO = "missing_in_odoo"  # the shop's total is higher
CAUSE_MISSING_IN_SHOP = "missing_in_shop"  # Odoo's total is higher

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


def difference_kind(difference, tolerance):
    """What a difference between the shop's total and Odoo's is.

    :param difference: a ``Decimal`` (shop's total minus Odoo's)
    :param tolerance: the company's rounding tolerance, a ``Decimal``
    :return: ``None`` (no difference), :data:`ROUNDING` (within the
        tolerance, included) or :data:`MISMATCH`
    """
    if not difference:
        return None
    return ROUNDING if abs(difference) <= tolerance else MISMATCH


def likely_causes(difference, tolerance, *, tax=0, shipping=0, discounts=0, gift_cards=0):
    """The likely causes of a mismatch, from the order's figures the engine can see.

    A figure of the order that the difference equals (within the tolerance)
    is a likely cause: taxes counted on one side only, a shipping line
    missing, a discount applied on one side only, gift cards the shop took
    from its total. When none does, the sign says on which side something
    is missing.

    :param difference: shop's total minus Odoo's, a ``Decimal``
    :param tolerance: the company's rounding tolerance, a ``Decimal``
    :param tax: Odoo's tax on the order; ``shipping`` its shipping charged
        (taxes included); ``discounts`` the discounts given (taxes
        included); ``gift_cards`` the gift cards used to pay: ``Decimal``
    :return: a list of ``(cause, figure)``: a ``CAUSE_*`` code and the
        figure it matched (the difference itself for the sign's causes)
    """
    causes = []
    size = abs(difference)
    figures = (
        (CAUSE_GIFT_CARDS, gift_cards),
        (CAUSE_TAX, tax),
        (CAUSE_SHIPPING, shipping),
        (CAUSE_DISCOUNTS, discounts),
    )
    for cause, figure in figures:
        figure = abs(Decimal(figure))
        if figure and abs(size - figure) <= tolerance:
            causes.append((cause, figure))
    if not causes and difference:
        causes.append((CAUSE_MISSING_IN_ODOO if difference > 0 else CAUSE_MISSING_IN_SHOP, size))
    return causes
