# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Pulling orders from the platforms' APIs over real HTTP (a local server).

Each platform's stand-in (tests/pull_server.py) serves the sample payloads
the way the platform documents: its paths, authentication, filters and
pagination, and scripted faults (401, 429 with Retry-After, 5xx, answers
slower than the timeout).
"""

import contextlib
import copy
import io
import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest.mock import patch

import requests

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import _super_send

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job, identity_exact
from odoo.addons.queue_job.tests.common import trap_jobs

from ..adapters import get_adapter
from ..cli.ecom import Ecom
from ..clients import get_pull_client, http
from ..platforms.shopify.client import API_VERSION, next_page_info
from .common import EcomCase, FrenchMixin, field_label, selection_labels, shopify_order
from .pull_server import PRESTA_KEY, SHOPIFY_TOKEN, WOO_KEY, WOO_SECRET, FakeShopServer

PAYLOADS = Path(__file__).parent / "payloads"
CREDENTIALS = {
    "shopify": {"access_token": SHOPIFY_TOKEN},
    "woocommerce": {"api_key": WOO_KEY, "api_secret": WOO_SECRET},
    "prestashop": {"api_key": PRESTA_KEY},
}


def shopify_orders(count, first_id=7001):
    return [
        shopify_order(order_id=first_id + n, updated_at=f"2026-11-02T10:{n:02d}:00+01:00")
        for n in range(count)
    ]


def woocommerce_orders(count, first_id=9001):
    samples = json.loads((PAYLOADS / "woocommerce" / "orders_list.json").read_text())
    orders = []
    for n in range(count):
        order = copy.deepcopy(samples[n % len(samples)])
        order.update(
            id=first_id + n,
            number=str(first_id + n),
            date_modified_gmt=f"2026-11-03T08:{n:02d}:00",
            date_modified=f"2026-11-03T09:{n:02d}:00",
        )
        if order.get("transaction_id"):
            # A copy is another payment: a transaction pays one order.
            order["transaction_id"] += f"-{n}"
        orders.append(order)
    return orders


def prestashop_orders(count, first_id=301):
    samples = json.loads((PAYLOADS / "prestashop" / "orders.json").read_text())["orders"]
    orders = []
    for n in range(count):
        order = copy.deepcopy(samples[n % len(samples)])
        order.update(
            id=str(first_id + n),
            reference=f"REF{first_id + n}",
            date_upd=f"2026-11-06 10:{n:02d}:00",
        )
        orders.append(order)
    return orders


ORDERS = {
    "shopify": shopify_orders,
    "woocommerce": woocommerce_orders,
    "prestashop": prestashop_orders,
}


class UnclampedSession(requests.Session):
    """A session that keeps its timeout: Odoo's tests raise any below 10 s to 10 s,
    which would make each timeout test wait that long (local server only)."""

    def send(self, request, **kwargs):
        return _super_send(self, request, **kwargs)


class PullCase(EcomCase):
    def serve(self, platform, orders, **options):
        server = FakeShopServer(platform, orders, **options).start()
        self.addCleanup(server.stop)
        return server

    def make_shop(self, platform, server, page_size=2, **vals):
        shop = self.create_shop(
            platform,
            f"PULL-{platform}",
            name=f"Pulled {platform}",
            api_url=server.url,
            **{**CREDENTIALS[platform], **vals},  # the test's values win
        )
        return shop.with_context(ecom_pull_page_size=page_size, ecom_pull_timeout=2)

    def served_shop(self, platform, orders, **vals):
        """A shop of ``platform`` whose API is a fake server holding ``orders``."""
        server = self.serve(platform, orders)
        return server, self.make_shop(platform, server, **vals)

    def pull(self, shop, since=None, drain=True):
        """Start a run and perform its job; with ``drain``, every job it queues too."""
        run = shop._ecom_start_pull("manual", since=since)
        with trap_jobs() as trap:
            shop._ecom_pull(run)
            while drain and trap.enqueued_jobs:
                trap.perform_enqueued_jobs()
        return run, trap

    def orders_of(self, shop):
        return self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])

    def pull_jobs(self, shop=None):
        """The stored pull jobs (of ``shop`` when given)."""
        jobs = self.env["queue.job"].search(
            [("model_name", "=", "ecom.shop"), ("method_name", "=", "_ecom_pull")]
        )
        return jobs.filtered(lambda job: job.records == shop) if shop else jobs

    def client(self, platform, server, **options):
        shop_vals = CREDENTIALS[platform]
        credentials = {
            "token": shop_vals.get("access_token"),
            "key": shop_vals.get("api_key"),
            "secret": shop_vals.get("api_secret"),
        }
        options.setdefault("timeout", 2)
        adapter = get_adapter(platform, {"timezone": "Europe/Paris"})
        return get_pull_client(platform, server.url, credentials, adapter, **options)


@tagged("post_install", "-at_install")
class TestPullClients(PullCase):
    """Each client against its platform's documented API."""

    def _read_all(self, client):
        pages, token = [], None
        while True:
            page = client.fetch_page(datetime(2026, 11, 1), token)
            pages.append(page)
            token = page.next_token
            if token is None:
                return pages

    def test_shopify_cursor_pages(self):
        orders = shopify_orders(5)
        server = self.serve(
            "shopify", orders + [shopify_order(order_id=6999, updated_at="2026-10-01T00:00:00Z")]
        )
        pages = self._read_all(self.client("shopify", server, page_size=2))
        self.assertEqual([len(page.documents) for page in pages], [2, 2, 1])
        ids = [d.external_id for page in pages for d in page.documents]
        self.assertEqual(
            ids, [str(o["id"]) for o in orders], "the order updated before is left out"
        )
        first, *others = server.order_list_calls()
        self.assertEqual(first[0], f"/admin/api/{API_VERSION}/orders.json")
        self.assertEqual(first[1]["status"], ["any"])
        self.assertEqual(first[1]["updated_at_min"], ["2026-11-01T00:00:00Z"])
        self.assertEqual(first[2]["X-Shopify-Access-Token"], SHOPIFY_TOKEN)
        for call in others:
            self.assertEqual(set(call[1]), {"limit", "page_info"}, "page_info goes alone")
        # Each payload is what the file importer would store for that order.
        adapter = get_adapter("shopify")
        for document, order in zip(pages[0].documents, orders, strict=False):
            from_file = adapter.split(json.dumps({"order": order}).encode(), "o.json")[0]
            self.assertEqual(document.body, from_file.body)
            self.assertEqual(document.revision, from_file.revision)
        self.assertIsNotNone(pages[0].server_time)
        self.assertLess(abs(pages[0].server_time - datetime.utcnow()), timedelta(minutes=1))

    def test_shopify_link_header_and_call_limit(self):
        link = (
            "<https://s.myshopify.com/admin/api/2026-01/orders.json?limit=2&page_info=abc>; "
            'rel="previous", <https://s.myshopify.com/admin/api/2026-01/orders.json?'
            'limit=2&page_info=xyz>; rel="next"'
        )
        self.assertEqual(next_page_info(link), "xyz")
        self.assertIsNone(next_page_info(link.split(", ")[0]))
        waits = []
        server = self.serve("shopify", shopify_orders(2))
        server.order_calls = 35  # the bucket is nearly full: 36/40 on the next call
        self.client("shopify", server, sleep=waits.append).fetch_page(None)
        self.assertEqual(waits, [1.0], "a nearly full bucket slows the client down")

    def test_woocommerce_pages_and_total_pages(self):
        orders = woocommerce_orders(5)
        server = self.serve("woocommerce", orders)
        pages = self._read_all(self.client("woocommerce", server, page_size=2))
        self.assertEqual([len(page.documents) for page in pages], [2, 2, 1])
        self.assertEqual(
            [d.external_id for page in pages for d in page.documents],
            [str(o["id"]) for o in orders],
        )
        calls = server.order_list_calls()
        self.assertEqual([c[1]["page"] for c in calls], [["1"], ["2"], ["3"]])
        self.assertEqual(calls[0][0], "/wp-json/wc/v3/orders")
        self.assertEqual(calls[0][1]["modified_after"], ["2026-11-01T00:00:00Z"])
        self.assertEqual(calls[0][1]["dates_are_gmt"], ["true"])
        self.assertTrue(calls[0][2]["Authorization"].startswith("Basic "))
        self.assertNotIn("consumer_key", calls[0][1], "keys stay out of URLs when basic auth works")

    def test_woocommerce_falls_back_to_query_keys(self):
        server = self.serve("woocommerce", woocommerce_orders(1), strip_authorization=True)
        page = self.client("woocommerce", server).fetch_page(None)
        self.assertEqual(len(page.documents), 1)
        self.assertEqual(server.order_list_calls()[-1][1]["consumer_key"], [WOO_KEY])

    def test_prestashop_filter_and_embedded_parties(self):
        orders = prestashop_orders(3)
        server = self.serve("prestashop", orders)
        client = self.client("prestashop", server, page_size=2)
        pages = []
        token = None
        while True:
            page = client.fetch_page(datetime(2026, 11, 6, 9, 1), token)  # 10:01 in Paris
            pages.append(page)
            token = page.next_token
            if token is None:
                break
        self.assertEqual([len(page.documents) for page in pages], [2, 0])
        ids = [d.external_id for page in pages for d in page.documents]
        self.assertEqual(ids, ["302", "303"], "the order updated at 10:00 is left out")
        first = server.order_list_calls()[0][1]
        self.assertEqual(first["filter[date_upd]"], ["[2026-11-06 10:01:00,2999-12-31 23:59:59]"])
        self.assertEqual(first["date"], ["1"])
        self.assertEqual(first["display"], ["full"])
        self.assertEqual(first["output_format"], ["JSON"])
        self.assertEqual(first["sort"], ["[id_ASC]"])
        self.assertEqual(first["limit"], ["0,2"])
        # 303 names customer 7 and address 8 (302, a cancelled guest order, none).
        body = json.loads(pages[0].documents[1].body)
        self.assertEqual(body["_customer"]["email"], "paul.janssens@example.be")
        self.assertEqual(
            set(body["_customer"]),
            {"id", "firstname", "lastname", "email", "company", "siret", "is_guest"},
        )
        self.assertEqual(body["_address_delivery"]["city"], "Bruxelles")
        self.assertEqual(body["_address_invoice"]["id_country"], "3")
        order = get_adapter("prestashop", {"timezone": "Europe/Paris"}).parse(pages[0].documents[1])
        self.assertEqual(order.customer.email, "paul.janssens@example.be")
        self.assertEqual(order.shipping_address.country_code, "BE")
        self.assertFalse(order.warnings, "no placeholder customer: the client embedded it")

    def test_pulled_payloads_are_what_a_file_import_stores(self):
        """Every sample file of a platform, served by its API: the same payloads."""
        for platform in ("shopify", "woocommerce", "prestashop"):
            with self.subTest(platform=platform):
                adapter = get_adapter(platform, {"timezone": "Europe/Paris"})
                from_files = []
                for path in sorted((PAYLOADS / platform).iterdir()):
                    from_files += adapter.split(path.read_bytes(), path.name)
                by_id = {d.external_id: d for d in from_files}
                self.assertGreaterEqual(len(by_id), 3 if platform == "prestashop" else 9)
                server = self.serve(platform, [json.loads(d.body) for d in by_id.values()])
                client = self.client(platform, server, page_size=3)
                pulled, token = [], None
                while True:
                    page = client.fetch_page(None, token)
                    pulled += page.documents
                    token = page.next_token
                    if token is None:
                        break
                self.assertEqual(len(pulled), len(by_id))
                for document in pulled:
                    expected = by_id[document.external_id]
                    self.assertEqual(document.body, expected.body, document.external_id)
                    self.assertEqual(document.revision, expected.revision)
                    self.assertFalse(document.error)

    def test_failures_become_clear_errors(self):
        server = self.serve("shopify", shopify_orders(1))
        client = self.client(
            "shopify", server, timeout=0.5, sleep=lambda seconds: None, session=UnclampedSession()
        )
        server.fail(1, status=401, body={"errors": "[API] Invalid API key or access token"})
        with self.assertRaisesRegex(http.AuthError, "refused the credentials"):
            client.fetch_page(None)
        server.fail(2, status=403, body={"errors": "requires merchant approval for read_orders"})
        with self.assertRaisesRegex(http.AuthError, r"refused access \(HTTP 403\)"):
            client.fetch_page(None)
        server.fail(3, status=429, headers={"Retry-After": "120"})
        with self.assertRaises(http.TransientError) as caught:
            client.fetch_page(None)
        self.assertEqual(caught.exception.retry_after, 120)
        server.fail(4, status=503, headers={"Retry-After": "30"})
        with self.assertRaises(http.TransientError) as caught:
            client.fetch_page(None)
        self.assertEqual((caught.exception.status, caught.exception.retry_after), (503, 30))
        server.fail(5, status=0, delay=1.5)
        with self.assertRaisesRegex(http.TransientError, "did not answer within 0.5"):
            client.fetch_page(None)
        server.fail(6, status=404, body={"errors": "Not Found"})
        with self.assertRaises(http.ClientError):
            client.fetch_page(None)
        server.stop()
        with self.assertRaisesRegex(http.TransientError, "could not be reached"):
            client.fetch_page(None)

    def test_retry_after_in_seconds_or_as_a_date(self):
        now = datetime(2015, 10, 21, 7, 27, 30, tzinfo=UTC)
        parse = http.parse_retry_after
        self.assertEqual(parse("2.0"), 2.0)
        self.assertEqual(parse("120"), 120.0)
        self.assertEqual(parse("Wed, 21 Oct 2015 07:28:00 GMT", now=now), 30.0)
        self.assertEqual(parse(None), http.DEFAULT_RETRY_AFTER)
        self.assertEqual(parse("soon"), http.DEFAULT_RETRY_AFTER)

    def test_short_retry_after_is_waited_for(self):
        server = self.serve("shopify", shopify_orders(1))
        waits = []
        client = self.client("shopify", server, sleep=waits.append)
        server.fail(1, status=429, headers={"Retry-After": "2.0"})
        page = client.fetch_page(None)
        self.assertEqual(len(page.documents), 1)
        self.assertEqual(waits, [2.0])
        self.assertEqual(server.order_calls, 2)

    def test_secrets_never_logged_nor_shown(self):
        server = self.serve("woocommerce", woocommerce_orders(1), strip_authorization=True)
        client = self.client("woocommerce", server)
        server.fail(2, status=500, body={"message": f"bad key {WOO_KEY}"})
        with self.assertLogs("odoo.addons.ecom_connector", level="DEBUG") as logs:
            logging.getLogger("odoo.addons.ecom_connector").debug("start")
            with self.assertRaises(http.TransientError) as caught:
                client.fetch_page(None)
        text = "\n".join(logs.output) + str(caught.exception)
        self.assertIn("consumer_key=%2A%2A%2A", text)
        for secret in (WOO_KEY, WOO_SECRET):
            self.assertNotIn(secret, text)

    def test_credentials_only_over_https(self):
        adapter = get_adapter("shopify")
        client = get_pull_client("shopify", "http://shop.example.com", {"token": "t0ken"}, adapter)
        with self.assertRaisesRegex(http.ClientError, "only https:// addresses"):
            client.fetch_page(None)
        self.assertEqual(
            get_pull_client("shopify", "s.myshopify.com/", {}, adapter).orders_url,
            f"https://s.myshopify.com/admin/api/{API_VERSION}/orders.json",
        )


