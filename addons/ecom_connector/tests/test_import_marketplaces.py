# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Amazon and Mirakl orders into Odoo: files, the settlement report, FBA, and the pull
against local stand-ins of their APIs (tests/amazon_server.py, tests/mirakl_server.py)."""

import base64
import copy
import json
from datetime import datetime

from odoo.tests import tagged
from odoo.tools import file_open

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from ..adapters import get_adapter
from ..cli.ecom import Ecom
from ..clients import get_pull_client
from ..clients.http import ClientError
from ..platforms.amazon import client as amazon_client
from .amazon_server import (
    LWA_CLIENT_ID,
    LWA_CLIENT_SECRET,
    LWA_REFRESH_TOKEN,
    AmazonServer,
    amazon_orders,
)
from .common import PAYLOADS, EcomCase, FrenchMixin, field_label, selection_labels
from .mirakl_server import MIRAKL_KEY, MiraklServer

FR_MARKETPLACE = "A13V1IB3VIYZZH"


def amazon_sample_orders(count):
    """``count`` importable orders made from the sample's two (ids and dates apart)."""
    samples = [
        order
        for order in amazon_orders(PAYLOADS / "amazon" / "orders.json")
        if order["OrderStatus"] != "Pending"
    ]
    orders = []
    for n in range(count):
        order = copy.deepcopy(samples[n % len(samples)])
        order["AmazonOrderId"] = f"408-0000000-{1000 + n:07d}"
        order["LastUpdateDate"] = f"2026-11-05T10:{n:02d}:00Z"
        for index, item in enumerate(order["OrderItems"]):
            item["OrderItemId"] = f"{n}{index}"
        orders.append(order)
    return orders


def mirakl_sample_orders():
    return json.loads((PAYLOADS / "mirakl" / "orders.json").read_text())["orders"]


class MarketplaceCase(EcomCase):
    def orders_of(self, shop):
        return self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])

    def pull(self, shop, since=None):
        """Start a run and perform its job, and every job it queues."""
        run = shop._ecom_start_pull("manual", since=since)
        with trap_jobs() as trap:
            shop._ecom_pull(run)
            while trap.enqueued_jobs:
                trap.perform_enqueued_jobs()
        return run

    def receive(self, shop, name):
        path = PAYLOADS / shop.platform / name
        payloads = shop._ecom_receive_file(path.read_bytes(), name)
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        return payloads


