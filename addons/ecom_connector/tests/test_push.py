# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Back to the shop: webhook registration, stock levels and shipments.

Each test talks to a local HTTP server that answers as the platform's API
documents (tests/shop_api_server.py) and asserts the exact requests it got.
"""

import copy
import json

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.neutralize import get_neutralization_queries
from odoo.tests import new_test_user, tagged
from odoo.tools.misc import file_path

from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import EcomCase, field_label, french_env, selection_labels, shopify_order
from .mirakl_server import MIRAKL_KEY, MiraklServer
from .shop_api_server import (
    PRESTASHOP_KEY,
    SHOPIFY_TOKEN,
    WOO_KEY,
    WOO_SECRET,
    ShopApiServer,
)

API = "/admin/api/2026-01"
WOO = "/wp-json/wc/v3"
LOCATION = "655441491"


@tagged("post_install", "-at_install")
class TestPush(EcomCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.shop._ecom_warehouse()
        Product = cls.env["product.product"]
        cls.tshirt = Product.create(
            {"name": "T-shirt M", "default_code": "TSHIRT-M", "is_storable": True}
        )
        cls.mug = Product.create({"name": "Mug", "default_code": "MUG", "is_storable": True})
        cls.poster = Product.create(
            {"name": "Poster", "default_code": "POSTER", "is_storable": True}
        )
        cls.carrier = cls.env["delivery.carrier"].create(
            {
                "name": "Colissimo",
                "product_id": Product.create({"name": "Colissimo", "type": "service"}).id,
                "tracking_url": "https://www.laposte.fr/outils/suivre-vos-envois?code=<shipmenttrackingnumber>",
            }
        )

    def connect(self, shop, server):
        shop.write({"api_url": server.url, "active": True})
        if shop.platform == "shopify":
            shop.write({"access_token": SHOPIFY_TOKEN, "shopify_location_id": LOCATION})
        elif shop.platform == "prestashop":
            shop.write({"api_key": PRESTASHOP_KEY})
        else:
            shop.write({"api_key": WOO_KEY, "api_secret": WOO_SECRET})

    def woo_shop(self, **values):
        return self.create_shop("woocommerce", "WOO", name="Woo", **values)

    def set_stock(self, product, quantity):
        self.env["stock.quant"]._update_available_quantity(
            product, self.warehouse.lot_stock_id, quantity
        )

    def stock_jobs(self, shop):
        jobs = self.env["queue.job"].search(
            [
                ("model_name", "=", "ecom.shop"),
                ("method_name", "=", "_ecom_push_stock"),
                ("state", "=", "pending"),
            ]
        )
        return jobs.filtered(lambda job: job.records == shop)

    def marked(self, shop):
        return self.env["ecom.stock.mark"].search([("shop_id", "=", shop.id)]).product_id

    # ------------------------------------------------------------ webhooks

    def test_register_shopify_webhooks(self):
        with ShopApiServer("shopify") as server:
            self.connect(self.shop, server)
            with self.assertRaisesRegex(UserError, "client secret"):
                self.shop.action_register_webhooks()
            self.assertFalse(server.requests, "nothing is asked of the shop without a secret")
            self.shop.webhook_secret = "app-client-secret"
            self.shop.action_register_webhooks()
            url = self.shop.webhook_url
            self.assertEqual(
                server.writes(),
                [
                    (
                        "POST",
                        f"{API}/webhooks.json",
                        {},
                        {"webhook": {"topic": topic, "address": url, "format": "json"}},
                    )
                    for topic in (
                        "orders/create",
                        "orders/updated",
                        "orders/cancelled",
                        "refunds/create",
                    )
                ],
            )
            # Pressed again: nothing new.
            self.shop.action_register_webhooks()
            self.assertEqual(len(server.writes()), 4)
            ids = [hook["id"] for hook in server.webhooks]
            self.shop.action_unregister_webhooks()
            self.assertEqual(
                server.writes()[4:],
                [("DELETE", f"{API}/webhooks/{hook_id}.json", {}, None) for hook_id in ids],
            )
            self.assertFalse(server.webhooks)
        bodies = " ".join(self.shop.message_ids.mapped("body"))
        self.assertIn("Webhooks registered to", bodies)
        self.assertIn("4 webhooks to", bodies)

    def test_register_woocommerce_webhooks_with_a_new_secret(self):
        woo = self.woo_shop()
        with ShopApiServer("woocommerce") as server:
            self.connect(woo, server)
            woo.action_register_webhooks()
        secret = woo.webhook_secret
        self.assertGreaterEqual(len(secret), 32, "a strong secret was generated")
        self.assertEqual(
            server.writes(),
            [
                (
                    "POST",
                    f"{WOO}/webhooks",
                    {},
                    {
                        "name": f"Odoo {topic}",
                        "topic": topic,
                        "delivery_url": woo.webhook_url,
                        "secret": secret,
                        "status": "active",
                    },
                )
                for topic in ("order.created", "order.updated")
            ],
        )

    def test_only_managers_use_the_shop_credentials(self):
        clerk = new_test_user(self.env, "ecom_clerk", groups="ecom_connector.group_ecom_user")
        shop = self.shop.with_user(clerk)
        for action in (
            shop.action_register_webhooks,
            shop.action_unregister_webhooks,
            shop.action_push_all_stock,
        ):
            with self.assertRaises(AccessError):
                action()

    def test_refused_credentials_are_a_clear_error(self):
        with ShopApiServer("shopify") as server:
            self.connect(self.shop, server)
            self.shop.write({"access_token": "wrong", "webhook_secret": "app-client-secret"})
            with self.assertRaisesRegex(UserError, "refused the credentials"):
                self.shop.action_register_webhooks()

    # ------------------------------------------------------------ stock

    def test_stock_changes_are_grouped_in_one_job_per_shop(self):
        self.shop.push_stock = True
        self.set_stock(self.tshirt, 10)
        self.set_stock(self.mug, 3)
        self.env.cr.flush()  # the end of the transaction: changes go to the shops
        self.assertEqual(self.marked(self.shop), self.tshirt | self.mug)
        self.assertEqual(len(self.stock_jobs(self.shop)), 1)
        self.set_stock(self.tshirt, -1)
        self.env.cr.flush()
        self.assertEqual(len(self.stock_jobs(self.shop)), 1, "still one pending job (identity key)")
        # A product without SKU is nobody's business.
        self.set_stock(self.env["product.product"].create({"name": "x", "is_storable": True}), 5)
        self.env.cr.flush()
        self.assertEqual(self.marked(self.shop), self.tshirt | self.mug)
        # A shop that does not push stock gets nothing.
        woo = self.woo_shop()
        self.set_stock(self.poster, 1)
        self.env.cr.flush()
        self.assertFalse(self.marked(woo))
        self.assertFalse(self.stock_jobs(woo))

    def test_shopify_stock_push(self):
        self.shop.push_stock = True
        self.set_stock(self.tshirt, 10)
        self.set_stock(self.mug, 3)
        self.set_stock(self.poster, 2)
        # Two T-shirts reserved by an imported order: 8 are still free to sell.
        self.import_orders(shopify_order(order_id=7101))
        self.assertEqual(self.order_of(7101).picking_ids.state, "assigned")
        self.env.cr.flush()
        products = {
            "TSHIRT-M": {"product_id": 1, "variant_id": 11, "inventory_item_id": 111},
            "MUG": {"product_id": 2, "variant_id": 21, "inventory_item_id": 222},
        }
        with ShopApiServer("shopify", products=products) as server:
            self.connect(self.shop, server)
            note = self.shop._ecom_push_stock()
        self.assertEqual(
            server.requests[0][:3],
            ("GET", f"{API}/products.json", {"limit": "250", "fields": "id,variants"}),
        )
        self.assertEqual(
            sorted(server.writes(), key=lambda r: r[3]["inventory_item_id"]),
            [
                (
                    "POST",
                    f"{API}/inventory_levels/set.json",
                    {},
                    {"location_id": int(LOCATION), "inventory_item_id": 111, "available": 8},
                ),
                (
                    "POST",
                    f"{API}/inventory_levels/set.json",
                    {},
                    {"location_id": int(LOCATION), "inventory_item_id": 222, "available": 3},
                ),
            ],
        )
        self.assertEqual(note, "2 SKUs sent. Not found in the shop: POSTER.")
        self.assertEqual(self.shop.stock_push_note, note)
        self.assertFalse(self.marked(self.shop), "what was sent is no longer marked")
        # Nothing marked: the next job sends nothing.
        self.assertEqual(self.shop._ecom_push_stock(), "Nothing to send.")

    def test_woocommerce_stock_push_in_batches(self):
        woo = self.woo_shop(push_stock=True)
        self.set_stock(self.tshirt, 4)
        self.set_stock(self.mug, 7)
        self.env.cr.flush()
        products = {"TSHIRT-M": {"id": 31}, "MUG": {"id": 45, "parent_id": 40}}
        with ShopApiServer("woocommerce", products=products) as server:
            self.connect(woo, server)
            woo._ecom_push_stock()
        method, path, query, _body = server.requests[0]
        self.assertEqual((method, path), ("GET", f"{WOO}/products"))
        self.assertEqual(set(query["sku"].split(",")), {"TSHIRT-M", "MUG"})
        self.assertEqual(
            server.writes(),
            [
                (
                    "POST",
                    f"{WOO}/products/batch",
                    {},
                    {"update": [{"id": 31, "manage_stock": True, "stock_quantity": 4}]},
                ),
                (
                    "POST",
                    f"{WOO}/products/40/variations/batch",
                    {},
                    {"update": [{"id": 45, "manage_stock": True, "stock_quantity": 7}]},
                ),
            ],
        )

    def test_send_all_stock_marks_the_company_products_with_a_sku(self):
        self.shop.push_stock = True
        other = self.env["res.company"].create({"name": "Autre Société"})
        foreign = self.env["product.product"].create(
            {"name": "Other", "default_code": "OTHER", "is_storable": True, "company_id": other.id}
        )
        no_sku = self.env["product.product"].create({"name": "No SKU", "is_storable": True})
        self.shop.action_push_all_stock()
        marked = self.marked(self.shop)
        self.assertFalse((self.tshirt | self.mug | self.poster) - marked)
        self.assertNotIn(foreign, marked)
        self.assertNotIn(no_sku, marked)
        self.assertEqual(len(self.stock_jobs(self.shop)), 1)

    def test_live_buttons_name_the_platforms_that_have_them(self):
        presta = self.env["ecom.shop"].create(
            {"name": "Presta", "code": "PRESTA", "platform": "prestashop", "push_stock": True}
        )
        presta.action_push_all_stock()
        self.assertEqual(len(self.stock_jobs(presta)), 1)
        with self.assertRaisesRegex(UserError, r"^Presta: only Shopify, WooCommerce shops can"):
            presta.action_register_webhooks()
        csv_shop = self.env["ecom.shop"].create(
            {"name": "Export", "code": "EXPORT", "platform": "csv"}
        )
        with self.assertRaisesRegex(
            UserError,
            r"^Export: only Shopify, WooCommerce, PrestaShop, Magento 2 / Adobe Commerce, Amazon "
            r"shops can do this\.$",
        ):
            csv_shop.action_push_all_stock()

    def test_marks_without_sku_are_dropped_without_a_call(self):
        self.shop.push_stock = True
        self.set_stock(self.tshirt, 1)
        self.env.cr.flush()
        self.tshirt.default_code = False
        with ShopApiServer("shopify") as server:
            self.connect(self.shop, server)
            self.assertEqual(self.shop._ecom_push_stock(), "Nothing to send.")
        self.assertFalse(server.requests)
        self.assertFalse(self.marked(self.shop))

    def test_shopify_location_is_a_number(self):
        with self.assertRaisesRegex(ValidationError, "is a number"):
            self.shop.shopify_location_id = "gid://shopify/Location/655441491"
        self.shop.shopify_location_id = LOCATION

    def test_shopify_push_needs_a_location(self):
        self.shop.push_stock = True
        self.set_stock(self.tshirt, 1)
        self.env.cr.flush()
        with ShopApiServer("shopify") as server:
            self.connect(self.shop, server)
            self.shop.shopify_location_id = False
            with self.assertRaisesRegex(UserError, "Shopify location ID"):
                self.shop._ecom_push_stock()
            self.assertFalse(server.requests)
        self.assertEqual(self.marked(self.shop), self.tshirt, "kept for the next try")

    # ------------------------------------------------------------ shipments

    def ship(self, order, tracking="6A12345678901"):
        picking = order.picking_ids
        picking.write({"carrier_id": self.carrier.id, "carrier_tracking_ref": tracking})
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        with trap_jobs() as trap:
            picking.button_validate()
            self.assertEqual(picking.state, "done")
            trap.assert_jobs_count(1, only=picking._ecom_push_shipment)
        return picking

    def test_shopify_shipment(self):
        self.shop.push_shipments = True
        self.set_stock(self.tshirt, 10)
        self.import_orders(shopify_order(order_id=7201))
        order = self.order_of(7201)
        picking = self.ship(order)
        fulfillment_orders = {
            "7201": [
                {
                    "id": 1046000778,
                    "status": "open",
                    "line_items": [
                        {
                            "id": 1025578633,
                            "line_item_id": 720101,
                            "quantity": 2,
                            "fulfillable_quantity": 2,
                        }
                    ],
                },
                {"id": 1046000779, "status": "closed", "line_items": []},
            ]
        }
        with ShopApiServer("shopify", fulfillment_orders=fulfillment_orders) as server:
            self.connect(self.shop, server)
            picking._ecom_push_shipment()
            picking._ecom_push_shipment()  # a job run twice tells the shop once
        self.assertEqual(
            server.requests[0][:2], ("GET", f"{API}/orders/7201/fulfillment_orders.json")
        )
        self.assertEqual(
            server.writes(),
            [
                (
                    "POST",
                    f"{API}/fulfillments.json",
                    {},
                    {
                        "fulfillment": {
                            "line_items_by_fulfillment_order": [
                                {
                                    "fulfillment_order_id": 1046000778,
                                    "fulfillment_order_line_items": [
                                        {"id": 1025578633, "quantity": 2}
                                    ],
                                }
                            ],
                            "tracking_info": {
                                "number": "6A12345678901",
                                "company": "Colissimo",
                                "url": "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901",
                            },
                            "notify_customer": True,
                        }
                    },
                )
            ],
        )
        self.assertTrue(picking.ecom_shipped_at)
        self.assertIn("6A12345678901", picking.message_ids[0].body)

    def test_woocommerce_shipment(self):
        woo = self.woo_shop(push_shipments=True)
        path = file_path("ecom_connector/tests/payloads/woocommerce/order_taxes_excluded.json")
        with open(path, "rb") as sample:
            payloads = woo._ecom_receive_file(sample.read(), "order.json")
        for line in json.loads(payloads.body)["line_items"]:
            product = self.env["product.product"].search([("default_code", "=", line["sku"])])
            if not product:
                product = self.env["product.product"].create(
                    {"name": line["name"], "default_code": line["sku"], "is_storable": True}
                )
            self.set_stock(product, 50)
        payloads._ecom_process()
        order = self.order_of(4521, shop=woo)
        self.assertEqual(order.state, "sale")
        picking = self.ship(order, tracking="JJD0099")
        with ShopApiServer("woocommerce") as server:
            self.connect(woo, server)
            picking._ecom_push_shipment()
        self.assertEqual(
            server.writes(),
            [
                (
                    "POST",
                    f"{WOO}/orders/4521/notes",
                    {},
                    {
                        "note": "Shipped with Colissimo, tracking number JJD0099: "
                        "https://www.laposte.fr/outils/suivre-vos-envois?code=JJD0099",
                        "customer_note": True,
                    },
                ),
                ("PUT", f"{WOO}/orders/4521", {}, {"status": "completed"}),
            ],
        )

    def test_mirakl_shipment_tracking_then_shipped(self):
        """OR23 with the carrier and tracking number, then OR24; an order the operator
        no longer has to ship is refused with a sentence kept on the delivery."""
        orders = json.loads(
            open(file_path("ecom_connector/tests/payloads/mirakl/orders.json"), "rb").read()
        )["orders"]
        Product = self.env["product.product"]
        for sku in ("TSHIRT-BLEU", "MUG-ROUGE"):
            self.set_stock(
                Product.create({"name": sku, "default_code": sku, "is_storable": True}), 10
            )
        second = copy.deepcopy(orders[0])
        second.update(order_id="F1009-A", order_state="SHIPPING")
        with MiraklServer([*orders, second]) as server:
            shop = self.create_shop(
                "mirakl",
                "MKSHIP",
                name="Fnac",
                api_url=server.url,
                api_key=MIRAKL_KEY,
                mirakl_operator="Fnac-Darty",
                mirakl_shop_id="2010",
                push_shipments=True,
            )
            self.import_orders(orders[0], second, shop=shop)
            picking = self.ship(self.order_of("F1001-A", shop), tracking="8R00000001")
            picking._ecom_push_shipment()
            picking._ecom_push_shipment()  # a job run twice tells the operator once
            self.assertEqual(
                server.writes,
                [
                    (
                        "/api/orders/F1001-A/tracking",
                        {"shop_id": "2010"},
                        {
                            "carrier_name": "Colissimo",
                            "tracking_number": "8R00000001",
                            "carrier_url": "https://www.laposte.fr/outils/suivre-vos-envois?code=8R00000001",
                        },
                    ),
                    ("/api/orders/F1001-A/ship", {"shop_id": "2010"}, None),
                ],
            )
            self.assertEqual(server.orders[0]["order_state"], "SHIPPED")
            self.assertTrue(picking.ecom_shipped_at)
            self.assertIn("8R00000001", picking.message_ids[0].body)
            # Shipped from the operator's back office meanwhile: refused, said so.
            next(o for o in server.orders if o["order_id"] == "F1009-A")["order_state"] = "SHIPPED"
            late = self.ship(self.order_of("F1009-A", shop), tracking="8R00000002")
            # As the job runner runs it: the job ends, the refusal is kept on the delivery.
            job = Job.load(self.env, late.with_delay()._ecom_push_shipment().uuid)
            refused = job.perform()
        self.assertIn("Mirakl order F1009-A", refused)
        self.assertIn("HTTP 400", refused)
        self.assertIn("still to ship", refused)
        self.assertFalse(late.ecom_shipped_at)
        # The delivery says it, to whoever opens it (a warehouse user sees no job queue).
        stock_user = new_test_user(self.env, "mk_stock", groups="stock.group_stock_user")
        self.assertEqual(late.with_user(stock_user).ecom_shipment_error, refused)
        self.assertTrue(
            any("refused the shipment" in str(m.body) for m in late.message_ids), "said in chatter"
        )
        self.assertFalse(picking.ecom_shipment_error)
        with self.assertRaisesRegex(ValidationError, "^Push Stock to the Shop: only "):
            shop.push_stock = True
        self.assertFalse(shop.can_push_stock)
        self.assertTrue(shop.can_push)

    def presta_shop(self, **values):
        return self.create_shop("prestashop", "PRESTA", name="Presta", **values)

    def test_prestashop_stock_push_writes_whole_stock_rows_in_xml(self):
        presta = self.presta_shop(push_stock=True)
        self.set_stock(self.tshirt, 6)
        self.set_stock(self.mug, 9)
        self.set_stock(self.poster, 1)
        self.env.cr.flush()
        # The T-shirt is a combination (size M) of product 12; the mug a simple product.
        products = {
            "TSHIRT-M": {"id_product": 12, "id_product_attribute": 34},
            "MUG": {"id_product": 15},
        }
        with ShopApiServer("prestashop", products=products) as server:
            self.connect(presta, server)
            note = presta._ecom_push_stock()
        reads = [(r[0], r[1], r[2].get("filter[reference]")) for r in server.requests[:2]]
        self.assertEqual(
            reads,
            [
                ("GET", "/api/products", "[MUG|POSTER|TSHIRT-M]"),
                ("GET", "/api/combinations", "[MUG|POSTER|TSHIRT-M]"),
            ],
        )
        self.assertEqual(server.requests[2][2]["filter[id_product]"], "[12|15]")
        writes = server.writes()
        self.assertEqual(
            [(w[0], w[1]) for w in writes],
            [("PUT", "/api/stock_availables/500"), ("PUT", "/api/stock_availables/501")],
        )
        by_product = {
            w[3]["stock_available"]["id_product"]: w[3]["stock_available"] for w in writes
        }
        self.assertEqual(by_product["15"]["quantity"], "9")
        self.assertEqual(by_product["15"]["id_product_attribute"], "0")
        self.assertEqual(by_product["12"]["quantity"], "6")
        self.assertEqual(by_product["12"]["id_product_attribute"], "34")
        # The row goes back whole: the webservice replaces objects.
        self.assertEqual(by_product["12"]["out_of_stock"], "2")
        self.assertEqual(by_product["12"]["id_shop"], "1")
        self.assertEqual(note, "2 SKUs sent. Not found in the shop: POSTER.")
        csv_shop = self.env["ecom.shop"].create(
            {"name": "Export", "code": "CSV", "platform": "csv"}
        )
        with self.assertRaisesRegex(
            ValidationError,
            "only Shopify, WooCommerce, PrestaShop, Magento 2 / Adobe Commerce, Amazon",
        ):
            csv_shop.push_stock = True

    def test_prestashop_shipment_sets_tracking_then_shipped_state(self):
        presta = self.presta_shop(push_shipments=True, prestashop_shipped_state_id=5)
        path = file_path("ecom_connector/tests/payloads/prestashop/orders.json")
        with open(path, "rb") as sample:
            payloads = presta._ecom_receive_file(sample.read(), "orders.json")
        cafe = self.env["product.product"].create(
            {"name": "Café", "default_code": "CAFE-GRAINS-1KG", "is_storable": True}
        )
        self.set_stock(cafe, 20)
        payloads._ecom_process()
        order = self.order_of(43, shop=presta)
        self.assertEqual(order.state, "sale")
        picking = self.ship(order, tracking="6A99887766554")
        carrier_row = {
            "id": 77,
            "id_order": "43",
            "id_carrier": "2",
            "id_order_invoice": "12",
            "weight": "1.000000",
            "shipping_cost_tax_excl": "5.000000",
            "shipping_cost_tax_incl": "6.000000",
            "tracking_number": "",
        }
        with ShopApiServer("prestashop", order_carriers={43: carrier_row}) as server:
            self.connect(presta, server)
            picking._ecom_push_shipment()
        writes = server.writes()
        self.assertEqual(
            [(w[0], w[1], w[2]) for w in writes],
            [
                ("PUT", "/api/order_carriers/77", {"output_format": "JSON"}),
                ("POST", "/api/order_histories", {"output_format": "JSON", "sendemail": "1"}),
            ],
        )
        sent_carrier = writes[0][3]["order_carrier"]
        self.assertEqual(sent_carrier["tracking_number"], "6A99887766554")
        self.assertEqual(sent_carrier["shipping_cost_tax_incl"], "6.000000")
        self.assertEqual(writes[1][3], {"order_history": {"id_order": "43", "id_order_state": "5"}})
        self.assertTrue(picking.ecom_shipped_at)
        # A second run tells the shop nothing more.
        with ShopApiServer("prestashop", order_carriers={43: carrier_row}) as server:
            self.connect(presta, server)
            picking._ecom_push_shipment()
        self.assertFalse(server.requests)

    def test_warehouse_user_without_connector_rights_ships(self):
        self.shop.push_shipments = True
        self.set_stock(self.tshirt, 10)
        self.import_orders(shopify_order(order_id=7401))
        picking = self.order_of(7401).picking_ids
        storekeeper = new_test_user(self.env, "ecom_storekeeper", groups="stock.group_stock_user")
        self.assertFalse(storekeeper.has_group("ecom_connector.group_ecom_user"))
        self.shop.push_stock = True
        self.env.cr.flush()
        self.env["ecom.stock.mark"].search([]).unlink()
        picking = picking.with_user(storekeeper)
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        with trap_jobs() as trap:
            picking.button_validate()
            self.env.cr.flush()
            trap.assert_jobs_count(1, only=picking._ecom_push_shipment)
            trap.assert_jobs_count(1, only=self.shop._ecom_push_stock)
        self.assertEqual({job.user_id for job in trap.enqueued_jobs}, {1})
        self.assertEqual(self.marked(self.shop), self.tshirt)

    def test_no_push_when_switched_off(self):
        self.set_stock(self.tshirt, 10)
        self.import_orders(shopify_order(order_id=7301))
        picking = self.order_of(7301).picking_ids
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        with trap_jobs() as trap:
            picking.button_validate()
            trap.assert_jobs_count(0)
        self.env.cr.flush()
        self.assertFalse(self.marked(self.shop))
        self.assertFalse(self.stock_jobs(self.shop))

    def test_a_neutralized_copy_writes_nothing_to_the_shops(self):
        self.shop.write({"push_stock": True, "push_shipments": True, "webhook_secret": "k"})
        self.env.flush_all()
        (query,) = get_neutralization_queries(["ecom_connector"])
        self.env.cr.execute(query)
        self.env.invalidate_all()
        self.assertRecordValues(
            self.shop,
            [{"push_stock": False, "push_shipments": False, "webhook_secret": False}],
        )

    def test_french(self):
        env_fr = french_env(self.env, "ecom_connector")
        self.assertEqual(
            field_label(env_fr, "ecom.shop", "push_stock"), "Envoyer le stock à la boutique"
        )
        reasons = selection_labels(env_fr, "ecom.webhook.event", "reason")
        self.assertEqual(reasons["bad_signature"], "Signature absente ou fausse")
        self.assertEqual(
            env_fr.ref("ecom_connector.ecom_webhook_event_menu").name, "Appels de webhooks"
        )
        with self.assertRaisesRegex(UserError, "Activez d'abord"):
            self.shop.with_context(lang="fr_FR").action_push_all_stock()
        with self.assertRaisesRegex(ValidationError, "est un nombre"):
            self.shop.with_context(lang="fr_FR").shopify_location_id = "gid://x"