@tagged("post_install", "-at_install")
class TestPullJobs(PullCase):
    """The pull job: inbox first, cursor after, failures stop or retry."""

    def test_pull_stores_imports_and_moves_the_cursor(self):
        for platform in ("shopify", "woocommerce", "prestashop"):
            with self.subTest(platform=platform):
                orders = ORDERS[platform](5)
                server = self.serve(platform, orders)
                shop = self.make_shop(platform, server)
                before = fields.Datetime.now()
                run, _trap = self.pull(shop)
                self.assertEqual(run.state, "done", run.error)
                self.assertEqual(
                    (run.page_count, run.fetched_count, run.new_count, run.duplicate_count),
                    (3, 5, 5, 0),
                )
                payloads = self.env["ecom.payload"].search([("shop_id", "=", shop.id)])
                self.assertEqual(set(payloads.mapped("source")), {"pull"})
                # Imported, some held for a person (as from a file): none failed.
                self.assertLessEqual(
                    set(payloads.mapped("state")), {"done", "held"}, payloads.mapped("error")
                )
                sale_orders = self.orders_of(shop)
                self.assertEqual(
                    sorted(sale_orders.mapped("ecom_external_id")),
                    sorted(str(o["id"]) for o in orders),
                )
                self.assertFalse(
                    sale_orders.filtered("ecom_total_difference"), "to the cent, as from a file"
                )
                self.assertIn("sale", sale_orders.mapped("state"))
                # The cursor: the shop's clock at the start, less the margin.
                margin = timedelta(minutes=5)
                self.assertGreaterEqual(shop.sync_cursor, before - margin - timedelta(seconds=2))
                self.assertLessEqual(shop.sync_cursor, fields.Datetime.now() - margin)
                self.assertFalse(shop.sync_resume)
                self.assertEqual(shop.sync_state, "ok")
                self.assertEqual(shop.sync_run_count, 1)

    def test_failure_on_page_3_resumes_without_gap_or_duplicate(self):
        orders = woocommerce_orders(9)
        server, shop = self.served_shop("woocommerce", orders)
        server.fail(3, status=502, headers={"Retry-After": "45"})
        run = shop._ecom_start_pull("manual")
        with trap_jobs() as trap:
            shop._ecom_pull(run)
            # Pages 1 and 2 are stored and queued for import, the cursor has not moved,
            # and the pull goes on at page 3 in the time the shop asked for.
            self.assertEqual((run.page_count, run.new_count), (2, 4))
            self.assertEqual(shop.sync_resume["token"], 3)
            self.assertFalse(shop.sync_cursor)
            self.assertEqual(run.state, "running")
            self.assertIn("HTTP 502", run.error)
            self.assertIn("45 seconds", run.error)
            pulls = [job for job in trap.enqueued_jobs if job.method_name == "_ecom_pull"]
            self.assertEqual(len(pulls), 1)
            wait = pulls[0].eta - datetime.now()
            self.assertTrue(timedelta(seconds=40) < wait <= timedelta(seconds=45), wait)
            trap.assert_enqueued_job(
                shop._ecom_pull, args=(run,), properties={"identity_key": identity_exact}
            )
            while trap.enqueued_jobs:
                trap.perform_enqueued_jobs()
        pages = [call[1]["page"][0] for call in server.order_list_calls()]
        self.assertEqual(pages, ["1", "2", "3", "3", "4", "5"], "went on at page 3")
        self.assertEqual(run.state, "done")
        self.assertEqual((run.page_count, run.fetched_count, run.new_count), (5, 9, 9))
        payloads = self.env["ecom.payload"].search([("shop_id", "=", shop.id)])
        self.assertEqual(len(payloads), 9)
        self.assertEqual(
            sorted(self.orders_of(shop).mapped("ecom_external_id")),
            sorted(str(o["id"]) for o in orders),
            "every order once: no gap, no duplicate",
        )
        self.assertTrue(shop.sync_cursor)

    def test_failure_before_any_page_retries_the_job(self):
        server, shop = self.served_shop("shopify", shopify_orders(3))
        run = shop._ecom_start_pull("manual")
        server.fail(1, status=429, headers={"Retry-After": "120"})
        with self.assertRaises(RetryableJobError) as caught:
            shop._ecom_pull(run)
        self.assertEqual(caught.exception.seconds, 120)
        server.fail(2, status=500)
        with self.assertRaises(RetryableJobError) as caught:
            shop._ecom_pull(run)
        self.assertEqual(caught.exception.seconds, 60)
        self.assertFalse(self.env["ecom.payload"].search([("shop_id", "=", shop.id)]))
        self.assertEqual(run.state, "running")
        # The retried job does the work.
        with trap_jobs() as trap:
            shop._ecom_pull(run)
            trap.perform_enqueued_jobs()
        self.assertEqual(run.state, "done")
        self.assertEqual(len(self.orders_of(shop)), 3)

    def unreachable_shop(self, url="http://127.0.0.1:9"):
        """A shop whose address refuses connections (nothing listens there)."""
        shop = self.create_shop(
            "shopify",
            "PULL-DOWN",
            name="Boutique Muette",
            api_url=url,
            sync_enabled=True,
            **CREDENTIALS["shopify"],
        )
        return shop.with_context(ecom_pull_page_size=2, ecom_pull_timeout=2)

    def perform_pull_job(self, shop, run, attempts_before=0):
        """Run the pull job as queue_job does: its stored retry count, its job_uuid."""
        job = Job.load(self.env, shop.with_delay()._ecom_pull(run).uuid)
        job.retry = attempts_before
        job.store()
        return Job.load(self.env, job.uuid).perform()

    def test_an_unreachable_shop_is_said_on_the_run_while_the_job_retries(self):
        # The message is committed apart from the job's transaction: let it see the run.
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        shop = self.unreachable_shop()
        run = shop._ecom_start_pull("manual")
        # (Not assertRaises: it rolls its block back, as queue_job rolls the job back.)
        try:
            self.perform_pull_job(shop, run)
        except RetryableJobError as error:
            self.assertIn("could not be reached", str(error))
        else:
            self.fail("the job did not ask for a retry")
        run.invalidate_recordset()
        self.assertEqual(run.state, "running")
        self.assertIn("127.0.0.1", run.error)
        self.assertRegex(run.error, r"Retrying in \d+ s, attempt 2 of 5\.$")
        # The last attempt ends the run, saying why, instead of "Max. retries reached".
        self.perform_pull_job(shop, run, attempts_before=4)
        run.invalidate_recordset()
        self.assertEqual(run.state, "failed")
        self.assertIn("127.0.0.1", run.error.splitlines()[-1])

    def test_an_unknown_host_fails_the_pull_at_once(self):
        shop = self.unreachable_shop("https://ecom-test-shop.invalid")
        run = shop._ecom_start_pull("cron")

        def resolve_for_real(session, request, **kwargs):
            # Odoo's tests block requests to other hosts before any name lookup.
            return _super_send(session, request, **kwargs)

        with patch.object(type(self), "_request_handler", staticmethod(resolve_for_real)):
            shop._ecom_pull(run)  # no RetryableJobError: retrying cannot help
        self.assertEqual(run.state, "failed")
        self.assertIn("ecom-test-shop.invalid", run.error)
        self.assertFalse(shop.sync_enabled)
        self.assertEqual(shop.sync_state, "error")
        self.assertIn("Check the shop's address", shop.sync_message)

    def test_webhooks_of_an_unreachable_shop_are_not_said_refused(self):
        shop = self.create_shop(
            "woocommerce", "HOOK-DOWN", api_url="http://127.0.0.1:9", **CREDENTIALS["woocommerce"]
        )
        with self.assertRaisesRegex(UserError, "could not be registered, the shop did not answer"):
            shop.action_register_webhooks()

    def test_expired_cursor_reads_the_window_again(self):
        orders = shopify_orders(5)
        _server, shop = self.served_shop("shopify", orders)
        run = shop._ecom_start_pull("manual")
        with trap_jobs() as trap:
            shop._ecom_pull(run, max_pages=1)
            self.assertEqual(run.new_count, 2)
            self.assertTrue(shop.sync_resume["token"])
            # Days later the cursor Shopify gave has expired.
            shop.sync_resume = dict(shop.sync_resume, token="expired")
            shop._ecom_pull(run)
            while trap.enqueued_jobs:
                trap.perform_enqueued_jobs()
        self.assertEqual(run.state, "done")
        self.assertIn("starts its window again", run.error)
        self.assertEqual((run.fetched_count, run.new_count, run.duplicate_count), (7, 5, 2))
        self.assertEqual(len(self.orders_of(shop)), 5)

    def test_pull_runs_stay_in_their_company(self):
        _server, shop = self.served_shop("shopify", shopify_orders(1))
        run, _trap = self.pull(shop)
        other = self.env["res.company"].create({"name": "Autre Boutique SAS"})
        user = self.env["res.users"].create(
            {
                "name": "Vendeur autre société",
                "login": "other-company-seller",
                "company_id": other.id,
                "company_ids": [Command.set(other.ids)],
                "groups_id": [Command.set(self.env.ref("ecom_connector.group_ecom_manager").ids)],
            }
        )
        Run = self.env["ecom.sync.run"].with_user(user)
        self.assertFalse(Run.search([("id", "=", run.id)]))
        self.assertEqual(self.env["ecom.sync.run"].search([("id", "=", run.id)]), run)

    def test_refused_credentials_stop_the_import(self):
        _server, shop = self.served_shop(
            "prestashop", prestashop_orders(2), api_key="WRONGKEY", sync_enabled=True
        )
        run = shop._ecom_start_pull("cron")
        shop._ecom_pull(run)
        self.assertEqual(run.state, "failed")
        self.assertIn("HTTP 401", run.error)
        self.assertFalse(shop.sync_enabled)
        self.assertEqual(shop.sync_state, "auth_error")
        self.assertIn("refused the connector's credentials", shop.sync_message)
        self.assertIn("Connection tab", shop.message_ids[0].body)
        self.assertNotIn("WRONGKEY", shop.sync_message)
        self.assertFalse(self.env["ecom.payload"].search([("shop_id", "=", shop.id)]))
        # Fixing the key and switching the import on clears the problem.
        shop.write({"api_key": PRESTA_KEY, "sync_enabled": True})
        self.assertEqual(shop.sync_state, "ok")
        self.assertFalse(shop.sync_message)
        run, _trap = self.pull(shop)
        self.assertEqual(run.state, "done")
        self.assertEqual(len(self.orders_of(shop)), 2)

    def test_same_order_fetched_twice_gives_one_sale_order(self):
        orders = shopify_orders(3)
        server, shop = self.served_shop("shopify", orders)
        first, _trap = self.pull(shop)
        self.assertEqual(first.new_count, 3)
        # An overlapping window: the same orders again.
        again, _trap = self.pull(shop, since=datetime(2026, 11, 1))
        self.assertEqual(again.state, "done")
        self.assertEqual((again.fetched_count, again.new_count, again.duplicate_count), (3, 0, 3))
        self.assertEqual(len(self.env["ecom.payload"].search([("shop_id", "=", shop.id)])), 3)
        self.assertEqual(len(self.orders_of(shop)), 3)
        # The shop updates one order: the next pull brings it, the sale order follows.
        now = datetime.utcnow().replace(microsecond=0)
        orders[1].update(updated_at=now.isoformat() + "Z", note="Livrer après 18h")
        server.orders = orders
        third, _trap = self.pull(shop)
        self.assertEqual((third.fetched_count, third.new_count), (1, 1))
        sale_orders = self.orders_of(shop)
        self.assertEqual(len(sale_orders), 3)
        updated = sale_orders.filtered(lambda so: so.ecom_external_id == str(orders[1]["id"]))
        self.assertIn("Livrer après 18h", updated.ecom_note or "")
        # The same revision with a different body (a field Shopify changes without
        # touching updated_at) is not stored again either.
        orders[1]["tags"] = "vip"
        fourth, _trap = self.pull(shop, since=now - timedelta(minutes=1))
        self.assertEqual((fourth.new_count, fourth.duplicate_count), (0, 1))
        self.assertEqual(len(self.orders_of(shop)), 3)

    def test_payload_already_received_by_webhook_is_a_duplicate(self):
        orders = shopify_orders(2)
        _server, shop = self.served_shop("shopify", orders)
        documents = get_adapter("shopify").split(json.dumps({"order": orders[0]}).encode())
        self.env["ecom.payload"]._ecom_store(shop, documents, "webhook")._ecom_process()
        run, _trap = self.pull(shop)
        self.assertEqual((run.fetched_count, run.new_count, run.duplicate_count), (2, 1, 1))
        self.assertEqual(len(self.orders_of(shop)), 2)

    def test_unidentified_order_fails_alone(self):
        orders = woocommerce_orders(3)
        orders[1]["id"] = None
        _server, shop = self.served_shop("woocommerce", orders, page_size=10)
        run, _trap = self.pull(shop)
        self.assertEqual(run.state, "done")
        self.assertEqual((run.fetched_count, run.new_count), (3, 3))
        self.assertIn("could not be identified", run.error)
        failed = self.env["ecom.payload"].search(
            [("shop_id", "=", shop.id), ("state", "=", "failed")]
        )
        self.assertEqual(len(failed), 1)
        self.assertIn("no order id", failed.error)
        self.assertEqual(len(self.orders_of(shop)), 2)


