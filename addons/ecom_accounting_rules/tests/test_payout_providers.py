# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Stripe and PayPal payouts pulled from local stand-ins of their APIs, booked and matched;
a payout in another currency than its charges; the figures per shop and provider."""

from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import shopify_order
from .payout_common import PayoutCase
from .test_payout_sources import ProviderServer, payout_api_override
from .test_resolutions import refund

STRIPE_KEY = "rk_test_providers0123456789"
PAYPAL_ID, PAYPAL_SECRET = "AYpaypalclient", "EKpaypalsecret"


class ScriptedServer(ProviderServer):
    """The providers' endpoints answering what a test puts in ``self.data``."""

    def __init__(self):
        self.data = {}
        super().__init__()

    def answer(self, handler, path, query):
        if path.startswith("/v1/") and "oauth2" not in path and "reporting" not in path:
            if handler.headers.get("Authorization") != f"Bearer {STRIPE_KEY}":
                return 401, {"error": {"message": "Invalid API Key"}}, {}
        if path == "/v1/payouts":
            return 200, {"object": "list", "data": self.data["payouts"], "has_more": False}, {}
        if path == "/v1/balance_transactions":
            rows = self.data["balance_transactions"].get(query.get("payout"), [])
            return 200, {"object": "list", "data": rows, "has_more": False}, {}
        if path == "/v1/oauth2/token":
            return 200, {"access_token": "A21AApaypal", "token_type": "Bearer"}, {}
        if path == "/v1/reporting/transactions":
            start, end = query["start_date"][:10], query["end_date"][:10]
            rows = [
                row
                for row in self.data["transaction_details"]
                if start <= row["transaction_info"]["transaction_initiation_date"][:10] <= end
            ]
            return 200, {"transaction_details": rows, "page": 1, "total_pages": 1}, {}
        return 404, {"error": "not found"}, {}


