# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import PostingCase, cancelled_in_shop, shopify_order


def refund(refund_id, lines=(), amount="0.00", shipping="0.00", restock_type="return"):
    """A Shopify refund: lines are (line item id, quantity, subtotal)."""
    return {
        "id": refund_id,
        "created_at": "2026-11-08T10:00:00+01:00",
        "note": "Client mécontent",
        "refund_line_items": [
            {
                "line_item_id": line_id,
                "quantity": quantity,
                "subtotal": subtotal,
                "restock_type": restock_type,
            }
            for line_id, quantity, subtotal in lines
        ],
        "transactions": [{"kind": "refund", "status": "success", "amount": amount}],
        "order_adjustments": (
            [{"kind": "shipping_refund", "amount": f"-{shipping}", "tax_amount": "0.00"}]
            if shipping != "0.00"
            else []
        ),
    }


@tagged("post_install", "-at_install")
class TestResolutions(PostingCase):
    def posted_with_refund(self, order_id, shop_refund, **overrides):
        """A posted order, then the shop's update carrying a refund."""
        order = self.import_and_post(shopify_order(order_id, **overrides))
        self.assertEqual(order.ecom_posting_state, "posted")
        update = shopify_order(
            order_id,
            updated_at="2026-11-08T10:00:00+01:00",
            financial_status="partially_refunded",
            **overrides,
        )
        update["refunds"] = [shop_refund]
        self.import_orders(update)
        item = order.ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")
        self.assertEqual(len(item), 1)
        return order, item

    def test_partial_refund_credit_note_with_shipping_and_restock(self):
        # one T-shirt (20.00 + 20 % = 24.00) and the shipping (6.00 + 20 % = 7.20) back
        order, item = self.posted_with_refund(
            5001, refund(9101, lines=[(500101, 1, "20.00")], amount="31.20", shipping="6.00")
        )
        self.assertAlmostEqual(item.refund_amount, 31.20, places=2)
        self.assertEqual(item.refund_date, date(2026, 11, 8))
        self.assertTrue(item.restock)
        self.assertEqual(item.refund_id, order.ecom_refund_ids)
        self.assertEqual(item.refund_id.external_id, "9101")
        self.assertEqual(
            item.refund_id.line_ids.sale_line_id,
            order.order_line.filtered(lambda line: line.ecom_external_id == "500101"),
        )
        credit_note = item.credit_note_id
        self.assertAlmostEqual(credit_note.amount_total, 31.20, places=2)
        order.picking_ids.move_ids.quantity = 2
        order.picking_ids.button_validate()
        self.assertEqual(order.picking_ids.state, "done")
        self.resolve(item, resolution="credit_note")
        self.assertEqual(item.state, "done")
        self.assertEqual(item.resolution, "credit_note")
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(credit_note.reversed_entry_id, self.invoice_of(order))
        self.assertEqual(credit_note.invoice_date, date(2026, 11, 8))
        refund_payment = credit_note._get_reconciled_payments()
        self.assertEqual(refund_payment.payment_type, "outbound")
        self.assertEqual(refund_payment.journal_id, self.stripe_journal)
        self.assertAlmostEqual(refund_payment.amount, 31.20, places=2)
        self.assertTrue(credit_note.currency_id.is_zero(credit_note.amount_residual))
        self.assertBalanced(item.move_ids)
        self.assertIn(credit_note, item.move_ids)
        returns = order.picking_ids.filtered(lambda p: p.picking_type_code == "incoming")
        self.assertEqual(returns.move_ids.product_uom_qty, 1)
        self.assertIn("Resolved", item.message_ids[0].body)

    def test_full_refund_auto_posted_within_the_rules_limit(self):
        self.rules.filtered(lambda r: r.action == "post").refund_auto_post_max = 100
        order, item = self.posted_with_refund(
            5011, refund(9111, lines=[(501101, 2, "40.00")], amount="55.20", shipping="6.00")
        )
        self.assertEqual(item.state, "done")
        self.assertEqual(item.resolution, "automatic")
        self.assertEqual(item.credit_note_id.state, "posted")
        self.assertAlmostEqual(item.credit_note_id.amount_total, 55.20, places=2)

    def test_partial_refund_is_never_auto_posted(self):
        self.rules.filtered(lambda r: r.action == "post").refund_auto_post_max = 100
        _order, item = self.posted_with_refund(
            5021, refund(9121, lines=[(502101, 1, "20.00")], amount="24.00")
        )
        self.assertEqual(item.state, "todo")
        self.assertEqual(item.credit_note_id.state, "draft")

    def test_cancelled_after_invoicing_credits_everything(self):
        order = self.import_and_post(shopify_order(5031))
        self.import_orders(shopify_order(5031, **cancelled_in_shop()))
        item = order.ecom_review_item_ids.filtered(lambda i: i.key == "cancel")
        self.resolve(item, resolution="credit_note")
        invoice = self.invoice_of(order)
        self.assertEqual(item.credit_note_id.state, "posted")
        self.assertAlmostEqual(item.credit_note_id.amount_total, invoice.amount_total, places=2)
        self.assertEqual(
            order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing").state,
            "cancel",
        )
        self.assertBalanced(item.move_ids)

    def test_lost_parcel_write_off_with_claim_on_the_carrier(self):
        order = self.import_and_post(shopify_order(5041))
        order.order_line.product_id.filtered(lambda p: p.default_code == "TSHIRT-M").write(
            {"standard_price": 8.0}
        )
        order.action_ecom_declare_lost()
        item = order.ecom_review_item_ids.filtered(lambda i: i.key == "lost")
        carrier = self.env["res.partner"].create({"name": "La Poste Colissimo", "is_company": True})
        self.resolve(item, resolution="lost_parcel", claim_partner_id=carrier, claim_amount=10.0)
        move = item.move_ids
        self.assertEqual(len(move), 1)
        self.assertEqual(move.state, "posted")
        self.assertBalanced(move)
        loss = move.line_ids.filtered(lambda line: line.account_id == self.loss_account)
        self.assertAlmostEqual(sum(loss.mapped("balance")), 16.0 - 10.0, places=2)
        claim = move.line_ids.filtered(lambda line: line.partner_id == carrier and line.debit)
        self.assertAlmostEqual(claim.debit, 10.0, places=2)
        self.assertEqual(claim.account_id.account_type, "asset_receivable")

    def test_lost_parcel_takes_each_product_cost_from_its_expense_account(self):
        order = self.import_and_post(
            shopify_order(
                5042,
                lines=(
                    ("TSHIRT-M", "T-shirt M", 2, "20.00", "0.00", "20"),
                    ("MUG-01", "Mug", 3, "9.00", "0.00", "20"),
                ),
            )
        )
        Account = self.env["account.account"]
        clothes = Account.create(
            {"name": "Achats textile", "code": "607100", "account_type": "expense"}
        )
        mugs = Account.create(
            {"name": "Achats vaisselle", "code": "607200", "account_type": "expense"}
        )
        products = order.order_line.product_id
        tshirt = products.filtered(lambda p: p.default_code == "TSHIRT-M")
        mug = products.filtered(lambda p: p.default_code == "MUG-01")
        # One through its category, one on the product itself.
        tshirt.categ_id = self.env["product.category"].create(
            {"name": "Textile", "property_account_expense_categ_id": clothes.id}
        )
        mug.write({"standard_price": 4.0, "property_account_expense_id": mugs.id})
        tshirt.standard_price = 8.0
        order.action_ecom_declare_lost()
        item = order.ecom_review_item_ids.filtered(lambda i: i.key == "lost")
        self.resolve(item, resolution="lost_parcel")
        move = item.move_ids
        self.assertBalanced(move)
        balances = {line.account_id: line.balance for line in move.line_ids}
        self.assertEqual(len(move.line_ids), 3)
        self.assertAlmostEqual(balances[self.loss_account], 2 * 8.0 + 3 * 4.0, places=2)
        self.assertAlmostEqual(balances[clothes], -16.0, places=2)
        self.assertAlmostEqual(balances[mugs], -12.0, places=2)
        # A value typed by hand is shared in the same proportions, to the cent.
        shares = dict(item._ecom_lost_goods_split(order, 10.0))
        self.assertEqual(shares, {clothes: 5.71, mugs: 4.29})
        mug.property_account_expense_id = False
        mug.categ_id.property_account_expense_categ_id = False
        with self.assertRaisesRegex(UserError, "Mug"):
            item._ecom_lost_goods_split(order, 10.0)

    def test_accept_the_difference(self):
        payload = shopify_order(5051)
        payload["total_price"] = "56.20"
        order = self.import_and_post(payload)
        item = order.ecom_review_item_ids
        self.assertEqual(item.reason_id.code, "total_mismatch")
        self.resolve(item, resolution="accept_difference")
        invoice = self.invoice_of(order)
        self.assertEqual(order.ecom_posting_state, "posted")
        self.assertFalse(order.ecom_posted_automatically)
        self.assertAlmostEqual(invoice.amount_total, 55.20, places=2)
        payment = self.payments_of(invoice)
        self.assertAlmostEqual(payment.amount, 56.20, places=2)
        difference = payment.move_id.line_ids.filtered(
            lambda line: line.account_id == self.difference_account
        )
        self.assertAlmostEqual(difference.balance, -1.00, places=2)
        self.assertTrue(invoice.currency_id.is_zero(invoice.amount_residual))
        self.assertIn(invoice, item.move_ids)
        self.assertIn(payment.move_id, item.move_ids)
        self.assertBalanced(item.move_ids)

    def test_post_anyway_and_handled_by_hand(self):
        payload = shopify_order(5061)
        payload["payment_gateway_names"] = ["klarna"]
        order = self.import_and_post(payload)
        item = order.ecom_review_item_ids
        self.resolve(item, resolution="post_anyway")
        self.assertEqual(order.ecom_posting_state, "invoiced")  # no journal: nothing to pay with
        self.assertEqual(self.invoice_of(order).state, "posted")
        self.assertEqual(item.resolution, "post_anyway")

        other = shopify_order(5062, email="m@x.fr")
        other["payment_gateway_names"] = ["klarna"]
        order = self.import_and_post(other)
        item = order.ecom_review_item_ids
        wizard = self.env["ecom.review.resolve"].create(
            {"item_id": item.id, "resolution": "manual"}
        )
        with self.assertRaisesRegex(UserError, "Say what was done by hand"):
            wizard.action_apply()
        self.resolve(item, resolution="manual", note="Saisi à la main, pièce 42")
        self.assertEqual(order.ecom_posting_state, "manual")
        self.assertEqual(item.resolution_note, "Saisi à la main, pièce 42")
        self.engine._post_orders(order)
        self.assertFalse(order.invoice_ids)

    def test_refund_before_posting_posts_then_credits(self):
        payload = shopify_order(5071, financial_status="partially_refunded")
        payload["refunds"] = [refund(9171, lines=[(507101, 1, "20.00")], amount="24.00")]
        order = self.import_and_post(payload)
        item = order.ecom_review_item_ids.filtered(lambda i: i.key == "posting")
        self.assertEqual(item.reason_id.code, "refund")
        self.resolve(item, resolution="credit_note", restock=False)
        invoice = self.invoice_of(order)
        credit_note = item.move_ids.filtered(lambda m: m.move_type == "out_refund")
        self.assertEqual(invoice.state, "posted")
        self.assertAlmostEqual(credit_note.amount_total, 24.00, places=2)
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(item.state, "done")
        self.assertBalanced(item.move_ids)

    def test_ignore_and_wrong_resolution(self):
        order = self.import_and_post(shopify_order(5081))
        order.action_ecom_declare_lost()
        item = order.ecom_review_item_ids.filtered(lambda i: i.key == "lost")
        # The wizard offers what fits a lost parcel, the write-off first and by default.
        Wizard = self.env["ecom.review.resolve"].with_context(default_item_id=item.id)
        offered = Wizard.fields_get(["resolution"])["resolution"]["selection"]
        self.assertEqual(
            [code for code, _label in offered], ["lost_parcel", "credit_note", "manual"]
        )
        self.assertEqual(Form(Wizard).resolution, "lost_parcel")
        # A choice that does not fit, sent anyway, is refused by the server.
        wrong = self.env["ecom.review.resolve"].create(
            {"item_id": item.id, "resolution": "accept_difference"}
        )
        with self.assertRaisesRegex(UserError, "does not resolve this item"):
            wrong.action_apply()
        item.action_ignore()
        self.assertEqual(item.state, "ignored")
        self.assertFalse(item.move_ids)
        with self.assertRaisesRegex(UserError, "already closed"):
            item.action_resolve()

    def test_a_refund_that_cannot_be_credited_waits_with_the_reason(self):
        self.rules.filtered(lambda r: r.action == "post").refund_auto_post_max = 100
        self.shop.payment_map_ids.filtered(lambda m: m.gateway == "shopify_payments").unlink()
        self.shop.payment_map_ids = [
            Command.create({"gateway": "shopify_payments", "journal_id": self.paypal_journal.id})
        ]
        order = self.import_and_post(shopify_order(5091))
        self.assertEqual(order.ecom_posting_state, "posted")
        self.shop.payment_map_ids.unlink()  # no journal to pay the refund back from
        update = shopify_order(
            5091, updated_at="2026-11-08T10:00:00+01:00", financial_status="refunded"
        )
        update["refunds"] = [
            refund(9191, lines=[(509101, 2, "40.00")], amount="55.20", shipping="6.00")
        ]
        payload = self.import_orders(update)
        self.assertEqual(payload.state, "done")
        item = order.ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")
        self.assertEqual(item.state, "todo")
        self.assertIn("No journal to pay the refund back from", item.description)
        self.assertEqual(item.credit_note_id.state, "draft")
        self.assertEqual(order.ecom_financial_status, "refunded")
