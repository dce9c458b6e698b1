# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The posting plan's decisions from facts: plain values, no database."""

from decimal import Decimal

from odoo.tests import BaseCase, tagged

from ..posting import plan
from ..posting.plan import decide, difference_kind, likely_causes


class _Euro:
    decimal_places = 2


CONFIRMED = {"cancelled": False, "confirmed": True, "has_guard_reasons": False, "force": False}


@tagged("post_install", "-at_install")
class TestDecide(BaseCase):
    """Every branch of the decision, as the engine asks it."""

    def test_cancelled_orders_are_cancelled_whatever_else(self):
        self.assertEqual(
            decide(**{**CONFIRMED, "cancelled": True, "force": True}, rule_action="post"),
            ("cancelled", None),
        )

    def test_unconfirmed_orders_wait_or_go_to_review_for_their_guards(self):
        facts = {**CONFIRMED, "confirmed": False}
        self.assertEqual(decide(**facts, rule_action=None), ("wait", None))
        self.assertEqual(
            decide(**{**facts, "has_guard_reasons": True}, rule_action="post"), ("review", None)
        )

    def test_a_guard_beats_every_rule(self):
        self.assertEqual(
            decide(**{**CONFIRMED, "has_guard_reasons": True}, rule_action="post"),
            ("review", None),
        )

    def test_no_rule_and_review_rule_go_to_review_with_why(self):
        self.assertEqual(decide(**CONFIRMED, rule_action=None), ("review", plan.WHY_NO_RULE))
        self.assertEqual(
            decide(**CONFIRMED, rule_action="review"), ("review", plan.WHY_RULE_REVIEW)
        )

    def test_a_payment_the_rule_does_not_trust_is_only_invoiced(self):
        self.assertEqual(
            decide(**CONFIRMED, rule_action="post", payment_trusted=False, has_captured=True),
            ("invoice", plan.WHY_UNVERIFIED_PAYMENT),
        )
        # Nothing captured: nothing to trust, the order is posted.
        self.assertEqual(
            decide(**CONFIRMED, rule_action="post", payment_trusted=False), ("post", None)
        )

    def test_rule_actions_and_the_daily_summary(self):
        self.assertEqual(decide(**CONFIRMED, rule_action="post"), ("post", None))
        self.assertEqual(decide(**CONFIRMED, rule_action="invoice"), ("invoice", None))
        self.assertEqual(
            decide(**CONFIRMED, rule_action="post", summary_eligible=True), ("summary", None)
        )
        # Only posting rules summarise: an invoice-only rule keeps its invoice.
        self.assertEqual(
            decide(**CONFIRMED, rule_action="invoice", summary_eligible=True), ("invoice", None)
        )

    def test_post_anyway_posts_or_invoices_what_cannot_be_paid(self):
        forced = {**CONFIRMED, "confirmed": False, "has_guard_reasons": True, "force": True}
        self.assertEqual(decide(**forced, rule_action="review"), ("post", None))
        self.assertEqual(decide(**forced, rule_action=None), ("post", None))
        self.assertEqual(
            decide(**forced, rule_action="post", unmapped_gateways=True), ("invoice", None)
        )
        self.assertEqual(
            decide(**forced, rule_action="post", summary_eligible=True), ("post", None)
        )


@tagged("post_install", "-at_install")
class TestDifferences(BaseCase):
    """A difference is a rounding one up to the tolerance; beyond, the totals do not reconcile."""

    tolerance = Decimal("0.02")

    def test_both_sides_of_the_tolerance(self):
        self.assertIsNone(difference_kind(Decimal("0.00"), self.tolerance))
        self.assertEqual(difference_kind(Decimal("0.01"), self.tolerance), plan.ROUNDING)
        self.assertEqual(difference_kind(Decimal("-0.02"), self.tolerance), plan.ROUNDING)
        self.assertEqual(difference_kind(Decimal("0.03"), self.tolerance), plan.MISMATCH)
        self.assertEqual(difference_kind(Decimal("-259.13"), self.tolerance), plan.MISMATCH)
        self.assertEqual(difference_kind(Decimal("0.01"), Decimal(0)), plan.MISMATCH)

    def test_the_figure_the_difference_equals_is_the_likely_cause(self):
        figures = {
            "tax": Decimal("9.20"),
            "shipping": Decimal("45.00"),
            "discounts": Decimal("5.00"),
            "gift_cards": Decimal("20.00"),
        }
        self.assertEqual(
            likely_causes(Decimal("45.00"), self.tolerance, **figures),
            [(plan.CAUSE_SHIPPING, Decimal("45.00"))],
        )
        self.assertEqual(
            likely_causes(Decimal("-9.21"), self.tolerance, **figures),
            [(plan.CAUSE_TAX, Decimal("9.20"))],
        )
        self.assertEqual(
            likely_causes(Decimal("-20.00"), self.tolerance, **figures),
            [(plan.CAUSE_GIFT_CARDS, Decimal("20.00"))],
        )
        self.assertEqual(
            likely_causes(Decimal("5.00"), self.tolerance, **figures),
            [(plan.CAUSE_DISCOUNTS, Decimal("5.00"))],
        )

    def test_without_a_matching_figure_the_sign_says_which_side_misses_something(self):
        self.assertEqual(
            likely_causes(Decimal("45.00"), self.tolerance, tax=Decimal("9.20")),
            [(plan.CAUSE_MISSING_IN_ODOO, Decimal("45.00"))],
        )
        self.assertEqual(
            likely_causes(Decimal("-259.13"), self.tolerance),
            [(plan.CAUSE_MISSING_IN_SHOP, Decimal("259.13"))],
        )

    def test_to_decimal_rounds_to_the_currency(self):
        self.assertEqual(plan.to_decimal(45.004999, _Euro), Decimal("45.00"))
        self.assertEqual(plan.to_decimal(-0.015000001, _Euro), Decimal("-0.02"))
        self.assertEqual(plan.to_decimal(None, _Euro), Decimal("0.00"))
