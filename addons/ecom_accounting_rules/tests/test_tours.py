# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The accountant's path through the review queue, driven in a real browser."""

import base64

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.ecom_connector.tests.common import RoleUsersMixin, french_env

from .common import PostingCase, shopify_order
from .test_resolutions import refund


class AccountantTourCase(RoleUsersMixin, HttpCase, PostingCase):
    roles = ("accountant",)

    def refund_and_lost_parcel(self, first_id):
        """A posted order refunded in part, one whose parcel was lost, and one more.

        :return: the review items of the refund and of the lost parcel
        """
        refunded = self.import_and_post(shopify_order(first_id))
        update = shopify_order(
            first_id,
            updated_at="2026-11-08T10:00:00+01:00",
            financial_status="partially_refunded",
        )
        # one T-shirt back: 20.00 + 20 % VAT
        update["refunds"] = [
            refund(first_id * 10 + 1, lines=[(first_id * 100 + 1, 1, "20.00")], amount="24.00")
        ]
        self.import_orders(update)
        lost = self.import_and_post(shopify_order(first_id + 1))
        # Lost goods are written off at cost: the products have one.
        lost.order_line.product_id.filtered(lambda p: p.type == "consu").standard_price = 8.0
        lost.action_ecom_declare_lost()
        self.import_and_post(shopify_order(first_id + 2))
        refund_item = refunded.ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")
        lost_item = lost.ecom_review_item_ids.filtered(lambda i: i.key == "lost")
        self.assertEqual((refund_item.state, lost_item.state), ("todo", "todo"))
        return refund_item, lost_item

    def assert_tour_resolves(self, first_id, tour):
        """The accountant runs ``tour`` from the review queue on the items of
        ``refund_and_lost_parcel(first_id)``: both end resolved, their entries posted."""
        refund_item, lost_item = self.refund_and_lost_parcel(first_id)
        self.start_tour(
            "/odoo/action-ecom_accounting_rules.ecom_review_item_action",
            tour,
            login=self.accountant.login,
        )
        self.assert_resolved(refund_item, lost_item)

    def assert_resolved(self, refund_item, lost_item):
        self.assertEqual((refund_item.state, refund_item.resolution), ("done", "credit_note"))
        credit_note = refund_item.credit_note_id
        self.assertEqual(credit_note.state, "posted")
        self.assertAlmostEqual(credit_note.amount_total, 24.00, places=2)
        self.assertEqual((lost_item.state, lost_item.resolution), ("done", "lost_parcel"))
        write_off = lost_item.move_ids
        self.assertEqual(write_off.state, "posted")
        self.assertTrue(
            write_off.line_ids.filtered(lambda line: line.account_id == self.loss_account)
        )


@tagged("post_install", "-at_install")
class TestAccountantTour(AccountantTourCase):
    def test_accountant_resolves_a_refund_and_a_lost_parcel_then_reads_the_report(self):
        self.assert_tour_resolves(9801, "ecom_accountant_review_tour")


@tagged("post_install", "-at_install")
class TestAccountantTourInFrench(AccountantTourCase):
    def test_french_accountant_resolves_a_refund_and_a_lost_parcel(self):
        french_env(self.env, "ecom_connector", "ecom_accounting_rules", "sale", "account", "web")
        self.accountant.lang = "fr_FR"
        self.assert_tour_resolves(9811, "ecom_accountant_review_fr_tour")


@tagged("post_install", "-at_install")
class TestAccountantBooksTourInFrench(HttpCase, PostingCase):
    """A French Billing Administrator opens an entry's lines and exports the FEC, from
    the menus of Odoo Community."""

    def test_french_billing_administrator_reads_an_entry_and_exports_the_fec(self):
        french_env(self.env, "ecom_connector", "ecom_accounting_rules", "account", "web")
        accountant = new_test_user(
            self.env, "compta_fr", groups="account.group_account_manager", lang="fr_FR"
        )
        order = self.import_and_post(shopify_order(9901))
        # Goods lost are valued at cost: the products need one.
        order.order_line.product_id.filtered(lambda p: p.type == "consu").standard_price = 8.0
        order.action_ecom_declare_lost()
        item = order.ecom_review_item_ids.filtered(lambda i: i.key == "lost")
        self.resolve(item, resolution="lost_parcel")
        write_off = item.move_ids
        self.assertEqual(write_off.state, "posted")
        self.start_tour(
            "/odoo/action-ecom_accounting_rules.ecom_review_item_action",
            "ecom_accountant_books_fr_tour",
            login=accountant.login,
        )
        export = self.env["ecom.fec.export"].search([("create_uid", "=", accountant.id)])
        self.assertEqual(len(export), 1)
        self.assertTrue(export.fec_filename.endswith(".csv"), export.fec_filename)
        lines = base64.b64decode(export.fec_file).decode().split("\r\n")
        self.assertTrue(lines[0].startswith("JournalCode|JournalLib|EcritureNum|"), lines[0])
        self.assertEqual(
            len([line for line in lines if line.split("|")[2] == write_off.name]),
            len(write_off.line_ids),
        )
