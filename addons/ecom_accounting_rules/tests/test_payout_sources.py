# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Payouts from the providers' APIs (local stand-ins), Stripe's webhook, the command line."""

import hmac
import json
import time
from argparse import Namespace
from datetime import date
from hashlib import sha256
from unittest.mock import patch
from urllib.parse import parse_qs, urlsplit

from odoo.tests import tagged
from odoo.tools import config

from odoo.addons.ecom_connector.tests.http_stub import StubServer
from odoo.addons.queue_job.job import identity_exact
from odoo.addons.queue_job.tests.common import trap_jobs

from ..cli.payouts import payouts_import
from ..const import CONFIG_PAYOUT_API_OVERRIDE
from ..payouts.paypal.client import PayPalClient
from ..payouts.stripe.client import StripeClient
from .payout_common import PAYLOADS, PayoutCase, sample

TOKEN = "shpat_payouts0123456789abcdef"
STRIPE_KEY = "rk_test_payouts0123456789"


def payout_api_override(url):
    """Stripe's and PayPal's APIs at ``url``, as the server's configuration says it (tests)."""
    endpoints = ",".join(f"{name}={url}" for name in ("stripe", "paypal", "paypal_sandbox"))
    return patch.dict(config.options, {CONFIG_PAYOUT_API_OVERRIDE: endpoints})


