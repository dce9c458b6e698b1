# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Marketplace settlements without a database: Amazon's report, Mirakl's TL02 and cycle export
parsed as documented, and the plan of what each settlement books."""

import json
from datetime import date
from decimal import Decimal

from odoo.tests import BaseCase, tagged

from ..payouts import PayoutError, get_provider, parse
from ..payouts import settlement as planning
from ..payouts.amazon import const as amazon_const
from .payout_common import PAYLOADS


def top(name):
    return (PAYLOADS / name).read_bytes()


def D(value):
    return Decimal(value)


def plan_of(provider, parsed):
    """The plan of the first settlement of ``parsed``, as the booking makes it."""
    payout = parsed.payouts[0]
    rows = [
        planning.Row(
            provider_type=txn.provider_type,
            amount=txn.amount,
            order_id=txn.order_external_id,
            date=txn.date,
            refund=txn.type == "refund",
        )
        for txn in parsed.transactions
        if txn.type != "transfer" and txn.payout_external_id == payout.external_id
    ]
    summary = payout.summary
    return planning.plan_settlement(
        rows,
        payout.amount,
        get_provider(provider).settlement,
        start=summary.get("start") and date.fromisoformat(summary["start"]),
        end=summary.get("end") and date.fromisoformat(summary["end"]),
    )


@tagged("post_install", "-at_install")
class TestAmazonSettlementReport(BaseCase):
    def test_full_settlement_parsed(self):
        parsed = parse("amazon", top("amazon_settlement_full.txt"), "amazon_settlement_full.txt")
        (payout,) = parsed.payouts
        self.assertEqual(
            (payout.external_id, payout.status, payout.date, payout.currency, payout.amount),
            ("12345678901", "paid", date(2026, 11, 5), "EUR", D("8.24")),
        )
        self.assertEqual(payout.summary["start"], "2026-10-20")
        self.assertEqual(payout.summary["end"], "2026-11-03")
        self.assertEqual(payout.summary["marketplace"], "Amazon.fr")
        self.assertEqual(len(parsed.transactions), 24)
        first = parsed.transactions[0]
        self.assertEqual(first.external_id, "12345678901-3")
        self.assertEqual(first.provider_type, "Order/ItemPrice/Principal")
        self.assertEqual(
            (first.type, first.amount, first.date), ("charge", D("50.00"), date(2026, 10, 25))
        )
        self.assertEqual(first.order_external_id, "402-1111111-1111111")
        refund = [t for t in parsed.transactions if t.type == "refund"]
        self.assertEqual(len(refund), 2, "its sales rows; its fees are fees")
        self.assertEqual(sum(t.amount for t in parsed.transactions), D("8.24"))

    def test_european_dates_and_decimal_commas(self):
        parsed = parse("amazon", top("amazon_settlement_next.txt"))
        (payout,) = parsed.payouts
        self.assertEqual((payout.date, payout.amount), (date(2026, 11, 19), D("127.00")))
        self.assertEqual(payout.summary["start"], "2026-11-03")
        amounts = [t.amount for t in parsed.transactions]
        self.assertEqual(
            amounts, [D("40.00"), D("100.00"), D("20.00"), D("-14.40"), D("-3.60"), D("-15.00")]
        )
        self.assertEqual(parsed.transactions[1].date, date(2026, 11, 10))

    def test_not_a_settlement_report(self):
        with self.assertRaisesRegex(PayoutError, "not an Amazon settlement report"):
            parse("amazon", b"order-id,amount\n1,2\n")
        with self.assertRaisesRegex(PayoutError, "no settlement row"):
            parse("amazon", top("amazon_settlement_full.txt").split(b"\n")[0] + b"\n")
        broken = top("amazon_settlement_full.txt").replace(b"-8.10", b"-8,1O")
        with self.assertRaisesRegex(PayoutError, "line 6: amount: '-8,1O' is not an amount"):
            parse("amazon", broken)

    def test_full_plan(self):
        plan = plan_of("amazon", parse("amazon", top("amazon_settlement_full.txt")))
        self.assertEqual(plan.problems, [])
        self.assertEqual(plan.difference, 0)
        orders = {key: (m.sale, m.tax) for key, m in plan.orders.items()}
        self.assertEqual(
            orders,
            {
                ("402-1111111-1111111", False): (D("45.00"), D("9.00")),
                ("402-2222222-2222222", False): (D("30.00"), D("6.00")),
                ("7601", False): (D("46.00"), D("9.20")),
                ("402-1111111-1111111", True): (D("-20.00"), D("-4.00")),
            },
        )
        bill = {line.category: (line.amount, line.rate) for line in plan.bill_lines}
        twenty = D(20)
        self.assertEqual(
            bill,
            {
                "commission": (D("17.58"), twenty),
                "fulfilment": (D("9.90"), twenty),
                "refund_fee": (D("0.48"), twenty),
                "storage": (D("6.00"), twenty),
                "subscription": (D("39.00"), twenty),
            },
        )
        self.assertEqual(plan.bill_total, D("72.96"))
        self.assertEqual(plan.reserve, D("-40.00"))
        # Two months: October's fees accrued at its end.
        self.assertEqual(plan.accrual_date, date(2026, 10, 31))
        self.assertEqual(
            plan.accrual,
            {
                "commission": D("-8.10"),
                "fulfilment": D("-3.60"),
                "subscription": D("-39.00"),
                "storage": D("-6.00"),
            },
        )

    def test_unknown_type_and_mismatch_plans_book_nothing(self):
        unknown = plan_of("amazon", parse("amazon", top("amazon_settlement_unknown.txt")))
        self.assertEqual(
            unknown.problems,
            [
                (
                    planning.PROBLEM_UNKNOWN_TYPE,
                    {
                        "type": "other-transaction/FBA Inventory Reimbursement/"
                        "REVERSAL_REIMBURSEMENT",
                        "amount": D("12.50"),
                    },
                )
            ],
        )
        mismatch = plan_of("amazon", parse("amazon", top("amazon_settlement_mismatch.txt")))
        self.assertEqual(
            mismatch.problems,
            [
                (
                    planning.PROBLEM_NOT_ADDING_UP,
                    {"rows": D("49.99"), "total": D("50.00"), "difference": D("0.01")},
                )
            ],
        )

    def test_operator_vat_by_date(self):
        self.assertIsNone(amazon_const.operator_vat(date(2024, 7, 31)))
        self.assertEqual(amazon_const.operator_vat(date(2024, 8, 1)), D(20))
        self.assertEqual(amazon_const.destination("Amazon.de"), "DE")


@tagged("post_install", "-at_install")
class TestMiraklPaymentCycle(BaseCase):
    def test_tl02_pages(self):
        first = parse("mirakl", top("mirakl_tl02_page1.json"), "page1.json")
        self.assertEqual(first.payouts, [], "no PAYMENT line yet: the cycle waits")
        second = parse("mirakl", top("mirakl_tl02_page2.json"), "page2.json")
        (payout,) = second.payouts
        self.assertEqual(
            (payout.external_id, payout.status, payout.amount, payout.date),
            ("DOC-2026-11-01", "paid", D("60.00"), date(2026, 11, 9)),
        )
        txn = first.transactions[0]
        self.assertEqual(
            (txn.external_id, txn.type, txn.provider_type, txn.amount, txn.order_external_id),
            ("TL-00001", "charge", "ORDER_AMOUNT", D("100.0"), "FNAC-1001-A"),
        )
        # The order and its line, from the line's entities (TL02 has no order_id of its own).
        self.assertEqual(txn.description, "FNAC-1001-A-1")
        parsed = first
        parsed.transactions += second.transactions
        parsed.payouts = second.payouts
        plan = plan_of("mirakl", parsed)
        self.assertEqual(plan.problems, [])
        bill = {line.category: (line.amount, line.vat, line.rate) for line in plan.bill_lines}
        self.assertEqual(
            bill,
            {
                "commission": (D("27.00"), D("4.50"), D("20.0")),
                "refund_commission": (D("-9.00"), D("-1.50"), D("20.0")),
                "subscription": (D("48.00"), D("8.00"), D("20.0")),
            },
        )
        self.assertEqual(plan.orders[("FNAC-1002-A", True)].collected, D("-60.00"))

    def test_cycle_export(self):
        parsed = parse("mirakl", top("mirakl_cycle.csv"), "mirakl_cycle.csv")
        (payout,) = parsed.payouts
        self.assertEqual((payout.external_id, payout.amount), ("DOC-2026-11-01", D("60.00")))
        self.assertEqual(len(parsed.transactions), 16)
        self.assertEqual(sum(t.amount for t in parsed.transactions), D("60.00"))
        plan = plan_of("mirakl", parsed)
        self.assertEqual(plan.problems, [])
        self.assertEqual(plan.bill_total, D("66.00"))

    def test_unknown_type_named(self):
        data = {
            "data": [
                {
                    "id": "TL-9",
                    "type": "OPERATOR_PAID_ORDER_SHIPPING_AMOUNT",
                    "amount": 5,
                    "currency_iso_code": "EUR",
                    "date_created": "2026-11-03T10:00:00Z",
                    "accounting_document_number": "DOC-X",
                    "payment_state": "PAID",
                },
                {
                    "id": "TL-10",
                    "type": "PAYMENT",
                    "amount": -5,
                    "currency_iso_code": "EUR",
                    "date_created": "2026-11-09T10:00:00Z",
                    "accounting_document_number": "DOC-X",
                    "payment_state": "PAID",
                },
            ]
        }
        plan = plan_of("mirakl", parse("mirakl", json.dumps(data).encode(), "x.json"))
        self.assertEqual(
            plan.problems,
            [
                (
                    planning.PROBLEM_UNKNOWN_TYPE,
                    {"type": "OPERATOR_PAID_ORDER_SHIPPING_AMOUNT", "amount": D(5)},
                )
            ],
        )
        # The operator's manual credit note is a fee credited (the bill's line "manual").
        data["data"][0]["type"] = "MANUAL_CREDIT"
        plan = plan_of("mirakl", parse("mirakl", json.dumps(data).encode(), "x.json"))
        self.assertEqual(plan.problems, [])
        self.assertEqual(
            [(line.category, line.amount) for line in plan.bill_lines], [("manual", D("-5"))]
        )
