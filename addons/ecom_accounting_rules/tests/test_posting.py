# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import json
from datetime import date

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.queue_job.job import identity_exact
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import PostingCase, shopify_order


@tagged("post_install", "-at_install")
class TestAutomaticPosting(PostingCase):
    def test_paid_order_is_invoiced_posted_and_paid_in_the_gateway_journal(self):
        order = self.import_and_post(shopify_order(2001))
        invoice = self.invoice_of(order)
        self.assertEqual(order.ecom_posting_state, "posted")
        self.assertTrue(order.ecom_posted_automatically)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.journal_id, self.sale_journal)
        # 2 × 20.00 + shipping 6.00, TVA 20 %: 46.00 + 9.20
        self.assertAlmostEqual(invoice.amount_untaxed, 46.00, places=2)
        self.assertAlmostEqual(invoice.amount_tax, 9.20, places=2)
        self.assertAlmostEqual(invoice.amount_total, 55.20, places=2)
        self.assertEqual(invoice.invoice_date, date(2026, 11, 2))
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax_20)
        payments = self.payments_of(invoice)
        self.assertEqual(len(payments), 1)
        self.assertEqual(payments.journal_id, self.stripe_journal)
        self.assertEqual(payments.date, date(2026, 11, 2))
        self.assertAlmostEqual(payments.amount, 55.20, places=2)
        self.assertTrue(invoice.currency_id.is_zero(invoice.amount_residual))
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(invoice.ecom_posting_rule_id, order.ecom_posting_rule_id)
        self.assertEqual(invoice.ecom_posting_rule_id.action, "post")
        self.assertEqual(invoice.ecom_posting_rule_version, 1)
        self.assertEqual(invoice.ecom_shop_id, self.shop)
        self.assertEqual(payments.move_id.ecom_posting_rule_id, invoice.ecom_posting_rule_id)
        self.assertEqual(payments.move_id.ecom_posting_rule_version, 1)
        self.assertEqual(payments.move_id.ecom_shop_id, self.shop)
        self.assertBalanced(invoice | payments.move_id)

    def test_payment_is_registered_from_the_shop_payment_records(self):
        with trap_jobs():
            order = self.import_orders(shopify_order(2002)).sale_order_id
        shop_payment = order.ecom_payment_ids
        self.assertEqual(len(shop_payment), 1)
        self.assertAlmostEqual(shop_payment.amount, 55.20, places=2)
        # What the records say is what gets booked: another gateway, date and reference.
        shop_payment.write(
            {"gateway": "paypal", "transaction_id": "PAY-77", "processed_at": "2026-11-03 09:00:00"}
        )
        self.engine._post_orders(order)
        invoice = self.invoice_of(order)
        payment = self.payments_of(invoice)
        self.assertEqual(order.ecom_posting_state, "posted")
        self.assertEqual(payment.journal_id, self.paypal_journal)
        self.assertEqual(payment.date, date(2026, 11, 3))
        self.assertEqual(payment.payment_reference, "PAY-77")
        self.assertAlmostEqual(payment.amount, 55.20, places=2)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))

    def test_running_posting_again_changes_nothing(self):
        orders = self.import_and_post(shopify_order(2011), shopify_order(2012, email="b@x.fr"))
        moves_before = self.env["account.move"].search_count([])
        payments_before = self.env["account.payment"].search_count([])
        self.engine._post_orders(orders)
        orders.action_ecom_post()
        orders._ecom_post_job()
        self.assertEqual(self.env["account.move"].search_count([]), moves_before)
        self.assertEqual(self.env["account.payment"].search_count([]), payments_before)
        self.assertEqual(len(orders.invoice_ids), 2)
        # The same payload imported again is a duplicate, and posts nothing more.
        self.import_orders(shopify_order(2011))
        self.engine._post_orders(self.order_of(2011))
        self.assertEqual(self.env["account.move"].search_count([]), moves_before)

    def test_batch_posts_many_orders_and_isolates_a_failing_one(self):
        orders = self.import_and_post(
            shopify_order(2021, email="a@x.fr"),
            shopify_order(2022, email="b@x.fr"),
            shopify_order(2023, email="c@x.fr"),
        )
        self.assertEqual(set(orders.mapped("ecom_posting_state")), {"posted"})
        self.assertEqual(len(orders.invoice_ids), 3)
        # An income account Odoo refuses: that order fails, in review, with why.
        late = self.import_orders(
            shopify_order(2024, email="d@x.fr", lines=(("ODD", "Odd", 1, "10.00", "0", "20"),))
        ).sale_order_id
        other = self.import_orders(shopify_order(2025, email="e@x.fr")).sale_order_id
        late.order_line[:1].product_id.property_account_income_id = self.env[
            "account.account"
        ].search([("account_type", "=", "off_balance")], limit=1) or self.env[
            "account.account"
        ].create({"name": "Hors bilan", "code": "900100", "account_type": "off_balance"})
        self.engine._post_orders(late | other)
        self.assertEqual(other.ecom_posting_state, "posted")
        self.assertEqual(late.ecom_posting_state, "review")
        item = late.ecom_review_item_ids
        self.assertEqual(item.reason_id.code, "posting_error")
        self.assertIn("Posting failed", item.description)

    def test_invoice_only_rule_leaves_the_payment_expected(self):
        self.rules.filtered(lambda r: r.action == "post").write(
            {
                "financial_status_ids": [
                    Command.set(
                        self.env["ecom.rule.value"]._ecom_get("financial_status", ["paid"]).ids
                    )
                ],
                "gateway_map_ids": [
                    Command.set(
                        self.shop.payment_map_ids.filtered(lambda m: m.gateway == "paypal").ids
                    )
                ],
            }
        )
        order = self.import_and_post(shopify_order(2031))
        invoice = self.invoice_of(order)
        self.assertEqual(order.ecom_posting_state, "invoiced")
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertFalse(self.payments_of(invoice))
        self.assertEqual(order.ecom_posting_rule_id.action, "invoice")

    def test_prices_including_tax_are_booked_to_the_cent(self):
        order = self.import_and_post(
            shopify_order(
                2041,
                lines=(
                    ("MUG", "Mug", 3, "12.90", "1.70", "20"),
                    ("THE", "Thé", 1, "8.45", "0", "5.5"),
                ),
                shipping=("Colissimo", "colissimo", "4.90", "20"),
                taxes_included=True,
            )
        )
        invoice = self.invoice_of(order)
        # 3 × 12.90 − 1.70 + 8.45 + 4.90 = 50.35, all taxes included
        self.assertAlmostEqual(invoice.amount_total, 50.35, places=2)
        self.assertAlmostEqual(order.ecom_shop_total, 50.35, places=2)
        self.assertEqual(order.ecom_posting_state, "posted")
        self.assertTrue(invoice.currency_id.is_zero(invoice.amount_residual))

    def test_difference_within_tolerance_goes_to_the_rounding_account(self):
        payload = shopify_order(2051)
        payload["total_price"] = "55.21"  # the shop rounded its tax a cent up
        order = self.import_and_post(payload)
        invoice = self.invoice_of(order)
        self.assertEqual(order.ecom_posting_state, "posted")
        self.assertAlmostEqual(invoice.amount_total, 55.20, places=2)
        payment = self.payments_of(invoice)
        self.assertAlmostEqual(payment.amount, 55.21, places=2)
        rounding = payment.move_id.line_ids.filtered(
            lambda line: line.account_id == self.rounding_account
        )
        self.assertAlmostEqual(rounding.balance, -0.01, places=2)
        self.assertTrue(invoice.currency_id.is_zero(invoice.amount_residual))
        self.assertBalanced(payment.move_id)

    def test_gift_cards_sold_are_a_liability_and_used_ones_a_payment_from_it(self):
        payload = shopify_order(2061, shipping=None)
        payload["line_items"][0]["gift_card"] = True
        payload["line_items"][0]["tax_lines"] = []
        payload["line_items"][0]["sku"] = "GIFT-50"
        payload["total_tax"] = "0.00"
        payload["total_price"] = "40.00"
        sold = self.import_and_post(payload)
        invoice = self.invoice_of(sold)
        gift_line = invoice.invoice_line_ids
        self.assertEqual(gift_line.account_id, self.gift_card_account)
        self.assertAlmostEqual(gift_line.credit, 40.0, places=2)
        self.assertFalse(
            invoice.line_ids.filtered(lambda line: line.account_id.account_type == "income")
        )

        used = shopify_order(2062, email="gift@x.fr")
        used["payment_gateway_names"] = ["gift_card"]
        order = self.import_and_post(used)
        invoice = self.invoice_of(order)
        self.assertEqual(order.ecom_posting_state, "posted")
        self.assertFalse(self.payments_of(invoice))
        counterpart = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).matched_credit_ids.credit_move_id.move_id
        self.assertEqual(len(counterpart), 1)
        liability = counterpart.line_ids.filtered(
            lambda line: line.account_id == self.gift_card_account
        )
        self.assertAlmostEqual(liability.debit, 55.20, places=2)
        self.assertTrue(invoice.currency_id.is_zero(invoice.amount_residual))
        self.assertBalanced(counterpart)

    def test_quotation_awaiting_payment_waits_and_posts_once_paid(self):
        payload = shopify_order(2071, financial_status="pending")
        order = self.import_and_post(payload)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.ecom_posting_state, "pending")
        self.assertFalse(order.invoice_ids)
        paid = shopify_order(2071, updated_at="2026-11-03T10:00:00+01:00")
        self.import_and_post(paid)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.ecom_posting_state, "posted")
        self.assertEqual(len(self.invoice_of(order)), 1)

    def test_delivery_invoiced_products_are_invoiced_on_ordered_quantities(self):
        product = self.env["product.product"].create(
            {"name": "Bougie", "default_code": "BOUGIE", "invoice_policy": "delivery"}
        )
        order = self.import_and_post(
            shopify_order(2081, lines=(("BOUGIE", "Bougie", 3, "10.00", "0", "20"),))
        )
        line = self.invoice_of(order).invoice_line_ids.filtered(
            lambda line: line.product_id == product
        )
        self.assertEqual(line.quantity, 3)
        self.assertEqual(order.ecom_posting_state, "posted")

    def test_import_queues_the_posting_and_the_job_posts(self):
        with trap_jobs() as trap:
            payloads = self.import_orders(shopify_order(2091))
            order = payloads.sale_order_id
            trap.assert_jobs_count(1, only=order._ecom_post_job)
            trap.assert_enqueued_job(
                order._ecom_post_job,
                args=(),
                kwargs={},
                properties={"identity_key": identity_exact},
            )
            # Asked again while the job waits: still one job.
            order._ecom_queue_posting()
            trap.assert_jobs_count(1, only=order._ecom_post_job)
        self.assertEqual(order.ecom_posting_state, "pending")
        self.assertFalse(order.invoice_ids)
        order._ecom_post_job()
        self.assertEqual(order.ecom_posting_state, "posted")
        order._ecom_post_job()
        self.assertEqual(len(order.invoice_ids), 1)

    def test_shop_staff_without_accounting_rights_import_and_the_rules_post(self):
        staff = new_test_user(
            self.env,
            "ecom_staff_posting",
            groups="ecom_connector.group_ecom_user,base.group_partner_manager,product.group_product_manager",
        )
        shop = self.shop.with_user(staff)
        content = json.dumps({"orders": [shopify_order(2101), shopify_order(2102, email="s@x.fr")]})
        payloads = shop.sudo()._ecom_receive_file(content.encode(), "staff.json").with_user(staff)
        with trap_jobs() as trap:
            payloads._ecom_process()
            self.assertEqual(set(payloads.mapped("state")), {"done"}, payloads.mapped("error"))
            trap.assert_jobs_count(1)
        orders = payloads.sale_order_id
        orders.with_user(staff)._ecom_post_job()
        # The staff's file says "paid": invoiced, their payments wait for the accountant...
        self.assertEqual(set(orders.mapped("ecom_posting_state")), {"invoiced"})
        self.assertEqual(
            set(orders.ecom_review_item_ids.mapped("reason_code")), {"unverified_payment"}
        )
        # ...unless an accounting manager's rule trusts the staff's files.
        self.rules.filtered(lambda r: r.action == "post").origin_ids = self.env[
            "ecom.rule.value"
        ]._ecom_get("origin", ["file", "pull", "webhook", "command"])
        trusted = shop.sudo()._ecom_receive_file(
            json.dumps({"orders": [shopify_order(2104, email="u@x.fr")]}).encode(), "ok.json"
        )
        trusted.with_user(staff).with_context(ecom_post_sync=True)._ecom_process()
        self.assertEqual(trusted.sale_order_id.ecom_posting_state, "posted")
        # Synchronously too (the command line's way), and a declared loss.
        more = shop.sudo()._ecom_receive_file(
            json.dumps({"orders": [shopify_order(2103, email="t@x.fr")]}).encode(), "more.json"
        )
        more.with_user(staff).with_context(ecom_post_sync=True)._ecom_process()
        self.assertEqual(more.sale_order_id.ecom_posting_state, "posted")
        more.sale_order_id.with_user(staff).action_ecom_declare_lost()
        self.assertEqual(more.sale_order_id.ecom_review_item_ids.reason_code, "lost_parcel")

    def test_the_schedule_posts_pending_orders_batch_by_batch(self):
        orders = self.import_orders(
            *(shopify_order(2300 + n, email=f"cron{n}@x.fr") for n in range(5))
        ).sale_order_id
        self.assertEqual(set(orders.mapped("ecom_posting_state")), {"pending"})
        # As Odoo's schedule calls it: one batch per call, progress reported,
        # each batch committed by the schedule before the next call.
        cron, progress = self.env.ref(
            "ecom_accounting_rules.ir_cron_ecom_post_pending"
        )._add_progress()
        schedule = self.env["sale.order"].with_context(**cron.env.context)
        figures = []
        for _call in range(4):
            schedule._cron_ecom_post_pending(batch_size=2)
            figures.append((progress.done, progress.remaining))
            if not progress.remaining:
                break
        self.assertEqual(figures, [(2, 3), (2, 1), (1, 0)])
        self.assertEqual(set(orders.mapped("ecom_posting_state")), {"posted"})
        self.assertEqual(len(orders.invoice_ids), 5)
