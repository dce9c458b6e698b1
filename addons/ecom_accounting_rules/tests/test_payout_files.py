# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Odd payout files: a transaction that does not add up, web pages, ragged and binary files."""

from odoo.exceptions import UserError
from odoo.tests import BaseCase, tagged

from ..payouts import PayoutError, parse
from .payout_common import PayoutCase, sample

HTML = b"""<!DOCTYPE html>
<html lang="en"><head><title>Sign in, Stripe</title></head>
<body><p>Your session expired, please, sign in again.</p></body></html>
"""


def ragged(content, line=3, extra=",x,y"):
    """``content`` with ``extra`` fields at the end of line ``line`` (from 1)."""
    lines = content.decode("utf-8-sig").splitlines()
    lines[line - 1] += extra
    return "\n".join(lines).encode()


@tagged("post_install", "-at_install")
class TestOddPayoutFiles(BaseCase):
    """The parsers say which line of which file is wrong (no database)."""

    def test_web_page_instead_of_a_report(self):
        for provider in ("stripe", "shopify_payments", "paypal"):
            with self.assertRaisesRegex(PayoutError, r"^line 1: a web page \(HTML or XML\)"):
                parse(provider, HTML, "payouts.csv")
        with self.assertRaisesRegex(PayoutError, "^line 1: a web page"):
            parse("stripe", HTML, "download")  # no extension: not JSON, read as CSV

    def test_ragged_rows_binary_files_and_missing_columns(self):
        stripe = sample("stripe", "payout_reconciliation_itemized.csv")
        with self.assertRaisesRegex(
            PayoutError, "^line 3: 20 fields where the header line has 18: the file is not a whole"
        ):
            parse("stripe", ragged(stripe), "report.csv")
        with self.assertRaisesRegex(PayoutError, "^line 2: 17 fields where the header line has 18"):
            parse("stripe", stripe.replace(b",7001\n", b"\n", 1), "report.csv")
        with self.assertRaisesRegex(PayoutError, "^line 1: the file is binary"):
            parse("paypal", b"PK\x03\x04\x14\x00\x00\x00binary zip", "Download.csv")
        shopify = sample("shopify_payments", "payout_transactions_export.csv")
        with self.assertRaisesRegex(
            PayoutError,
            "^line 1: not a Shopify Payments payout transactions export: the header line has "
            "no Net column",
        ):
            parse("shopify_payments", shopify.replace(b"Net", b"Total", 1), "export.csv")
        with self.assertRaisesRegex(
            PayoutError,
            "^line 1: not a PayPal activity download: the header line has no Transaction ID or "
            "Net column$",
        ):
            parse("paypal", b"Date,Type,Gross\n01/11/2026,Payment,10.00\n", "Download.csv")

    def test_a_transaction_that_does_not_add_up_is_kept_as_sent(self):
        parsed = parse(
            "shopify_payments",
            b'{"transactions": [{"id": 1, "type": "charge", "amount": "10.00", '
            b'"fee": "0.50", "net": "9.00", "currency": "EUR"}]}',
        )
        txn = parsed.transactions[0]
        self.assertEqual((str(txn.amount), str(txn.fee), str(txn.net)), ("10.00", "0.50", "9.00"))


@tagged("post_install", "-at_install")
class TestPayoutNotAddingUp(PayoutCase):
    def charge(self, txn_id, order_id, payout_id, net="54.12"):
        return {
            "id": txn_id,
            "type": "charge",
            "payout_id": payout_id,
            "currency": "EUR",
            "amount": "55.20",
            "fee": "1.08",
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

    def test_one_transaction_to_review_the_rest_booked(self):
        self.post_orders(6501, 6502)
        result = self.receive_json(
            "shopify_payments",
            {
                "payouts": [self.paid(7501, "54.12"), self.paid(7502, "53.62")],
                "transactions": [
                    self.charge(11, 6501, 7501),
                    # A fee adjustment of 0.50 the provider took from the net only.
                    self.charge(12, 6502, 7502, net="53.62"),
                ],
            },
        )
        self.assertEqual(
            result["counts"],
            {"received": 2, "booked": 1, "pending": 0, "review": 1, "duplicates": 0},
        )
        good, bad = self.payout(7501), self.payout(7502)
        self.assertEqual(good.state, "booked", good.problems)
        self.assertBalanced(good.move_id)
        self.assertEqual(bad.state, "review")
        self.assertFalse(bad.move_id)
        self.assertFalse(bad.balanced)
        self.assertAlmostEqual(bad.difference, -0.50)
        sentence = (
            "Transaction 12: its net 53.62\xa0€ is not its gross 55.20\xa0€ less its fee "
            "1.08\xa0€ (difference -0.50\xa0€). The provider's report may show a fee "
            "adjustment apart: check it, then book the difference."
        )
        item = bad.review_item_ids
        self.assertEqual(len(item), 1)
        self.assertEqual(item.reason_code, "payout_mismatch")
        self.assertEqual(
            item.description,
            f"{sentence}\nThe lines add up to 54.12\xa0€, not to the payout's 53.62\xa0€ "
            "(difference -0.50\xa0€).",
        )
        self.assertIn(sentence, bad.problems)
        self.assertEqual(bad.line_ids.state, "matched")
        # The accountant books the difference: the entry adds up, the charge is cleared.
        self.resolve(item, resolution="payout_difference")
        self.assertEqual(bad.state, "booked")
        self.assertBalanced(bad.move_id)
        self.assertEqual(self.balance(self.difference_account, bad.move_id), 0.50)
        self.assertAlmostEqual(bad.deposit_line_id.balance, 53.62)
        self.assertEqual(self.balance(self.clearing), 0.0)

    def test_web_page_and_ragged_file_name_file_and_line(self):
        with self.assertRaisesRegex(
            UserError, r"^session\.csv: line 1: a web page \(HTML or XML\), not a CSV report"
        ):
            self.Payout._ecom_import_content("stripe", HTML, "session.csv", shop=self.shop)
        content = ragged(sample("stripe", "payout_reconciliation_itemized.csv"))
        with self.assertRaisesRegex(
            UserError, "^itemized.csv: line 3: 20 fields where the header line has 18"
        ):
            self.Payout._ecom_import_content("stripe", content, "itemized.csv", shop=self.shop)
        self.assertFalse(self.env["ecom.payout.line"].search([("provider", "=", "stripe")]))
