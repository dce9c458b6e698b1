# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The payout parsers on payloads shaped as each provider documents them (no database)."""

import hmac
import json
from datetime import date
from decimal import Decimal
from hashlib import sha256
from pathlib import Path

from odoo.tests import BaseCase, tagged

from ..payouts import PayoutError, parse
from ..payouts.stripe.parser import from_minor, verify_signature

PAYLOADS = Path(__file__).parent / "payloads"


def sample(provider, name):
    return (PAYLOADS / provider / name).read_bytes()


def D(value):
    return Decimal(value)


def money_rows(transactions, *extra):
    """Each transaction as ``(type, amount, fee, net)`` and then its ``extra`` attributes."""
    return [
        (t.type, t.amount, t.fee, t.net, *(getattr(t, name) for name in extra))
        for t in transactions
    ]


@tagged("post_install", "-at_install")
class TestShopifyPaymentsParser(BaseCase):
    def test_payouts(self):
        parsed = parse("shopify_payments", sample("shopify_payments", "payouts.json"))
        self.assertEqual(
            [(p.external_id, p.status, p.amount, p.date) for p in parsed.payouts],
            [
                ("623721858", "paid", D("32.74"), date(2026, 11, 5)),
                ("623721859", "failed", D("18.40"), date(2026, 11, 6)),
                ("623721860", "in_transit", D("53.12"), date(2026, 11, 9)),
            ],
        )
        self.assertEqual(parsed.payouts[0].summary["charges_fee_amount"], "2.16")
        self.assertFalse(parsed.transactions)

    def test_transactions_types_signs_and_orders(self):
        parsed = parse("shopify_payments", sample("shopify_payments", "transactions.json"))
        self.assertEqual(
            money_rows(parsed.transactions, "order_external_id"),
            [
                ("charge", D("55.20"), D("1.08"), D("54.12"), "5001"),
                ("charge", D("55.20"), D("1.08"), D("54.12"), "5002"),
                ("refund", D("-24.00"), D("0.00"), D("-24.00"), "5002"),
                ("dispute", D("-30.00"), D("15.00"), D("-45.00"), "5001"),
                ("reserve", D("-5.00"), D("0.00"), D("-5.00"), None),
                ("adjustment", D("-2.00"), D("-0.50"), D("-1.50"), None),
                ("transfer", D("-32.74"), D("0.00"), D("-32.74"), None),
                ("other", D("3.00"), D("0.00"), D("3.00"), None),
            ],
        )
        unknown = parsed.transactions[-1]
        self.assertEqual(unknown.provider_type, "shop_cash_credit", "unknown types keep their name")
        self.assertIsNone(unknown.payout_external_id, "not paid out yet: waits for its payout")
        self.assertEqual(parsed.transactions[0].transaction_refs, ("1001001", "1001001"))
        self.assertEqual(parsed.transactions[0].date, date(2026, 11, 2))

    def test_single_object_and_csv_export(self):
        one = json.dumps(
            {
                "payout": {
                    "id": 1,
                    "status": "canceled",
                    "date": "2026-11-01",
                    "currency": "EUR",
                    "amount": "1.00",
                }
            }
        )
        self.assertEqual(parse("shopify_payments", one.encode()).payouts[0].status, "cancelled")
        parsed = parse(
            "shopify_payments",
            sample("shopify_payments", "payout_transactions_export.csv"),
            "payout_transactions_export.csv",
        )
        self.assertEqual(len(parsed.transactions), 3)
        self.assertEqual(parsed.transactions[0].order_reference, "#5001")
        self.assertEqual(
            [(p.external_id, p.amount) for p in parsed.payouts], [("623721858", D("84.24"))]
        )
        again = parse(
            "shopify_payments",
            sample("shopify_payments", "payout_transactions_export.csv"),
            "x.csv",
        )
        self.assertEqual(
            [t.external_id for t in again.transactions],
            [t.external_id for t in parsed.transactions],
            "the export has no ids: the same row gets the same id each time",
        )

    def test_bad_input_is_refused_clearly(self):
        with self.assertRaisesRegex(PayoutError, "not JSON"):
            parse("shopify_payments", b"{not json")
        with self.assertRaisesRegex(PayoutError, "unknown payout status 'lost'"):
            parse("shopify_payments", b'{"payouts": [{"id": 1, "status": "lost", "amount": "1"}]}')