@tagged("post_install", "-at_install")
class TestAmazonImport(MarketplaceCase):
    def setUp(self):
        super().setUp()
        # Access tokens bought in another test were for another stand-in.
        amazon_client._TOKENS.clear()

    def test_settlement_report_from_the_command_line_once(self):
        command = Ecom()
        parser = command._parser()
        path = PAYLOADS / "amazon" / "settlement.txt"
        args = parser.parse_args(["import", "--shop", "AMZFR", "--platform", "amazon", str(path)])
        # What the command does, without its commits (the test's transaction stays whole).
        shop = command._import_shop(self.env, args)
        self.assertFalse(shop.amazon_fba_warehouse_id)
        report = self.env["ecom.payload"]._ecom_cli_import(shop, args.files, lambda _m: None)
        self.assertEqual((report["received"], report["imported"]), (2, 2))
        fba = self.order_of("405-1111111-1111111", shop)
        mfn = self.order_of("405-2222222-2222222", shop)
        self.assertFalse(self.order_of("405-3333333-3333333", shop), "a refund is no order")
        self.assertEqual((fba.amount_total, mfn.amount_total), (19.99, 27.9))
        self.assertEqual((fba.amount_tax, mfn.amount_tax), (3.33, 4.65))
        # FBA orders leave from the Amazon FBA warehouse, made on first use.
        warehouse = shop.amazon_fba_warehouse_id
        self.assertEqual((warehouse.name, warehouse.code), ("Amazon FBA", "FBA"))
        self.assertEqual(warehouse.company_id, shop.company_id)
        self.assertEqual(fba.warehouse_id, warehouse)
        self.assertEqual(mfn.warehouse_id, shop._ecom_warehouse())
        self.assertNotEqual(mfn.warehouse_id, warehouse)
        # One anonymous customer for the marketplace's buyers.
        self.assertEqual(fba.partner_id, mfn.partner_id)
        self.assertEqual(fba.partner_id.name, "Amazon customer (amazon.fr)")
        self.assertFalse(fba.partner_id.email)
        self.assertFalse(fba.partner_id.ecom_placeholder)
        self.assertFalse(fba.ecom_hold_reason_ids)
        self.assertEqual(
            mfn.order_line.filtered(lambda line: not line.is_delivery).mapped("ecom_sku"),
            ["MUG-ROUGE"],
        )
        # The same file again creates nothing.
        orders = self.orders_of(shop)
        again = self.env["ecom.payload"]._ecom_cli_import(shop, args.files, lambda _m: None)
        self.assertEqual(again["imported"], 0)
        self.assertEqual(self.orders_of(shop), orders)
        self.assertEqual(
            self.env["stock.warehouse"].search_count(
                [("code", "=", "FBA"), ("company_id", "=", shop.company_id.id)]
            ),
            1,
        )
        # A second marketplace account of the company takes the same FBA warehouse.
        other = self.create_shop("amazon", "AMZDE")
        self.assertEqual(other._amazon_fba_warehouse(), warehouse)

    def test_api_orders_file_b2b_and_fba(self):
        shop = self.create_shop("amazon", "AMZAPI", confirm_orders=True)
        payloads = self.receive(shop, "orders.json")
        self.assertEqual(payloads.mapped("state"), ["done", "done"], "Pending waits")
        consumer = self.order_of("408-1234567-1234567", shop)
        self.assertEqual(consumer.amount_total, 52.38)
        self.assertEqual(consumer.ecom_customer_kind, "b2c")
        self.assertEqual(consumer.partner_id.email, "7xq2kd9m3vlp4rt@marketplace.amazon.fr")
        self.assertEqual(consumer.warehouse_id, shop._ecom_warehouse())
        business = self.order_of("171-7654321-7654321", shop)
        self.assertEqual(business.ecom_customer_kind, "b2b")
        self.assertEqual(business.partner_id.commercial_partner_id.vat, "FR44732829320")
        self.assertEqual(business.warehouse_id, shop.amazon_fba_warehouse_id)
        self.assertEqual(business.amount_total, 60.0)

    # ------------------------------------------------------------ the pull

    def amazon_shop(self, server, code="AMZPULL", **vals):
        defaults = {
            "api_url": server.url,
            "api_key": LWA_CLIENT_ID,
            "api_secret": LWA_CLIENT_SECRET,
            "access_token": LWA_REFRESH_TOKEN,
            "amazon_marketplace_id": FR_MARKETPLACE,
        }
        shop = self.create_shop("amazon", code, **{**defaults, **vals})
        return shop.with_context(ecom_pull_page_size=2, ecom_pull_timeout=2)

    def serve(self, orders, **options):
        server = AmazonServer(orders, **options).start()
        self.addCleanup(server.stop)
        return server

    def test_pull_pages_items_and_token_refresh(self):
        orders = amazon_sample_orders(5)
        server = self.serve(orders, items_page_size=1)
        shop = self.amazon_shop(server)
        run = self.pull(shop)
        self.assertEqual(run.state, "done", run.error)
        self.assertEqual((run.page_count, run.new_count), (3, 5))
        self.assertEqual(
            sorted(self.orders_of(shop).mapped("ecom_external_id")),
            sorted(order["AmazonOrderId"] for order in orders),
        )
        pages = [call for call in server.calls if call[1] == "/orders/v0/orders"]
        first = pages[0]
        self.assertEqual(first[2]["MarketplaceIds"], FR_MARKETPLACE)
        self.assertEqual(first[2]["CreatedAfter"], "2010-01-01T00:00:00Z")
        self.assertEqual(first[2]["MaxResultsPerPage"], "2")
        self.assertEqual([bool(call[2].get("NextToken")) for call in pages], [False, True, True])
        # Two items of an order on two getOrderItems pages.
        items_calls = [call for call in server.calls if call[1].endswith("/orderItems")]
        self.assertTrue(any(call[2].get("NextToken") for call in items_calls))
        mfn = self.order_of(orders[0]["AmazonOrderId"], shop)
        self.assertEqual(len(mfn.order_line.filtered(lambda line: not line.is_delivery)), 2)
        self.assertEqual(server.issued, 1, "one access token for the whole pull")
        headers = first[3]
        self.assertTrue(headers.get("x-amz-access-token", "").startswith("Atza|"))
        # An hour later: the token expired, the client buys a new one and goes on.
        server.expire_tokens()
        server.orders[0]["LastUpdateDate"] = "2026-11-06T08:00:00Z"
        server.orders[0]["OrderStatus"] = "Shipped"
        run = self.pull(shop, since=datetime(2026, 11, 6))
        self.assertEqual(run.state, "done")
        self.assertEqual(server.issued, 2)
        self.assertEqual(
            self.order_of(orders[0]["AmazonOrderId"], shop).ecom_fulfillment_status, "fulfilled"
        )

    def test_pull_rate_limited_retries_the_job(self):
        server = self.serve(amazon_sample_orders(2))
        shop = self.amazon_shop(server)
        run = shop._ecom_start_pull("manual")
        server.throttle = 1
        with self.assertRaises(RetryableJobError) as caught:
            shop._ecom_pull(run)
        # x-amzn-RateLimit-Limit 0.0167 requests a second: a minute.
        self.assertEqual(caught.exception.seconds, 60)
        self.assertIn("429", str(caught.exception))
        self.assertEqual(run.state, "running")
        with trap_jobs() as trap:
            shop._ecom_pull(run)
            trap.perform_enqueued_jobs()
        self.assertEqual(run.state, "done")
        self.assertEqual(len(self.orders_of(shop)), 2)
        self.assertEqual(amazon_client.rate_limit_wait({"x-amzn-RateLimit-Limit": "0.5"}), 2.0)
        self.assertIsNone(amazon_client.rate_limit_wait({}))

    def test_refused_credentials_stop_the_pull_clearly(self):
        server = self.serve(amazon_sample_orders(1))
        shop = self.amazon_shop(server, api_secret="amzn1.oa2-cs.v1.wrong")
        run = self.pull(shop)
        self.assertEqual(run.state, "failed")
        self.assertIn("Login with Amazon refused the shop's credentials (HTTP 401)", run.error)
        self.assertEqual(shop.sync_state, "auth_error")
        self.assertIn("Login with Amazon refused", shop.sync_message)
        self.assertNotIn("wrong", shop.sync_message)
        # Credentials Amazon takes, for an app without the Orders role: 403.
        server.deny = True
        shop = self.amazon_shop(server, code="AMZDENY")
        run = self.pull(shop)
        self.assertEqual(run.state, "failed")
        self.assertIn("Amazon refused access to the orders", run.error)
        self.assertEqual(shop.sync_state, "auth_error")
        self.assertFalse(self.orders_of(shop))

    def test_amazon_is_called_at_its_own_hosts_only(self):
        shop = self.create_shop("amazon", "AMZHOST", amazon_region="eu")
        amazon = get_adapter("amazon", shop._ecom_adapter_options())
        client = get_pull_client("amazon", "", {}, amazon)
        self.assertEqual(client.base_url, "https://sellingpartnerapi-eu.amazon.com")
        self.assertEqual(client.token_url, "https://api.amazon.com/auth/o2/token")
        with self.assertRaisesRegex(ClientError, "Amazon is called at its own addresses only"):
            get_pull_client("amazon", "https://sellingpartner.example.com", {}, amazon)
        # From the command line: no URL, the app's and the seller's credentials.
        command = Ecom()
        add = ["shop", "add", "--code", "AMZCLI", "--platform", "amazon", "--url", ""]
        creds = ["--key", LWA_CLIENT_ID, "--secret", LWA_CLIENT_SECRET]
        with self.assertRaises(SystemExit) as refused:
            command._cmd_shop(self.env, command._parser().parse_args([*add, *creds]))
        self.assertIn("--token", str(refused.exception))
        created = command._cmd_shop(
            self.env, command._parser().parse_args([*add, *creds, "--token", LWA_REFRESH_TOKEN])
        )
        self.assertEqual(created["credentials"], ["access_token", "api_key", "api_secret"])


