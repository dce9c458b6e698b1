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

import signal
import time

from command_case import TIMEOUT, CommandCase

from odoo.addons.ecom_connector.const import PULL_PAGES_PER_JOB
from odoo.addons.ecom_connector.tests.pull_server import SHOPIFY_TOKEN, FakeShopServer
from odoo.addons.ecom_connector.tests.samples import shopify_order

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


class TestPullReliability(CommandCase):
    def pull_held_in_second_batch(self, code, first, delay):
        """A shop ``code`` of orders from ``first`` on, and a running pull of it, once its
        first batch is committed and it waits ``delay`` seconds for a page of the second."""
        server = FakeShopServer("shopify", shop_orders(first)).start()
        self.addCleanup(server.stop)
        self.add_shop(code, server)
        server.fail(PULL_PAGES_PER_JOB + 3, status=None, delay=delay)
        process = self.pull(code)
        self.wait_for_first_batch(code, server, process)
        return server, process

    def add_shop(self, code, server):
        self.finish(
            self.ecom(
                "shop", "add", "--code", code, "--platform", "shopify",
                "--url", server.url, "--token", SHOPIFY_TOKEN,
            )
        )  # fmt: skip

    def pull(self, code):
        return self.ecom("pull", "--shop", code, "--page-size", str(PAGE_SIZE))

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
            if (
                self.order_figures(code)[0] >= FIRST_BATCH
                and server.order_calls > PULL_PAGES_PER_JOB + 2
            ):
                return
            time.sleep(0.2)
        self.fail("the first batch was never committed")

    def complete_again(self, code, server):
        report = self.report(self.pull(code))
        self.assertEqual(report["state"], "done", report)
        count, distinct, no_lines = self.order_figures(code)
        self.assertEqual((count, distinct, no_lines), (ORDERS, ORDERS, 0))
        return report

    def test_a_killed_pull_keeps_its_batches_and_completes(self):
        # The 3rd page of the second batch hangs: the command is killed there.
        server, process = self.pull_held_in_second_batch("RELPK", 940_000, delay=60)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        # The first batch, whole; nothing of the second.
        self.assertEqual(self.order_figures("RELPK"), (FIRST_BATCH, FIRST_BATCH, 0))
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
        server, process = self.pull_held_in_second_batch("RELPC", 950_000, delay=3)
        # Its connection goes while it waits for the slow page (a restarted
        # server, a network cut): every backend of the command is ended.
        terminated = self.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            [f"odoo-{process.pid}"],
        )
        self.assertTrue(terminated and all(ended for (ended,) in terminated), terminated)
        _out, err = self.finish(process, code=1)
        self.assertIn("the database connection was lost", err)
        self.assertIn("run the same command again", err)
        self.assertEqual(self.order_figures("RELPC"), (FIRST_BATCH, FIRST_BATCH, 0))
        self.complete_again("RELPC", server)
        print(
            f"reliability: pull of {ORDERS} orders cut off from its database after "
            f"{FIRST_BATCH}, run again: crashes 0, duplicates 0, lost 0"
        )
