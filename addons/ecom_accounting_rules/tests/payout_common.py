# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Base class of the payout tests: posted Shopify orders paid through Shopify Payments."""

import json
from pathlib import Path

from .common import PostingCase, shopify_order
from .test_resolutions import refund

PAYLOADS = Path(__file__).parent / "payloads"


def sample(provider, name):
    return (PAYLOADS / provider / name).read_bytes()


class PayoutCase(PostingCase):
    """Orders 5001 and 5002 (55.20 each) posted; 24.00 of 5002 refunded and paid back.

    The Stripe-like journal of ``shopify_payments`` has its own clearing
    account (both ways), and the deposits reach the ``Banque`` journal.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Account = cls.env["account.account"]
        cls.clearing = Account.create(
            {
                "name": "Shopify Payments à encaisser",
                "code": "511500",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        methods = (
            cls.stripe_journal.inbound_payment_method_line_ids
            | cls.stripe_journal.outbound_payment_method_line_ids
        )
        methods.payment_account_id = cls.clearing
        cls.bank = cls.env["account.journal"].create(
            {
                "name": "Banque Payouts",
                "code": "BQP",
                "type": "bank",
                "currency_id": cls.env.ref("base.EUR").id,
            }
        )
        cls.bank_outstanding = Account.create(
            {
                "name": "Banque: encaissements à rapprocher",
                "code": "512900",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        cls.bank.inbound_payment_method_line_ids.payment_account_id = cls.bank_outstanding
        cls.accounts = cls.env["ecom.payout.account.set"]._ecom_for(
            cls.company, "shopify_payments", cls.shop
        )
        cls.accounts.bank_journal_id = cls.bank
        cls.Payout = cls.env["ecom.payout"]

    def post_orders(self, *order_ids, **overrides):
        orders = self.import_and_post(*(shopify_order(oid, **overrides) for oid in order_ids))
        self.assertEqual(set(orders.mapped("ecom_posting_state")), {"posted"})
        return orders

    def refund_paid_back(self, order_id, refund_id, line_id, amount="24.00"):
        """The shop's refund of one T-shirt of ``order_id``, credited and paid back in Odoo."""
        update = shopify_order(
            order_id, updated_at="2026-11-03T10:00:00+01:00", financial_status="partially_refunded"
        )
        update["refunds"] = [refund(refund_id, lines=[(line_id, 1, "20.00")], amount=amount)]
        self.import_orders(update)
        order = self.order_of(order_id)
        item = order.ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")
        self.resolve(item, resolution="credit_note")
        self.assertEqual(item.state, "done")
        return item.credit_note_id._get_reconciled_payments()

    def receive(self, provider, name, shop=None, **kwargs):
        return self.Payout._ecom_import_content(
            provider, sample(provider, name), name, shop=shop or self.shop, **kwargs
        )

    def receive_json(self, provider, data, shop=None):
        return self.Payout._ecom_import_content(
            provider, json.dumps(data).encode(), "data.json", shop=shop or self.shop
        )

    def payout(self, external_id, provider="shopify_payments"):
        return self.Payout.search(
            [("provider", "=", provider), ("external_id", "=", str(external_id))]
        )

    def balance(self, account, moves=None):
        domain = [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        if moves is not None:
            domain.append(("move_id", "in", moves.ids))
        lines = self.env["account.move.line"].search(domain)
        return round(sum(lines.mapped("balance")), 2)
