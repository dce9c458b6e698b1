# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Stripe's payout webhook through Odoo's HTTP stack: hostile calls get a 4xx, never a 500."""

import hmac
import time
from hashlib import sha256

from odoo.tests import HttpCase, tagged

from odoo.addons.ecom_connector.tests.test_webhook import send_unfinished_chunked_body

from ..const import PAYOUT_WEBHOOK_ROUTE
from .payout_common import PayoutCase, sample

SECRET = "whsec_http"


@tagged("post_install", "-at_install")
class TestStripePayoutWebhookHttp(PayoutCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account_set = cls.env["ecom.payout.account.set"].create(
            {
                "provider": "stripe",
                "journal_id": cls.stripe_journal.id,
                "bank_journal_id": cls.bank.id,
                "fee_account_id": cls.accounts.fee_account_id.id,
                "dispute_account_id": cls.accounts.dispute_account_id.id,
                "reserve_account_id": cls.accounts.reserve_account_id.id,
                "adjustment_account_id": cls.accounts.adjustment_account_id.id,
                "webhook_secret": SECRET,
            }
        )
        cls.url = f"{PAYOUT_WEBHOOK_ROUTE}/stripe/{cls.account_set.id}"
        # The address given to Stripe keeps its shape.
        assert cls.url == f"/ecom/payouts/stripe/{cls.account_set.id}"

    def post(self, body, signature):
        self.env.flush_all()
        response = self.url_open(
            self.url,
            data=body,
            headers={"Content-Type": "application/json", "Stripe-Signature": signature},
        )
        self.env.invalidate_all()
        return response

    def test_signed_event_is_stored(self):
        body = sample("stripe", "event_payout_paid.json")
        now = int(time.time())
        signature = hmac.new(SECRET.encode(), f"{now}.".encode() + body, sha256).hexdigest()
        self.assertEqual(self.post(body, f"t={now},v1={signature}").status_code, 200)
        payout = self.payout("po_1QWebhookPay01", "stripe")
        self.assertAlmostEqual(payout.amount, 123.45)

    def test_non_ascii_signature_is_refused_not_a_crash(self):
        body = sample("stripe", "event_payout_paid.json")
        now = int(time.time())
        for header in (
            f"t={now},v1={'é' * 64}",  # latin-1 on the wire, as any client may send
            f"t={now},v1=ünïcödé,v1=abc",
            "t=²³,v1=abc",  # digits int() would refuse
        ):
            with self.subTest(header=header):
                response = self.post(body, header)
                self.assertIn(response.status_code, (400, 401))
        self.assertFalse(self.payout("po_1QWebhookPay01", "stripe"))

    def test_oversized_body_is_refused_unread(self):
        body = b'{"id": "evt_1", "pad": "' + b"x" * (3 * 1024 * 1024) + b'"}'
        self.assertEqual(self.post(body, "t=1,v1=abc").status_code, 413)
        # Without a Content-Length: refused past the limit, before the body ends.
        status = send_unfinished_chunked_body(self, self.url, {"Stripe-Signature": "t=1,v1=abc"})
        self.assertEqual(status, 413)
