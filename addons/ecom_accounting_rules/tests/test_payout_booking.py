# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import date

from odoo.tests import tagged

from .common import FrenchAccountantMixin
from .payout_common import PayoutCase


@tagged("post_install", "-at_install")
class TestShopifyPaymentsPayout(PayoutCase):
    def setUp(self):
        super().setUp()
        self.orders = self.post_orders(5001, 5002)
        self.refund_payment = self.refund_paid_back(5002, 9201, 500201)

    def import_paid_payout(self):
        first = self.receive("shopify_payments", "payouts.json")
        second = self.receive("shopify_payments", "transactions.json")
        return first, second, self.payout(623721858)

    def deposit(self, StLine=None, amount=32.74, payment_ref="VIR SEPA SHOPIFY 623721858"):
        """The bank's line of a deposit on 6 November (by default, payout 623721858's)."""
        StLine = StLine if StLine is not None else self.env["account.bank.statement.line"]
        return StLine.create(
            {
                "journal_id": self.bank.id,
                "date": "2026-11-06",
                "amount": amount,
                "payment_ref": payment_ref,
            }
        )

    def assertMatched(self, payout, st_line):
        self.assertEqual(payout.statement_line_id, st_line)
        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(payout.bank_reconciled)

    def test_booked_cleared_and_reconciled(self):
        first, second, payout = self.import_paid_payout()
        self.assertEqual(first["counts"]["received"], 0)
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertEqual(
            second["counts"],
            {"received": 8, "booked": 7, "pending": 1, "review": 0, "duplicates": 0},
        )
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertTrue(payout.balanced)
        self.assertAlmostEqual(payout.charge_amount, 110.40)
        self.assertAlmostEqual(payout.refund_amount, -24.00)
        self.assertAlmostEqual(payout.fee_amount, 1.08 + 1.08 + 15.00 - 0.50)
        self.assertAlmostEqual(payout.dispute_amount, -30.00)
        self.assertAlmostEqual(payout.reserve_amount, -5.00)
        self.assertAlmostEqual(payout.adjustment_amount, -2.00)
        self.assertEqual(payout.matched_rate, 100.0)
        move = payout.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.stripe_journal)
        self.assertEqual(move.date, date(2026, 11, 5))
        self.assertBalanced(move)
        # The entry says what made it, and at whose request.
        self.assertEqual((move.ecom_trigger, move.ecom_triggered_by_id), ("payout", self.env.user))
        accounts = payout.account_set_id
        self.assertEqual(self.balance(accounts.fee_account_id, move), 16.66)
        self.assertEqual(self.balance(accounts.dispute_account_id, move), 30.00)
        self.assertEqual(self.balance(accounts.reserve_account_id, move), 5.00)
        self.assertEqual(self.balance(accounts.adjustment_account_id, move), 2.00)
        self.assertEqual(payout.deposit_line_id.account_id, self.bank_outstanding)
        self.assertAlmostEqual(payout.deposit_line_id.balance, 32.74)
        # The order payments and the refund payment are cleared: nothing is in transit.
        payments = self.orders.invoice_ids._get_reconciled_payments() | self.refund_payment
        self.assertEqual(len(payments), 3)
        cleared = payout.line_ids.cleared_line_id
        self.assertEqual(cleared.move_id, payments.move_id)
        self.assertTrue(all(cleared.mapped("reconciled")))
        self.assertEqual(self.balance(self.clearing), 0.0)
        charge = payout.line_ids.filtered(lambda line: line.external_id == "699519475")
        self.assertEqual(charge.sale_order_id, self.orders[0])
        self.assertEqual(charge.state, "booked")
        self.assertTrue(charge.matched_automatically)
        refund = payout.line_ids.filtered(lambda line: line.type == "refund")
        self.assertEqual(refund.payment_id, self.refund_payment)

    def test_dispute_goes_to_review_and_is_accepted_lost(self):
        _first, _second, payout = self.import_paid_payout()
        item = payout.review_item_ids.filtered(lambda i: i.reason_code == "chargeback")
        self.assertEqual(len(item), 1)
        self.assertEqual(item.sale_order_id, self.orders[0])
        self.assertEqual(item.payout_line_id.external_id, "699519478")
        self.assertAlmostEqual(item.amount_at_stake, 30.00)
        self.resolve(item, resolution="dispute_lost")
        self.assertEqual(item.state, "done")
        self.assertEqual(item.resolution, "dispute_lost")
        self.assertIn("disputes account", item.resolution_note)

    def test_reimport_changes_nothing(self):
        self.import_paid_payout()
        moves = self.env["account.move"].search_count([])
        again = self.receive("shopify_payments", "transactions.json")
        self.receive("shopify_payments", "payouts.json")
        self.assertEqual(
            again["counts"],
            {"received": 8, "booked": 0, "pending": 0, "review": 0, "duplicates": 8},
        )
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        self.assertEqual(len(self.payout(623721858).line_ids), 7)

    def test_bank_statement_line_matched_at_creation(self):
        _first, _second, payout = self.import_paid_payout()
        other = self.deposit(amount=32.75, payment_ref="VIR SHOPIFY")
        self.assertFalse(other.is_reconciled, "another amount is not this payout")
        st_line = self.deposit()
        self.assertMatched(payout, st_line)
        self.assertEqual(self.balance(self.bank_outstanding), 0.0)

    def test_deposit_reconciled_through_the_statement_line_its_entry_kept_posted(self):
        """The statement line's suspense line gives way to the deposit's account, its entry
        staying posted (never reset to draft and rewritten): the same entry as before."""
        _first, _second, payout = self.import_paid_payout()
        st_line = self.deposit()
        self.assertMatched(payout, st_line)
        move = st_line.move_id
        self.assertEqual(move.state, "posted")
        states = move.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state"
        )
        self.assertFalse(states, "the statement line's entry went through draft")
        accounts = {line.account_id: round(line.balance, 2) for line in move.line_ids}
        self.assertEqual(
            accounts, {self.bank.default_account_id: 32.74, self.bank_outstanding: -32.74}
        )
        self.assertEqual(self.balance(self.bank_outstanding), 0.0)

    def test_statement_line_reconciled_without_ocas_screen(self):
        """Where OCA's reconciliation is not installed: the suspense line is put on the
        deposit's account in the posted entry and reconciled with the deposit."""
        _first, _second, payout = self.import_paid_payout()
        st_line = self.env["account.bank.statement.line"].create(
            {
                "journal_id": self.bank.id,
                "date": "2026-12-20",  # outside the deposit window: not matched at creation
                "amount": 32.74,
                "payment_ref": "VIR SEPA SHOPIFY 623721858",
            }
        )
        self.assertFalse(st_line.is_reconciled)
        move = st_line.move_id
        self.assertTrue(st_line._ecom_reconcile_suspense(payout.deposit_line_id))
        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(payout.deposit_line_id.reconciled)
        self.assertEqual(st_line.move_id, move)
        self.assertEqual(move.state, "posted")
        accounts = {line.account_id: round(line.balance, 2) for line in move.line_ids}
        self.assertEqual(
            accounts, {self.bank.default_account_id: 32.74, self.bank_outstanding: -32.74}
        )
        self.assertEqual(self.balance(self.bank_outstanding), 0.0)

    def test_deposit_in_ocas_reconciliation_screen(self):
        """OCA's automatic matching on (tests turn it off unless asked): the deposit's line is
        still matched with its payout; OCA's screen undoes and redoes that reconciliation."""
        _first, _second, payout = self.import_paid_payout()
        StLine = self.env["account.bank.statement.line"].with_context(
            _test_account_reconcile_oca=True
        )
        if "reconcile_data_info" not in StLine._fields:
            self.skipTest("OCA's account_reconcile_oca is not installed (./ecom installs it)")
        st_line = self.deposit(StLine)
        self.assertMatched(payout, st_line)
        # Undone in OCA's screen, then matched there by hand: the accountant picks the deposit.
        st_line.unreconcile_bank_line()
        self.assertFalse(payout.bank_reconciled)
        st_line.clean_reconcile()
        self.assertFalse(st_line.can_reconcile)
        st_line._add_account_move_line(payout.deposit_line_id)
        self.assertTrue(st_line.can_reconcile)
        st_line.reconcile_bank_line()
        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(payout.bank_reconciled)
        self.assertEqual(self.balance(self.bank_outstanding), 0.0)

    def test_failed_and_in_transit_payouts(self):
        self.import_paid_payout()
        failed = self.payout(623721859)
        self.assertEqual(failed.state, "review")
        item = failed.review_item_ids
        self.assertEqual(item.reason_code, "payout_failed")
        self.assertFalse(item.sale_order_id)
        self.resolve(item, resolution="payout_reverse")
        self.assertEqual(item.state, "done")
        self.assertEqual(failed.state, "nothing")
        in_transit = self.payout(623721860)
        self.assertEqual(in_transit.state, "pending")
        self.assertFalse(in_transit.review_item_ids)

    def test_failed_after_booking_is_reversed(self):
        _first, _second, payout = self.import_paid_payout()
        self.receive_json(
            "shopify_payments",
            {
                "payout": {
                    "id": 623721858,
                    "status": "failed",
                    "date": "2026-11-05",
                    "currency": "EUR",
                    "amount": "32.74",
                }
            },
        )
        self.assertEqual(payout.status, "failed")
        item = payout.review_item_ids.filtered(lambda i: i.reason_code == "payout_failed")
        self.assertEqual(len(item), 1)
        self.resolve(item, resolution="payout_reverse")
        self.assertEqual(payout.state, "reversed")
        self.assertEqual(payout.reversal_move_id.state, "posted")
        self.assertAlmostEqual(self.balance(self.clearing), 110.40 - 24.00)

    def test_pending_transaction_attaches_to_its_payout(self):
        self.import_paid_payout()
        waiting = self.env["ecom.payout.line"].search([("external_id", "=", "699519482")])
        self.assertEqual(waiting.state, "pending")
        self.assertFalse(waiting.payout_id)
        result = self.receive_json(
            "shopify_payments",
            {
                "payouts": [
                    {
                        "id": 623721861,
                        "status": "paid",
                        "date": "2026-11-10",
                        "currency": "EUR",
                        "amount": "3.00",
                    }
                ],
                "transactions": [
                    {
                        "id": 699519482,
                        "type": "shop_cash_credit",
                        "payout_id": 623721861,
                        "currency": "EUR",
                        "amount": "3.00",
                        "fee": "0.00",
                        "net": "3.00",
                    }
                ],
            },
        )
        self.assertEqual(result["counts"]["booked"], 1)
        self.assertEqual(waiting.payout_id, self.payout(623721861))
        self.assertEqual(waiting.payout_id.state, "booked")
        self.assertEqual(waiting.type, "other")
        self.assertEqual(waiting.provider_type, "shop_cash_credit")


