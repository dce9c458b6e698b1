"""Nothing lost, nothing doubled: real `odoo ecom import` processes against the test database.

Concurrent commands on the same file, a command killed (kill -9) mid-run and
run again, and a part of the hostile corpus through the command. These run
last (after both addons' tests), as separate processes that commit, on a
shop of their own (codes ``REL*``) of the test database, read back through a
cursor of their own.

Figures: each test prints one ``reliability:`` line (inputs, crashes,
duplicates, lost), quoted in the README.
"""

import json
import os
import signal
import tempfile
import time
from pathlib import Path

from command_case import TIMEOUT, CommandCase

from odoo.addons.ecom_connector.tests import hostile
from odoo.addons.ecom_connector.tests.samples import shopify_order


def orders(first, count):
    return [
        shopify_order(order_id=first + n, email=f"rel{first + n}@example.com") for n in range(count)
    ]


class TestReliability(CommandCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = Path(tempfile.mkdtemp(prefix="ecom-reliability-"))

    def start(self, shop, *files, platform="shopify"):
        """A running `odoo ecom import` of ``files`` into ``shop``."""
        return self.ecom("import", "--shop", shop, "--platform", platform, *files)

    def write(self, name, data):
        path = self.tmp / name
        path.write_bytes(data if isinstance(data, bytes) else json.dumps(data).encode())
        return path

    def shop_figures(self, code):
        """(orders, distinct external ids, orders without lines, payloads left new)."""
        count, distinct, no_lines = self.order_figures(code)
        ((left_new,),) = self.query(
            """SELECT count(*) FROM ecom_payload p JOIN ecom_shop s ON s.id = p.shop_id
                WHERE s.code = %s AND p.state IN ('new', 'queued')""",
            [code],
        )
        return count, distinct, no_lines, left_new

    def test_concurrent_imports_make_each_order_once(self):
        path = self.write("concurrent.json", {"orders": orders(910_000, 60)})
        # One order first, to create the shop; then three commands of the 60 at once.
        self.report(self.start("RELC", self.write("first.json", {"orders": orders(909_999, 1)})))
        processes = [self.start("RELC", path) for _n in range(3)]
        reports = [self.report(p) for p in processes]
        for report in reports:
            self.assertEqual(report["received"], 60)
            self.assertEqual(report["failed"], 0)
        count, distinct, no_lines, left_new = self.shop_figures("RELC")
        self.assertEqual((count, distinct, no_lines, left_new), (61, 61, 0, 0))
        print(
            f"reliability: 3 concurrent commands of the same 60 orders, crashes 0, "
            f"duplicates {count - distinct}, lost {61 - distinct}"
        )

    def test_killed_command_completes_when_run_again(self):
        path = self.write("kill.json", {"orders": orders(920_000, 150)})
        process = self.start("RELK", path)
        deadline = time.monotonic() + TIMEOUT
        line = ""
        while "processed batch 1:" not in line and time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line and process.poll() is not None:
                break
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        count, distinct, no_lines, _left = self.shop_figures("RELK")
        # Finished batches stay, each whole: no order without lines, no half batch.
        self.assertGreaterEqual(count, 50)
        self.assertEqual(count % 50, 0, count)
        self.assertEqual(no_lines, 0)
        ((unconfirmed_paid,),) = self.query(
            """SELECT count(*) FROM sale_order so JOIN ecom_shop s ON s.id = so.ecom_shop_id
                WHERE s.code = 'RELK' AND so.state = 'sale' AND NOT EXISTS
                      (SELECT 1 FROM stock_picking p WHERE p.sale_id = so.id)"""
        )
        self.assertEqual(unconfirmed_paid, 0, "a confirmed order without its delivery")
        report = self.report(self.start("RELK", path))
        count, distinct, no_lines, left_new = self.shop_figures("RELK")
        self.assertEqual((count, distinct, no_lines, left_new), (150, 150, 0, 0))
        self.assertEqual(report["failed"], 0)
        print(
            f"reliability: kill -9 after a batch then run again, 150 orders, crashes 0, "
            f"duplicates {count - distinct}, lost {150 - distinct}"
        )

    def test_hostile_corpus_through_the_command(self):
        """One command per platform with a part of the corpus: each completes,
        every input is stored or refused with a sentence, nothing stays unprocessed."""
        inputs = [item for item in hostile.corpus(every=3) if "10000" not in item[0]]
        by_platform = {}
        for number, (_name, platform, filename, content) in enumerate(inputs):
            path = self.write(f"h{number:04d}-{filename}", content)
            by_platform.setdefault(platform, []).append(path)
        shops = {"shopify": "RELHS", "woocommerce": "RELHW", "prestashop": "RELHP", "csv": "RELHC"}
        crashes = lost = 0
        for platform, paths in by_platform.items():
            process = self.start(shops[platform], *paths, platform=platform)
            out, err = process.communicate(timeout=TIMEOUT)
            if process.returncode or "Traceback" in err:
                crashes += 1
            self.assertEqual(process.returncode, 0, err[-3000:])
            report = json.loads(out)
            for order in report["orders"]:
                self.assertNotEqual(order["state"], "new")
                if order["state"] == "failed":
                    self.assertTrue(order["problems"])
                    self.assertNotIn("please report", " ".join(order["problems"]))
            lost += self.shop_figures(shops[platform])[3]
        self.assertEqual((crashes, lost), (0, 0))
        print(
            f"reliability: hostile corpus through the command, {len(inputs)} inputs, "
            f"crashes {crashes}, lost {lost}"
        )
