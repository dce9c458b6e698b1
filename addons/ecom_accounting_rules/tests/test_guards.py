# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command
from odoo.tests import tagged

from .common import PostingCase, cancelled_in_shop, shopify_order


@tagged("post_install", "-at_install")
class TestGuards(PostingCase):
    """Each guard sends the order to review with its reason, whatever the rules say."""

    def assertInReview(self, order, code):
        self.assertEqual(order.ecom_posting_state, "review")
        self.assertFalse(order.invoice_ids)
        item = order.ecom_review_item_ids.filtered(lambda i: i.key == "posting")
        self.assertEqual(len(item), 1)
        self.assertIn(code, item.reason_ids.mapped("code"))
        self.assertEqual(item.state, "todo")
        self.assertEqual(item.shop_id, self.shop)
        self.assertEqual(item.payload_id, order.ecom_payload_id)
        return item

    def test_total_mismatch_beyond_tolerance(self):
        payload = shopify_order(4001)
        payload["total_price"] = "60.20"
        order = self.import_and_post(payload)
        item = self.assertInReview(order, "total_mismatch")
        self.assertAlmostEqual(item.shop_amount, 60.20, places=2)
        self.assertAlmostEqual(item.odoo_amount, 55.20, places=2)
        self.assertAlmostEqual(item.difference, 5.00, places=2)
        self.assertAlmostEqual(item.amount_at_stake, 5.00, places=2)

    def test_unknown_tax(self):
        order = self.import_and_post(
            shopify_order(4011, lines=(("VIN", "Vin", 1, "10.00", "0", "10"),))
        )
        item = self.assertInReview(order, "unknown_tax")
        self.assertIn("No sale tax of 10 %", item.description)

    def test_payment_gateway_without_journal(self):
        payload = shopify_order(4021)
        payload["payment_gateway_names"] = ["klarna"]
        order = self.import_and_post(payload)
        item = self.assertInReview(order, "unknown_payment")
        self.assertIn("klarna", item.description)

    def test_refund_on_the_order(self):
        payload = shopify_order(4031)
        payload["financial_status"] = "partially_refunded"
        payload["refunds"] = [
            {
                "id": 9001,
                "created_at": "2026-11-05T10:00:00+01:00",
                "refund_line_items": [
                    {
                        "line_item_id": 403101,
                        "quantity": 1,
                        "subtotal": "20.00",
                        "restock_type": "return",
                    }
                ],
                "transactions": [{"kind": "refund", "status": "success", "amount": "24.00"}],
                "order_adjustments": [],
            }
        ]
        order = self.import_and_post(payload)
        self.assertInReview(order, "refund")

    def test_chargeback_and_lost_parcel(self):
        order = self.import_orders(shopify_order(4041)).sale_order_id
        order.ecom_financial_status = "chargeback"
        self.engine._post_orders(order)
        self.assertInReview(order, "chargeback")

        lost = self.import_orders(shopify_order(4042, email="l@x.fr")).sale_order_id
        lost.action_ecom_declare_lost()
        self.assertInReview(lost, "lost_parcel")

    def test_a_dispute_is_a_chargeback_before_and_after_posting(self):
        for number, status in ((4043, "chargeback"), (4044, "disputed")):
            with self.subTest(status=status):
                order = self.import_orders(
                    shopify_order(number, email=f"{status}@x.fr")
                ).sale_order_id
                order.ecom_financial_status = status
                self.engine._post_orders(order)
                item = self.assertInReview(order, "chargeback")
                self.assertIn("The customer's bank took the payment back.", item.description)
        posted = self.import_and_post(shopify_order(4045, email="posted@x.fr"))
        self.assertEqual(posted.ecom_posting_state, "posted")
        posted.ecom_financial_status = "disputed"
        items = self.engine._review_after_posting(posted)
        self.assertEqual(items.key, "chargeback")
        self.assertEqual(items.reason_id, self.env.ref("ecom_connector.reason_chargeback"))
        self.assertEqual(items.stage, "after")

    def test_chargeback_payment_record_sends_to_review(self):
        order = self.import_orders(shopify_order(4043)).sale_order_id
        self.env["ecom.order.payment"].create(
            {
                "sale_order_id": order.id,
                "shop_id": self.shop.id,
                "gateway": "shopify_payments",
                "kind": "chargeback",
                "amount": 55.20,
            }
        )
        self.engine._post_orders(order)
        self.assertInReview(order, "chargeback")

    def test_events_after_posting_open_their_own_items(self):
        order = self.import_and_post(shopify_order(4051))
        self.assertEqual(order.ecom_posting_state, "posted")
        # The shop cancels the order after it was invoiced.
        self.import_orders(shopify_order(4051, **cancelled_in_shop()))
        cancel = order.ecom_review_item_ids.filtered(lambda i: i.key == "cancel")
        self.assertEqual(cancel.reason_id.code, "cancelled_after_invoice")
        self.assertEqual(cancel.stage, "after")
        self.assertEqual(cancel.credit_note_id.move_type, "out_refund")
        self.assertEqual(cancel.credit_note_id.state, "draft")
        self.assertAlmostEqual(cancel.credit_note_id.amount_total, 55.20, places=2)
        self.assertEqual(order.ecom_posting_state, "posted")
        # Declared lost later: one more item, once.
        order.action_ecom_declare_lost()
        order.action_ecom_declare_lost()
        lost = order.ecom_review_item_ids.filtered(lambda i: i.key == "lost")
        self.assertEqual(len(lost), 1)
        self.assertEqual(lost.reason_id.code, "lost_parcel")

    def test_no_rule_overrides_a_guard(self):
        self.env["ecom.posting.rule"].create(
            {"name": "Post everything", "sequence": 1, "action": "post"}
        )
        payload = shopify_order(4061)
        payload["payment_gateway_names"] = ["klarna"]
        order = self.import_and_post(payload)
        self.assertInReview(order, "unknown_payment")

    def test_review_item_clears_when_the_cause_is_fixed(self):
        payload = shopify_order(4071)
        payload["payment_gateway_names"] = ["klarna"]
        order = self.import_and_post(payload)
        item = self.assertInReview(order, "unknown_payment")
        self.shop.payment_map_ids = [
            Command.create({"gateway": "klarna", "journal_id": self.paypal_journal.id})
        ]
        item.action_recheck()
        self.assertEqual(order.ecom_posting_state, "posted")
        self.assertEqual(item.state, "done")
        self.assertEqual(item.resolution, "automatic")
        self.assertEqual(self.payments_of(self.invoice_of(order)).journal_id, self.paypal_journal)
        # ...and an automatic post after review counts as automated.
        self.assertTrue(order.ecom_posted_automatically)

    def test_accountant_gets_an_activity(self):
        accountant = self.env["res.users"].create(
            {
                "name": "Compta",
                "login": "compta_guard",
                "groups_id": [Command.set(self.env.ref("account.group_account_manager").ids)],
            }
        )
        self.shop.accountant_id = accountant
        payload = shopify_order(4081)
        payload["payment_gateway_names"] = ["klarna"]
        item = self.assertInReview(self.import_and_post(payload), "unknown_payment")
        self.assertFalse(item.user_id)  # handled by nobody yet: the activity is hers
        self.assertEqual(item.activity_ids.user_id, accountant)

    def test_items_close_when_the_shop_cancels_or_the_hold_is_lifted(self):
        payload = shopify_order(4091, lines=(("VIN", "Vin", 1, "10.00", "0", "10"),))
        order = self.import_and_post(payload)
        item = self.assertInReview(order, "unknown_tax")
        self.import_and_post(
            shopify_order(
                4091,
                lines=(("VIN", "Vin", 1, "10.00", "0", "10"),),
                **cancelled_in_shop("2026-11-04T10:00:00+01:00", "voided"),
            )
        )
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.ecom_posting_state, "cancelled")
        self.assertEqual(item.state, "done")
        self.assertEqual(item.resolution, "automatic")
        self.assertFalse(order.invoice_ids)

        pending = shopify_order(4092, email="w@x.fr", financial_status="pending")
        pending["payment_gateway_names"] = ["klarna"]
        pending["total_price"] = "70.00"
        order = self.import_and_post(pending)
        item = self.assertInReview(order, "total_mismatch")
        fixed = shopify_order(
            4092, email="w@x.fr", financial_status="pending", updated_at="2026-11-04T10:00:00+01:00"
        )
        self.import_and_post(fixed)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.ecom_posting_state, "pending")
        self.assertEqual(item.state, "done")
