# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Back to Amazon: merchant-fulfilled shipments confirmed (confirmShipment), the FBA
warehouse's stock read from Amazon (getInventorySummaries), the FBA warehouse made once,
against the local stand-in of the Selling Partner API (tests/amazon_server.py)."""

import copy
import json
import threading
from datetime import datetime

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from ..platforms.amazon import adapter as amazon_adapter
from ..platforms.amazon import client as amazon_client
from .amazon_server import (
    LWA_CLIENT_ID,
    LWA_CLIENT_SECRET,
    LWA_REFRESH_TOKEN,
    SELLER_ID,
    AmazonServer,
    amazon_orders,
    inventory_summary,
)
from .common import PAYLOADS, EcomCase, FrenchMixin

FR_MARKETPLACE = "A13V1IB3VIYZZH"
MFN_ORDER = "408-1234567-1234567"
FBA_ORDER = "171-7654321-7654321"
CONFIRM_PATH = f"/orders/v0/orders/{MFN_ORDER}/shipmentConfirmation"


@tagged("post_install", "-at_install")
class TestAmazonFulfilment(FrenchMixin, EcomCase):
    def setUp(self):
        super().setUp()
        # Access tokens bought in another test were for another stand-in.
        amazon_client._TOKENS.clear()
        Product = self.env["product.product"]
        self.products = {
            sku: Product.create({"name": sku, "default_code": sku, "is_storable": True})
            for sku in ("TSHIRT-BLEU", "MUG-ROUGE", "LAMPE-01", "POSTER-FBA")
        }
        self.carrier = self.env["delivery.carrier"].create(
            {
                "name": "Colissimo Expert",
                "product_id": Product.create({"name": "Colissimo", "type": "service"}).id,
            }
        )

    def serve(self, **options):
        orders = [
            order
            for order in amazon_orders(PAYLOADS / "amazon" / "orders.json")
            if order["OrderStatus"] != "Pending"
        ]
        server = AmazonServer(orders, **options).start()
        self.addCleanup(server.stop)
        return server

    def amazon_shop(self, server, code="AMZFR", **values):
        values.setdefault("name", "Amazon France")
        return self.create_shop(
            "amazon",
            code,
            api_url=server.url,
            api_key=LWA_CLIENT_ID,
            api_secret=LWA_CLIENT_SECRET,
            access_token=LWA_REFRESH_TOKEN,
            amazon_marketplace_id=FR_MARKETPLACE,
            confirm_orders=True,
            **values,
        ).with_context(ecom_pull_timeout=2)

    def set_stock(self, warehouse, sku, quantity):
        self.env["stock.quant"]._update_available_quantity(
            self.products[sku], warehouse.lot_stock_id, quantity
        )

    def import_sample(self, shop):
        self.set_stock(shop._ecom_warehouse(), "TSHIRT-BLEU", 10)
        self.set_stock(shop._ecom_warehouse(), "MUG-ROUGE", 10)
        path = PAYLOADS / "amazon" / "orders.json"
        payloads = shop._ecom_receive_file(path.read_bytes(), "orders.json")
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        return self.order_of(MFN_ORDER, shop), self.order_of(FBA_ORDER, shop)

    def validate(self, picking, tracking="6A12345678901", jobs=1):
        picking.write({"carrier_id": self.carrier.id, "carrier_tracking_ref": tracking})
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        with trap_jobs() as trap:
            picking.button_validate()
            self.assertEqual(picking.state, "done")
            trap.assert_jobs_count(jobs, only=picking._ecom_push_shipment)
        return picking

    def confirmations(self, server):
        return [
            body
            for call, body in zip(server.calls, server.bodies, strict=True)
            if call[1].endswith("/shipmentConfirmation")
        ]

    # ------------------------------------------------------------ shipments

    def test_merchant_fulfilled_delivery_is_confirmed_to_amazon(self):
        server = self.serve()
        shop = self.amazon_shop(server, push_shipments=True)
        mfn, fba = self.import_sample(shop)
        self.assertEqual((mfn.state, fba.state), ("sale", "sale"))
        picking = self.validate(mfn.picking_ids)
        picking._ecom_push_shipment()
        picking._ecom_push_shipment()  # a job run twice confirms once
        self.assertEqual(
            self.confirmations(server),
            [
                {
                    "marketplaceId": FR_MARKETPLACE,
                    "packageDetail": {
                        "packageReferenceId": str(picking.id),
                        "carrierCode": "Colissimo",
                        "shippingMethod": "Colissimo Expert",
                        "trackingNumber": "6A12345678901",
                        "shipDate": picking.date_done.isoformat() + "Z",
                        "orderItems": [
                            {"orderItemId": "61234567890123", "quantity": 2},
                            {"orderItemId": "61234567890124", "quantity": 1},
                        ],
                    },
                }
            ],
        )
        self.assertTrue(picking.ecom_shipped_at)
        self.assertFalse(picking.ecom_shipment_error)
        self.assertIn("6A12345678901", picking.message_ids[0].body)
        self.assertEqual(server.orders[0]["OrderStatus"], "Shipped")

    def test_fba_delivery_is_never_confirmed(self):
        server = self.serve()
        shop = self.amazon_shop(server, push_shipments=True)
        _mfn, fba = self.import_sample(shop)
        picking = fba.picking_ids
        self.assertEqual(picking.picking_type_id.warehouse_id, shop.amazon_fba_warehouse_id)
        self.set_stock(shop.amazon_fba_warehouse_id, "LAMPE-01", 1)
        picking.action_assign()
        self.validate(picking, tracking="", jobs=0)
        self.assertEqual(picking._ecom_push_shipment(), "Nothing to send.")
        self.assertFalse(self.confirmations(server))
        self.assertFalse(picking.ecom_shipment_error)

    def test_a_refusal_is_kept_on_the_delivery_in_the_company_language(self):
        server = self.serve()
        shop = self.amazon_shop(server, push_shipments=True)
        mfn, _fba = self.import_sample(shop)
        picking = self.validate(mfn.picking_ids)
        # Confirmed meanwhile in Seller Central: Amazon answers 400 with its errors.
        server.confirmed.append((MFN_ORDER, {}))
        sentence = picking.with_context(lang="fr_FR")._ecom_push_shipment()
        self.assertEqual(
            sentence,
            f"Amazon a refusé de confirmer l'expédition de la commande {MFN_ORDER} (HTTP 400 : "
            "InvalidInput: The order has already been shipped). Vérifiez le numéro de suivi, "
            "le transporteur et les articles de la livraison, puis envoyez-la à nouveau.",
        )
        self.assertEqual(picking.ecom_shipment_error, sentence)
        self.assertFalse(picking.ecom_shipped_at)
        self.assertIn("Amazon France", picking.message_ids[0].body)
        self.assertIn(
            "InvalidInput: The order has already been shipped", picking.message_ids[0].body
        )
        # Fixed in Amazon: sent again from the delivery, the error is gone and a job queued.
        with trap_jobs() as trap:
            picking.action_ecom_push_shipment()
            trap.assert_jobs_count(1, only=picking._ecom_push_shipment)
        self.assertFalse(picking.ecom_shipment_error)

    def test_a_missing_tracking_number_is_said_before_calling_amazon(self):
        server = self.serve()
        shop = self.amazon_shop(server, push_shipments=True)
        mfn, _fba = self.import_sample(shop)
        picking = self.validate(mfn.picking_ids, tracking="")
        sentence = picking._ecom_push_shipment()
        self.assertEqual(
            sentence,
            "Amazon needs the tracking number of the package to confirm the shipment of order "
            f"{MFN_ORDER}: enter it on the delivery and send it again.",
        )
        self.assertEqual(picking.ecom_shipment_error, sentence)
        self.assertFalse(self.confirmations(server))

    def test_a_rate_limited_confirmation_retries_the_job(self):
        server = self.serve()
        shop = self.amazon_shop(server, push_shipments=True)
        mfn, _fba = self.import_sample(shop)
        picking = self.validate(mfn.picking_ids)
        server.throttle = 1
        with self.assertRaises(RetryableJobError) as caught:
            picking._ecom_push_shipment()
        # x-amzn-RateLimit-Limit 0.0167 requests a second: a minute.
        self.assertEqual(caught.exception.seconds, 60)
        self.assertFalse(picking.ecom_shipped_at)
        self.assertFalse(picking.ecom_shipment_error, "a wait is no refusal")
        picking._ecom_push_shipment()
        self.assertEqual(len(self.confirmations(server)), 2, "the 429, then the retry")
        self.assertEqual([order for order, _package in server.confirmed], [MFN_ORDER])
        self.assertTrue(picking.ecom_shipped_at)

    def test_carrier_codes(self):
        self.assertEqual(
            amazon_client.carrier_fields("DHL Express"),
            {"carrierCode": "DHL", "shippingMethod": "DHL Express"},
        )
        self.assertEqual(
            amazon_client.carrier_fields("Coursier Martin"),
            {
                "carrierCode": "Other",
                "carrierName": "Coursier Martin",
                "shippingMethod": "Coursier Martin",
            },
        )
        self.assertEqual(
            amazon_client.carrier_fields(""), {"carrierCode": "Other", "carrierName": "Other"}
        )

    # ------------------------------------------------------------ FBA stock

    def test_fba_stock_is_read_into_the_fba_warehouse(self):
        inventory = [
            inventory_summary("LAMPE-01", 5, pending=1),
            inventory_summary("TSHIRT-BLEU", 3),
            inventory_summary("INCONNU-42", 4),
            inventory_summary("POSTER-FBA", 0),
        ]
        server = self.serve(inventory=inventory, inventory_page_size=2)
        shop = self.amazon_shop(server)
        _mfn, fba = self.import_sample(shop)
        warehouse = shop.amazon_fba_warehouse_id
        self.assertEqual(fba.picking_ids.state, "confirmed", "waits for FBA stock")
        # A mug counted in the FBA warehouse that Amazon no longer lists.
        self.set_stock(warehouse, "MUG-ROUGE", 7)
        action = shop.action_amazon_read_fba_stock()
        note = (
            "4 SKUs read from Amazon, 3 products adjusted in Amazon FBA. 1 SKUs match no "
            "product (not created): INCONNU-42."
        )
        self.assertEqual(action["params"]["message"], note)
        self.assertEqual(shop.amazon_fba_stock_note, note)
        self.assertTrue(shop.amazon_fba_stock_at)
        calls = server.calls_to("/fba/inventory/v1/summaries")
        self.assertEqual(len(calls), 2, "two pages")
        self.assertEqual(
            {key: calls[0][2][key] for key in ("granularityType", "granularityId", "details")},
            {"granularityType": "Marketplace", "granularityId": FR_MARKETPLACE, "details": "true"},
        )
        self.assertEqual(calls[0][2]["marketplaceIds"], FR_MARKETPLACE)
        self.assertTrue(calls[1][2]["nextToken"])
        quantities = {
            sku: self.products[sku].with_context(warehouse_id=warehouse.id).qty_available
            for sku in self.products
        }
        # Fulfillable plus what Amazon keeps for orders not shipped yet; the sample's FBA
        # order is shipped: its delivery took its lamp out (Amazon's 6 no longer hold it).
        self.assertEqual(
            quantities, {"LAMPE-01": 6, "TSHIRT-BLEU": 3, "MUG-ROUGE": 0, "POSTER-FBA": 0}
        )
        self.assertFalse(
            self.env["product.product"].search([("default_code", "=", "INCONNU-42")]),
            "an unknown SKU is named, not created",
        )
        moves = self.env["stock.move"].search(
            [
                ("product_id", "in", [p.id for p in self.products.values()]),
                ("is_inventory", "=", True),
            ]
        )
        self.assertEqual(set(moves.mapped("name")), {"Amazon FBA stock (Amazon France)"})
        self.assertEqual(len(moves), 3)
        self.assertEqual(fba.picking_ids.state, "done", "the shipped FBA order's delivery left")
        # Read again, nothing changed: no adjustment.
        shop.action_amazon_read_fba_stock()
        self.assertEqual(
            len(
                self.env["stock.move"].search(
                    [("id", "not in", moves.ids), ("name", "=", moves[0].name)]
                )
            ),
            0,
        )
        self.assertIn("0 products adjusted", shop.amazon_fba_stock_note)

    def test_fba_stock_by_the_schedule_and_its_refusals(self):
        server = self.serve(inventory=[inventory_summary("LAMPE-01", 2)])
        shop = self.amazon_shop(server, amazon_fba_stock_sync=True)
        self.amazon_shop(server, code="AMZDE", name="Amazon Allemagne")
        with trap_jobs() as trap:
            self.env["ecom.shop"]._cron_amazon_fba_stock()
            trap.assert_jobs_count(1, only=shop._amazon_read_fba_stock)
            self.assertEqual(trap.enqueued_jobs[0].recordset, shop)
            trap.perform_enqueued_jobs()
        self.assertEqual(
            self.products["LAMPE-01"]
            .with_context(warehouse_id=shop.amazon_fba_warehouse_id.id)
            .qty_available,
            2,
        )
        # Amazon busy: the job comes back later; the button says it.
        server.throttle = 1
        with self.assertRaises(RetryableJobError):
            shop._amazon_read_fba_stock()
        server.throttle = 1
        with self.assertRaisesRegex(UserError, "HTTP 429"):
            shop.action_amazon_read_fba_stock()
        # An app without the Amazon Fulfillment role.
        server.deny = True
        with self.assertRaisesRegex(UserError, "Amazon refused access to the FBA inventory"):
            shop.with_context(lang="en_US").action_amazon_read_fba_stock()

    def test_french(self):
        server = self.serve(inventory=[inventory_summary("INCONNU-42", 4)])
        shop = self.amazon_shop(server)
        action = shop.with_env(self.env_fr).action_amazon_read_fba_stock()
        self.assertEqual(
            action["params"]["message"],
            "1 SKU lus chez Amazon, 0 produits ajustés dans Amazon FBA. 1 SKU ne correspondent "
            "à aucun produit (non créés) : INCONNU-42.",
        )
        mirakl = self.create_shop("mirakl", "MKFR", name="Fnac")
        with self.assertRaisesRegex(
            ValidationError,
            r"^Envoyer le stock à la boutique : seules les boutiques Shopify, WooCommerce, "
            r"PrestaShop, Magento 2 / Adobe Commerce, Amazon le peuvent ; désactivez-le pour "
            r"Fnac\.$",
        ):
            mirakl.with_env(self.env_fr).push_stock = True
        with self.assertRaisesRegex(UserError, "indiquez l'identifiant vendeur Amazon"):
            shop.with_env(self.env_fr).write({"push_stock": True})
            shop.with_env(self.env_fr)._ecom_platform().stock_push_options(
                shop.with_env(self.env_fr)
            )

    # ------------------------------------------------------------ FBA deliveries follow Amazon

    def fba_order(self, status, updated, shipped=0):
        """The sample's FBA order (one LAMPE-01), as Amazon gives it with ``status``."""
        order = copy.deepcopy(
            next(
                order
                for order in amazon_orders(PAYLOADS / "amazon" / "orders.json")
                if order["AmazonOrderId"] == FBA_ORDER
            )
        )
        order.update({"OrderStatus": status, "LastUpdateDate": updated})
        order["OrderItems"][0]["QuantityShipped"] = shipped
        return order

    def pull(self, shop):
        run = shop._ecom_start_pull("manual", since=datetime(2026, 11, 1))
        with trap_jobs() as trap:
            shop._ecom_pull(run)
            while trap.enqueued_jobs:
                trap.perform_enqueued_jobs()
        return run

    def lamps_in(self, warehouse):
        return self.products["LAMPE-01"].with_context(warehouse_id=warehouse.id).qty_available

    def test_fba_delivery_is_validated_when_amazon_ships(self):
        self.env.company.partner_id.lang = "fr_FR"
        server = self.serve()
        server.orders[1] = self.fba_order("Unshipped", "2026-11-04T09:00:00Z")
        shop = self.amazon_shop(server, push_shipments=True)
        warehouse = shop._amazon_fba_warehouse()
        self.set_stock(warehouse, "LAMPE-01", 3)
        self.pull(shop)
        order = self.order_of(FBA_ORDER, shop)
        picking = order.picking_ids
        self.assertEqual((order.state, picking.state), ("sale", "assigned"), "not shipped yet")
        # Amazon ships it; the next pull reads it.
        server.orders[1] = self.fba_order("Shipped", "2026-11-05T08:00:00Z", shipped=1)
        self.pull(shop)
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.move_ids.quantity, 1)
        self.assertEqual(picking.picking_type_id.warehouse_id, warehouse)
        self.assertEqual(self.lamps_in(warehouse), 2, "the lamp left the FBA warehouse")
        self.assertFalse(self.confirmations(server), "Amazon shipped it: nothing confirmed")
        self.assertFalse(picking.ecom_shipped_at)
        self.assertIn(
            "<p>Amazon France a expédié cette commande depuis Amazon FBA : la livraison est "
            "validée comme la boutique l'indique (rien n'est confirmé à la boutique).</p>",
            picking.message_ids.mapped("body"),
        )
        # Pulled again, nothing newer: nothing more happens.
        messages = len(picking.message_ids)
        self.pull(shop)
        self.assertEqual((len(picking.message_ids), self.lamps_in(warehouse)), (messages, 2))

    def test_short_fba_stock_waits_until_amazon_counts_it(self):
        self.env.company.partner_id.lang = "en_US"
        server = self.serve(inventory=[inventory_summary("LAMPE-01", 4)])
        shop = self.amazon_shop(server)
        _mfn, fba = self.import_sample(shop)  # the FBA order is Shipped, the warehouse empty
        picking = fba.picking_ids
        warehouse = shop.amazon_fba_warehouse_id
        self.assertEqual(picking.state, "confirmed", "no stock is made up")
        self.assertEqual(self.lamps_in(warehouse), 0)
        self.assertIn(
            "Amazon France shipped this order, but Amazon FBA holds too little of [LAMPE-01] "
            "LAMPE-01 (0.00 of 1.00): the delivery waits for that stock",
            picking.message_ids[0].body,
        )
        # Amazon's count no longer holds the lamp it shipped: the delivery takes it out
        # and the warehouse holds what Amazon holds.
        shop.action_amazon_read_fba_stock()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.lamps_in(warehouse), 4)
        self.assertIn(
            "<p>Amazon France shipped this order from Amazon FBA: the delivery is validated as "
            "the shop reports it (nothing is confirmed to the shop).</p>",
            picking.message_ids.mapped("body"),
        )
        shop.action_amazon_read_fba_stock()
        self.assertIn("0 products adjusted", shop.amazon_fba_stock_note)

    def test_items_shipped_before_the_status_says_it(self):
        adapter = amazon_adapter.AmazonAdapter({})
        for shipped, status in ((1, "fulfilled"), (0, "unfulfilled")):
            order = self.fba_order("Unshipped", "2026-11-04T09:00:00Z", shipped=shipped)
            (document,) = adapter.split(json.dumps(order).encode())
            self.assertEqual(adapter.parse(document).fulfillment_status, status)

    def receive_fba(self, shop, status, updated, shipped=0):
        body = json.dumps({"payload": {"Orders": [self.fba_order(status, updated, shipped)]}})
        payloads = shop._ecom_receive_file(body.encode(), "orders.json")
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        self.assertEqual(payloads.mapped("state"), ["done"])
        return self.order_of(FBA_ORDER, shop)

    def test_an_invoiced_fba_order_still_follows_amazon(self):
        server = self.serve()
        shop = self.amazon_shop(server)
        self.set_stock(shop._amazon_fba_warehouse(), "LAMPE-01", 1)
        order = self.receive_fba(shop, "Unshipped", "2026-11-04T09:00:00Z")
        order._create_invoices()
        self.assertTrue(order._ecom_is_locked(), "invoiced: the shop's changes are recorded")
        self.receive_fba(shop, "Shipped", "2026-11-05T09:00:00Z", shipped=1)
        self.assertEqual(order.picking_ids.state, "done")
        self.assertEqual(self.lamps_in(shop.amazon_fba_warehouse_id), 0)

    def test_a_cancelled_fba_order_cancels_its_waiting_delivery(self):
        server = self.serve()
        shop = self.amazon_shop(server)
        order = self.receive_fba(shop, "Unshipped", "2026-11-04T09:00:00Z")
        picking = order.picking_ids
        self.assertEqual((order.state, picking.state), ("sale", "confirmed"))
        self.receive_fba(shop, "Canceled", "2026-11-05T09:00:00Z")
        self.assertEqual((order.state, picking.state), ("cancel", "cancel"))
        self.assertEqual(self.lamps_in(shop.amazon_fba_warehouse_id), 0)

    # ------------------------------------------------------------ stock of merchant offers

    def test_stock_of_merchant_fulfilled_offers_is_pushed(self):
        listings = {
            "TSHIRT-BLEU": {"productType": "SHIRT", "channel": "DEFAULT", "quantity": 0},
            "LAMPE-01": {"productType": "LAMP", "channel": "AMAZON_EU", "quantity": 12},
        }
        server = self.serve(listings=listings)
        shop = self.amazon_shop(server, push_stock=True)
        warehouse = shop._ecom_warehouse()
        self.set_stock(warehouse, "TSHIRT-BLEU", 8)
        self.set_stock(warehouse, "LAMPE-01", 2)
        self.set_stock(warehouse, "MUG-ROUGE", 5)
        self.env.cr.flush()  # the end of the transaction: changes go to the shops
        with self.assertRaisesRegex(UserError, "set the Amazon seller ID"):
            shop._ecom_push_stock()
        self.assertFalse(server.calls_to("/listings"), "nothing asked without a seller ID")
        shop.amazon_seller_id = SELLER_ID
        note = shop._ecom_push_stock()
        self.assertEqual(note, "1 SKUs sent. Not found in the shop: LAMPE-01, MUG-ROUGE.")
        patches = [
            (call[1], call[2], body)
            for call, body in zip(server.calls, server.bodies, strict=True)
            if call[0] == "PATCH"
        ]
        self.assertEqual(
            patches,
            [
                (
                    f"/listings/2021-08-01/items/{SELLER_ID}/TSHIRT-BLEU",
                    {"marketplaceIds": FR_MARKETPLACE},
                    {
                        "productType": "SHIRT",
                        "patches": [
                            {
                                "op": "replace",
                                "path": "/attributes/fulfillment_availability",
                                "value": [{"fulfillment_channel_code": "DEFAULT", "quantity": 8}],
                            }
                        ],
                    },
                )
            ],
        )
        # The FBA offer is left alone: its stock is Amazon's.
        self.assertEqual(server.listings["LAMPE-01"], listings["LAMPE-01"])
        self.assertEqual(server.listings["TSHIRT-BLEU"]["quantity"], 8)
        with self.assertRaisesRegex(Exception, "capitals and digits"):
            shop.amazon_seller_id = "a2euq1wtgctbg2 "

    # ------------------------------------------------------------ the FBA warehouse

    def test_the_fba_warehouse_is_made_once_for_the_company(self):
        server = self.serve()
        first = self.amazon_shop(server)
        second = self.amazon_shop(server, code="AMZDE", name="Amazon Allemagne")
        warehouse = first._amazon_fba_warehouse()
        self.assertEqual((warehouse.code, warehouse.name), ("FBA", "Amazon FBA"))
        # Made once, set on every Amazon shop of the company that had none.
        self.assertEqual(second.amazon_fba_warehouse_id, warehouse)
        self.assertEqual(second._amazon_fba_warehouse(), warehouse)