@tagged("post_install", "-at_install")
class TestPayoutReview(PayoutCase):
    def charge(self, txn_id, order_id, payout_id, amount="55.20", fee="1.08"):
        net = f"{float(amount) - float(fee):.2f}"
        return {
            "id": txn_id,
            "type": "charge",
            "payout_id": payout_id,
            "currency": "EUR",
            "amount": amount,
            "fee": fee,
            "net": net,
            "source_order_id": order_id,
            "processed_at": "2026-11-02T09:31:00+01:00",
        }

    def paid(self, payout_id, amount):
        return {
            "id": payout_id,
            "status": "paid",
            "date": "2026-11-05",
            "currency": "EUR",
            "amount": amount,
        }

    def test_unmatched_charge_waits_for_its_order(self):
        self.post_orders(6001)
        result = self.receive_json(
            "shopify_payments",
            {
                "payouts": [self.paid(7001, "108.24")],
                "transactions": [self.charge(1, 6001, 7001), self.charge(2, 6002, 7001)],
            },
        )
        payout = self.payout(7001)
        self.assertEqual(result["counts"]["review"], 2)
        self.assertEqual(payout.state, "review")
        self.assertEqual(payout.matched_count, 1)
        item = payout.review_item_ids
        self.assertEqual(item.reason_code, "payout_unmatched")
        self.assertIn("order 6002 is not in Odoo yet", item.description)
        # The order comes, is posted: the payout is matched and booked without a hand.
        self.post_orders(6002)
        self.assertEqual(payout.state, "booked")
        self.assertEqual(item.state, "done")
        self.assertEqual(item.resolution, "automatic")
        self.assertEqual(self.balance(self.clearing), 0.0)

    def test_unmatched_booked_on_the_clearing_account(self):
        self.receive_json(
            "shopify_payments",
            {"payouts": [self.paid(7002, "54.12")], "transactions": [self.charge(3, 6003, 7002)]},
        )
        payout = self.payout(7002)
        item = payout.review_item_ids
        self.resolve(item, resolution="payout_book_unmatched")
        self.assertEqual(payout.state, "booked")
        self.assertEqual(item.state, "done")
        self.assertEqual(self.balance(self.clearing, payout.move_id), -55.20)

    def test_mismatch_and_booking_the_difference(self):
        self.post_orders(6004)
        self.receive_json(
            "shopify_payments",
            {"payouts": [self.paid(7003, "54.00")], "transactions": [self.charge(4, 6004, 7003)]},
        )
        payout = self.payout(7003)
        self.assertFalse(payout.balanced)
        self.assertAlmostEqual(payout.difference, -0.12)
        item = payout.review_item_ids
        self.assertEqual(item.reason_code, "payout_mismatch")
        self.assertIn("difference -0.12\xa0€", item.description)
        self.resolve(item, resolution="payout_difference")
        self.assertEqual(payout.state, "booked")
        self.assertBalanced(payout.move_id)
        self.assertEqual(self.balance(self.difference_account, payout.move_id), 0.12)
        self.assertAlmostEqual(payout.deposit_line_id.balance, 54.00)

    def test_rematch_refused_while_the_order_is_missing(self):
        self.receive_json(
            "shopify_payments",
            {"payouts": [self.paid(7004, "54.12")], "transactions": [self.charge(5, 6005, 7004)]},
        )
        item = self.payout(7004).review_item_ids
        with self.assertRaisesRegex(Exception, "still cannot be booked"):
            self.resolve(item, resolution="payout_rematch")
        self.assertEqual(item.state, "todo")