class ProviderServer(StubServer):
    """Shopify Payments, Stripe and PayPal payout endpoints over real HTTP, on 127.0.0.1."""

    methods = ("GET", "POST")

    def __init__(self):
        super().__init__()
        self.requests = []
        self.authorizations = []

    def _handle(self, handler, method):
        parts = urlsplit(handler.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.requests.append((method, parts.path, query))
        self.authorizations.append(
            handler.headers.get("Authorization") or handler.headers.get("X-Shopify-Access-Token")
        )
        status, body, headers = self.answer(handler, parts.path, query)
        self._send(handler, status, body, headers)

    def answer(self, handler, path, query):
        if "/shopify_payments/" in path:
            if handler.headers.get("X-Shopify-Access-Token") != TOKEN:
                return 401, {"errors": "Invalid API key or access token"}, {}
            if path.endswith("payouts.json"):
                data = json.loads((PAYLOADS / "shopify_payments" / "payouts.json").read_text())
                if query.get("page_info") == "p2":
                    return 200, {"payouts": data["payouts"][1:]}, {}
                link = f'<{self.url}{path}?limit=250&page_info=p2>; rel="next"'
                return 200, {"payouts": data["payouts"][:1]}, {"Link": link}
            if path.endswith("balance/transactions.json"):
                data = json.loads((PAYLOADS / "shopify_payments" / "transactions.json").read_text())
                rows = [
                    t for t in data["transactions"] if str(t["payout_id"]) == query["payout_id"]
                ]
                return 200, {"transactions": rows}, {}
        if path.startswith("/v1/balance_transactions"):
            if handler.headers.get("Authorization") != f"Bearer {STRIPE_KEY}":
                return 401, {"error": {"message": "Invalid API Key"}}, {}
            data = json.loads((PAYLOADS / "stripe" / "balance_transactions.json").read_text())
            rows = data["data"]
            if "starting_after" in query:
                return 200, {"object": "list", "data": rows[3:], "has_more": False}, {}
            return 200, {"object": "list", "data": rows[:3], "has_more": True}, {}
        if path == "/v1/oauth2/token":
            return 200, {"access_token": "A21AApaypal", "token_type": "Bearer"}, {}
        if path == "/v1/reporting/transactions":
            return 200, {"transaction_details": [], "page": 1, "total_pages": 1}, {}
        return 404, {"error": "not found"}, {}


@tagged("post_install", "-at_install")
class TestPayoutSources(PayoutCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ProviderServer().start()
        cls.addClassCleanup(cls.server.stop)
        cls.startClassPatcher(payout_api_override(cls.server.url))
        cls.shop.sudo().write({"api_url": cls.server.url, "access_token": TOKEN})

    def setUp(self):
        super().setUp()
        self.orders = self.post_orders(5001, 5002)
        self.refund_paid_back(5002, 9201, 500201)

    def test_shopify_payments_pull_pages_and_books(self):
        received = self.Payout._ecom_pull("shopify_payments", shop=self.shop)
        payout = self.payout(623721858)
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertEqual(len(received["payouts"]), 3, "both pages of payouts read")
        asked = [(path.rsplit("/", 1)[-1], query) for _m, path, query in self.server.requests]
        self.assertIn(("payouts.json", {"limit": "250", "page_info": "p2"}), asked)
        self.assertIn(
            ("transactions.json", {"limit": "250", "payout_id": "623721858"}),
            asked,
            "transactions are pulled for the paid payout only",
        )
        self.assertNotIn(("transactions.json", {"limit": "250", "payout_id": "623721859"}), asked)
        again = self.Payout._ecom_pull("shopify_payments", shop=self.shop)
        self.assertEqual(again["counts"]["received"], 0, "a booked payout is not pulled again")

    def test_shopify_payments_refused_token_is_a_clear_error(self):
        self.shop.sudo().access_token = "wrong"
        with self.assertRaisesRegex(Exception, "refused the credentials"):
            self.Payout._ecom_pull("shopify_payments", shop=self.shop)

    def test_stripe_and_paypal_clients(self):
        pages = list(StripeClient(STRIPE_KEY).transactions("po_1"))
        self.assertEqual(len(pages), 2, "has_more pages followed with starting_after")
        self.assertEqual(self.server.requests[-1][2]["starting_after"], "txn_1QDispute001")
        self.assertEqual(self.server.requests[-1][2]["payout"], "po_1")
        client = PayPalClient("client", "secret")
        pages = list(client.transactions(date(2026, 9, 1), date(2026, 11, 30)))
        windows = [q for _m, p, q in self.server.requests if p == "/v1/reporting/transactions"]
        self.assertEqual(len(pages), 3)
        self.assertEqual(
            [(w["start_date"][:10], w["end_date"][:10]) for w in windows],
            [
                ("2026-09-01", "2026-10-01"),
                ("2026-10-02", "2026-11-01"),
                ("2026-11-02", "2026-11-30"),
            ],
            "windows of at most 31 days",
        )

    def test_stripe_webhook_signed_stored_and_replay_refused(self):
        accounts = self.env["ecom.payout.account.set"].create(
            {
                "provider": "stripe",
                "journal_id": self.stripe_journal.id,
                "bank_journal_id": self.bank.id,
                "fee_account_id": self.accounts.fee_account_id.id,
                "dispute_account_id": self.accounts.dispute_account_id.id,
                "reserve_account_id": self.accounts.reserve_account_id.id,
                "adjustment_account_id": self.accounts.adjustment_account_id.id,
                "webhook_secret": "whsec_payouts",
            }
        )
        body = sample("stripe", "event_payout_paid.json")
        now = int(time.time())
        signature = hmac.new(b"whsec_payouts", f"{now}.".encode() + body, sha256).hexdigest()
        header = f"t={now},v1={signature}"
        self.assertEqual(
            self.Payout._ecom_webhook(
                "stripe", accounts.id, body, {"Stripe-Signature": f"t={now},v1=bad"}
            )[0],
            401,
        )
        self.assertFalse(self.payout("po_1QWebhookPay01", "stripe"))
        self.assertEqual(
            self.Payout._ecom_webhook(
                "stripe", accounts.id, body, {"Stripe-Signature": header}, now=now + 3600
            )[0],
            401,
            "an old signature is a replay",
        )
        self.assertEqual(
            self.Payout._ecom_webhook("stripe", accounts.id, body, {"Stripe-Signature": header}),
            (200, "stored"),
        )
        payout = self.payout("po_1QWebhookPay01", "stripe")
        self.assertAlmostEqual(payout.amount, 123.45)
        self.assertEqual(payout.status, "paid")
        self.assertEqual(
            self.Payout._ecom_webhook("stripe", accounts.id, body, {"Stripe-Signature": header})[0],
            200,
        )
        self.assertEqual(len(self.payout("po_1QWebhookPay01", "stripe")), 1)
        self.assertEqual(
            self.Payout._ecom_webhook("stripe", 0, body, {"Stripe-Signature": header})[0], 404
        )

    def stripe_accounts(self, **vals):
        return self.env["ecom.payout.account.set"].create(
            {
                "provider": "stripe",
                "journal_id": self.stripe_journal.id,
                "bank_journal_id": self.bank.id,
                "fee_account_id": self.accounts.fee_account_id.id,
                "dispute_account_id": self.accounts.dispute_account_id.id,
                "reserve_account_id": self.accounts.reserve_account_id.id,
                "adjustment_account_id": self.accounts.adjustment_account_id.id,
                **vals,
            }
        )

    def signed(self, body, secret):
        now = int(time.time())
        signature = hmac.new(secret.encode(), f"{now}.".encode() + body, sha256).hexdigest()
        return {"Stripe-Signature": f"t={now},v1={signature}"}

    def test_webhook_queues_one_transactions_job(self):
        """The paid payout's transactions are pulled by a job of the ecom channel, queued once
        however often the event comes; the job, run twice, stores them once."""
        accounts = self.stripe_accounts(webhook_secret="whsec_jobs", api_key=STRIPE_KEY)
        body = sample("stripe", "event_payout_paid.json")
        with trap_jobs() as trap:
            for _call in range(2):
                status = self.Payout._ecom_webhook(
                    "stripe", accounts.id, body, self.signed(body, "whsec_jobs")
                )
                self.assertEqual(status, (200, "stored"))
            payout = self.payout("po_1QWebhookPay01", "stripe")
            trap.assert_jobs_count(1, only=payout._ecom_pull_transactions_job)
            job = trap.enqueued_jobs[0]
            self.assertEqual(job.identity_key, identity_exact(job))
            self.assertEqual(job.channel, "root.ecom")
            function = self.env.ref(
                "ecom_accounting_rules.job_function_ecom_payout_ecom_pull_transactions_job"
            )
            self.assertEqual(function.channel, "root.ecom")
            self.assertEqual(job.job_config.retry_pattern, {1: 60, 5: 300, 10: 1800})
            self.assertFalse(payout.line_ids, "nothing pulled before the job runs")
            trap.perform_enqueued_jobs()
        asked = [(path, query.get("payout")) for _m, path, query in self.server.requests]
        self.assertIn(("/v1/balance_transactions", "po_1QWebhookPay01"), asked)
        self.assertEqual(len(payout.line_ids), 7)
        self.assertEqual(set(payout.line_ids.mapped("payout_external_id")), {"po_1QWebhookPay01"})
        # Run again (a retry after a crash): the same transactions, stored once.
        payout._ecom_pull_transactions_job()
        self.assertEqual(len(payout.line_ids), 7)
        self.assertEqual(
            self.env["ecom.payout.line"].search_count([("provider", "=", "stripe")]), 7
        )

    def test_cli_import_report(self):
        files = [
            PAYLOADS / "shopify_payments" / name for name in ("transactions.json", "payouts.json")
        ]
        args = Namespace(shop=self.shop.code, provider="shopify_payments", files=files)
        report = payouts_import(self.env, args, lambda message: None)
        counts = report["transactions"]
        self.assertEqual(counts["received"], 8)
        self.assertEqual(
            counts["received"],
            counts["booked"] + counts["pending"] + counts["review"] + counts["duplicates"],
        )
        self.assertEqual(counts["booked"], 7)
        by_id = {p["external_id"]: p for p in report["payouts"]}
        paid = by_id["623721858"]
        self.assertEqual(
            {
                k: paid[k]
                for k in (
                    "status",
                    "amount",
                    "charges",
                    "refunds",
                    "fees",
                    "disputes",
                    "reserves",
                    "adjustments",
                    "lines",
                    "matched",
                    "unmatched",
                    "balanced",
                )
            },
            {
                "status": "paid",
                "amount": 32.74,
                "charges": 110.4,
                "refunds": -24.0,
                "fees": 16.66,
                "disputes": -30.0,
                "reserves": -5.0,
                "adjustments": -2.0,
                "lines": 6,
                "matched": 6,
                "unmatched": 0,
                "balanced": True,
            },
        )
        self.assertTrue(paid["entry"])
        self.assertEqual(
            by_id["623721859"]["problems"], ["The provider reports this payout failed."]
        )
        again = payouts_import(self.env, args, lambda message: None)
        self.assertEqual(again["transactions"]["duplicates"], 8)
        bad = Namespace(
            shop=self.shop.code,
            provider="shopify_payments",
            files=[PAYLOADS / "paypal" / "activity_download.csv"],
        )
        with self.assertRaisesRegex(SystemExit, "activity_download.csv: line 2: Amount is missing"):
            payouts_import(self.env, bad, lambda message: None)
