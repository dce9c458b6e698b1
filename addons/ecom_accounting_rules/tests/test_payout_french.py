# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A payout in the books a French accountant signs (Odoo's French chart, l10n_fr_account).

The payments it clears are dated when the shop captured them, before the
payout; its entry on the payout's day, or the first open day when the books
are locked there, said in its narration; its labels and sentences in French.
"""

import json
from datetime import date

from odoo import Command
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from . import test_french_books as french_books
from .common import FrenchAccountantMixin, ResolveMixin
from .test_french_books import order_of_day

NBSP = "\N{NO-BREAK SPACE}"


class FrenchPayoutCase(FrenchAccountantMixin, ResolveMixin, AccountTestInvoicingCommon):
    """The French chart, a per-order Shopify shop paid through Shopify Payments (its own
    clearing account 511500) and the payouts' bank journal; no test of its own."""

    country_code = "FR"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.company
        env.user.groups_id |= (
            env.ref("ecom_connector.group_ecom_manager")
            | env.ref("sales_team.group_sale_manager")
            | env.ref("stock.group_stock_manager")
        )
        env.ref(f"account.{cls.company.id}_tva_normale_ttc").active = True
        Account = env["account.account"]
        cls.company.ecom_rounding_account_id = Account.create(
            {"code": "658010", "name": "Écarts d'arrondi", "account_type": "expense"}
        )
        cls.clearing = Account.create(
            {
                "code": "511500",
                "name": "Shopify Payments à encaisser",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        cls.stripe = env["account.journal"].create(
            {"name": "Shopify Payments", "code": "SHPY", "type": "bank"}
        )
        (
            cls.stripe.inbound_payment_method_line_ids | cls.stripe.outbound_payment_method_line_ids
        ).payment_account_id = cls.clearing
        cls.bank = env["account.journal"].create(
            {"name": "Banque Versements", "code": "BQV", "type": "bank"}
        )
        cls.bank_outstanding = Account.create(
            {
                "code": "512900",
                "name": "Encaissements à rapprocher",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        cls.bank.inbound_payment_method_line_ids.payment_account_id = cls.bank_outstanding
        cls.shop = env["ecom.shop"].create(
            {
                "name": "Boutique Démo",
                "code": "FRPAY",
                "platform": "shopify",
                "unknown_product_policy": "create",
                "confirm_orders": True,
                "payment_map_ids": [
                    Command.create({"gateway": "shopify_payments", "journal_id": cls.stripe.id})
                ],
            }
        )
        cls.engine = env["ecom.posting.engine"]
        cls.accounts = env["ecom.payout.account.set"]._ecom_for(
            cls.company, "shopify_payments", cls.shop
        )
        cls.accounts.bank_journal_id = cls.bank

    # Its helpers, not its tests (its class here would run them twice).
    import_orders = french_books.TestFrenchBooks.import_orders
    post = french_books.TestFrenchBooks.post
    invoice_of = french_books.TestFrenchBooks.invoice_of

    def clearing_lines(self):
        return self.env["account.move.line"].search(
            [("account_id", "=", self.clearing.id), ("parent_state", "=", "posted")]
        )


@tagged("post_install", "-at_install")
class TestFrenchPayout(FrenchPayoutCase):
    def receive_payout(self, orders, payout_day=6, fee=1.08):
        """Shopify Payments' payout of ``orders``' charges, paid on ``payout_day`` of November."""
        charges, total = [], 0.0
        for number, order in enumerate(orders, start=1):
            amount = self.invoice_of(order).amount_total
            net = round(amount - fee, 2)
            total += net
            charges.append(
                {
                    "id": 880000 + number,
                    "type": "charge",
                    "payout_id": 770001,
                    "currency": "EUR",
                    "amount": f"{amount:.2f}",
                    "fee": f"{fee:.2f}",
                    "net": f"{net:.2f}",
                    "source_order_id": int(order.ecom_external_id),
                    "processed_at": f"2026-11-0{number + 1}T09:31:00+01:00",
                }
            )
        content = {
            "payouts": [
                {
                    "id": 770001,
                    "status": "paid",
                    "date": f"2026-11-{payout_day:02d}",
                    "currency": "EUR",
                    "amount": f"{total:.2f}",
                }
            ],
            "transactions": charges,
        }
        # With the chatter's creation line, which the test case's context turns off.
        Payout = self.env["ecom.payout"].with_context(
            tracking_disable=False, mail_create_nolog=False
        )
        Payout._ecom_import_content(
            "shopify_payments", json.dumps(content).encode(), "payout.json", shop=self.shop
        )
        return self.env["ecom.payout"].search([("external_id", "=", "770001")])

    def test_payout_clears_payments_dated_before_it_with_french_labels(self):
        self.set_french_accountant("comptable-versement-fr")
        orders = self.post(order_of_day(7601, 2)) | self.post(order_of_day(7602, 3))
        payments = orders.invoice_ids._get_reconciled_payments()
        self.assertEqual(len(payments), 2)
        payout = self.receive_payout(orders)
        self.assertEqual(payout.state, "booked", payout.problems)
        move = payout.move_id
        self.assertEqual(move.date, date(2026, 11, 6))
        self.assertFalse(move.narration)
        # The payments the payout cleared are dated when the shop captured them, not after it.
        self.assertEqual(sorted(payments.mapped("date")), [date(2026, 11, 2), date(2026, 11, 3)])
        self.assertTrue(all(day <= move.date for day in payments.mapped("date")))
        self.assertTrue(all(payout.line_ids.cleared_line_id.mapped("reconciled")))
        self.assertEqual(round(sum(self.clearing_lines().mapped("balance")), 2), 0.0)
        # Readable labels: the provider's name and the payout's reference; each charge its
        # shop order, its customer and the provider's transaction.
        self.assertEqual(move.ref, "Shopify Payments 770001")
        charge = payout.line_ids.filtered(lambda line: line.external_id == "880001")
        customer = orders[0].partner_id.commercial_partner_id.name
        self.assertEqual(
            charge.move_line_id.name,
            f"Encaissement {orders[0].ecom_reference}, {customer} (Shopify Payments 880001)",
        )
        fees = move.line_ids.filtered(lambda line: line.account_id == self.accounts.fee_account_id)
        self.assertEqual(fees.name, "Frais Shopify Payments 770001")
        self.assertAlmostEqual(fees.balance, 2.16)
        deposit = payout.deposit_line_id
        self.assertEqual(deposit.name, "Virement Shopify Payments 770001")
        # A payout's transaction is named for people (a chargeback item shows it).
        self.assertEqual(
            charge.with_context(lang="fr_FR").display_name, "Encaissement 880001 (Shopify Payments)"
        )
        # The chatter says it in French too, though the import ran in English.
        self.assertIn(
            "prestataire de paiement créé",
            " ".join(str(body) for body in payout.message_ids.mapped("body")),
        )
        # The account set is named by the provider, not by its code.
        self.assertEqual(payout.account_set_id.display_name, "Shopify Payments")

    def test_payout_in_a_locked_period_is_booked_at_the_first_open_day(self):
        self.set_french_accountant("comptable-verrou-fr")
        orders = self.post(order_of_day(7701, 2)) | self.post(order_of_day(7702, 3))
        self.company.fiscalyear_lock_date = date(2026, 11, 10)
        payout = self.receive_payout(orders)
        self.assertEqual(payout.state, "booked", payout.problems)
        move = payout.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.date, date(2026, 11, 11))
        self.assertIn(
            "Le versement du 06/11/2026 tombe dans une période verrouillée (jusqu'au "
            "10/11/2026) : son écriture est datée du 11/11/2026, premier jour ouvert.",
            str(move.narration),
        )
        self.assertTrue(all(payout.line_ids.cleared_line_id.mapped("reconciled")))

    def test_amounts_in_sentences_are_written_as_the_reader_writes_them(self):
        self.set_french_accountant("comptable-ecart-fr")
        orders = self.post(order_of_day(7801, 2))
        amount = self.invoice_of(orders).amount_total
        payout = self.receive_payout(orders, fee=0.0)
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertAlmostEqual(payout.amount, amount)
        self.assertEqual(payout.with_context(lang="fr_FR")._money(1234.5), f"1{NBSP}234,50{NBSP}€")
        self.assertEqual(payout.with_context(lang="en_US")._money(1234.5), f"1,234.50{NBSP}€")
