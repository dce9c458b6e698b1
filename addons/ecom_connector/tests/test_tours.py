# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The main screens driven in a real browser (Odoo's tours, in Chromium)."""

import json
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from .common import EcomCase, RoleUsersMixin, french_env, shopify_order
from .pull_server import SHOPIFY_TOKEN, FakeShopServer
from .test_pull import shopify_orders


@tagged("post_install", "-at_install")
class TestAdminTour(HttpCase):
    def test_admin_connects_a_shop_and_maps_a_tax(self):
        company = self.env.company
        group = self.env["account.tax.group"].create(
            {"name": "TVA", "company_id": company.id, "country_id": company.country_id.id}
        )
        tax = self.env["account.tax"].create(
            {
                "name": "Tour TVA 5.5",
                "amount": 5.5,
                "type_tax_use": "sale",
                "tax_group_id": group.id,
                "company_id": company.id,
            }
        )
        # The stand-in of Shopify's API the assistant connects to.
        server = FakeShopServer("shopify", shopify_orders(3)).start()
        self.addCleanup(server.stop)
        tour = json.dumps({"url": server.url, "token": SHOPIFY_TOKEN})
        # No job runner in tests: the first pull and its imports run at once,
        # so that the assistant shows them done.
        Shop = type(self.env["ecom.shop"])

        def pull_now(shop, run, eta=None):
            shop.with_context(queue_job__no_delay=True)._ecom_pull(run)

        with patch.object(Shop, "_ecom_queue_pull", pull_now):
            self.start_tour(
                "/odoo/action-ecom_connector.ecom_shop_action",
                "ecom_admin_shop_tour",
                login="admin",
                code=f"window.ecomTour = {tour}; odoo.startTour('ecom_admin_shop_tour', "
                "{stepDelay: 0, keepWatchBrowser: false, debug: false, "
                "startUrl: '/odoo/action-ecom_connector.ecom_shop_action'})",
            )
        shop = self.env["ecom.shop"].search([("code", "=", "TOUR")])
        self.assertEqual((shop.name, shop.platform), ("Boutique Tour", "shopify"))
        self.assertEqual(shop.sudo().access_token, SHOPIFY_TOKEN)
        # November 1st at midnight in the browser's time zone.
        start = shop.import_start_date
        self.assertLessEqual(abs(start - datetime(2026, 11, 1)), timedelta(hours=14), start)
        self.assertEqual(shop.tax_map_ids.tax_id, tax)
        self.assertEqual(shop.tax_map_ids.rate, 5.5)
        # The first import brought the shop's three orders (held: their products are new).
        run = shop.sync_run_ids
        self.assertEqual((run.trigger, run.state, run.progress), ("manual", "done", 100.0))
        orders = self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])
        self.assertEqual(len(orders), 3)
        self.assertEqual((run.imported_count, run.held_count), (3, 3))


@tagged("post_install", "-at_install")
class TestStaffTour(RoleUsersMixin, HttpCase, EcomCase):
    roles = ("user",)

    def test_staff_reprocess_a_held_order_from_the_dashboard(self):
        self.shop.unknown_product_policy = "hold"
        (payload,) = self.import_orders(
            shopify_order(order_id=7201, lines=(("TOUR-SKU", "Tour", 1, "30.00", "0", "20"),))
        )
        order = payload.sale_order_id
        self.assertEqual(payload.state, "held")
        self.env["product.product"].create({"name": "Tour", "default_code": "TOUR-SKU"})
        self.start_tour(
            "/odoo/action-ecom_connector.ecom_shop_dashboard_action",
            "ecom_staff_held_order_tour",
            login=self.user.login,
        )
        self.assertEqual((payload.state, order.state), ("done", "sale"))
        self.assertFalse(order.ecom_hold_reason_ids)


@tagged("post_install", "-at_install")
class TestStaffTourInFrench(RoleUsersMixin, HttpCase, EcomCase):
    roles = ("user",)

    def test_french_staff_reprocess_a_held_order(self):
        french_env(self.env, "ecom_connector", "ecom_accounting_rules", "sale", "web")
        self.user.lang = "fr_FR"
        self.shop.unknown_product_policy = "hold"
        (payload,) = self.import_orders(
            shopify_order(order_id=7211, lines=(("TOUR-SKU", "Tour", 1, "30.00", "0", "20"),))
        )
        self.env["product.product"].create({"name": "Tour", "default_code": "TOUR-SKU"})
        self.start_tour(
            "/odoo/action-ecom_connector.ecom_shop_dashboard_action",
            "ecom_staff_held_order_fr_tour",
            login=self.user.login,
        )
        self.assertEqual((payload.state, payload.sale_order_id.state), ("done", "sale"))


# A local address where nothing listens: the connection is refused at once. (The
# outbound checks may ask odoo.conf to allow loopback shop addresses: one place.)
UNREACHABLE_URL = "http://127.0.0.1:9"


def tour_code(tour, values):
    """``start_tour``'s arguments that give ``tour`` ``values`` as ``window.ecomTour``.

    The tour's triggers read them when its steps are made, which Odoo does
    when it checks the tour is ready: they are set there, before.
    """
    options = {"stepDelay": 0, "keepWatchBrowser": False, "debug": False}
    given = f"window.ecomTour = {json.dumps(values)}"
    return {
        "ready": f"({given}, odoo.isTourReady({tour!r}))",
        "code": f"{given}; odoo.startTour({tour!r}, {json.dumps(options)})",
    }


