"""Pulls commit page batch by page batch: real `odoo ecom pull` processes, killed or cut off.

A local stand-in of Shopify's Admin API (the connector's test server) holds
the orders; the command pulls them with small pages, so that a run spans
several committed batches. One run is killed (kill -9) while it waits for a
page of its second batch, another loses its database connection there
(its backend terminated): the first batch stays, nothing is doubled, the
command says what happened, and the same command run again completes.
As tests/test_reliability.py: separate processes that commit, on shops of
their own (codes ``RELP*``), read back through a cursor of their own.
"""

import json
import os
import signal
import subprocess
import sys
import time
import unittest
from pathlib import Path

import odoo
from odoo.tools import config

from odoo.addons.ecom_connector.const import PULL_PAGES_PER_JOB
from odoo.addons.ecom_connector.demo.samples import shopify_order
from odoo.addons.ecom_connector.tests.pull_server import SHOPIFY_TOKEN, FakeShopServer

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 240
PAGE_SIZE = 2
FIRST_BATCH = PULL_PAGES_PER_JOB * PAGE_SIZE  # orders committed by the first batch
ORDERS = FIRST_BATCH + 20


def shop_orders(first):
    return [
        shopify_order(
            order_id=first + n,
            email=f"relp{first + n}@example.com",
            updated_at=f"2026-11-02T{10 + n // 60:02d}:{n % 60:02d}:00+01:00",
        )
        for n in range(ORDERS)
    ]


class TestPullReliability(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.database = config["db_name"]
        if not cls.database or not config.get("addons_path"):
            raise unittest.SkipTest("run by ./ecom test (an Odoo test database)")

    def serve(self, first):
        server = FakeShopServer("shopify", shop_orders(first)).start()
        self.addCleanup(server.stop)
        return server

    def ecom(self, *args):
        argv = [sys.executable, "-m", "odoo", f"--addons-path={config['addons_path']}", "ecom"]
        argv += [*args, "-d", self.database]
        if config.rcfile and Path(config.rcfile).exists():
            argv += ["-c", config.rcfile]
        return subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "ECOM_ROOT": str(ROOT)},
            cwd=ROOT,
        )

    def finish(self, process, code=0):
        out, err = process.communicate(timeout=TIMEOUT)
        self.assertEqual(process.returncode, code, err[-3000:])
        self.assertNotIn("Traceback", err)
        return out, err

    def add_shop(self, code, server):
        self.finish(
            self.ecom(
                "shop", "add", "--code", code, "--platform", "shopify",
                "--url", server.url, "--token", SHOPIFY_TOKEN,
            )
        )  # fmt: skip

    def pull(self, code):
        return self.ecom("pull", "--shop", code, "--page-size", str(PAGE_SIZE))

    def query(self, sql, params=()):
        with odoo.sql_db.db_connect(self.database).cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall()

    def figures(self, code):
        """(orders, distinct shop ids, orders without lines)."""
        ((count, distinct, no_lines),) = self.query(
            """
            SELECT count(*), count(DISTINCT so.ecom_external_id),
                   count(*) FILTER (WHERE NOT EXISTS
                       (SELECT 1 FROM sale_order_line l WHERE l.order_id = so.id))
              FROM sale_order so JOIN ecom_shop s ON s.id = so.ecom_shop_id
             WHERE s.code = %s
            """,
            [code],
        )
        return count, distinct, no_lines

    def runs(self, code):
        return self.query(
            """SELECT r.state, coalesce(r.error, '') FROM ecom_sync_run r
                 JOIN ecom_shop s ON s.id = r.shop_id WHERE s.code = %s ORDER BY r.id""",
            [code],
        )

    def wait_for_first_batch(self, code, server, process):
        """Until the first batch is committed and the command waits for a later page."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.fail(f"the pull ended too early: {process.communicate()[1][-2000:]}")
            if self.figures(code)[0] >= FIRST_BATCH and server.order_calls > PULL_PAGES_PER_JOB + 2:
                return
            time.sleep(0.2)
        self.fail("the first batch was never committed")

    def complete_again(self, code, server):
        out, _err = self.finish(self.pull(code))
        report = json.loads(out)
        self.assertEqual(report["state"], "done", report)
        count, distinct, no_lines = self.figures(code)
        self.assertEqual((count, distinct, no_lines), (ORDERS, ORDERS, 0))
        return report

    def test_a_killed_pull_keeps_its_batches_and_completes(self):
        server = self.serve(940_000)
        self.add_shop("RELPK", server)
        # The 3rd page of the second batch hangs: the command is killed there.
        server.fail(PULL_PAGES_PER_JOB + 3, status=None, delay=60)
        process = self.pull("RELPK")
        self.wait_for_first_batch("RELPK", server, process)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        # The first batch, whole; nothing of the second.
        self.assertEqual(self.figures("RELPK"), (FIRST_BATCH, FIRST_BATCH, 0))
        self.assertEqual([state for state, _error in self.runs("RELPK")], ["running"])
        calls_before = server.order_calls
        self.complete_again("RELPK", server)
        # It went on from the next page: the first batch's pages were not read again.
        pages_left = -(-(ORDERS - FIRST_BATCH) // PAGE_SIZE)
        self.assertEqual(server.order_calls - calls_before, pages_left)
        (killed_state, killed_error), (state, _error) = self.runs("RELPK")
        self.assertEqual((killed_state, state), ("failed", "done"))
        self.assertIn("stopped before its end", killed_error)
        print(
            f"reliability: pull of {ORDERS} orders killed after {FIRST_BATCH}, run again: "
            f"crashes 0, duplicates 0, lost 0"
        )

    def test_a_pull_that_loses_its_database_says_so_and_completes(self):
        server = self.serve(950_000)
        self.add_shop("RELPC", server)
        server.fail(PULL_PAGES_PER_JOB + 3, status=None, delay=3)
        process = self.pull("RELPC")
        self.wait_for_first_batch("RELPC", server, process)
        # Its connection goes while it waits for the slow page (a restarted
        # server, a network cut): every backend of the command is ended.
        terminated = self.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            [f"odoo-{process.pid}"],
        )
        self.assertTrue(terminated)
        _out, err = self.finish(process, code=1)
        self.assertIn("the database connection was lost", err)
        self.assertIn("run the same command again", err)
        self.assertEqual(self.figures("RELPC"), (FIRST_BATCH, FIRST_BATCH, 0))
        self.complete_again("RELPC", server)
        print(
            f"reliability: pull of {ORDERS} orders cut off from its database after "
            f"{FIRST_BATCH}, run again: crashes 0, duplicates 0, lost 0"
        )