@tagged("post_install", "-at_install")
class TestPullScheduling(PullCase):
    """The cron, the Import Now button and the command line."""

    def test_cron_queues_due_shops_once(self):
        server = self.serve("shopify", shopify_orders(1))
        due = self.make_shop("shopify", server, sync_enabled=True)
        recent = self.make_shop("woocommerce", server, sync_enabled=True, sync_interval=60)
        recent.sync_last_at = fields.Datetime.now() - timedelta(minutes=10)
        self.make_shop("prestashop", server)  # automatic import off
        self.env["ecom.shop"]._cron_pull()
        jobs = self.pull_jobs()
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.records, due)
        self.assertEqual(jobs.channel, "root.ecom")
        run = due.sync_run_ids
        self.assertEqual((run.state, run.trigger), ("running", "cron"))
        # Due again, but its pull is still queued: nothing more.
        due.sync_last_at = fields.Datetime.now() - timedelta(hours=1)
        self.env["ecom.shop"]._cron_pull()
        self.assertEqual(len(self.pull_jobs()), 1)
        self.assertTrue(due._ecom_pull_job_alive(run))
        # Its job is cancelled: the run is closed as failed at once, with why, and
        # the next cron queues a new pull.
        jobs.state = "cancelled"
        self.assertEqual(run.state, "failed")
        self.assertIn("The pull's job was cancelled.", run.error)
        self.env["ecom.shop"]._cron_pull()
        self.assertEqual(len(due.sync_run_ids), 2)
        # A job that fails after its last retry closes its run with the job's error.
        second = due.sync_run_ids.filtered(lambda r: r.state == "running")
        self.pull_jobs(due).filtered(lambda j: j.state == "pending").write(
            {"state": "failed", "exc_message": "HTTP 503 from the shop"}
        )
        self.assertEqual(second.state, "failed")
        self.assertIn("failed after its retries: HTTP 503 from the shop", second.error)
        # A job gone without a trace (deleted): the next pull notices and closes it.
        due.sync_last_at = fields.Datetime.now() - timedelta(hours=1)
        self.env["ecom.shop"]._cron_pull()
        third = due.sync_run_ids.filtered(lambda r: r.state == "running")
        self.pull_jobs(due).filtered(lambda j: j.state == "pending").unlink()
        due.sync_last_at = fields.Datetime.now() - timedelta(hours=1)
        self.env["ecom.shop"]._cron_pull()
        self.assertEqual(third.state, "failed")
        self.assertIn("stopped before its end", third.error)

    def test_import_now(self):
        _server, shop = self.served_shop("shopify", shopify_orders(2))
        with trap_jobs() as trap:
            shop.action_pull_now()
            trap.assert_jobs_count(1, only=shop._ecom_pull)
            while trap.enqueued_jobs:
                trap.perform_enqueued_jobs()
        self.assertEqual(len(self.orders_of(shop)), 2)
        # Clicked twice while the first pull waits in the queue: one pull.
        shop.action_pull_now()
        action = shop.action_pull_now()
        self.assertIn("already under way", action["params"]["message"])
        self.assertEqual(shop.sync_run_count, 2)
        self.assertEqual(len(self.pull_jobs(shop)), 1)
        csv_shop = self.env["ecom.shop"].create({"name": "CSV", "code": "CSV1", "platform": "csv"})
        with self.assertRaisesRegex(UserError, "no API"):
            csv_shop.action_pull_now()
        shop.api_url = False
        with self.assertRaisesRegex(UserError, "no Shop URL"):
            shop.action_pull_now()

    def test_command_line_pull_imports_synchronously(self):
        orders = prestashop_orders(3)
        server, shop = self.served_shop("prestashop", orders)
        server.fail(2, status=500)
        lines = []
        run = shop._ecom_pull_now(progress=lines.append)
        report = run._ecom_report()
        self.assertEqual(report["state"], "failed")
        self.assertEqual((report["pages"], report["fetched"], report["new"]), (1, 2, 2))
        self.assertIn("Run the pull again", report["errors"][-1])
        self.assertEqual(len(self.orders_of(shop)), 2, "imported without a job runner")
        run = shop._ecom_pull_now()
        report = run._ecom_report()
        self.assertEqual(report["state"], "done")
        self.assertEqual((report["pages"], report["new"], report["duplicates"]), (1, 1, 0))
        self.assertEqual(len(self.orders_of(shop)), 3)
        run = shop._ecom_pull_now(since=datetime(2026, 11, 1))
        report = run._ecom_report()
        self.assertEqual((report["fetched"], report["new"], report["duplicates"]), (3, 0, 3))
        self.assertEqual(report["since"], "2026-11-01 00:00:00")

    def test_command_line_shop_add_and_pull(self):
        orders = woocommerce_orders(3)
        server = self.serve("woocommerce", orders)
        command = Ecom()
        parser = command._parser()
        add = ["shop", "-d", "db", "add", "--code", "CLI1", "--platform", "woocommerce"]
        with self.assertRaises(SystemExit) as refused:
            command._cmd_shop(self.env, parser.parse_args([*add, "--url", server.url]))
        self.assertIn("--key and --secret", str(refused.exception))
        args = [*add, "--url", "https://old.example.com", "--key", WOO_KEY, "--secret", WOO_SECRET]
        created = command._cmd_shop(self.env, parser.parse_args(args))
        self.assertEqual(created["credentials"], ["api_key", "api_secret"])
        self.assertNotIn(WOO_SECRET, json.dumps(created))
        # The same code again updates that shop (its keys stay).
        updated = command._cmd_shop(
            self.env, parser.parse_args([*add, "--url", server.url, "--sync"])
        )
        shop = self.env["ecom.shop"].search([("code", "=", "CLI1")])
        self.assertEqual(len(shop), 1)
        self.assertEqual((updated["url"], updated["automatic_import"]), (server.url, True))
        self.assertEqual(shop.api_secret, WOO_SECRET)
        # What the command does, without its commits (the test's transaction stays whole).
        report = command._pull(
            self.env, parser.parse_args(["pull", "--shop", "CLI1", "--since", "2026-11-01"])
        )
        self.assertEqual(report["state"], "done")
        self.assertEqual(
            (report["pages"], report["fetched"], report["new"], report["duplicates"]), (1, 3, 3, 0)
        )
        self.assertEqual(report["since"], "2026-11-01 00:00:00")
        self.assertEqual(len(self.orders_of(shop)), 3)
        with self.assertRaises(SystemExit):
            command._pull(self.env, parser.parse_args(["pull", "--shop", "NOPE"]))

    def test_command_line_status(self):
        _server, shop = self.served_shop("shopify", shopify_orders(2), sync_enabled=True)
        shop._ecom_pull_now()
        broken = dict(shopify_order(order_id=3001))
        del broken["id"]
        self.import_orders(broken, shop=shop)
        idle = self.env["ecom.shop"].create({"name": "Export", "code": "ZZCSV", "platform": "csv"})
        command = Ecom()
        parser = command._parser()
        document = command._cmd_status(self.env, parser.parse_args(["status", "--json"]))
        by_code = {entry["code"]: entry for entry in document["shops"]}
        entry = by_code[shop.code]
        self.assertEqual((entry["platform"], entry["automatic_import"]), ("shopify", True))
        self.assertEqual(entry["last_pull"]["state"], "done")
        self.assertEqual(
            entry["last_pull"]["started_at"],
            fields.Datetime.to_string(shop.sync_run_ids.started_at),
        )
        self.assertEqual(entry["payloads"]["done"], 2)
        self.assertEqual(entry["payloads"]["failed"], 1)
        self.assertEqual(entry["payloads"]["new"], 0)
        idle_entry = by_code["ZZCSV"]
        self.assertIsNone(idle_entry["last_pull"])
        self.assertFalse(idle_entry["automatic_import"])
        self.assertEqual(set(idle_entry["payloads"].values()), {0})
        json.dumps(document)  # what the command prints
        # One shop, as a table.
        with contextlib.redirect_stdout(io.StringIO()) as out:
            result = command._cmd_status(self.env, parser.parse_args(["status", "--shop", "ZZCSV"]))
        self.assertIsNone(result)
        header, line = out.getvalue().splitlines()
        self.assertEqual(header.split()[:6], ["shop", "name", "platform", "auto", "last", "pull"])
        self.assertEqual(line.split()[:6], ["ZZCSV", "Export", "csv", "off", "never", "none"])
        with self.assertRaises(SystemExit):
            command._cmd_status(self.env, parser.parse_args(["status", "--shop", "NOPE"]))
        self.assertTrue(idle.exists())


