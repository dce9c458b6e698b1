# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import contextlib
import io
import json
import tempfile
from pathlib import Path

from odoo.tests import tagged

from odoo.addons.ecom_connector.cli.ecom import Ecom

from .common import PostingCase, shopify_order


@tagged("post_install", "-at_install")
class TestFiguresAndCommandLine(PostingCase):
    def four_orders(self):
        klarna = shopify_order(7003, email="c@x.fr")
        klarna["payment_gateway_names"] = ["klarna"]
        mismatch = shopify_order(7004, email="d@x.fr")
        mismatch["total_price"] = "99.00"
        return [
            shopify_order(7001, email="a@x.fr"),
            shopify_order(7002, email="b@x.fr"),
            klarna,
            mismatch,
        ]

    def test_automation_rate_per_shop_and_month(self):
        orders = self.import_and_post(*self.four_orders())
        Report = self.env["ecom.automation.report"]
        Report.invalidate_model()
        rows = Report.read_group(
            [("shop_id", "=", self.shop.id)],
            [
                "imported:sum",
                "automated:sum",
                "reviewed:sum",
                "resolved:sum",
                "automation_rate:avg",
            ],
            ["month:month"],
        )
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(row["imported"], 4)
        self.assertEqual(row["automated"], 2)
        self.assertEqual(row["reviewed"], 2)
        self.assertEqual(row["resolved"], 0)
        self.assertAlmostEqual(row["automation_rate"], 50.0)
        by_reason = Report.read_group(
            [("shop_id", "=", self.shop.id), ("reviewed", "=", 1)], ["imported:sum"], ["reason_id"]
        )
        self.assertEqual(
            sorted(r["reason_id"][0] for r in by_reason),
            sorted(
                [
                    self.env.ref("ecom_connector.reason_unknown_payment").id,
                    self.env.ref("ecom_connector.reason_total_mismatch").id,
                ]
            ),
        )
        self.shop.invalidate_recordset()
        self.assertEqual(self.shop.posted_auto_count, 2)
        self.assertEqual(self.shop.review_open_count, 2)
        self.assertAlmostEqual(self.shop.automation_rate, 50.0)
        # resolved by the accountant: resolved, and still not automated
        item = orders.ecom_review_item_ids.filtered(lambda i: i.reason_code == "unknown_payment")
        item._ecom_handled_by_hand("Payé par Klarna, saisi à la main")
        Report.invalidate_model()
        row = Report.read_group(
            [("shop_id", "=", self.shop.id)], ["resolved:sum", "automated:sum"], []
        )[0]
        self.assertEqual((row["resolved"], row["automated"]), (1, 2))

    def test_command_line_status_shows_review_and_automation(self):
        self.import_and_post(*self.four_orders())
        command = Ecom()
        parser = command._parser()
        document = command._cmd_status(self.env, parser.parse_args(["status", "--json"]))
        entry = next(s for s in document["shops"] if s["code"] == self.shop.code)
        # The order whose total does not match is held at import.
        self.assertEqual((entry["payloads"]["done"], entry["payloads"]["held"]), (3, 1))
        self.assertEqual(entry["review_open"], 2)
        self.assertEqual(entry["automation_rate"], 50.0)
        with contextlib.redirect_stdout(io.StringIO()) as out:
            command._cmd_status(self.env, parser.parse_args(["status", "--shop", self.shop.code]))
        header, line = out.getvalue().splitlines()
        self.assertTrue(header.endswith("review open  automation rate"), header)
        self.assertEqual(line.split()[-7:], ["done", "3,", "held", "1", "2", "50.0", "%"])

    def test_command_line_import_posts_and_reports_the_outcome(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "orders.json"
            path.write_text(json.dumps({"orders": self.four_orders()}))
            report = self.env["ecom.payload"]._ecom_cli_import(self.shop, [path], lambda _m: None)
        by_id = {entry["external_id"]: entry for entry in report["orders"]}
        posted = by_id["7001"]["posting"]
        self.assertEqual(posted["outcome"], "posted")
        self.assertEqual(posted["invoice"], self.invoice_of(self.order_of(7001)).name)
        self.assertTrue(posted["invoice"])
        self.assertEqual(posted["reasons"], [])
        self.assertEqual(
            by_id["7003"]["posting"],
            {"outcome": "review", "invoice": None, "reasons": ["unknown_payment"]},
        )
        self.assertEqual(by_id["7004"]["posting"]["reasons"], ["total_mismatch"])
        json.dumps(report)  # what the command prints

    def test_invoice_only_and_summary_outcomes_on_the_command_line(self):
        self.rules.filtered(
            lambda r: r.action == "post"
        ).gateway_map_ids = self.shop.payment_map_ids.filtered(lambda m: m.gateway == "paypal")
        payloads = self.import_orders(shopify_order(7011))
        self.engine._post_orders(payloads.sale_order_id)
        result = payloads._ecom_result()["posting"]
        self.assertEqual(result["outcome"], "invoiced")
        self.assertTrue(result["invoice"])
        pending = self.import_orders(
            shopify_order(7012, email="p@x.fr", financial_status="pending")
        )
        self.assertIsNone(pending._ecom_result()["posting"])

    def test_dry_run_shows_entries_and_rate_without_writing(self):
        self.import_orders(*self.four_orders())
        stricter = self.env["ecom.posting.rule"].create(
            {
                "name": "Review everything above 50",
                "sequence": 1,
                "action": "review",
                "amount_min": 50,
                "active": False,
            }
        )
        moves = self.env["account.move"].search_count([])
        wizard = self.env["ecom.posting.dry.run"].create({"date_from": False, "date_to": False})
        self.assertEqual(wizard.rule_ids, self.rules)
        wizard.action_run()
        self.assertEqual(wizard.order_count, 4)
        self.assertEqual(wizard.automated_count, 2)
        self.assertAlmostEqual(wizard.automation_rate, 50.0)
        line = wizard.line_ids.filtered(lambda l_: l_.sale_order_id == self.order_of(7001))
        self.assertEqual(line.outcome, "post")
        income = self.order_of(7001).order_line[:1].product_id.property_account_income_id or (
            self.order_of(7001).order_line[:1].product_id.categ_id.property_account_income_categ_id
        )
        self.assertIn(income.code, line.entries)
        self.assertIn("55.20", line.entries)
        wizard.rule_ids = stricter | self.rules
        wizard.action_run()
        self.assertEqual(wizard.automated_count, 0)
        self.assertEqual(set(wizard.line_ids.mapped("outcome")), {"review"})
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        self.assertFalse(self.env["ecom.review.item"].search([]))
        self.assertEqual(
            set(
                self.env["sale.order"]
                .search([("ecom_shop_id", "=", self.shop.id)])
                .mapped("ecom_posting_state")
            ),
            {"pending"},
        )