@tagged("post_install", "-at_install")
class TestFbaWarehouseRace(TransactionCase):
    """Two transactions that both need the FBA warehouse: the second waits for the first.

    Real concurrent cursors, so the shops are committed (and removed after); the
    transactions themselves are rolled back, leaving no warehouse behind.
    """

    def setUp(self):
        super().setUp()
        company_id = self.env.ref("base.main_company").id
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            shops = env["ecom.shop"].create(
                [
                    {"name": f"Race {code}", "code": code, "platform": "amazon"}
                    for code in ("RACE-FR", "RACE-DE")
                ]
            )
            shops.company_id = company_id
            self.shop_ids = shops.ids
        self.addCleanup(self._remove_shops)

    def _remove_shops(self):
        with self.registry.cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})["ecom.shop"].browse(self.shop_ids).unlink()

    def test_the_second_import_waits_for_the_first(self):
        first_cr, second_cr = self.registry.cursor(), self.registry.cursor()
        self.addCleanup(first_cr.close)
        self.addCleanup(second_cr.close)
        # Whatever happens, the second never waits for ever.
        second_cr.execute("SET lock_timeout = '20s'")
        first = api.Environment(first_cr, SUPERUSER_ID, {})["ecom.shop"].browse(self.shop_ids[0])
        second = api.Environment(second_cr, SUPERUSER_ID, {})["ecom.shop"].browse(self.shop_ids[1])
        self.assertFalse(second.amazon_fba_warehouse_id)  # its snapshot: no warehouse yet
        outcome = {}

        def second_import():
            try:
                outcome["warehouse"] = second._amazon_fba_warehouse().id
            except Exception as error:  # noqa: BLE001 - reported to the test
                outcome["error"] = error

        thread = threading.Thread(target=second_import)
        try:
            warehouse = first._amazon_fba_warehouse()
            self.assertEqual(warehouse.code, "FBA")
            thread.start()
            thread.join(1.5)
            self.assertTrue(thread.is_alive(), "the second waits while the first holds the shops")
            self.assertFalse(outcome)
            # It waits on the shops' lock, before building anything (without the lock it
            # would build a warehouse and wait on its code, then break on it).
            self.env.cr.execute(
                "SELECT wait_event_type, query FROM pg_stat_activity WHERE pid = %s",
                (second_cr._cnx.get_backend_pid(),),
            )
            wait, query = self.env.cr.fetchone()
            self.assertEqual(wait, "Lock")
            self.assertIn("FROM ecom_shop", query)
            self.assertIn("FOR NO KEY UPDATE", query)
        finally:
            first_cr.rollback()  # the first import failed after all: the second goes on
            if thread.is_alive() or thread.ident:
                thread.join(30)
            second_cr.rollback()
        self.assertNotIn("error", outcome)
        self.assertTrue(outcome["warehouse"])
