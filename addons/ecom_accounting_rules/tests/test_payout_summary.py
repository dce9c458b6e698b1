# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A payout of orders booked in daily summaries (Odoo's French chart, l10n_fr_account).

A summary entry debits the day's Shopify Payments receipts to the gateway's
clearing account (511500) on one line; each charge of a payout clears its own
order's share of it (a partial reconciliation), and the line is reconciled in
full once every order of the day is paid out. A refund clears the refund
payment of its credit note, as for any order.
"""

import json
from datetime import date
from decimal import Decimal

from odoo import Command
from odoo.tests import tagged

from .test_french_books import order_of_day
from .test_payout_french import FrenchPayoutCase
from .test_resolutions import refund


@tagged("post_install", "-at_install")
class TestSummaryPayout(FrenchPayoutCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.summary_shop = cls.env["ecom.shop"].create(
            {
                "name": "Boutique Récap",
                "code": "FRJOUR",
                "platform": "shopify",
                "unknown_product_policy": "create",
                "confirm_orders": True,
                "posting_mode": "summary",
                "payment_map_ids": [
                    Command.create({"gateway": "shopify_payments", "journal_id": cls.stripe.id})
                ],
            }
        )

    # ------------------------------------------------------------ helpers

    def summarised(self, *orders):
        """Post Shopify orders in the summary shop; each lands in its day's summary."""
        sale_orders = self.post(*orders, shop=self.summary_shop)
        self.assertEqual(set(sale_orders.mapped("ecom_posting_state")), {"summary"})
        return sale_orders

    def receipts(self, summary):
        """The summary entry's Shopify Payments receipts line (on the clearing account)."""
        line = summary.line_ids.filtered(lambda aml: aml.account_id == self.clearing)
        self.assertEqual(len(line), 1)
        return line

    def txn(self, txn_id, order, amount, fee="0.00", kind="charge", day=2):
        """A Shopify Payments balance transaction of ``order`` (a sale order, or the shop's
        order id of one not imported yet)."""
        order_id = order if isinstance(order, int) else int(order.ecom_external_id)
        amount, fee = Decimal(str(amount)), Decimal(fee)
        return {
            "id": txn_id,
            "type": kind,
            "currency": "EUR",
            "amount": f"{amount:.2f}",
            "fee": f"{fee:.2f}",
            "net": f"{amount - fee:.2f}",
            "source_order_id": order_id,
            "processed_at": f"2026-11-{day:02d}T09:31:00+01:00",
        }

    def receive(self, payout_id, transactions, day=6, shop="summary", off_by="0.00"):
        """Shopify Payments' paid payout of ``transactions`` on ``day`` of November.

        :param off_by: added to the payout's amount (a payout that does not add up)
        """
        for transaction in transactions:
            transaction["payout_id"] = payout_id
        net = sum(Decimal(t["net"]) for t in transactions) + Decimal(off_by)
        content = {
            "payouts": [
                {
                    "id": payout_id,
                    "status": "paid",
                    "date": f"2026-11-{day:02d}",
                    "currency": "EUR",
                    "amount": f"{net:.2f}",
                }
            ],
            "transactions": transactions,
        }
        result = self.env["ecom.payout"]._ecom_import_content(
            "shopify_payments",
            json.dumps(content).encode(),
            "payout.json",
            shop=self.summary_shop if shop == "summary" else shop,
        )
        payout = self.env["ecom.payout"].search([("external_id", "=", str(payout_id))])
        return payout, result

    def in_transit(self):
        """The summary shop's money in transit with Shopify Payments (Payouts by Provider)."""
        self.env.flush_all()
        self.env.invalidate_all()  # a SQL view: its rows change under the same ids
        figures = self.env["ecom.payout.figures"].search(
            [("shop_id", "=", self.summary_shop.id), ("provider", "=", "shopify_payments")]
        )
        return sum(figures.mapped("in_transit"))

    def assertBalancedMove(self, move):
        self.assertEqual(move.state, "posted")
        self.assertAlmostEqual(
            sum(move.line_ids.mapped("debit")), sum(move.line_ids.mapped("credit")), places=2
        )

    # ------------------------------------------------------------ tests

    def test_two_days_of_summaries_cleared_in_full(self):
        first_day = self.summarised(
            order_of_day(7901, 2, email="a@x.fr"), order_of_day(7902, 2, email="b@x.fr")
        )
        second_day = self.summarised(order_of_day(7903, 3, email="c@x.fr"))
        summaries = (first_day | second_day).ecom_summary_move_id
        self.assertEqual(len(summaries), 2)
        payout, _result = self.receive(
            770101,
            [
                self.txn(880101 + index, order, order.amount_total, "1.02", day=day)
                for index, (order, day) in enumerate(
                    [(first_day[0], 2), (first_day[1], 2), (second_day, 3)]
                )
            ],
        )
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertTrue(payout.balanced)
        move = payout.move_id
        self.assertBalancedMove(move)
        self.assertEqual(move.date, date(2026, 11, 6))
        # The summaries are dated on their days, before the payout that cleared them.
        self.assertEqual(sorted(summaries.mapped("date")), [date(2026, 11, 2), date(2026, 11, 3)])
        # Each charge cleared its order's share of its day's receipts line.
        for line in payout.line_ids:
            order = line.sale_order_id
            self.assertEqual(line.state, "booked")
            self.assertTrue(line.matched_automatically)
            self.assertFalse(line.payment_id)
            self.assertEqual(line.cleared_line_id, self.receipts(order.ecom_summary_move_id))
            self.assertAlmostEqual(line.move_line_id.credit, order.amount_total, places=2)
            self.assertEqual(line.move_line_id.account_id, self.clearing)
            self.assertEqual(
                line.move_line_id.partner_id, self.company.ecom_web_customer_partner_id
            )
        for summary in summaries:
            receipts = self.receipts(summary)
            self.assertTrue(receipts.reconciled)
            self.assertAlmostEqual(receipts.amount_residual, 0.0, places=2)
            self.assertEqual(receipts.matched_credit_ids.credit_move_id.move_id, move)
        self.assertEqual(len(self.receipts(first_day.ecom_summary_move_id).matched_credit_ids), 2)
        self.assertEqual(round(sum(self.clearing_lines().mapped("balance")), 2), 0.0)
        # The same payout received again creates nothing more.
        moves = self.env["account.move"].search_count([])
        partials = self.env["account.partial.reconcile"].search_count([])
        payout_again, result = self.receive(
            770101,
            [
                self.txn(880101 + index, order, order.amount_total, "1.02", day=2)
                for index, order in enumerate(first_day | second_day)
            ],
        )
        self.assertEqual(payout_again, payout)
        self.assertEqual(result["counts"]["duplicates"], 3)
        self.assertEqual(result["counts"]["received"], 3)
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        self.assertEqual(self.env["account.partial.reconcile"].search_count([]), partials)
        self.assertEqual(len(payout.line_ids), 3)

    def test_a_partial_payout_leaves_the_rest_of_the_day_open(self):
        orders = self.summarised(
            order_of_day(7911, 2, email="a@x.fr"),
            order_of_day(7912, 2, email="b@x.fr", lines=(("MUG", "Mug", 1, "12.50", "0", "20"),)),
            order_of_day(7913, 2, email="c@x.fr"),
        )
        receipts = self.receipts(orders.ecom_summary_move_id)
        day_total = sum(orders.mapped("amount_total"))
        self.assertAlmostEqual(receipts.balance, day_total, places=2)
        first, second, third = orders
        payout, _result = self.receive(770201, [self.txn(880201, first, first.amount_total)])
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertFalse(receipts.reconciled)
        self.assertAlmostEqual(receipts.amount_residual, day_total - first.amount_total, places=2)
        # The rest of the day is money in transit, in Payouts by Provider.
        self.assertAlmostEqual(self.in_transit(), day_total - first.amount_total, places=2)
        # The rest of the day, in a later payout: the line is now reconciled in full.
        later, _result = self.receive(
            770202,
            [
                self.txn(880202, second, second.amount_total, "0.46"),
                self.txn(880203, third, third.amount_total, "1.02"),
            ],
            day=9,
        )
        self.assertEqual(later.state, "booked", later.problems)
        self.assertTrue(receipts.reconciled)
        self.assertAlmostEqual(receipts.amount_residual, 0.0, places=2)
        self.assertEqual(len(receipts.matched_credit_ids), 3)
        self.assertAlmostEqual(self.in_transit(), 0.0, places=2)
        # A charge the day has nothing left for never clears more than what is open.
        again, _result = self.receive(770203, [self.txn(880204, first, first.amount_total)])
        self.assertEqual(again.state, "review")
        line = again.line_ids
        self.assertEqual(line.state, "unmatched")
        self.assertFalse(line.cleared_line_id)
        self.assertIn("left to clear", line.problem)
        self.assertIn(line.problem, again.problems)
        self.assertEqual(round(sum(self.clearing_lines().mapped("balance")), 2), 0.0)

    def test_two_payouts_never_promise_more_than_the_open_residual(self):
        order = self.summarised(order_of_day(7921, 2, email="a@x.fr"))
        receipts = self.receipts(order.ecom_summary_move_id)
        # Matched but not booked (its amount does not add up): it holds the order's share.
        waiting, _result = self.receive(
            770301, [self.txn(880301, order, order.amount_total)], off_by="1.00"
        )
        self.assertEqual(waiting.state, "review")
        self.assertEqual(waiting.line_ids.state, "matched")
        self.assertEqual(waiting.line_ids.cleared_line_id, receipts)
        other, _result = self.receive(770302, [self.txn(880302, order, order.amount_total)])
        self.assertEqual(other.state, "review")
        self.assertEqual(other.line_ids.state, "unmatched")
        self.assertIn("left to clear", other.line_ids.problem)
        # More than the order paid through the gateway: refused too, said so.
        greedy, _result = self.receive(770303, [self.txn(880303, order, order.amount_total + 10)])
        self.assertEqual(greedy.line_ids.state, "unmatched")
        self.assertIn("less than", greedy.line_ids.problem)
        self.assertFalse(receipts.matched_credit_ids)
        # In the accountant's language.
        self.set_french_accountant("comptable-recap-fr")
        self.summary_shop.accountant_id = self.shop.accountant_id
        greedy._ecom_process()
        self.assertEqual(greedy.line_ids.state, "unmatched")
        self.assertIn("résumé quotidien", greedy.line_ids.problem)

    def test_a_refund_of_a_summarised_order_clears_its_refund_payment(self):
        order = self.summarised(order_of_day(7931, 2, email="a@x.fr"))
        shop_refund = refund(9931, lines=[(793101, 1, "20.00")], amount="24.00")
        shop_refund["created_at"] = "2026-11-04T10:00:00+01:00"
        update = order_of_day(7931, 2, email="a@x.fr", financial_status="partially_refunded")
        update["updated_at"] = shop_refund["created_at"]
        update["refunds"] = [shop_refund]
        self.import_orders(update, shop=self.summary_shop)
        item = order.ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")
        self.resolve(item, resolution="credit_note")
        refund_payment = item.credit_note_id._get_reconciled_payments()
        self.assertAlmostEqual(refund_payment.amount, 24.00, places=2)
        self.assertEqual(refund_payment.date, date(2026, 11, 4))
        payout, _result = self.receive(
            770401,
            [
                self.txn(880401, order, order.amount_total, "1.02"),
                self.txn(880402, order, "-24.00", kind="refund", day=4),
            ],
        )
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertBalancedMove(payout.move_id)
        charge = payout.line_ids.filtered(lambda line: line.type == "charge")
        refund_line = payout.line_ids - charge
        self.assertEqual(charge.cleared_line_id, self.receipts(order.ecom_summary_move_id))
        self.assertTrue(charge.cleared_line_id.reconciled)
        self.assertEqual(refund_line.payment_id, refund_payment)
        self.assertEqual(refund_line.cleared_line_id.move_id, refund_payment.move_id)
        self.assertTrue(refund_line.cleared_line_id.reconciled)
        self.assertAlmostEqual(refund_line.move_line_id.debit, 24.00, places=2)
        self.assertEqual(round(sum(self.clearing_lines().mapped("balance")), 2), 0.0)

    def test_a_payout_of_a_per_order_shop_and_a_summary_shop(self):
        invoiced = self.post(order_of_day(7941, 2, email="a@x.fr"))
        self.assertEqual(invoiced.ecom_posting_state, "posted")
        summarised = self.summarised(order_of_day(7942, 3, email="b@x.fr"))
        # One Shopify Payments account for both shops: the payout names no shop.
        payout, _result = self.receive(
            770501,
            [
                self.txn(880501, invoiced, invoiced.amount_total, "1.02"),
                self.txn(880502, summarised, summarised.amount_total, "1.02", day=3),
            ],
            shop=None,
        )
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertBalancedMove(payout.move_id)
        by_order = {line.sale_order_id: line for line in payout.line_ids}
        payment = self.invoice_of(invoiced)._get_reconciled_payments()
        self.assertEqual(by_order[invoiced].payment_id, payment)
        self.assertEqual(by_order[invoiced].cleared_line_id.move_id, payment.move_id)
        self.assertEqual(
            by_order[summarised].cleared_line_id,
            self.receipts(summarised.ecom_summary_move_id),
        )
        self.assertTrue(all(payout.line_ids.cleared_line_id.mapped("reconciled")))
        self.assertTrue(payment.date <= payout.move_id.date)
        self.assertEqual(round(sum(self.clearing_lines().mapped("balance")), 2), 0.0)

    def test_a_payout_waiting_for_its_day_is_booked_when_the_day_is_summarised(self):
        # The payout comes first: its order is not in Odoo yet.
        payout, _result = self.receive(770601, [self.txn(880601, 7951, "55.20", "1.02")])
        self.assertEqual(payout.state, "review")
        self.assertEqual(payout.line_ids.state, "unmatched")
        order = self.summarised(order_of_day(7951, 2, email="a@x.fr"))
        self.assertAlmostEqual(order.amount_total, 55.20, places=2)
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertTrue(self.receipts(order.ecom_summary_move_id).reconciled)
