# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The providers' keys go to the providers only, and only their keepers start the calls.

Where Stripe's and PayPal's credentials are sent is fixed in code (a test moves
it through the server's configuration, never through a field); an accountant
without web-shop rights cannot read or change the connection settings, and a
billing user, who reads the account sets and the shops, cannot start a pull or a
connection test (each sends the credentials). Users as the web client calls.
"""

import json

from odoo.tests import HttpCase, tagged

from odoo.addons.ecom_connector.tests.http_stub import StubServer

from ..clients import api_base_url
from ..payouts import get_payout_client
from ..payouts.paypal.const import HOST as PAYPAL_HOST
from ..payouts.paypal.const import SANDBOX_HOST as PAYPAL_SANDBOX
from ..payouts.stripe.client import StripeClient
from ..payouts.stripe.const import HOST as STRIPE_HOST
from .payout_common import PayoutCase
from .test_payout_sources import TOKEN, ProviderServer, payout_api_override
from .web_client import WebClientCalls

STRIPE_KEY = "sk_live_secrets0123456789"


class Listener(StubServer):
    """A server of a user's choosing: it records what reaches it and answers a Stripe list."""

    methods = ("GET", "POST")

    def __init__(self):
        super().__init__()
        self.received = []

    def _handle(self, handler, method):
        self.received.append((method, handler.path, handler.headers.get("Authorization")))
        self._send(handler, 200, {"object": "list", "data": [], "has_more": False})


class StripeStandIn(ProviderServer):
    """The providers' stand-in, with Stripe's payout list (empty)."""

    def answer(self, handler, path, query):
        if path == "/v1/payouts":
            return 200, {"object": "list", "data": [], "has_more": False}, {}
        return super().answer(handler, path, query)


class SecretsCase(PayoutCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider_api = StripeStandIn().start()
        cls.addClassCleanup(cls.provider_api.stop)
        cls.listener = Listener().start()
        cls.addClassCleanup(cls.listener.stop)
        # Stripe "is" the stand-in, as the server's configuration says (tests only).
        cls.startClassPatcher(payout_api_override(cls.provider_api.url))
        cls.shop.sudo().write({"api_url": cls.provider_api.url, "access_token": TOKEN})
        cls.stripe_accounts = cls.env["ecom.payout.account.set"].create(
            {
                "provider": "stripe",
                "journal_id": cls.stripe_journal.id,
                "bank_journal_id": cls.bank.id,
                "fee_account_id": cls.accounts.fee_account_id.id,
                "dispute_account_id": cls.accounts.dispute_account_id.id,
                "reserve_account_id": cls.accounts.reserve_account_id.id,
                "adjustment_account_id": cls.accounts.adjustment_account_id.id,
                "api_key": STRIPE_KEY,
            }
        )


@tagged("post_install", "-at_install")
class TestStripeKeyGoesToStripeOnly(SecretsCase):
    def test_stripe_key_reaches_the_configured_stripe_host_only(self):
        accounts = self.stripe_accounts
        # Every lever a user had to move the key elsewhere: the set's API URL
        # (gone now: where the key goes is not a field).
        if "api_url" in accounts._fields:
            accounts.sudo().api_url = self.listener.url
        self.Payout._ecom_pull("stripe")
        self.assertEqual(self.listener.received, [], "nothing reaches another server")
        asked = [path for _m, path, _q in self.provider_api.requests]
        self.assertEqual(asked, ["/v1/payouts"])
        self.assertEqual(self.provider_api.authorizations, [f"Bearer {STRIPE_KEY}"])

    def test_without_the_override_stripe_itself_is_called(self):
        with payout_api_override(""):
            self.assertEqual(api_base_url("stripe", STRIPE_HOST), "https://api.stripe.com")
            self.assertEqual(api_base_url("paypal", PAYPAL_HOST), "https://api-m.paypal.com")
            self.assertEqual(
                api_base_url("paypal_sandbox", PAYPAL_SANDBOX), "https://api-m.sandbox.paypal.com"
            )
            self.assertEqual(StripeClient("k").base_url, "https://api.stripe.com")
            client = get_payout_client("paypal", {"key": "id", "secret": "s"}, sandbox=True)
            self.assertEqual(client.base_url, "https://api-m.sandbox.paypal.com")


@tagged("post_install", "-at_install")
class TestConnectionSettingsInTheBrowser(WebClientCalls, SecretsCase, HttpCase):
    def call_error(self, model, method, *args, **kwargs):
        """One call of the web client that must fail: its error's name and message."""
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
                }
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        answer = response.json()
        self.assertIn("error", answer, f"{model}.{method} was allowed")
        return answer["error"]["data"]["name"], answer["error"]["data"]["message"]

    def test_accountant_cannot_read_or_point_the_connection(self):
        self.browser_user("fiduciaire", "account.group_account_manager")
        self.authenticate("fiduciaire", "fiduciaire")
        accounts = self.stripe_accounts
        # The set itself opens (accounts, journals)...
        values = self.call(accounts._name, "read", [accounts.id], ["journal_id", "match_days"])
        self.assertEqual(values[0]["match_days"], 5)
        # ...where its keys go does not: no API URL to read or change.
        for field in ("api_url", "sandbox", "api_key"):
            self.call_error(accounts._name, "read", [accounts.id], [field])
            self.call_error(accounts._name, "write", [accounts.id], {field: self.listener.url})
        self.assertEqual(self.listener.received, [])
        self.assertEqual(accounts.sudo().api_key, STRIPE_KEY)

    def test_billing_user_cannot_start_a_pull_or_a_connection_test(self):
        self.browser_user("facturation", "account.group_account_invoice")
        self.authenticate("facturation", "facturation")
        name, _message = self.call_error(
            "ecom.payout.account.set", "action_pull_payouts", [self.stripe_accounts.id]
        )
        self.assertEqual(name, "odoo.exceptions.AccessError")
        name, _message = self.call_error("ecom.shop", "action_test_connection", [self.shop.id])
        self.assertEqual(name, "odoo.exceptions.AccessError")
        self.assertEqual(self.provider_api.requests, [], "no provider or shop was called")
        self.assertEqual(self.listener.received, [])
