# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""`odoo ecom bench --webhooks`: its deliveries, its sending and its counting.

The served multi-process Odoo the bench starts is not started here: the
deliveries go to the test's own HTTP server, one process, at a tiny rate.
"""

from odoo.tests import HttpCase, tagged

from odoo.addons.ecom_connector.const import WEBHOOK_ROUTE
from odoo.addons.ecom_connector.tests.common import EcomCase

from ..bench import bench_orders
from ..bench_served import (
    EMPTY_ROUTE,
    count_stored,
    delivery_plan,
    empty_plan,
    empty_route_figures,
    latency_figures,
    percentile,
    send_deliveries,
    signed_delivery,
    webhook_figures,
)

SECRET = "bench-secret"


@tagged("post_install", "-at_install")
class TestBenchWebhooks(EcomCase, HttpCase):
    def assertFigures(self, figures, **expected):
        """The figures named in ``expected`` have those values (all of them shown if not)."""
        self.assertEqual({name: figures[name] for name in expected}, expected, msg=figures)

    def test_percentile_is_the_nearest_rank(self):
        values = [float(n) for n in range(100, 0, -1)]  # 1..100, unordered
        self.assertEqual(percentile(values, 50), 50.0)
        self.assertEqual(percentile(values, 95), 95.0)
        self.assertEqual(percentile(values, 99), 99.0)
        self.assertEqual(percentile([7.0], 99), 7.0)
        self.assertEqual(percentile([1.0, 2.0, 3.0], 50), 2.0)
        self.assertIsNone(percentile([], 50))

    def test_delivery_is_signed_as_the_shop_verifies_it(self):
        self.shop.webhook_secret = SECRET
        adapter = self.shop._ecom_webhook_adapter()
        body, headers = signed_delivery(bench_orders(1, 4242)[0], "d-42", SECRET)
        self.assertTrue(adapter.verify_webhook(body, headers, SECRET))
        self.assertFalse(adapter.verify_webhook(body, headers, "another secret"))
        self.assertEqual(adapter.webhook_headers(headers).delivery_id, "d-42")
        self.assertEqual(adapter.webhook_headers(headers).topic, "orders/create")

    def test_plan_sends_each_delivery_once_and_some_again_with_the_same_id(self):
        plan = delivery_plan(bench_orders(7, 4300), SECRET, "p", resend_every=3)
        ids = [delivery_id for delivery_id, _body, _headers, _resent in plan]
        # p-2 and p-5 sent again, each after the next two deliveries.
        self.assertEqual(ids, ["p-0", "p-1", "p-2", "p-3", "p-4", "p-2", "p-5", "p-6", "p-5"])
        self.assertEqual([entry[3] for entry in plan].count(True), 2)
        self.assertEqual(plan[5][1], plan[2][1])  # the same body, the same signature
        self.assertEqual(plan[5][2], plan[2][2])

    def test_tiny_run_end_to_end_stores_each_delivery_once(self):
        """Seven deliveries (two of them sent twice) through the endpoint, then counted."""
        self.shop.webhook_secret = SECRET
        self.env.flush_all()
        plan = delivery_plan(bench_orders(7, 4400), SECRET, "tiny", resend_every=3)
        url = f"{self.base_url()}{WEBHOOK_ROUTE}/{self.shop.id}"
        # One sending thread: the test's HTTP server runs every request on the
        # test's one cursor, so requests overlapping there are not what a served
        # Odoo sees (each on its own transaction); the bench itself sends from 32.
        results, seconds = send_deliveries(url, plan, rate=20, threads=1)
        self.env.invalidate_all()
        stored = count_stored(self.env, self.shop, {entry[0] for entry in results})
        figures = webhook_figures(results, stored, seconds)
        answers = [(delivery_id, status) for delivery_id, status, *_rest in results]
        figures["answers"] = answers
        self.assertFigures(figures, requests_sent=9, deliveries=7, resent_same_id=2, stored=7)
        self.assertFigures(figures, lost=0, duplicates=0, non_2xx=0, no_answer=0)
        self.assertEqual({status for _delivery_id, status in answers}, {200})
        self.assertGreater(figures["ack_ms"]["p99"], 0)
        self.assertLessEqual(figures["ack_ms"]["p50"], figures["ack_ms"]["p99"])
        payloads = self.env["ecom.payload"].search([("shop_id", "=", self.shop.id)])
        self.assertEqual(sorted(payloads.mapped("delivery_id")), [f"tiny-{n}" for n in range(7)])
        self.assertEqual(set(payloads.mapped("state")), {"queued"})

    def test_empty_route_answers_the_same_sender(self):
        """Odoo's empty route, sent to as the deliveries are, answers every request."""
        results, seconds = send_deliveries(
            f"{self.base_url()}{EMPTY_ROUTE}", empty_plan(4), rate=20, threads=1, method="GET"
        )
        self.assertEqual([status for _n, status, _ms, _r in results], [200] * 4)
        figures = empty_route_figures(results, seconds, {"p50": 8.0, "p95": 9.0, "p99": 10.0})
        self.assertEqual(figures["requests_sent"], 4)
        self.assertEqual(figures["non_2xx"], 0)
        self.assertGreater(figures["ms"]["p99"], 0)
        self.assertEqual(
            figures["ack_over_empty_route"]["p99"], round(10.0 / figures["ms"]["p99"], 1)
        )

    def test_empty_route_ratio_of_the_acknowledgement(self):
        results = [(f"e-{n}", 200, float(ms), False) for n, ms in enumerate((2, 4, 5, 10))]
        results.append(("e-4", None, 30000.0, False))  # no answer: no latency
        self.assertEqual(
            latency_figures(results), {"p50": 4.0, "p95": 10.0, "p99": 10.0, "max": 10.0}
        )
        figures = empty_route_figures(results, 0.5, {"p50": 20.0, "p95": 55.0, "p99": None})
        self.assertEqual(figures["achieved_rate_per_second"], 10.0)
        self.assertEqual(figures["non_2xx"], 1)
        self.assertEqual(figures["ack_over_empty_route"], {"p50": 5.0, "p95": 5.5, "p99": None})

    def test_figures_count_lost_duplicates_and_failures(self):
        results = [
            ("a", 200, 5.0, False),
            ("b", 200, 7.0, False),
            ("b", 200, 9.0, True),
            ("c", 500, 40.0, False),
            ("d", None, 30000.0, False),
        ]
        # "b" acknowledged but not stored: lost; "a" stored twice: one duplicate.
        figures = webhook_figures(results, {"a": 2, "c": 1}, 1.0)
        self.assertFigures(figures, lost=1, duplicates=1, stored=2, non_2xx=2, no_answer=1)
        self.assertFigures(figures, achieved_rate_per_second=5.0)
        self.assertEqual(figures["ack_ms"]["p50"], 7.0)