@tagged("post_install", "-at_install")
class TestMiraklImport(MarketplaceCase):
    def serve(self, orders):
        server = MiraklServer(orders).start()
        self.addCleanup(server.stop)
        return server

    def mirakl_shop(self, server, code="MKPULL", **vals):
        defaults = {"api_url": server.url, "api_key": MIRAKL_KEY, "mirakl_operator": "Fnac-Darty"}
        shop = self.create_shop("mirakl", code, **{**defaults, **vals})
        return shop.with_context(ecom_pull_page_size=2, ecom_pull_timeout=2)

    def test_orders_file(self):
        shop = self.create_shop("mirakl", "MKFILE", mirakl_operator="Boulanger")
        payloads = self.receive(shop, "orders.json")
        self.assertEqual(len(payloads), 3, "the order waiting for acceptance waits")
        order = self.order_of("F1001-A", shop)
        self.assertEqual(order.amount_total, 44.88)
        self.assertEqual(order.amount_tax, 7.48)
        self.assertEqual(order.partner_id.name, "Jeanne Martin")
        self.assertEqual(self.order_of("F1002-A", shop).amount_total, 10.0)
        self.assertTrue(self.order_of("F1004-A", shop).ecom_cancelled_at)
        self.assertFalse(self.order_of("F1003-A", shop))

    def test_a_buyer_is_one_partner_per_shop_by_its_mirakl_customer_id(self):
        """Mirakl gives no buyer's email (at most an anonymized relay address, which may
        change): the buyer is found again by ``customer.customer_id``, per shop."""
        orders = mirakl_sample_orders()
        again = copy.deepcopy(orders[0])  # C-77881 again, through another relay address
        again.update(order_id="F1005-A", customer_notification_email="f1005-9zz1@relay.example")
        orders.append(again)
        shop = self.create_shop("mirakl", "MKBUY", mirakl_operator="Fnac-Darty")
        payloads = shop._ecom_receive_file(json.dumps({"orders": orders}).encode(), "o.json")
        payloads._ecom_process()
        jeanne = self.order_of("F1001-A", shop).partner_id
        paul = self.order_of("F1002-A", shop).partner_id
        self.assertEqual(self.order_of("F1005-A", shop).partner_id, jeanne)
        self.assertEqual(self.order_of("F1004-A", shop).partner_id, paul, "no email at all")
        self.assertNotEqual(jeanne, paul)
        self.assertEqual(
            (jeanne.ref, paul.ref),
            ("ecom:MKBUY:customer-id:C-77881", "ecom:MKBUY:customer-id:C-99120"),
        )
        self.assertEqual(paul.name, "Paul Girard")
        # A later batch finds them too; another operator's C-99120 is someone else.
        later = copy.deepcopy(orders[1])
        later.update(order_id="F1006-A", last_updated_date="2026-11-09T08:00:00Z")
        self.import_orders(later, shop=shop)
        self.assertEqual(self.order_of("F1006-A", shop).partner_id, paul)
        other = self.create_shop("mirakl", "MKBOUL", mirakl_operator="Boulanger")
        self.import_orders(later, shop=other)
        self.assertNotEqual(self.order_of("F1006-A", other).partner_id, paul)
        self.assertEqual(
            self.env["res.partner"].search_count([("ref", "=like", "ecom:MKBUY:customer-id:%")]),
            2,
        )

    def test_pull_pages_states_and_refused_key(self):
        orders = mirakl_sample_orders()
        for n in range(3):
            extra = copy.deepcopy(orders[0])
            extra["order_id"] = f"F20{n}-A"
            extra["created_date"] = f"2026-11-07T10:0{n}:00Z"
            extra["last_updated_date"] = f"2026-11-07T10:0{n}:00Z"
            orders.append(extra)
        server = self.serve(orders)
        shop = self.mirakl_shop(server, mirakl_shop_id="2010")
        run = self.pull(shop)
        self.assertEqual(run.state, "done")
        # 6 orders the connector imports, 2 a page; F1003-A waits for acceptance.
        self.assertEqual((run.page_count, run.new_count), (3, 6))
        self.assertFalse(self.order_of("F1003-A", shop))
        self.assertEqual(self.order_of("F201-A", shop).amount_total, 44.88)
        path, params, headers = server.calls[0]
        self.assertEqual(path, "/api/orders")
        self.assertEqual(headers["Authorization"], MIRAKL_KEY)
        self.assertEqual((params["max"], params["offset"], params["shop_id"]), ("2", "0", "2010"))
        self.assertNotIn("WAITING_ACCEPTANCE", params["order_state_codes"])
        self.assertEqual([call[1]["offset"] for call in server.calls], ["0", "2", "4"])
        # Accepted and paid since: the next pull takes it.
        waiting = next(o for o in server.orders if o["order_id"] == "F1003-A")
        waiting.update(order_state="SHIPPING", last_updated_date="2026-11-08T09:00:00Z")
        waiting["order_lines"][0]["order_line_state"] = "SHIPPING"
        run = self.pull(shop, since=datetime(2026, 11, 8))
        self.assertEqual(run.state, "done")
        self.assertEqual(self.order_of("F1003-A", shop).amount_total, 19.99)
        self.assertTrue(server.calls[-1][1]["start_update_date"])
        # A wrong key: 401, the automatic import stops and says why.
        refused = self.mirakl_shop(server, code="MKBAD", api_key="not-the-key")
        run = self.pull(refused)
        self.assertEqual(run.state, "failed")
        self.assertEqual(refused.sync_state, "auth_error")
        self.assertIn("HTTP 401", refused.sync_message)

    def test_command_line_pull(self):
        server = self.serve(mirakl_sample_orders())
        command = Ecom()
        parser = command._parser()
        add = ["shop", "add", "--code", "MKCLI", "--platform", "mirakl", "--url", server.url]
        created = command._cmd_shop(self.env, parser.parse_args([*add, "--key", MIRAKL_KEY]))
        self.assertEqual(created["credentials"], ["api_key"])
        report = command._pull(self.env, parser.parse_args(["pull", "--shop", "MKCLI"]))
        self.assertEqual((report["state"], report["new"]), ("done", 3))


