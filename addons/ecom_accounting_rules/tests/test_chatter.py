# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The documents the rules write in batches: their chatter, and refunds credited together."""

from unittest.mock import patch

from odoo.tests import Form, new_test_user, tagged

from .common import FrenchAccountantMixin, PostingCase, shopify_order
from .test_resolutions import refund


def tshirts(order_id, quantity, **values):
    """A paid Shopify order of ``quantity`` T-shirts at 20.00 and 6.00 shipping (20 % VAT)."""
    lines = (("TSHIRT-M", "T-shirt M", quantity, "20.00", "0.00", "20"),)
    return shopify_order(order_id, lines=lines, **values)


@tagged("post_install", "-at_install")
class TestChatter(PostingCase):
    def test_the_rules_invoice_has_no_origin_note_the_order_keeps_its_import_message(self):
        order = self.import_and_post(shopify_order(5301))
        self.assertEqual(order.ecom_posting_state, "posted")
        invoice = self.invoice_of(order)
        self.assertEqual(invoice.state, "posted")
        # "This invoice has been created from: S00012": the origin is the invoice's field.
        self.assertFalse(invoice.message_ids.filtered(lambda m: order.name in (m.body or "")))
        self.assertEqual(invoice.invoice_origin, order.name)
        delivery = order.picking_ids
        self.assertFalse(delivery.message_ids.filtered(lambda m: order.name in (m.body or "")))
        self.assertIn(order.name, delivery.origin)
        imported = order.message_ids.filtered(lambda m: "Imported from Boutique Test" in m.body)
        self.assertEqual(len(imported), 1)

    def test_full_refunds_of_a_batch_are_credited_and_paid_back_together(self):
        self.rules.filtered(lambda r: r.action == "post").refund_auto_post_max = 1000
        quantities = {5311: 1, 5312: 2, 5313: 3}
        orders = self.import_and_post(*(tshirts(oid, qty) for oid, qty in quantities.items()))
        self.assertEqual(orders.mapped("ecom_posting_state"), ["posted"] * 3)
        updates = []
        for oid, qty in quantities.items():
            update = tshirts(
                oid, qty, updated_at="2026-11-08T10:00:00+01:00", financial_status="refunded"
            )
            update["refunds"] = [
                refund(
                    oid * 10 + 1,
                    lines=[(oid * 100 + 1, qty, f"{qty * 20:.2f}")],
                    amount=update["total_price"],
                    shipping="6.00",
                )
            ]
            updates.append(update)
        posted = []
        Move = type(self.env["account.move"])
        post = Move._post

        def spy(moves, soft=True):
            posted.append(sorted(moves.mapped("move_type")))
            return post(moves, soft=soft)

        with patch.object(Move, "_post", spy):
            payloads = self.import_orders(*updates)
        self.assertEqual(payloads.mapped("state"), ["done"] * 3)
        # The three credit notes posted in one call, their three refund payments in another.
        self.assertEqual(posted, [["out_refund"] * 3, ["entry"] * 3])
        for order, expected in zip(orders, ("31.20", "55.20", "79.20"), strict=True):
            item = order.ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")
            self.assertEqual((item.state, item.resolution), ("done", "automatic"))
            credit_note = item.credit_note_id
            invoice = self.invoice_of(order)
            self.assertEqual(credit_note.state, "posted")
            self.assertEqual(f"{credit_note.amount_total:.2f}", expected)
            self.assertEqual(f"{invoice.amount_total:.2f}", expected)
            self.assertEqual(credit_note.reversed_entry_id, invoice)
            self.assertTrue(credit_note.currency_id.is_zero(credit_note.amount_residual))
            payment = credit_note._get_reconciled_payments()
            self.assertEqual(payment.payment_type, "outbound")
            self.assertEqual(payment.journal_id, self.stripe_journal)
            self.assertEqual(f"{payment.amount:.2f}", expected)
            self.assertEqual(item.move_ids, credit_note | payment.move_id)
            self.assertBalanced(item.move_ids)
            self.assertIn(f"Credit note {credit_note.name} posted.", item.resolution_note)
            # The review trail stays on the order.
            self.assertTrue(
                order.message_ids.filtered(
                    lambda m, i=item: f"Review item {i.name} closed" in m.body
                )
            )
        credit_notes = orders.ecom_review_item_ids.credit_note_id
        self.assertEqual(len(set(credit_notes.mapped("name"))), 3)


@tagged("post_install", "-at_install")
class TestReviewQueueChatter(FrenchAccountantMixin, PostingCase):
    """The review queue as the accountant meets it: her activities, her language, her name."""

    def refund_item(self, order_id):
        self.import_and_post(tshirts(order_id, 2))
        update = tshirts(
            order_id, 2, updated_at="2026-11-08T10:00:00+01:00", financial_status="refunded"
        )
        update["refunds"] = [
            refund(order_id * 10, lines=[(order_id * 100 + 1, 1, "20.00")], amount="24.00")
        ]
        orders = self.import_orders(update).sale_order_id
        return orders.ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")

    def test_company_accountant_gets_the_activity_and_nobody_handles_it_yet(self):
        accountant = new_test_user(
            self.env, "compta_societe", groups="account.group_account_manager"
        )
        self.shop.accountant_id = False
        self.company.ecom_accountant_id = accountant
        item = self.refund_item(5401)
        self.assertEqual(item.state, "todo")
        self.assertFalse(item.user_id)  # "Handled by": nobody yet
        self.assertEqual(item.activity_ids.user_id, accountant)
        # A shop's own accountant comes first.
        shop_accountant = new_test_user(
            self.env, "compta_boutique", groups="account.group_account_manager"
        )
        self.shop.accountant_id = shop_accountant
        second = self.refund_item(5402)
        self.assertEqual(second.activity_ids.user_id, shop_accountant)
        self.assertFalse(second.user_id)

    def test_french_accountant_without_email_resolves_in_french(self):
        accountant = self.set_french_accountant("comptable_sans_email")
        accountant.email = False
        item = self.refund_item(5411)
        self.assertEqual(item.activity_ids.user_id, accountant)
        env = self.env(user=accountant, context=dict(self.env.context, lang="fr_FR"))
        wizard = Form(env["ecom.review.resolve"].with_context(default_item_id=item.id))
        # Only what fits a refund after posting is offered.
        self.assertEqual(wizard.allowed_resolutions, "credit_note,manual")
        self.assertEqual(wizard.resolution, "credit_note")
        wizard.save().action_apply()
        self.assertEqual((item.state, item.resolution), ("done", "credit_note"))
        self.assertEqual(item.user_id, accountant)
        self.assertEqual(item.credit_note_id.state, "posted")
        bodies = " ".join(item.message_ids.mapped("body"))
        self.assertIn("Résolu : Avoir à partir du remboursement de la boutique.", bodies)
        self.assertNotIn("Credit note from the shop", bodies)
        told = " ".join(item.sale_order_id.message_ids.mapped("body"))
        self.assertIn("clos : Avoir à partir du remboursement de la boutique.", told)
        self.assertFalse(item.activity_ids)
