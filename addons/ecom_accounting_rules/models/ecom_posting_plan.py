# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What will happen to an order: the guards, the rules, the ``PostingPlan``.

Deciding writes nothing. For each order: guards first (reasons no rule may
override), then the first rule that matches; a dry run plans with the rules
it is given. An order whose posting failed is planned again, for review,
with the error as its reason. The engine (ecom_posting_engine.py) carries the
plans out.
"""

import logging
from decimal import Decimal

from odoo import _, models
from odoo.tools import float_repr

from odoo.addons.ecom_connector import const

from ..tools import order_lang_env

_logger = logging.getLogger(__name__)


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


class EcomPostingEngine(models.AbstractModel):
    _inherit = "ecom.posting.engine"  # pylint: disable=consider-merging-classes-inherited

    def _plan(self, orders, rules=None, force=False):
        """Decide, without writing, what happens to each order.

        :param rules: ``ecom.posting.rule`` records to try (a dry run passes
            its own); the company's active rules by default
        :return: a list of :class:`PostingPlan`, one per order
        """
        if rules is None:
            rules = self.env["ecom.posting.rule"].search([("company_id", "=", self.env.company.id)])
        # The reasons are sentences for the accountant: in her language (see
        # ``tools.order_lang_env``), whoever runs the posting.
        plans = [
            self.with_env(order_lang_env(self.env, order))._plan_order(order, rules, force)
            for order in orders
        ]
        for plan in plans:
            if plan.rule is None:
                plan.rule = rules.browse()
        return plans

    def _plan_order(self, order, rules, force):
        if order.state == "cancel":
            return PostingPlan(order, "cancelled")
        captured = order._ecom_captured_payments()  # once per plan: guards and action read it
        reasons = self._guards(order, captured)
        if order.state not in ("sale", "done") and not force:
            return PostingPlan(order, "review" if reasons else "wait", reasons=reasons)
        if reasons and not force:
            return PostingPlan(order, "review", reasons=reasons)
        facts = self._facts(order)
        rule = rules._ecom_first_match(facts)
        if not rule and not force:
            return PostingPlan(
                order,
                "review",
                reasons=[(const.REASON_RULE, _("No posting rule matches this order."))],
            )
        action = rule.action if rule else "post"
        if action == "review" and not force:
            return PostingPlan(
                order,
                "review",
                rule=rule,
                reasons=[
                    (
                        rule.review_reason_id.code or const.REASON_RULE,
                        _("The rule %(rule)s sends such orders to review.", rule=rule.name),
                    )
                ],
            )
        if (
            action == "post"
            and not force
            and captured
            and not rule._ecom_trusts_payment(facts["origin"])
        ):
            # The sale is a fact (invoiced now); the money is only the uploader's
            # word: its payment waits for the accountant.
            return PostingPlan(
                order,
                "invoice",
                rule=rule,
                payment_reasons=[
                    (
                        const.REASON_UNVERIFIED_PAYMENT,
                        _(
                            "The order comes from a file uploaded by %(user)s, not from the "
                            "shop itself: it is invoiced, and its payment is registered once "
                            "you have checked that the money was received.",
                            user=order.ecom_payload_id.create_uid.name
                            or order.create_uid.name
                            or "?",
                        ),
                    )
                ],
            )
        if force:
            action = "invoice" if self._unmapped_gateways(order, captured) else "post"
        elif action == "post" and self._summary_eligible(order, captured):
            action = "summary"
        return PostingPlan(order, action, rule=rule)

    def _facts(self, order):
        """What the rules' conditions look at, for one order (a dict)."""
        commercial = order.partner_id.commercial_partner_id
        destination = order.partner_shipping_id or order.partner_id
        return {
            "shop_id": order.ecom_shop_id.id,
            "gateway": order.ecom_payment_gateway or "",
            "financial_status": order.ecom_financial_status or "",
            "business": bool(commercial.is_company or commercial.vat),
            "country_id": destination.country_id.id,
            "currency_id": order.currency_id.id,
            "amount": order.amount_total,
            "origin": order.ecom_origin,
        }

    def _guards(self, order, captured=None):
        """Reasons no rule may override, as (code, sentence) pairs.

        :param captured: the order's ``_ecom_captured_payments()``, when read already
        """
        if captured is None:
            captured = order._ecom_captured_payments()
        company = order.company_id
        reasons = []
        held = set(order.ecom_hold_reason_ids.mapped("code"))
        # The reasons an order was held for at import that also send it to review.
        for reason in order.ecom_hold_reason_ids.sorted():
            if reason.applies_to == "both":
                reasons.append((reason.code, _("Held at import: %(reason)s.", reason=reason.name)))
        difference = _decimal(order.ecom_total_difference, order.currency_id)
        tolerance = _decimal(company.ecom_rounding_tolerance, order.currency_id)
        if abs(difference) > tolerance and const.REASON_TOTAL_MISMATCH not in held:
            reasons.append(
                (
                    const.REASON_TOTAL_MISMATCH,
                    _(
                        "The shop's total differs from Odoo's by %(difference)s %(currency)s, "
                        "more than the tolerance of %(tolerance)s.",
                        difference=difference,
                        currency=order.currency_id.name,
                        tolerance=tolerance,
                    ),
                )
            )
        elif difference and not company.ecom_rounding_account_id:
            reasons.append(
                (
                    const.REASON_MISSING_ACCOUNT,
                    _(
                        "A rounding difference of %(difference)s must be booked, but the "
                        "company has no web shop rounding account (Accounting settings).",
                        difference=difference,
                    ),
                )
            )
        if order.ecom_refund_ids or order.ecom_financial_status in const.REFUND_STATUSES:
            reasons.append(
                (
                    const.REASON_REFUND,
                    _("The shop refunded (part of) this order: check the refund."),
                )
            )
        if order.ecom_financial_status in const.CHARGEBACK_STATUSES or any(
            payment.kind in const.CHARGEBACK_PAYMENT_KINDS for payment in order.ecom_payment_ids
        ):
            reasons.append(
                (const.REASON_CHARGEBACK, _("The customer's bank took the payment back."))
            )
        if (
            order.ecom_parcel_lost
            or order.ecom_fulfillment_status in const.LOST_FULFILLMENT_STATUSES
        ):
            reasons.append((const.REASON_LOST_PARCEL, _("The parcel was declared lost.")))
        for gateway in self._unmapped_gateways(order, captured):
            reasons.append(
                (
                    const.REASON_UNKNOWN_PAYMENT,
                    _(
                        "The payment gateway %(gateway)s has no journal: map it on the shop "
                        "%(shop)s.",
                        gateway=gateway,
                        shop=order.ecom_shop_id.name,
                    ),
                )
            )
        before_start = order._ecom_before_accounting_start()
        if before_start:
            reasons.append((const.REASON_BEFORE_ACCOUNTING_START, before_start))
        gift_products = self.env.ref("ecom_connector.product_gift_card").product_variant_ids
        uses_gift_cards = any(p["is_gift_card"] for p in captured)
        if (uses_gift_cards or order.order_line.product_id & gift_products) and (
            not company.ecom_gift_card_account_id
        ):
            reasons.append(
                (
                    const.REASON_MISSING_ACCOUNT,
                    _(
                        "Gift cards are involved, but the company has no gift card liability "
                        "account (Accounting settings)."
                    ),
                )
            )
        return reasons

    def _unmapped_gateways(self, order, captured=None):
        if captured is None:
            captured = order._ecom_captured_payments()
        shop = order.ecom_shop_id
        return list(
            dict.fromkeys(
                p["gateway"]
                for p in captured
                if not p["is_gift_card"] and not shop._ecom_gateway_journal(p["gateway"])
            )
        )

    def _summary_eligible(self, order, captured=None):
        if order.ecom_shop_id.posting_mode != "summary":
            return False
        if order.currency_id != order.company_id.currency_id:
            return False
        if captured is None:
            captured = order._ecom_captured_payments()
        paid = sum((p["amount"] for p in captured), Decimal(0))
        tolerance = _decimal(order.company_id.ecom_rounding_tolerance, order.currency_id)
        return abs(_decimal(order.amount_total, order.currency_id) - paid) <= tolerance

    def _posting_failed(self, plan, error):
        _logger.info("ecom posting of sale order %s failed", plan.order.id)
        message = str(error.args[0] if error.args else error)
        failed = PostingPlan(
            plan.order,
            "review",
            rule=plan.rule,
            reasons=[(const.REASON_POSTING_ERROR, _("Posting failed: %(error)s", error=message))],
        )
        self._send_to_review([failed])