class ProviderCase(PayoutCase):
    """Orders paid through ``gateway``, its own journal and clearing account, its account set."""

    provider = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ScriptedServer().start()
        cls.addClassCleanup(cls.server.stop)
        cls.startClassPatcher(payout_api_override(cls.server.url))
        cls.provider_clearing = cls.env["account.account"].create(
            {
                "name": f"{cls.provider} à encaisser",
                "code": "511600",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        cls.provider_journal = cls.env["account.journal"].create(
            {"name": f"{cls.provider} payouts", "code": "PROV", "type": "bank"}
        )
        methods = (
            cls.provider_journal.inbound_payment_method_line_ids
            | cls.provider_journal.outbound_payment_method_line_ids
        )
        methods.payment_account_id = cls.provider_clearing
        cls.shop.payment_map_ids.filtered(lambda m: m.gateway == cls.provider).unlink()
        cls.shop.write(
            {
                "payment_map_ids": [
                    Command.create({"gateway": cls.provider, "journal_id": cls.provider_journal.id})
                ]
            }
        )
        cls.provider_accounts = cls.env["ecom.payout.account.set"]._ecom_for(
            cls.company, cls.provider, cls.shop
        )
        cls.provider_accounts.sudo().write(
            {
                "bank_journal_id": cls.bank.id,
                "api_key": STRIPE_KEY if cls.provider == "stripe" else PAYPAL_ID,
                "api_secret": PAYPAL_SECRET,
            }
        )

    def order(self, order_id, **overrides):
        return self.post_provider_orders(self.shopify_order_for(order_id, **overrides))

    def shopify_order_for(self, order_id, **overrides):
        order = shopify_order(order_id, **overrides)
        order["payment_gateway_names"] = [self.provider]
        return order

    def post_provider_orders(self, *orders):
        posted = self.import_and_post(*orders)
        self.assertEqual(set(posted.mapped("ecom_posting_state")), {"posted"})
        return posted

    def provider_refund(self, order_id, refund_id, amount="24.00"):
        """One T-shirt of ``order_id`` refunded by the shop, credited and paid back in Odoo."""
        update = self.shopify_order_for(
            order_id, updated_at="2026-11-03T10:00:00+01:00", financial_status="partially_refunded"
        )
        line = (order_id * 100 + 1, 1, "20.00")
        update["refunds"] = [refund(refund_id, lines=[line], amount=amount)]
        self.import_orders(update)
        item = self.order_of(order_id).ecom_review_item_ids.filtered(
            lambda i: i.reason_code == "refund"
        )
        self.resolve(item, resolution="credit_note")
        payment = item.credit_note_id._get_reconciled_payments()
        self.assertEqual(payment.journal_id, self.provider_journal)
        return payment

    def pull(self, since=date(2026, 11, 1)):
        return self.Payout._ecom_pull(self.provider, shop=self.shop, since=since)


def cents(amount):
    return round(amount * 100)


@tagged("post_install", "-at_install")
class TestStripePayout(ProviderCase):
    """A Stripe account of WooCommerce or PrestaShop shops: charges found by the order id in
    the charge's metadata, or by the charge id the shop's payment holds."""

    provider = "stripe"

    def stripe_data(self, payout_id="po_1QStripeBook001"):
        rows = [
            {
                "id": "txn_1QBookCharge01",
                "object": "balance_transaction",
                "type": "charge",
                "reporting_category": "charge",
                "amount": 5520,
                "fee": 105,
                "net": 5415,
                "currency": "eur",
                "created": 1793608260,
                "available_on": 1793836800,
                "exchange_rate": None,
                "fee_details": [
                    {
                        "amount": 105,
                        "currency": "eur",
                        "type": "stripe_fee",
                        "description": "Stripe processing fees",
                    }
                ],
                "source": {
                    "id": "ch_3QBook7101",
                    "object": "charge",
                    "payment_intent": "pi_3QBook7101",
                    "metadata": {"order_id": "7101"},
                },
            },
            {
                "id": "txn_1QBookCharge02",
                "object": "balance_transaction",
                "type": "payment",
                "reporting_category": "charge",
                "amount": 5520,
                "fee": 105,
                "net": 5415,
                "currency": "eur",
                "created": 1793611860,
                "exchange_rate": None,
                "fee_details": [{"amount": 105, "currency": "eur", "type": "stripe_fee"}],
                "source": "ch_3QBook7102",
            },
            {
                "id": "txn_1QBookRefund1",
                "object": "balance_transaction",
                "type": "refund",
                "reporting_category": "refund",
                "amount": -2400,
                "fee": 0,
                "net": -2400,
                "currency": "eur",
                "created": 1793696400,
                "exchange_rate": None,
                "fee_details": [],
                "source": {"id": "re_3QBook7102", "object": "refund", "charge": "ch_3QBook7102"},
            },
            {
                "id": "txn_1QBookDispute",
                "object": "balance_transaction",
                "type": "adjustment",
                "reporting_category": "dispute",
                "amount": -5520,
                "fee": 1500,
                "net": -7020,
                "currency": "eur",
                "created": 1793782800,
                "exchange_rate": None,
                "fee_details": [
                    {
                        "amount": 1500,
                        "currency": "eur",
                        "type": "stripe_fee",
                        "description": "Dispute fee",
                    }
                ],
                "source": {"id": "dp_1QBook7101", "object": "dispute", "charge": "ch_3QBook7101"},
            },
            {
                "id": "txn_1QBookAdjust1",
                "object": "balance_transaction",
                "type": "adjustment",
                "reporting_category": "other_adjustment",
                "amount": 0,
                "fee": -50,
                "net": 50,
                "currency": "eur",
                "created": 1793786400,
                "exchange_rate": None,
                "fee_details": [],
                "source": None,
            },
        ]
        net = sum(row["net"] for row in rows)
        rows.append(
            {
                "id": "txn_1QBookPayout1",
                "object": "balance_transaction",
                "type": "payout",
                "reporting_category": "payout",
                "amount": -net,
                "fee": 0,
                "net": -net,
                "currency": "eur",
                "created": 1793836800,
                "exchange_rate": None,
                "fee_details": [],
                "source": payout_id,
            }
        )
        payouts = [
            {
                "id": payout_id,
                "object": "payout",
                "amount": net,
                "arrival_date": 1793923200,
                "created": 1793836800,
                "currency": "eur",
                "status": "paid",
                "balance_transaction": "txn_1QBookPayout1",
                "type": "bank_account",
            },
            {
                "id": "po_1QStripeFailed1",
                "object": "payout",
                "amount": 1500,
                "arrival_date": 1794009600,
                "created": 1793923200,
                "currency": "eur",
                "status": "failed",
                "failure_code": "account_closed",
                "type": "bank_account",
            },
        ]
        return {"payouts": payouts, "balance_transactions": {payout_id: rows}}, net / 100

    def test_pulled_booked_cleared_and_matched_to_the_bank(self):
        orders = self.post_provider_orders(
            self.shopify_order_for(7101), self.shopify_order_for(7102)
        )
        refund_payment = self.provider_refund(7102, 9301)
        # The shop's payments hold the charge ids (as WooCommerce's Stripe plugin sends them):
        # the refund and the dispute name only the charge.
        orders[0].ecom_payment_ids.sudo().transaction_id = "ch_3QBook7101"
        orders[1].ecom_payment_ids.sudo().transaction_id = "ch_3QBook7102"
        self.server.data, deposit = self.stripe_data()
        self.pull()
        payout = self.payout("po_1QStripeBook001", "stripe")
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertAlmostEqual(payout.amount, deposit)
        self.assertAlmostEqual(deposit, 110.40 - 1.05 * 2 - 24.00 - 70.20 + 0.50)
        self.assertTrue(payout.balanced)
        self.assertEqual(payout.matched_rate, 100.0)
        by_id = {line.external_id: line for line in payout.line_ids}
        self.assertEqual(by_id["txn_1QBookCharge01"].sale_order_id, orders[0])
        self.assertEqual(by_id["txn_1QBookCharge02"].sale_order_id, orders[1])
        self.assertEqual(by_id["txn_1QBookRefund1"].payment_id, refund_payment)
        self.assertEqual(by_id["txn_1QBookDispute"].type, "dispute")
        self.assertEqual(by_id["txn_1QBookDispute"].sale_order_id, orders[0])
        move = payout.move_id
        self.assertBalanced(move)
        self.assertEqual(move.journal_id, self.provider_journal)
        accounts = payout.account_set_id
        self.assertEqual(self.balance(accounts.fee_account_id, move), 1.05 * 2 + 15.00 - 0.50)
        self.assertEqual(self.balance(accounts.dispute_account_id, move), 55.20)
        self.assertAlmostEqual(payout.deposit_line_id.balance, deposit)
        # Every order payment and the refund cleared: nothing of this provider in transit.
        self.assertEqual(self.balance(self.provider_clearing), 0.0)
        figures = self.shop.payout_figure_ids.filtered(lambda f: f.provider == "stripe")
        self.assertEqual(figures.in_transit, 0.0)
        self.assertAlmostEqual(figures.fee_amount, 16.60)
        self.assertAlmostEqual(figures.fee_rate, 100 * 16.60 / 110.40, places=2)
        self.assertEqual(figures.order_line_count, 3)
        self.assertEqual(figures.auto_rate, 100.0)
        # The failed payout goes to the review queue; the deposit's statement line is matched.
        failed = self.payout("po_1QStripeFailed1", "stripe")
        self.assertEqual(failed.review_item_ids.reason_code, "payout_failed")
        st_line = self.env["account.bank.statement.line"].create(
            {
                "journal_id": self.bank.id,
                "date": "2026-11-06",
                "amount": deposit,
                "payment_ref": "STRIPE PAYOUT po_1QStripeBook001",
            }
        )
        self.assertEqual(payout.statement_line_id, st_line)
        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(payout.bank_reconciled)
        # Pulled again: nothing new, nothing posted twice.
        moves = self.env["account.move"].search_count([])
        again = self.pull()
        self.assertEqual(again["counts"]["booked"], 0)
        self.assertEqual(self.env["account.move"].search_count([]), moves)

    def test_pull_button_says_what_came(self):
        self.post_provider_orders(self.shopify_order_for(7101), self.shopify_order_for(7102))
        self.server.data, _deposit = self.stripe_data()
        action = self.provider_accounts.action_pull_payouts()
        self.assertEqual(action["tag"], "display_notification")
        params = action["params"]
        self.assertEqual(params["title"], "Stripe payouts pulled")
        # 7102's charge and refund name only a charge id no payment of Odoo holds: in review,
        # with the failed payout.
        self.assertEqual(params["type"], "warning")
        self.assertTrue(params["sticky"])
        self.assertTrue(params["message"].startswith("2 payouts, 6 transactions: 0 booked"))
        self.assertIn("Stripe po_1QStripeBook001", params["message"])
        self.assertIn("Stripe po_1QStripeFailed1", params["message"])
        self.assertEqual(self.payout("po_1QStripeBook001", "stripe").state, "review")

    def test_charge_in_another_currency_books_the_exchange_difference(self):
        own = self.company.currency_id
        foreign = self.env.ref("base.USD" if own.name == "EUR" else "base.EUR")
        foreign.active = True
        self.env["res.currency.rate"].create(
            {
                "currency_id": foreign.id,
                "name": "2026-11-01",
                "rate": 1.10,
                "company_id": self.company.id,
            }
        )
        order = self.order(7201, currency=foreign.name)
        payment = order.invoice_ids._get_reconciled_payments()
        self.assertEqual(payment.currency_id, foreign)
        outstanding = payment.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.provider_clearing
        )
        self.assertAlmostEqual(outstanding.amount_currency, 55.20)
        self.assertAlmostEqual(outstanding.balance, 50.18)
        # Stripe settles the foreign charge in the account's currency, at its own rate.
        payout_id = "po_1QStripeFx00001"
        row = {
            "id": "txn_1QFxCharge001",
            "object": "balance_transaction",
            "type": "charge",
            "reporting_category": "charge",
            "amount": 4900,
            "fee": 100,
            "net": 4800,
            "currency": own.name.lower(),
            "created": 1793608260,
            "exchange_rate": 0.887681,
            "fee_details": [{"amount": 100, "currency": own.name.lower(), "type": "stripe_fee"}],
            "source": {"id": "ch_3QFx7201", "object": "charge", "metadata": {"order_id": "7201"}},
        }
        self.server.data = {
            "payouts": [
                {
                    "id": payout_id,
                    "object": "payout",
                    "amount": 4800,
                    "arrival_date": 1793923200,
                    "created": 1793836800,
                    "currency": own.name.lower(),
                    "status": "paid",
                }
            ],
            "balance_transactions": {payout_id: [row]},
        }
        self.pull()
        payout = self.payout(payout_id, "stripe")
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertBalanced(payout.move_id)
        charge = payout.line_ids.move_line_id
        self.assertEqual(charge.currency_id, foreign)
        self.assertAlmostEqual(charge.amount_currency, -55.20)
        self.assertAlmostEqual(charge.balance, -49.00)
        self.assertAlmostEqual(payout.deposit_line_id.balance, 48.00)
        self.assertAlmostEqual(self.balance(payout.account_set_id.fee_account_id), 1.00)
        # Cleared in full in its currency; the 1.18 the provider's rate took is an exchange loss.
        self.assertTrue(outstanding.reconciled)
        partials = outstanding.matched_credit_ids | outstanding.matched_debit_ids
        exchange = partials.exchange_move_id | outstanding.full_reconcile_id.exchange_move_id
        self.assertEqual(len(exchange), 1)
        loss = self.company.expense_currency_exchange_account_id
        self.assertEqual(self.balance(loss, exchange), 1.18)
        self.assertEqual(self.balance(self.provider_clearing), 0.0)


@tagged("post_install", "-at_install")
class TestPayPalPayout(ProviderCase):
    """PayPal's Transaction Search: the withdrawal (T0400) is the payout of what precedes it."""

    provider = "paypal"

    @staticmethod
    def info(txn_id, code, day, amount, fee=None, invoice=None, reference=None, status="S"):
        info = {
            "paypal_account_id": "6STWC2LSUYYYE",
            "transaction_id": txn_id,
            "transaction_event_code": code,
            "transaction_initiation_date": f"2026-11-{day:02d}T09:00:00+0000",
            "transaction_updated_date": f"2026-11-{day:02d}T09:00:00+0000",
            "transaction_amount": {"currency_code": "EUR", "value": amount},
            "transaction_status": status,
        }
        if fee is not None:
            info["fee_amount"] = {"currency_code": "EUR", "value": fee}
        if invoice:
            info["invoice_id"] = invoice
        if reference:
            info["paypal_reference_id"] = reference
            info["paypal_reference_id_type"] = "TXN"
        return {"transaction_info": info}

    def test_pulled_withdrawal_booked_with_its_transactions(self):
        orders = self.post_provider_orders(
            self.shopify_order_for(8101), self.shopify_order_for(8102)
        )
        refund_payment = self.provider_refund(8102, 9401)
        info = self.info
        # Fees are negative in PayPal's answers; a refund gives part of the fee back.
        details = [
            info("1AB01", "T0006", 2, "55.20", "-2.22", invoice="#8101"),
            info("1AB02", "T0006", 2, "55.20", "-2.22", invoice="#8102"),
            info("1AB03", "T1107", 3, "-24.00", "0.35", invoice="#8102", reference="1AB02"),
            info("1AB04", "T1201", 4, "-55.20", "-16.00", invoice="#8101", reference="1AB01"),
            info("1AB05", "T0400", 5, "-11.11"),
            info("1AB06", "T0006", 6, "10.00", "-0.60", invoice="#8199"),
        ]
        self.server.data = {"transaction_details": details}
        result = self.pull()
        payout = self.payout("1AB05", "paypal")
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertAlmostEqual(payout.amount, 11.11)
        self.assertTrue(payout.balanced)
        self.assertEqual(
            result["counts"],
            {"received": 6, "booked": 5, "pending": 1, "review": 0, "duplicates": 0},
        )
        by_id = {line.external_id: line for line in payout.line_ids}
        self.assertEqual(by_id["1AB01"].sale_order_id, orders[0])
        self.assertEqual(by_id["1AB03"].payment_id, refund_payment)
        self.assertEqual(by_id["1AB04"].type, "dispute")
        move = payout.move_id
        self.assertBalanced(move)
        accounts = payout.account_set_id
        self.assertEqual(self.balance(accounts.fee_account_id, move), 2.22 * 2 - 0.35 + 16.00)
        self.assertEqual(self.balance(accounts.dispute_account_id, move), 55.20)
        self.assertEqual(self.balance(self.provider_clearing), 0.0)
        # The payment after the withdrawal waits for the next one.
        waiting = self.env["ecom.payout.line"].search([("external_id", "=", "1AB06")])
        self.assertEqual(waiting.state, "pending")
        self.assertFalse(waiting.payout_id)
        chargeback = payout.review_item_ids.filtered(lambda i: i.reason_code == "chargeback")
        self.assertEqual(chargeback.sale_order_id, orders[0])
        # Pulled again: stored once, posted once.
        moves = self.env["account.move"].search_count([])
        again = self.pull()
        self.assertEqual(again["counts"]["duplicates"], 6)
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        self.assertEqual(again["counts"]["booked"], 0)