@tagged("post_install", "-at_install")
class TestPayoutReviewInFrench(FrenchAccountantMixin, PayoutCase):
    """What the payout booking writes for people is in the accountant's language."""

    def test_items_activities_and_messages_in_the_accountants_language(self):
        self.set_french_accountant("comptable-versements")
        self.assertNotEqual(self.env.lang, "fr_FR")  # the importing job writes in English
        self.receive_json(
            "shopify_payments",
            {
                "payouts": [
                    {
                        "id": 7401,
                        "status": "paid",
                        "date": "2026-11-05",
                        "currency": "EUR",
                        "amount": "54.00",
                    }
                ],
                "transactions": [
                    {
                        "id": 41,
                        "type": "charge",
                        "payout_id": 7401,
                        "currency": "EUR",
                        "amount": "55.20",
                        "fee": "1.08",
                        "net": "54.12",
                        "source_order_id": 5001,
                        "processed_at": "2026-11-02T09:31:00+01:00",
                    }
                ],
            },
        )
        payout = self.payout(7401)
        item = payout.review_item_ids.filtered(lambda i: i.reason_code == "payout_mismatch")
        reason_fr = item.reason_id.with_context(lang="fr_FR").name
        self.assertNotEqual(reason_fr, item.reason_id.with_context(lang="en_US").name)
        self.assertEqual(item.name, f"{payout.name} : {reason_fr}")
        self.assertIn("Les lignes totalisent 54,12\xa0€, et non les 54,00\xa0€", item.description)
        self.assertIn("Les lignes totalisent", payout.problems)
        self.assertEqual(item.activity_ids.summary, f"Contrôler le versement {payout.name}")
        # The charge's order is not posted yet: its item too is named in French.
        for other in payout.review_item_ids - item:
            other_fr = other.reason_id.with_context(lang="fr_FR").name
            self.assertNotEqual(other_fr, other.reason_id.with_context(lang="en_US").name)
            self.assertEqual(other.name, f"{payout.name} : {other_fr}")