@tagged("post_install", "-at_install")
class TestStripeParser(BaseCase):
    def test_payouts_in_minor_units(self):
        parsed = parse("stripe", sample("stripe", "payouts.json"))
        self.assertEqual(
            [(p.external_id, p.status, p.amount, p.currency) for p in parsed.payouts],
            [
                ("po_1QAbCdEfGhIjKlMn", "paid", D("95.36"), "EUR"),
                ("po_1QFailedPayout01", "failed", D("15.00"), "EUR"),
            ],
        )
        self.assertEqual(from_minor(1500, "jpy", "x"), D("1500"))
        self.assertEqual(from_minor(1500, "kwd", "x"), D("1.500"))
        with self.assertRaisesRegex(PayoutError, "not an integer amount"):
            from_minor("15.00", "eur", "amount")

    def test_balance_transactions(self):
        parsed = parse("stripe", sample("stripe", "balance_transactions.json"))
        self.assertEqual(
            money_rows(parsed.transactions),
            [
                ("charge", D("60.00"), D("1.09"), D("58.91")),
                ("charge", D("40.00"), D("0.81"), D("39.19")),
                ("dispute", D("-40.00"), D("15.00"), D("-55.00")),
                ("dispute_reversal", D("40.00"), D("-15.00"), D("55.00")),
                ("reserve", D("-5.00"), D("0.00"), D("-5.00")),
                ("adjustment", D("0.00"), D("-2.26"), D("2.26")),
                ("transfer", D("-95.36"), D("0.00"), D("-95.36")),
            ],
        )
        first = parsed.transactions[0]
        self.assertEqual(first.order_external_id, "7001")
        self.assertEqual(first.transaction_refs, ("ch_3QOrder7001", "pi_3QOrder7001"))
        self.assertEqual(
            {t.payout_external_id for t in parsed.transactions},
            {"po_1QAbCdEfGhIjKlMn"},
            "the list of ?payout= holds the payout's own transaction: all belong to it",
        )

    def test_event_and_csv(self):
        parsed = parse("stripe", sample("stripe", "event_payout_paid.json"))
        self.assertEqual(
            [(p.external_id, p.amount) for p in parsed.payouts],
            [("po_1QWebhookPay01", D("123.45"))],
        )
        parsed = parse("stripe", sample("stripe", "payout_reconciliation_itemized.csv"), "r.csv")
        self.assertEqual(
            [(t.external_id, t.net, t.order_external_id) for t in parsed.transactions],
            [("txn_1QCharge0001", D("58.91"), "7001"), ("txn_1QCharge0002", D("39.19"), "7002")],
        )
        self.assertEqual(
            [(p.external_id, p.amount) for p in parsed.payouts], [("po_1QCsvPayout001", D("98.10"))]
        )

    def test_signature(self):
        body = sample("stripe", "event_payout_paid.json")
        secret = "whsec_test_payouts"
        stamp = 1762387300
        signature = hmac.new(secret.encode(), f"{stamp}.".encode() + body, sha256).hexdigest()
        header = f"t={stamp},v1={signature},v0=ignored"
        self.assertIsNone(verify_signature(body, header, secret, now=stamp + 10))
        self.assertIn("replay", verify_signature(body, header, secret, now=stamp + 301))
        self.assertEqual(
            verify_signature(body + b" ", header, secret, now=stamp), "signature does not match"
        )
        self.assertEqual(verify_signature(body, header, "", now=stamp), "no webhook secret is set")
        self.assertEqual(verify_signature(body, None, secret), "no Stripe-Signature header")
        self.assertEqual(
            verify_signature(body, "v1=abc", secret), "malformed Stripe-Signature header"
        )


@tagged("post_install", "-at_install")
class TestPayPalParser(BaseCase):
    def test_transaction_search(self):
        parsed = parse("paypal", sample("paypal", "transactions.json"))
        self.assertEqual(
            money_rows(parsed.transactions, "payout_external_id"),
            [
                ("charge", D("48.00"), D("1.99"), D("46.01"), "1FN09943JY662130R"),
                ("refund", D("-12.00"), D("-0.25"), D("-11.75"), "1FN09943JY662130R"),
                ("transfer", D("-34.26"), D("0"), D("-34.26"), "1FN09943JY662130R"),
                ("other", D("1.00"), D("0"), D("1.00"), None),
            ],
        )
        self.assertEqual(
            [(p.external_id, p.status, p.amount) for p in parsed.payouts],
            [("1FN09943JY662130R", "paid", D("34.26"))],
        )
        self.assertEqual(parsed.transactions[0].order_reference, "8001")
        self.assertEqual(
            parsed.transactions[1].transaction_refs, ("9GS80322P28628837", "5TY05013RG002845M")
        )

    def test_activity_download_csv(self):
        parsed = parse("paypal", sample("paypal", "activity_download.csv"), "Download.CSV")
        self.assertEqual(
            money_rows(parsed.transactions, "date"),
            [
                ("charge", D("48.00"), D("1.99"), D("46.01"), date(2026, 11, 2)),
                ("refund", D("-12.00"), D("-0.25"), D("-11.75"), date(2026, 11, 3)),
                ("transfer", D("-34.26"), D("0.00"), D("-34.26"), date(2026, 11, 4)),
            ],
        )
        self.assertEqual(
            [(p.external_id, p.amount) for p in parsed.payouts], [("1FN09943JY662130R", D("34.26"))]
        )

    def test_not_paypal(self):
        with self.assertRaisesRegex(PayoutError, "transaction_details"):
            parse("paypal", b'{"payouts": []}')