@tagged("post_install", "-at_install")
class TestMarketplaceScreens(EcomCase):
    def test_connect_assistant_and_shop_form_ask_the_marketplace_settings(self):
        wizard = self.env["ecom.shop.connect"].create(
            {
                "name": "Amazon France",
                "platform": "amazon",
                "api_key": LWA_CLIENT_ID,
                "api_secret": LWA_CLIENT_SECRET,
                "access_token": LWA_REFRESH_TOKEN,
                "amazon_marketplace_id": FR_MARKETPLACE,
            }
        )
        shop = wizard._ecom_save_shop()
        self.assertEqual(
            (shop.platform, shop.amazon_region, shop.amazon_marketplace_id, shop.access_token),
            ("amazon", "eu", FR_MARKETPLACE, LWA_REFRESH_TOKEN),
        )
        self.assertFalse(wizard.access_token, "the assistant forgets the credentials")
        mirakl = (
            self.env["ecom.shop.connect"]
            .create({"name": "Fnac", "platform": "mirakl", "mirakl_operator": "Fnac-Darty"})
            ._ecom_save_shop()
        )
        self.assertEqual(mirakl.mirakl_operator, "Fnac-Darty")
        form = self.env["ecom.shop"].get_views([(False, "form")])["views"]["form"]["arch"]
        for name in ("amazon_marketplace_id", "amazon_fba_warehouse_id", "mirakl_operator"):
            self.assertIn(f'name="{name}"', form)
        self.assertIn("LWA Client ID", form)

    def test_the_import_wizard_sample_of_each_marketplace_makes_orders(self):
        for platform in ("amazon", "mirakl"):
            with self.subTest(platform=platform):
                shop = self.create_shop(platform, f"SAMPLE-{platform}".upper())
                wizard = self.env["ecom.import.wizard"].new({"shop_id": shop.id})
                url = wizard.sample_url
                self.assertTrue(url.startswith("/ecom_connector/static/samples/"), url)
                with file_open(url.lstrip("/"), "rb") as sample:
                    content = sample.read()
                wizard = self.env["ecom.import.wizard"].create(
                    {
                        "shop_id": shop.id,
                        "file": base64.b64encode(content),
                        "filename": url.rsplit("/", 1)[1],
                    }
                )
                wizard.action_import()
                orders = self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])
                self.assertEqual(len(orders), 2 if platform == "amazon" else 3, wizard.summary)
                self.assertFalse(
                    wizard.payload_ids.filtered(lambda p: p.state == "failed").mapped("error")
                )