@tagged("post_install", "-at_install")
class TestWhenSomethingGoesWrongTours(RoleUsersMixin, HttpCase, EcomCase):
    """The paths where something goes wrong, in English and in French."""

    roles = ("user",)

    def in_french(self, user):
        """``user`` reads French, in a French company (whose records are in French)."""
        french_env(self.env, "ecom_connector", "ecom_accounting_rules", "sale", "web")
        user.lang = "fr_FR"
        user.company_id.partner_id.lang = "fr_FR"

    def map_and_reprocess(self, order_id, said):
        self.shop.unknown_product_policy = "hold"
        (payload,) = self.import_orders(
            shopify_order(
                order_id=order_id, lines=(("TOUR-MAP", "Casquette", 1, "30.00", "0", "20"),)
            )
        )
        order = payload.sale_order_id
        self.env["product.product"].create({"name": "Casquette Tour"})
        url = f"/odoo/action-ecom_connector.sale_order_ecom_action/{order.id}"
        self.start_tour(
            url,
            "ecom_map_reprocess_tour",
            login=self.user.login,
            **tour_code("ecom_map_reprocess_tour", {"said": said}),
        )
        self.assertEqual((payload.state, order.state), ("done", "sale"))
        mapping = self.env["ecom.product.map"].search([("sku", "=", "TOUR-MAP")])
        self.assertEqual(mapping.product_id.name, "Casquette Tour")

    def test_map_and_reprocess_from_a_held_order(self):
        self.map_and_reprocess(
            7231, ["TOUR-MAP mapped: 1 held order reprocessed", "1 order imported."]
        )

    def test_map_and_reprocess_from_a_held_order_in_french(self):
        self.in_french(self.user)
        self.map_and_reprocess(
            7232, ["TOUR-MAP associé : 1 commande bloquée retraitée", "1 commande importée."]
        )

    def connect_unreachable(self, words):
        admin = self.env.ref("base.user_admin")
        self.start_tour(
            "/odoo/action-ecom_connector.ecom_shop_action",
            "ecom_connect_unreachable_tour",
            login=admin.login,
            **tour_code(
                "ecom_connect_unreachable_tour",
                {**words, "url": UNREACHABLE_URL, "host": "127.0.0.1"},
            ),
        )
        shop = self.env["ecom.shop"].search([("name", "=", "Boutique Muette")])
        self.assertEqual(shop.api_url, UNREACHABLE_URL)
        # Nothing started: no pull, no job.
        self.assertFalse(shop.sync_run_ids)
        jobs = self.env["queue.job"].search([("method_name", "=", "_ecom_pull")])
        self.assertFalse(jobs.filtered(lambda job: job.records == shop))

    def test_connect_a_shop_that_does_not_answer(self):
        self.connect_unreachable(
            {
                "menu": "Web Shops",
                "connect": "Connect a Shop",
                "untested": "has not been tested yet",
                "refused": "Finish needs a working connection",
            }
        )

    def test_connect_a_shop_that_does_not_answer_in_french(self):
        self.in_french(self.env.ref("base.user_admin"))
        self.connect_unreachable(
            {
                "menu": "Boutiques en ligne",
                "connect": "Connecter une boutique",
                "untested": "pas encore été testée",
                "refused": "Terminer demande une connexion qui fonctionne",
            }
        )

    def import_a_file(self, words):
        # New customers come with the orders: staff with Odoo's default Contact Creation.
        self.user.groups_id |= self.env.ref("base.group_partner_manager")
        # And a pricelist in the orders' currency, as a shop selling in euros has.
        self.env["product.pricelist"].create(
            {"name": "Tarif public", "currency_id": self.env.ref("base.EUR").id}
        )
        self.shop.unknown_product_policy = "hold"
        self.env["product.product"].create({"name": "T-shirt M", "default_code": "TSHIRT-M"})
        orders = [
            shopify_order(order_id=1097),
            shopify_order(
                order_id=1098, lines=(("SKU-NOUVEAU", "Nouveau", 1, "30.00", "0", "20"),)
            ),
            shopify_order(order_id=1099, currency="XYZ"),
        ]
        self.start_tour(
            "/odoo/action-ecom_connector.ecom_shop_dashboard_action",
            "ecom_import_file_tour",
            login=self.user.login,
            **tour_code("ecom_import_file_tour", {**words, "file": json.dumps({"orders": orders})}),
        )
        payloads = self.env["ecom.payload"].search([("shop_id", "=", self.shop.id)])
        self.assertEqual(
            sorted(payloads.mapped(lambda p: (p.shop_reference, p.state))),
            [("#1097", "done"), ("#1098", "held"), ("#1099", "failed")],
        )

    def test_import_a_file_with_a_held_and_a_failed_order(self):
        self.import_a_file(
            {
                "summary": "3 orders received",
                "held": "1 held for review",
                "currency": "Unknown currency XYZ",
            }
        )

    def test_import_a_file_with_a_held_and_a_failed_order_in_french(self):
        self.in_french(self.user)
        self.import_a_file(
            {
                "summary": "3 commandes reçues",
                "held": "1 bloquée pour contrôle",
                "currency": "Devise inconnue XYZ",
            }
        )
