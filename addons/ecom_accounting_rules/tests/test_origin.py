# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A sales clerk cannot book money: the payment of an order from a user's file waits."""

import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.ecom_connector.const import REASON_UNVERIFIED_PAYMENT

from .common import PostingCase, shopify_order


@tagged("post_install", "-at_install")
class TestOrderOrigin(PostingCase):
    def setUp(self):
        super().setUp()
        self.clerk = new_test_user(
            self.env,
            "ecom_clerk_origin",
            groups="ecom_connector.group_ecom_user,base.group_partner_manager,"
            "product.group_product_manager",
        )

    def clerk_uploads(self, *orders):
        content = json.dumps({"orders": list(orders)}).encode()
        payloads = self.shop.with_user(self.clerk)._ecom_receive_file(content, "paid.json")
        payloads._ecom_process()
        self.assertEqual(set(payloads.mapped("state")), {"done"}, payloads.mapped("error"))
        self.engine._post_orders(payloads.sale_order_id)
        return payloads.sale_order_id

    def test_a_clerks_paid_file_is_invoiced_and_its_payment_waits(self):
        order = self.env["sale.order"].browse(self.clerk_uploads(shopify_order(9101)).id)
        self.assertEqual(order.ecom_origin, "file")
        self.assertEqual(order.state, "sale")
        # The sale is invoiced at once; the money is only the clerk's word.
        self.assertEqual(order.ecom_posting_state, "invoiced")
        invoice = self.invoice_of(order)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertFalse(self.payments_of(invoice))
        self.assertEqual(invoice.ecom_trigger, "rules")
        self.assertEqual(invoice.ecom_triggered_by_id, self.env.user)
        item = order.ecom_review_item_ids
        self.assertEqual(item.reason_id.code, REASON_UNVERIFIED_PAYMENT)
        self.assertEqual((item.key, item.stage, item.state), ("payment", "after", "todo"))
        self.assertEqual(item.amount_at_stake, order.amount_total)
        self.assertIn("ecom_clerk_origin", item.description)
        # Posting again changes nothing: one invoice, one item.
        self.engine._post_orders(order)
        self.assertEqual(len(order.invoice_ids), 1)
        self.assertEqual(len(order.ecom_review_item_ids), 1)
        # The wizard offers to register the payment first; post anyway does not fit.
        wizard = Form(self.env["ecom.review.resolve"].with_context(default_item_id=item.id)).save()
        self.assertEqual(wizard.resolution, "register_payment")
        self.assertNotIn("post_anyway", wizard.allowed_resolutions.split(","))
        # The clerk cannot book it; the accountant, having checked the money, can.
        with self.assertRaises(AccessError):
            item.with_user(self.clerk)._ecom_register_payment()
        accountant = new_test_user(
            self.env,
            "ecom_accountant_origin",
            groups="account.group_account_manager,ecom_connector.group_ecom_user",
        )
        wizard.with_user(accountant).action_apply()
        self.assertEqual(invoice.payment_state, "paid")
        payment = self.payments_of(invoice)
        self.assertEqual(payment.journal_id, self.stripe_journal)
        self.assertEqual(payment.move_id.ecom_trigger, "review")
        self.assertEqual(payment.move_id.ecom_triggered_by_id, accountant)
        self.assertEqual(payment.amount, order.amount_total)
        self.assertEqual((item.state, item.resolution), ("done", "register_payment"))
        self.assertEqual(item.move_ids, payment.move_id)
        self.assertEqual(order.ecom_posting_state, "posted")
        self.assertFalse(order.ecom_posted_automatically)
        # Once only.
        with self.assertRaisesRegex(UserError, "not an invoiced order waiting"):
            item._ecom_register_payment()

    def test_an_unpaid_file_order_waits_as_any_other(self):
        # No money is claimed: nothing for the accountant to check, no item.
        order = self.clerk_uploads(shopify_order(9105, financial_status="pending"))
        self.assertEqual(order.ecom_posting_state, "pending")
        self.assertFalse(order.invoice_ids)
        self.assertFalse(order.ecom_review_item_ids)

    def test_the_shops_own_orders_post_as_before(self):
        order = self.import_and_post(shopify_order(9102))  # the command line / system
        self.assertEqual(order.ecom_origin, "command")
        self.assertEqual(order.ecom_posting_state, "posted")
        invoice = self.invoice_of(order)
        self.assertEqual(invoice.payment_state, "paid")
        for move in invoice | self.payments_of(invoice).move_id:
            self.assertEqual(move.ecom_trigger, "rules")
            self.assertEqual(move.ecom_triggered_by_id, self.env.user)

    def test_post_to_the_books_says_who_clicked(self):
        self.rules.filtered(lambda r: r.action == "post").origin_ids = self.env[
            "ecom.rule.value"
        ]._ecom_get("origin", ["file", "pull", "webhook"])
        content = json.dumps({"orders": [shopify_order(9106)]}).encode()
        payloads = self.shop.with_user(self.clerk)._ecom_receive_file(content, "button.json")
        payloads._ecom_process()
        order = payloads.sale_order_id
        accountant = new_test_user(
            self.env,
            "ecom_button_origin",
            groups="account.group_account_manager,ecom_connector.group_ecom_user",
        )
        order.with_user(accountant).action_ecom_post()
        invoice = self.invoice_of(order)
        self.assertEqual(invoice.payment_state, "paid")
        for move in invoice | self.payments_of(invoice).move_id:
            self.assertEqual((move.ecom_trigger, move.ecom_triggered_by_id), ("button", accountant))

    def test_a_managers_rule_may_trust_files(self):
        self.rules.filtered(lambda r: r.action == "post").origin_ids = self.env[
            "ecom.rule.value"
        ]._ecom_get("origin", ["file", "pull", "webhook"])
        order = self.clerk_uploads(shopify_order(9103))
        self.assertEqual(order.ecom_posting_state, "posted")
        self.assertEqual(self.invoice_of(order).payment_state, "paid")

    def test_origin_condition(self):
        paid_rule = self.rules.filtered(lambda r: r.action == "post")
        version = paid_rule.version
        paid_rule.origin_ids = self.env["ecom.rule.value"]._ecom_get("origin", ["webhook"])
        self.assertEqual(paid_rule.version, version + 1)
        # Only webhooks match the paying rule now: a command-line order is only invoiced.
        order = self.import_and_post(shopify_order(9104))
        self.assertEqual(order.ecom_posting_state, "invoiced")
