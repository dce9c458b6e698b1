# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The dates and labels of the customer payments the engine writes."""

from datetime import date

from odoo import fields
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import PostingCase, shopify_order


def paid_on(order_id, day, captured_day=None, **values):
    """A Shopify order of ``day`` November 2026, its payment captured on ``captured_day``."""
    order = shopify_order(order_id, **values)
    order["created_at"] = f"2026-11-{day:02d}T09:30:00+01:00"
    order["processed_at"] = f"2026-11-{captured_day or day:02d}T09:30:00+01:00"
    order["updated_at"] = order["created_at"]
    return order


@tagged("post_install", "-at_install")
class TestPaymentDates(PostingCase):
    def payment_of(self, order):
        return self.payments_of(self.invoice_of(order))

    def assertNumberedInDateOrder(self, moves):
        """Within each sequence of a journal, the numbers follow the dates."""
        for (_journal, _prefix), in_sequence in moves.grouped(
            lambda m: (m.journal_id, m.sequence_prefix)
        ).items():
            dates = in_sequence.sorted("sequence_number").mapped("date")
            self.assertEqual(dates, sorted(dates), in_sequence.mapped("name"))

    def test_payment_dated_on_the_shops_transaction_date(self):
        order = self.import_and_post(paid_on(6001, 4, captured_day=2))
        invoice = self.invoice_of(order)
        payment = self.payment_of(order)
        self.assertEqual(invoice.invoice_date, date(2026, 11, 4))
        # Captured on the 2nd: dated the 2nd, before its invoice, nothing to explain.
        self.assertEqual(payment.date, date(2026, 11, 2))
        self.assertEqual(payment.move_id.date, date(2026, 11, 2))
        self.assertFalse(payment.move_id.narration)
        self.assertTrue(invoice.currency_id.is_zero(invoice.amount_residual))

    def test_one_batch_is_numbered_in_date_order(self):
        orders = self.import_and_post(
            paid_on(6011, 6, email="a@x.fr"),
            paid_on(6012, 4, email="b@x.fr"),
            paid_on(6013, 5, email="c@x.fr"),
        )
        payments = orders.invoice_ids._get_reconciled_payments()
        self.assertEqual(
            sorted(payments.mapped("date")),
            [date(2026, 11, 4), date(2026, 11, 5), date(2026, 11, 6)],
        )
        self.assertNumberedInDateOrder(payments.move_id)

    def test_a_late_payment_keeps_the_journal_in_date_order_and_says_why(self):
        first = self.import_and_post(paid_on(6021, 10, email="a@x.fr"))
        late = self.import_and_post(paid_on(6022, 3, email="b@x.fr"))
        payment = self.payment_of(late)
        self.assertEqual(self.payment_of(first).date, date(2026, 11, 10))
        self.assertEqual(payment.date, date(2026, 11, 10))
        self.assertIn("not on the shop's date 11/03/2026", str(payment.move_id.narration))
        self.assertIn(self.stripe_journal.name, str(payment.move_id.narration))
        self.assertNumberedInDateOrder((self.payment_of(first) | payment).move_id)
        # Another journal has nothing later: its payment keeps the shop's date.
        other = paid_on(6023, 3, email="c@x.fr")
        other["payment_gateway_names"] = ["paypal"]
        self.assertEqual(self.payment_of(self.import_and_post(other)).date, date(2026, 11, 3))

    def test_a_payment_in_a_locked_period_takes_odoos_first_open_date(self):
        self.company.fiscalyear_lock_date = date(2026, 11, 5)
        # The date Odoo itself gives an entry of the journal dated in that period.
        expected = (
            self.env["account.move"]
            .with_context(is_payment=True)
            .new(
                {
                    "move_type": "entry",
                    "journal_id": self.stripe_journal.id,
                    "company_id": self.company.id,
                    "date": date(2026, 11, 3),
                }
            )
            ._get_accounting_date(date(2026, 11, 3), False)
        )
        order = self.import_and_post(paid_on(6031, 3))
        payment = self.payment_of(order)
        today = fields.Date.context_today(payment)
        self.assertEqual(order.ecom_posting_state, "posted")
        self.assertGreater(payment.date, date(2026, 11, 5))
        self.assertLessEqual(payment.date, max(today, date(2026, 11, 30)))
        self.assertEqual(payment.date, expected)
        narration = str(payment.move_id.narration)
        self.assertIn("falls in a locked period (up to 11/05/2026)", narration)
        self.assertIn(fields.Date.to_date(payment.date).strftime("%m/%d/%Y"), narration)


@tagged("post_install", "-at_install")
class TestPaymentLabels(PostingCase):
    def test_payment_labelled_with_gateway_reference_and_customer(self):
        order = self.import_and_post(shopify_order(6101))
        payment = self.payments_of(self.invoice_of(order))
        label = "Shopify Payments — #6101 — Camille Martin"
        self.assertEqual(payment.memo, label)
        self.assertEqual(payment.move_id.ref, label)
        self.assertEqual(set(payment.move_id.line_ids.mapped("name")), {label})
        # No transaction id from the shop: the shop's reference, never a gateway code.
        self.assertEqual(payment.payment_reference, "#6101")

    def test_paypal_payment_keeps_its_transaction_as_reference(self):
        payload = shopify_order(6102, email="p@x.fr")
        payload["payment_gateway_names"] = ["paypal"]
        with trap_jobs():
            order = self.import_orders(payload).sale_order_id
        order.ecom_payment_ids.transaction_id = "000006102"
        self.engine._post_orders(order)
        self.assertEqual(order.ecom_posting_state, "posted")
        payment = self.payments_of(self.invoice_of(order))
        self.assertEqual(payment.memo, "PayPal — #6102 — Camille Martin")
        self.assertEqual(payment.payment_reference, "000006102")
        self.assertNotIn("paypal", " ".join(payment.move_id.line_ids.mapped("name")))

    def test_rounding_difference_line_named_for_people(self):
        payload = shopify_order(6103)
        payload["total_price"] = "55.21"
        order = self.import_and_post(payload)
        payment = self.payments_of(self.invoice_of(order))
        rounding = payment.move_id.line_ids.filtered(
            lambda line: line.account_id == self.rounding_account
        )
        self.assertEqual(
            rounding.name, "Rounding difference with the shop — #6103 — Camille Martin"
        )
