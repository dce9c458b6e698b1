# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The accountant's path through the review queue, driven in a real browser."""

from odoo.tests import HttpCase, tagged

from odoo.addons.ecom_connector.tests.common import RoleUsersMixin

from .common import PostingCase, shopify_order
from .test_resolutions import refund


@tagged("post_install", "-at_install")
class TestAccountantTour(RoleUsersMixin, HttpCase, PostingCase):
    roles = ("accountant",)

    def test_accountant_resolves_a_refund_and_a_lost_parcel_then_reads_the_report(self):
        refunded = self.import_and_post(shopify_order(9801))
        update = shopify_order(
            9801, updated_at="2026-11-08T10:00:00+01:00", financial_status="partially_refunded"
        )
        # one T-shirt back: 20.00 + 20 % VAT
        update["refunds"] = [refund(98011, lines=[(980101, 1, "20.00")], amount="24.00")]
        self.import_orders(update)
        lost = self.import_and_post(shopify_order(9802))
        lost.action_ecom_declare_lost()
        self.import_and_post(shopify_order(9803))
        refund_item = refunded.ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")
        lost_item = lost.ecom_review_item_ids.filtered(lambda i: i.key == "lost")
        self.assertEqual((refund_item.state, lost_item.state), ("todo", "todo"))

        self.start_tour(
            "/odoo/action-ecom_accounting_rules.ecom_review_item_action",
            "ecom_accountant_review_tour",
            login=self.accountant.login,
        )

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
