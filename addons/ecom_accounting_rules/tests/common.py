# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Base class for the posting rules' database tests."""

from odoo import Command
from odoo.tests import Form, new_test_user

from odoo.addons.ecom_connector.tests.common import (  # noqa: F401
    EcomCase,
    FrenchMixin,
    shopify_order,
)


def cancelled_in_shop(at="2026-11-06T10:00:00+01:00", financial_status="refunded"):
    """The ``shopify_order`` values of the shop's later revision that cancels the order."""
    return {"updated_at": at, "cancelled_at": at, "financial_status": financial_status}


class ResolveMixin:
    """The review wizard as a user fills it in, for test classes of any base."""

    def resolve(self, item, **values):
        """Open the resolve wizard on ``item``, set ``values``, apply; returns ``item``."""
        wizard = Form(self.env["ecom.review.resolve"].with_context(default_item_id=item.id))
        for name, value in values.items():
            setattr(wizard, name, value)
        wizard.save().action_apply()
        return item


class FrenchAccountantMixin(FrenchMixin):
    """Test case mix-in: the terms of both addons and of ``mail`` (activities) in French,
    and the shop's accountant a French-speaking user (``set_french_accountant``)."""

    french_modules = ("ecom_connector", "ecom_accounting_rules", "mail")

    def set_french_accountant(self, login):
        """Make a new invoicing user who reads French the shop's accountant; returns the user."""
        accountant = new_test_user(
            self.env, login, groups="account.group_account_invoice", lang="fr_FR"
        )
        self.shop.accountant_id = accountant
        return accountant


class PostingCase(ResolveMixin, EcomCase):
    """The connector's French test company, with the accounts and journals a seller sets up.

    Payments: ``shopify_payments`` in a Stripe-like bank journal, ``paypal``
    in a PayPal journal; rounding, difference, loss and gift card accounts set.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Account = cls.env["account.account"]
        cls.rounding_account = Account.create(
            {"name": "Écarts d'arrondi", "code": "658100", "account_type": "expense"}
        )
        cls.difference_account = Account.create(
            {"name": "Écarts acceptés", "code": "658200", "account_type": "expense"}
        )
        cls.loss_account = Account.create(
            {"name": "Colis perdus", "code": "671200", "account_type": "expense"}
        )
        cls.gift_card_account = Account.create(
            {"name": "Cartes cadeaux", "code": "419100", "account_type": "liability_current"}
        )
        cls.company.write(
            {
                "ecom_rounding_tolerance": 0.02,
                "ecom_rounding_account_id": cls.rounding_account.id,
                "ecom_difference_account_id": cls.difference_account.id,
                "ecom_loss_account_id": cls.loss_account.id,
                "ecom_gift_card_account_id": cls.gift_card_account.id,
            }
        )
        Journal = cls.env["account.journal"]
        cls.stripe_journal = Journal.create({"name": "Stripe", "code": "STRP", "type": "bank"})
        cls.paypal_journal = Journal.create({"name": "PayPal", "code": "PYPL", "type": "bank"})
        cls.sale_journal = Journal.search(
            [("type", "=", "sale"), ("company_id", "=", cls.company.id)], limit=1
        )
        cls.shop.write(
            {
                "payment_map_ids": [
                    Command.create(
                        {"gateway": "shopify_payments", "journal_id": cls.stripe_journal.id}
                    ),
                    Command.create({"gateway": "paypal", "journal_id": cls.paypal_journal.id}),
                ]
            }
        )
        cls.rules = cls.env["ecom.posting.rule"].search([("company_id", "=", cls.company.id)])
        cls.engine = cls.env["ecom.posting.engine"]
        cls.receivable = (
            cls.env["res.partner"].new({}).with_company(cls.company).property_account_receivable_id
        )

    def import_and_post(self, *orders, shop=None):
        """Import Shopify orders and post them synchronously; returns their sale orders."""
        payloads = self.import_orders(*orders, shop=shop)
        sale_orders = payloads.sale_order_id
        self.engine._post_orders(sale_orders)
        return sale_orders.sorted("id")

    def invoice_of(self, sale_order):
        return sale_order.invoice_ids.filtered(lambda m: m.move_type == "out_invoice")

    def payments_of(self, invoice):
        return invoice._get_reconciled_payments()

    def assertBalanced(self, moves):
        for move in moves:
            self.assertAlmostEqual(
                sum(move.line_ids.mapped("debit")),
                sum(move.line_ids.mapped("credit")),
                places=2,
                msg=f"{move.name} is not balanced",
            )
