# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import tempfile
from pathlib import Path

from odoo.tests import tagged

from odoo.addons.ecom_accounting_rules.tests.common import PostingCase

from ..bench import _measure, bench_orders, run_backfill
from ..bench_posting import bench_end_to_end, bench_posting


@tagged("post_install", "-at_install")
class TestPostingBenchmark(PostingCase):
    def test_both_flows_post_and_pay_every_order(self):
        shop = self.env["ecom.shop"].create(
            {
                "name": "Bench",
                "code": "BENCH",
                "platform": "shopify",
                "unknown_product_policy": "create",
            }
        )
        figures = bench_posting(shop, 4, lambda _message: None, _measure, bench_orders)
        self.assertEqual(figures["orders"], 4)
        self.assertEqual(figures["ecom_orders_posted_and_paid"], 4)
        self.assertEqual(
            [flow["flow"] for flow in figures["flows"]],
            ["odoo_standard_per_order_posting", "ecom_batch_posting"],
        )
        self.assertTrue(all(flow["queries"] > 0 for flow in figures["flows"]))
        orders = self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])
        invoices = orders.invoice_ids
        self.assertEqual(len(invoices), 8)
        self.assertEqual(set(invoices.mapped("payment_state")) - {"in_payment"}, {"paid"})

    def test_end_to_end_flows_pay_or_summarise_every_order(self):
        figures = bench_end_to_end(self.env, 3, lambda _message: None, _measure)
        self.assertEqual(
            figures["posting_states"], {"per_order": {"posted": 3}, "summary": {"summary": 3}}
        )
        for flow in ("standard", "per_order", "summary"):
            self.assertEqual(
                set(figures[flow]),
                {"seconds", "queries", "orders_per_second", "peak_rss_mb"},
            )
            self.assertGreater(figures[flow]["queries"], 0)
        self.assertGreater(figures["per_order_ratio"], 0)
        self.assertGreater(figures["summary_ratio"], 0)
        # The standard flow went all the way: three orders, invoiced, posted and paid.
        standard = self.env["sale.order"].search(
            [("partner_id.email", "=like", "%@standard.example")]
        )
        self.assertEqual(len(standard), 3)
        self.assertEqual(set(standard.invoice_ids.mapped("state")), {"posted"})
        self.assertEqual(
            set(standard.invoice_ids.mapped("payment_state")) - {"in_payment"}, {"paid"}
        )
        per_order = self.env["sale.order"].search([("ecom_shop_id.code", "=", "BENCH-E2E-INV")])
        self.assertEqual(
            set(per_order.invoice_ids.mapped("payment_state")) - {"in_payment"}, {"paid"}
        )
        summary = self.env["sale.order"].search([("ecom_shop_id.code", "=", "BENCH-E2E-SUM")])
        self.assertTrue(summary.ecom_summary_move_id)
        self.assertFalse(summary.invoice_ids.filtered(lambda m: m.move_type == "out_invoice"))
        # The mix holds a gift card order and a refund, booked in every flow.
        self.assertEqual(figures["mix"], {"gift_card_orders": 1, "refunded_orders": 1})
        self.assertEqual(
            figures["credit_notes_posted"], {"standard": 1, "per_order": 1, "summary": 1}
        )
        gift_account = self.env.company.ecom_gift_card_account_id
        for name, where in (
            ("standard", ("partner_id", "in", standard.partner_id.commercial_partner_id.ids)),
            ("per_order", ("move_id.ecom_shop_id", "in", per_order.ecom_shop_id.ids)),
            ("summary", ("move_id.ecom_shop_id", "in", summary.ecom_shop_id.ids)),
        ):
            gift_lines = self.env["account.move.line"].search(
                [("account_id", "=", gift_account.id), ("parent_state", "=", "posted"), where]
            )
            self.assertGreater(sum(gift_lines.mapped("debit")), 0, name)
        for orders in (standard, per_order, summary):
            credit_note = orders.invoice_ids.filtered(lambda m: m.move_type == "out_refund")
            if orders is standard:
                credit_note = self.env["account.move"].search(
                    [
                        ("move_type", "=", "out_refund"),
                        ("reversed_entry_id", "in", standard.invoice_ids.ids),
                    ]
                )
            self.assertEqual(credit_note.state, "posted")
            self.assertEqual(
                set(credit_note.mapped("payment_state")) - {"in_payment"}, {"paid"}, orders[:1].name
            )

    def test_backfill_imports_and_posts_a_file_larger_than_a_batch(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "backfill.ndjson"
            figures = run_backfill(self.env, 60, lambda _message: None, lambda step: step(), path)
            self.assertEqual(len(path.read_text().splitlines()), 60)
        self.assertEqual((figures["received"], figures["imported"], figures["failed"]), (60, 60, 0))
        self.assertEqual(figures["posting_states"], {"posted": 60})
        self.assertEqual(list(figures["rss_mb_at"]), ["15", "30", "45", "60"])
        self.assertTrue(all(mb > 0 for mb in figures["rss_mb_at"].values()))