@tagged("post_install", "-at_install")
class TestMarketplacesFrench(FrenchMixin, EcomCase):
    def test_labels_messages_and_the_anonymous_customer_in_french(self):
        self.assertEqual(
            field_label(self.env_fr, "ecom.shop", "amazon_marketplace_id"),
            "ID de la place de marché Amazon",
        )
        self.assertEqual(
            field_label(self.env_fr, "ecom.shop", "amazon_fba_warehouse_id"), "Entrepôt FBA"
        )
        platforms = selection_labels(self.env_fr, "ecom.shop", "platform")
        self.assertEqual(platforms["mirakl"], "Place de marché Mirakl")
        shop = self.create_shop("amazon", "AMZFRL").with_env(self.env_fr)
        content = (PAYLOADS / "amazon" / "settlement.txt").read_bytes()
        payloads = shop._ecom_receive_file(content, "settlement.txt")
        payloads._ecom_process()
        order = self.order_of("405-1111111-1111111", shop)
        self.assertEqual(order.partner_id.name, "Client Amazon (amazon.fr)")
        server = AmazonServer([]).start()
        self.addCleanup(server.stop)
        shop.write({"api_url": server.url, "amazon_marketplace_id": FR_MARKETPLACE})
        success, message = shop._ecom_test_connection()
        self.assertFalse(success)
        self.assertIn("Amazon demande l'ID client et le secret client", message)