@tagged("post_install", "-at_install")
class TestPullFrench(FrenchMixin, EcomCase):
    """The pull's screens and messages in French."""

    def test_labels_and_messages_in_french(self):
        env_fr = self.env_fr
        self.assertEqual(field_label(env_fr, "ecom.shop", "sync_enabled"), "Import automatique")
        self.assertEqual(field_label(env_fr, "ecom.sync.run", "duplicate_count"), "Doublons")
        self.assertEqual(env_fr.ref("ecom_connector.ecom_sync_run_menu").name, "Récupérations")
        states = selection_labels(env_fr, "ecom.shop", "sync_state")
        self.assertEqual(states["auth_error"], "Identifiants refusés")
        csv_shop = self.env["ecom.shop"].create({"name": "CSV", "code": "CSVFR", "platform": "csv"})
        with self.assertRaisesRegex(UserError, "n'a pas d'API"):
            csv_shop.with_context(lang="fr_FR").action_pull_now()


@tagged("post_install", "-at_install")
class TestConnectionTest(PullCase):
    """The Test Connection button says what the shop answered."""

    def test_the_shop_answers(self):
        _server, shop = self.served_shop("shopify", shopify_orders(1))
        notification = shop.action_test_connection()["params"]
        self.assertEqual(notification["type"], "success")
        self.assertIn("connection and credentials work", notification["message"])

    def test_refused_credentials_are_said_and_a_manual_pull_says_to_click_again(self):
        _server, shop = self.served_shop("prestashop", prestashop_orders(1), api_key="WRONGKEY")
        notification = shop.action_test_connection()["params"]
        self.assertEqual((notification["type"], notification["sticky"]), ("danger", True))
        self.assertIn("did not answer as expected", notification["message"])
        self.assertIn("401", notification["message"])
        self.assertNotIn("WRONGKEY", notification["message"])
        # Automatic import was never on: the way back is the button, not the switch.
        run = shop._ecom_start_pull("manual")
        shop._ecom_pull(run)
        self.assertIn("then click Import Now again.", shop.sync_message)
        self.assertNotIn("Automatic Import", shop.sync_message)
