# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The webhook endpoint, driven through Odoo's HTTP stack."""

import http.client
import json
from urllib.parse import urlsplit

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged
from odoo.tools.misc import file_path

from odoo.addons.queue_job.tests.common import trap_jobs

from ..adapters.webhook import sign
from ..const import WEBHOOK_MAX_BYTES
from .common import EcomCase, company_user, shopify_order

SECRET = "s3cr3t-webhook-key"


@tagged("post_install", "-at_install")
class TestWebhookEndpoint(EcomCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop.webhook_secret = SECRET
        cls.woo = cls.env["ecom.shop"].create(
            {
                "name": "Woo Test",
                "code": "WOO",
                "platform": "woocommerce",
                "unknown_product_policy": "create",
                "webhook_secret": SECRET,
            }
        )

    def post(self, shop, body, headers=None):
        url = f"/ecom/webhook/{shop if isinstance(shop, int) else shop.id}"
        # The server thread reads the database: show it our changes, then
        # forget what we cached before it wrote.
        self.env.flush_all()
        response = self.url_open(url, data=body, headers=headers or {})
        self.env.invalidate_all()
        return response

    def shopify_post(self, body, topic="orders/create", delivery="d-1", secret=SECRET, shop=None):
        headers = {
            "Content-Type": "application/json",
            "X-Shopify-Topic": topic,
            "X-Shopify-Webhook-Id": delivery,
            "X-Shopify-Hmac-Sha256": sign(body, secret),
        }
        return self.post(shop or self.shop, body, headers)

    def woo_post(self, body, topic="order.updated", delivery="w-1"):
        headers = {
            "Content-Type": "application/json",
            "X-WC-Webhook-Topic": topic,
            "X-WC-Webhook-Delivery-ID": delivery,
            "X-WC-Webhook-Signature": sign(body, SECRET),
            "X-WC-Webhook-Source": "https://woo.example.com/",
        }
        return self.post(self.woo, body, headers)

    def run_jobs(self, trap):
        """Run the trapped jobs here, as their user: the request that queued them is over."""
        for job in trap.enqueued_jobs:
            records = self.env(user=job.user_id)[job.model_name].browse(job.recordset.ids)
            getattr(records, job.method_name)(*job.args, **job.kwargs)

    def payloads(self, shop=None):
        return self.env["ecom.payload"].search([("shop_id", "=", (shop or self.shop).id)])

    def last_event(self):
        return self.env["ecom.webhook.event"].search([], limit=1)

    def events(self, **values):
        domain = [(name, "=", value) for name, value in values.items()]
        return self.env["ecom.webhook.event"].search(domain)

    # ------------------------------------------------------------ accepted

    def test_valid_delivery_is_stored_queued_and_imported(self):
        body = json.dumps(shopify_order(order_id=7001)).encode()
        with trap_jobs() as trap:
            # Stored at the first try: no query refused by a read-only cursor, no rerun.
            with self.assertNoLogs("odoo.sql_db", "ERROR"):
                response = self.shopify_post(body, delivery="a1b2c3")
            self.assertEqual(response.status_code, 200)
            payload = self.payloads()
            self.assertEqual(len(payload), 1)
            self.assertRecordValues(
                payload,
                [
                    {
                        "source": "webhook",
                        "delivery_id": "a1b2c3",
                        "kind": "order",
                        "external_id": "7001",
                        "state": "queued",
                    }
                ],
            )
            self.assertEqual(json.loads(payload.body)["id"], 7001)
            # Answered before any import: the order waits for its job.
            self.assertFalse(self.order_of(7001))
            trap.assert_jobs_count(1)
            job = trap.enqueued_jobs[0]
            self.assertEqual(job.channel, "root.ecom")
            self.assertEqual(job.recordset.ids, payload.ids)
            self.assertEqual(job.method_name, "_ecom_process_batch")
            self.assertEqual(job.user_id, 1, "the job runs as the superuser, not the public user")
            self.run_jobs(trap)
        self.assertEqual(payload.state, "done")
        order = self.order_of(7001)
        self.assertEqual(order.amount_total, 55.20)  # (2 x 20.00 + 6.00 shipping) + 20 % VAT
        # The payload records the delivery: no trace of a stored call.
        self.assertFalse(self.events(shop_id=self.shop.id))
        self.assertEqual(self.shop.webhook_event_count, 0)
        self.assertEqual(self.shop.dashboard_last_webhook_at, payload.received_at)

    def test_replayed_delivery_stores_nothing_new(self):
        body = json.dumps(shopify_order(order_id=7002)).encode()
        with trap_jobs() as trap:
            self.assertEqual(self.shopify_post(body, delivery="same").status_code, 200)
            self.assertEqual(self.shopify_post(body, delivery="same").status_code, 200)
            trap.assert_jobs_count(1)
        payload = self.payloads()
        self.assertEqual(len(payload), 1)
        self.assertRecordValues(
            self.events(shop_id=self.shop.id),
            [{"reason": "duplicate", "status_code": 200, "call_count": 1, "delivery_id": "same"}],
        )
        # A new revision of the same order (another body) is a new payload.
        revised = json.dumps(
            shopify_order(order_id=7002, updated_at="2026-11-03T10:00:00+01:00")
        ).encode()
        with trap_jobs():
            self.assertEqual(self.shopify_post(revised, delivery="other").status_code, 200)
        self.assertEqual(len(self.payloads()), 2)

    def test_replayed_body_with_a_new_delivery_id_is_a_duplicate(self):
        """Whoever captured a signed body cannot store it again under a new delivery id."""
        body = json.dumps(shopify_order(order_id=7005)).encode()
        with trap_jobs() as trap:
            self.assertEqual(self.shopify_post(body, delivery="first").status_code, 200)
            for delivery in ("replay-1", "replay-2", "replay-3"):
                self.assertEqual(self.shopify_post(body, delivery=delivery).status_code, 200)
            trap.assert_jobs_count(1)
        payload = self.payloads()
        self.assertRecordValues(payload, [{"delivery_id": "first", "external_id": "7005"}])
        event = self.events(shop_id=self.shop.id)
        self.assertRecordValues(
            event, [{"reason": "duplicate", "call_count": 3, "delivery_id": "replay-1"}]
        )
        # The same body for another shop is that shop's own.
        other = self.create_shop("shopify", "OTHER", webhook_secret=SECRET)
        with trap_jobs():
            self.assertEqual(self.shopify_post(body, delivery="first", shop=other).status_code, 200)
        self.assertEqual(len(self.payloads(other)), 1)

    def test_cancellation_is_an_order_revision(self):
        order = shopify_order(
            order_id=7003,
            financial_status="voided",
            cancelled_at="2026-11-02T11:00:00+01:00",
            updated_at="2026-11-02T11:00:00+01:00",
        )
        with trap_jobs():
            response = self.shopify_post(json.dumps(order).encode(), topic="orders/cancelled")
        self.assertEqual(response.status_code, 200)
        self.assertRecordValues(self.payloads(), [{"kind": "order", "external_id": "7003"}])

    def test_refund_notice(self):
        with trap_jobs() as trap:
            self.shopify_post(json.dumps(shopify_order(order_id=7004)).encode(), delivery="o")
            self.run_jobs(trap)
        order = self.order_of(7004)
        self.assertTrue(order)
        refund = {"id": 990001, "order_id": 7004, "created_at": "2026-11-05T09:00:00Z"}
        with trap_jobs() as trap:
            response = self.shopify_post(
                json.dumps(refund).encode(), topic="refunds/create", delivery="r"
            )
            self.assertEqual(response.status_code, 200)
            self.run_jobs(trap)
        notice = self.payloads().filtered(lambda p: p.kind == "refund")
        self.assertRecordValues(
            notice,
            [{"external_id": "7004", "state": "skipped", "sale_order_id": order.id}],
        )
        self.assertIn("990001", notice.note)
        # The order was not rewritten by the refund notice.
        self.assertEqual(order.ecom_payload_id.kind, "order")

    def test_woocommerce_delivery_ping_and_ignored_topic(self):
        path = file_path("ecom_connector/tests/payloads/woocommerce/order_germany_b2c.json")
        with open(path, "rb") as sample:
            body = sample.read()
        with trap_jobs() as trap:
            self.assertEqual(self.woo_post(body).status_code, 200)
            trap.assert_jobs_count(1)
        self.assertRecordValues(
            self.payloads(self.woo),
            [{"external_id": "4524", "delivery_id": "w-1", "source": "webhook"}],
        )
        # The unsigned ping WooCommerce sends when the webhook is saved.
        response = self.post(
            self.woo,
            b"webhook_id=31",
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.last_event().reason, "ping")
        # A topic the connector does not take: acknowledged, nothing stored.
        self.assertEqual(
            self.woo_post(b'{"id": 4524}', topic="order.deleted", delivery="w-2").status_code,
            200,
        )
        self.assertEqual(self.last_event().reason, "topic_ignored")
        self.assertEqual(len(self.payloads(self.woo)), 1)

    # ------------------------------------------------------------ rejected

    def assert_rejected(self, response, status, reason, shop=None):
        self.assertEqual(response.status_code, status)
        self.assertFalse(self.payloads(shop), "a rejected call stores no payload")
        event = self.last_event()
        self.assertEqual(
            (event.status_code, event.status, event.reason), (status, "rejected", reason)
        )
        return event

    def test_bad_signature(self):
        body = json.dumps(shopify_order(order_id=7010)).encode()
        response = self.shopify_post(body, secret="not-the-secret")
        event = self.assert_rejected(response, 401, "bad_signature")
        self.assertEqual(event.shop_id, self.shop)
        self.assertEqual(event.topic, "orders/create")
        # Neither the body nor the secret is kept anywhere on the trace.
        values = json.dumps(event.read()[0], default=str)
        self.assertNotIn("7010", values)
        self.assertNotIn(SECRET, values)
        # No signature at all.
        response = self.post(self.shop, body, {"X-Shopify-Topic": "orders/create"})
        self.assert_rejected(response, 401, "bad_signature")

    def test_rejected_calls_are_counted_per_shop_and_minute(self):
        """A flood of forged calls is one trace and one log line, not one of each per call."""
        body = json.dumps(shopify_order(order_id=7017)).encode()
        trace_logger = "odoo.addons.ecom_connector.models.ecom_webhook_event"
        with (
            freeze_time("2026-12-07 10:00:00", tick=True),
            self.assertLogs(trace_logger, "WARNING") as logs,
        ):
            for number in range(50):
                response = self.shopify_post(body, delivery=f"f-{number}", secret="forged")
                self.assertEqual(response.status_code, 401)
            for number in range(50):
                response = self.shopify_post(body, delivery=f"u-{number}", shop=987654)
                self.assertEqual(response.status_code, 401)
        self.assertFalse(self.payloads())
        self.assertRecordValues(
            self.events(shop_id=self.shop.id),
            [
                {
                    "reason": "bad_signature",
                    "status_code": 401,
                    "call_count": 50,
                    "delivery_id": "f-0",
                    "company_id": self.company.id,
                }
            ],
        )
        unknown = self.events(shop_id=False)
        self.assertRecordValues(
            unknown,
            [{"reason": "unknown_shop", "call_count": 50, "detail": "Shop id 987654."}],
        )
        self.assertGreaterEqual(unknown.last_received_at, unknown.received_at)
        self.assertEqual(len(logs.records), 2, "one line per trace")
        self.assertEqual(self.shop.webhook_event_count, 50)
        # The next minute starts a trace of its own.
        with freeze_time("2026-12-07 10:01:10"), self.assertLogs(trace_logger, "WARNING"):
            self.shopify_post(body, delivery="f-next", secret="forged")
        self.assertEqual(
            self.events(shop_id=self.shop.id).mapped("call_count"), [1, 50], "newest first"
        )

    def test_unknown_and_unauthorised_shops_answer_the_same(self):
        body = json.dumps(shopify_order(order_id=7018)).encode()
        answers = {
            "unknown shop": self.shopify_post(body, shop=999999),
            "bad signature": self.shopify_post(body, secret="forged"),
            "no signature": self.post(self.shop, body, {"X-Shopify-Topic": "orders/create"}),
        }
        self.shop.active = False
        answers["archived shop"] = self.shopify_post(body)
        seen = {
            (answer.status_code, answer.text, answer.headers["Content-Type"])
            for answer in answers.values()
        }
        self.assertEqual(seen, {(401, "Unauthorized", "text/plain; charset=utf-8")})

    def test_changed_secret_is_used_at_once(self):
        """The endpoint reads the secret from a cache that a change of the shop empties."""
        Shop = self.env["ecom.shop"]
        self.assertEqual(Shop._ecom_webhook_settings(self.shop.id).secret, SECRET)
        with trap_jobs():
            response = self.shopify_post(json.dumps(shopify_order(order_id=7021)).encode())
        self.assertEqual(response.status_code, 200)
        self.shop.webhook_secret = "n3w-s3cr3t"
        self.assertEqual(Shop._ecom_webhook_settings(self.shop.id).secret, "n3w-s3cr3t")
        body = json.dumps(shopify_order(order_id=7022)).encode()
        response = self.shopify_post(body, delivery="d-2")  # the old secret
        self.assertEqual(response.status_code, 401)
        self.assertEqual(self.last_event().reason, "bad_signature")
        self.assertEqual(len(self.payloads()), 1)
        with trap_jobs():
            self.assertEqual(
                self.shopify_post(body, delivery="d-3", secret="n3w-s3cr3t").status_code, 200
            )
        # Archived: refused at once as well.
        self.shop.active = False
        self.assertIsNone(Shop._ecom_webhook_settings(self.shop.id))
        self.assertEqual(
            self.shopify_post(body, delivery="d-4", secret="n3w-s3cr3t").status_code, 401
        )

    def test_shop_without_secret_refuses_everything(self):
        self.shop.webhook_secret = False
        body = json.dumps(shopify_order(order_id=7011)).encode()
        # Even a body "signed" with an empty key.
        self.assert_rejected(self.shopify_post(body, secret=""), 401, "no_secret")

    def test_unknown_or_archived_shop(self):
        body = json.dumps(shopify_order(order_id=7012)).encode()
        event = self.assert_rejected(self.shopify_post(body, shop=999999), 401, "unknown_shop")
        self.assertFalse(event.shop_id)
        self.assertEqual(event.detail, "Shop id 999999.")
        self.shop.active = False
        self.assert_rejected(self.shopify_post(body), 401, "unknown_shop")
        # A platform without signed webhooks has no endpoint.
        csv_shop = self.env["ecom.shop"].create(
            {"name": "CSV", "code": "CSV", "platform": "csv", "webhook_secret": SECRET}
        )
        self.assertFalse(csv_shop.webhook_url)
        self.assert_rejected(self.shopify_post(body, shop=csv_shop), 401, "unknown_shop", csv_shop)

    def test_oversized_body(self):
        body = b'{"id": 7013, "note": "' + b"x" * WEBHOOK_MAX_BYTES + b'"}'
        event = self.assert_rejected(self.shopify_post(body), 413, "too_large")
        self.assertIn(str(len(body)), event.detail)

    def test_oversized_body_without_length_is_not_read_to_its_end(self):
        """A chunked body (no Content-Length) is refused once past the limit, unfinished."""
        status = send_unfinished_chunked_body(self, f"/ecom/webhook/{self.shop.id}")
        self.assertEqual(status, 413)
        self.env.invalidate_all()
        self.assertRecordValues(
            self.last_event(), [{"reason": "too_large", "shop_id": self.shop.id}]
        )
        self.assertFalse(self.payloads())

    def test_invalid_json(self):
        event = self.assert_rejected(self.shopify_post(b'{"id": 7014,'), 400, "bad_body")
        self.assertIn("not valid JSON", event.detail)
        # A list of orders is not what a webhook sends.
        body = json.dumps([shopify_order(order_id=7015), shopify_order(order_id=7016)]).encode()
        self.assert_rejected(self.shopify_post(body, delivery="d-2"), 400, "bad_body")

    def test_shop_of_another_company(self):
        other = self.env["res.company"].create({"name": "Autre Société"})
        shop_b = self.env["ecom.shop"].create(
            {
                "name": "B",
                "code": "B",
                "platform": "shopify",
                "company_id": other.id,
                "webhook_secret": SECRET,
            }
        )
        with trap_jobs():
            response = self.shopify_post(
                json.dumps(shopify_order(order_id=7020)).encode(), shop=shop_b
            )
        self.assertEqual(response.status_code, 200)
        payload = self.payloads(shop_b)
        self.assertEqual(payload.company_id, other)
        body = json.dumps(shopify_order(order_id=7023)).encode()
        self.assertEqual(self.shopify_post(body, shop=shop_b, secret="forged").status_code, 401)
        self.assertEqual(self.last_event().company_id, other)
        # A connector manager of the first company sees neither.
        manager = company_user(
            self.env, "ecom_manager_a", "ecom_connector.group_ecom_manager", self.company
        )
        env_a = self.env(user=manager)
        self.assertFalse(env_a["ecom.webhook.event"].search([("shop_id", "=", shop_b.id)]))
        self.assertFalse(env_a["ecom.payload"].search([("id", "=", payload.id)]))

    def test_webhook_url_on_the_shop(self):
        base = self.shop.get_base_url()
        self.assertEqual(self.shop.webhook_url, f"{base}/ecom/webhook/{self.shop.id}")
        self.assertEqual(self.woo.webhook_url, f"{base}/ecom/webhook/{self.woo.id}")


def send_unfinished_chunked_body(case, path, headers=None, timeout=30):
    """POST to ``path`` of ``case``'s server a chunked body longer than
    ``WEBHOOK_MAX_BYTES`` whose last chunk never comes, and return the status
    answered: a server reading bodies to their end waits for it, and this
    times out (``TimeoutError``).
    """
    case.env.flush_all()
    url = urlsplit(case.base_url())
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        connection.putrequest("POST", path)
        for name, value in {
            "Content-Type": "application/json",
            "Transfer-Encoding": "chunked",
            **(headers or {}),
        }.items():
            connection.putheader(name, value)
        connection.endheaders()
        chunk = b"x" * 65536
        for _number in range(WEBHOOK_MAX_BYTES // len(chunk) + 1):
            connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        # No terminating zero-length chunk: the body has no end.
        return connection.getresponse().status
    finally:
        connection.close()
