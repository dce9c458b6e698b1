"""Odd files through real `odoo ecom` commands: they complete, or end with a sentence.

Orders whose refunds clash fail alone, the command prints its report; payout
files are read whatever the order of the options and the files, and a web
page given as a payout report ends with the file and line, no traceback.
"""

import json
import tempfile
from pathlib import Path

from command_case import ROOT, CommandCase

from odoo.addons.ecom_connector.tests.samples import shopify_order

PAYOUTS = ROOT / "addons" / "ecom_accounting_rules" / "tests" / "payloads"


def refunded(order_id, refund_id):
    order = shopify_order(order_id=order_id, financial_status="partially_refunded")
    order["refunds"] = [
        {
            "created_at": "2026-11-05T10:00:00+01:00",
            "note": "Too small",
            "refund_line_items": [
                {
                    "line_item_id": order_id * 100 + 1,
                    "quantity": 1,
                    "subtotal": "20.00",
                    "restock_type": "return",
                }
            ],
            "transactions": [{"kind": "refund", "status": "success", "amount": "24.00"}],
            "order_adjustments": [],
        }
    ]
    if refund_id:
        order["refunds"][0]["id"] = refund_id
    return order


class TestOddFilesThroughTheCommand(CommandCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = Path(tempfile.mkdtemp(prefix="ecom-odd-files-"))

    def write(self, name, data):
        path = self.tmp / name
        path.write_bytes(data if isinstance(data, bytes) else json.dumps(data).encode())
        return path

    def test_refund_clash_fails_one_order_and_the_command_reports(self):
        orders = [
            refunded(940001, 99401),
            refunded(940002, 99401),  # the refund of another order
            refunded(940003, None),
            refunded(940004, None),  # the same refund content, without an id
            shopify_order(order_id=940005),
        ]
        path = self.write("clash.json", {"orders": orders})
        # The file before the options, as well as after them.
        report = self.report(self.ecom("import", path, "--shop", "RELR", "--platform", "shopify"))
        self.assertEqual(
            {key: report[key] for key in ("received", "imported", "failed")},
            {"received": 5, "imported": 4, "failed": 1},
        )
        by_id = {order["external_id"]: order for order in report["orders"]}
        self.assertEqual(by_id["940002"]["state"], "failed")
        self.assertEqual(
            by_id["940002"]["problems"],
            [
                "Refund 99401 of #940002 is already recorded on #940001: a shop refund belongs "
                "to one order. Check both orders in the shop."
            ],
        )
        refunds = self.query(
            """SELECT r.external_id FROM ecom_order_refund r JOIN ecom_shop s ON s.id = r.shop_id
                WHERE s.code = 'RELR' ORDER BY r.external_id"""
        )
        self.assertEqual(len(refunds), 3)
        self.assertRegex(refunds[0][0], r"^940003-refund-[0-9a-f]{12}$")
        self.assertRegex(refunds[1][0], r"^940004-refund-[0-9a-f]{12}$")
        self.assertEqual(refunds[2][0], "99401")
        again = self.report(self.ecom("import", "--shop", "RELR", path))
        self.assertEqual(again["duplicates"], 4)
        self.assertEqual(again["failed"], 1)
        self.assertEqual(self.order_figures("RELR"), (4, 4, 0))

    def test_payouts_import_options_first_and_a_web_page(self):
        self.report(
            self.ecom(
                "import",
                "--shop",
                "RELPAY",
                "--platform",
                "shopify",
                self.write("one.json", {"orders": [shopify_order(order_id=940101)]}),
            )
        )
        files = [
            PAYOUTS / "shopify_payments" / name for name in ("payouts.json", "transactions.json")
        ]
        report = self.report(
            self.ecom(
                "payouts", "import", "--shop", "RELPAY", "--provider", "shopify_payments", *files
            )
        )
        self.assertEqual(report["transactions"]["received"], 8)
        self.assertLessEqual(
            {"623721858", "623721859"}, {payout["external_id"] for payout in report["payouts"]}
        )
        page = self.write(
            "payouts.csv", b"<!DOCTYPE html>\n<html><body>Sign in, please.</body></html>\n"
        )
        process = self.ecom("payouts", "import", "--shop", "RELPAY", "--provider", "stripe", page)
        out, err = self.finish(process, code=1)
        self.assertEqual(out, "")
        self.assertIn("payouts.csv: line 1: a web page (HTML or XML), not a CSV report", err)
