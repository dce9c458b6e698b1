# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Magento 2 orders into Odoo: samples, the shop's unknown tax policy, pull and push."""

import copy
import json
from datetime import datetime

from odoo.tests import tagged

from ..clients import get_pull_client
from ..clients.http import AuthError
from .common import PAYLOADS, EcomCase, FrenchMixin, field_label, selection_labels
from .magento_server import MAGENTO_TOKEN, MagentoServer
from .samples import magento_order


def magento_sample(name):
    return json.loads((PAYLOADS / "magento" / name).read_text())


def us_order(entity_id=301):
    """A Texas order of one 100.00 item taxed by the state (6.25 %) and the county (1 %)."""
    order = copy.deepcopy(magento_sample("orders_search.json")["items"][0])
    order["payment"]["last_trans_id"] = f"US-{entity_id}"
    item = order["items"][0]
    item.update(item_id=entity_id * 10, price=100.0, base_price=100.0, row_total=100.0)
    item.update(base_row_total=100.0, tax_amount=7.25, base_tax_amount=7.25, tax_percent=7.25)
    address = dict(order["billing_address"], country_id="US", region_code="TX", city="Austin")
    order.update(
        entity_id=entity_id,
        increment_id=f"000000{entity_id}",
        base_currency_code="USD",
        order_currency_code="USD",
        customer_email="sam.hill@example.com",
        billing_address=address,
        shipping_amount=0,
        base_shipping_amount=0,
        shipping_tax_amount=0,
        base_shipping_tax_amount=0,
        tax_amount=7.25,
        base_tax_amount=7.25,
        grand_total=107.25,
        base_grand_total=107.25,
        total_paid=107.25,
        base_total_paid=107.25,
    )
    taxes = [
        {"code": "US-TX-STATE", "title": "Texas State Tax", "percent": 6.25, "amount": 6.25},
        {"code": "US-TX-TRAVIS", "title": "Travis County Tax", "percent": 1, "amount": 1.0},
    ]
    order["extension_attributes"] = {
        "shipping_assignments": [{"shipping": {"address": address, "method": "ups_ground"}}],
        "item_applied_taxes": [
            {"type": "product", "item_id": item["item_id"], "applied_taxes": taxes}
        ],
    }
    return order


@tagged("post_install", "-at_install")
class TestImportMagento(EcomCase):
    def setUp(self):
        super().setUp()
        self.magento = self.create_shop("magento", "MAG", name="Magento FR")

    def import_files(self, shop, *names):
        payloads = self.env["ecom.payload"]
        for name in names:
            payloads |= shop._ecom_receive_file((PAYLOADS / "magento" / name).read_bytes(), name)
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        return payloads

    def import_orders_of(self, shop, *orders):
        content = json.dumps({"items": list(orders), "total_count": len(orders)}).encode()
        payloads = shop._ecom_receive_file(content, "orders.json")
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        return payloads

    def test_samples_import_exactly_and_once(self):
        names = ("order_configurable_bundle.json", "orders_search.json", "order_credit_memo.json")
        payloads = self.import_files(self.magento, *names)
        # The guest order 102 carries a tax the company lacks: imported, held.
        self.assertEqual(sorted(payloads.mapped("state")), ["done", "done", "done", "held"])
        bundle = self.order_of("101", self.magento)
        self.assertEqual(bundle.amount_total, 95.46)
        self.assertEqual(bundle.state, "sale")
        self.assertEqual(
            bundle.order_line.filtered(lambda line: not line.is_delivery).mapped("ecom_sku"),
            ["MH01-M-NOIR", "THE-SENCHA-100", "THE-FONTE-TASSE"],
            "each sale once: the configurable parent, the bundle's children",
        )
        self.assertFalse(
            self.env["product.product"].search([("default_code", "like", "COFFRET-THE")]),
            "no product for the bundle parent",
        )
        guest = self.order_of("102", self.magento)
        self.assertIn("unknown_tax", guest.ecom_hold_reason_ids.mapped("code"))
        self.assertEqual(guest.state, "draft")
        dollars = self.order_of("103", self.magento)
        self.assertEqual((dollars.currency_id.name, dollars.amount_total), ("EUR", 58.75))
        self.assertIn("USD", dollars.ecom_problems)
        refunded = self.order_of("104", self.magento)
        self.assertEqual(refunded.ecom_financial_status, "refunded")
        self.assertEqual(refunded.ecom_refund_ids.mapped("amount"), [48.0])
        # The same files again change nothing.
        orders = self.env["sale.order"].search([("ecom_shop_id", "=", self.magento.id)])
        again = self.import_files(self.magento, *names)
        self.assertEqual(set(again.mapped("state")), {"duplicate"})
        self.assertEqual(
            self.env["sale.order"].search([("ecom_shop_id", "=", self.magento.id)]), orders
        )

    def test_unknown_taxes_are_created_once_per_shop_tax(self):
        self.magento.unknown_tax_policy = "create"
        Tax = self.env["account.tax"]
        taxes_before = Tax.search([])
        payloads = self.import_files(self.magento, "orders_search.json")
        self.assertEqual(payloads.mapped("error"), [False, False])
        guest = self.order_of("102", self.magento)
        self.assertFalse(guest.ecom_hold_reason_ids)
        self.assertEqual(guest.amount_total, 67.83)
        created = Tax.search([]) - taxes_before
        self.assertEqual(len(created), 1)
        self.assertEqual((created.amount, created.price_include), (19.0, False))
        self.assertEqual(created.name, "MwSt. 19 % DE")
        self.assertEqual(created.country_id, self.company.account_fiscal_country_id)
        self.assertEqual(guest.order_line.tax_id, created)
        (mapping,) = self.magento.tax_map_ids
        self.assertEqual(
            (mapping.rate, mapping.title, mapping.country_id.code, mapping.tax_id),
            (19.0, "MwSt. 19 %", "DE", created),
        )
        self.assertTrue(mapping.created_from_shop)
        self.assertIn("MwSt. 19 % DE", self.magento.message_ids[0].body)
        # Another order with the same tax, in another batch: nothing more is created.
        other = copy.deepcopy(magento_sample("orders_search.json")["items"][0])
        other.update(entity_id=110, increment_id="000000110", customer_email="max@example.de")
        other["payment"]["last_trans_id"] = "9LY30826IF1234567"  # a transaction pays one order
        self.import_orders_of(self.magento, other)
        self.assertEqual(self.order_of("110", self.magento).order_line.tax_id, created)
        self.assertEqual(Tax.search([]) - taxes_before, created)
        self.assertEqual(len(self.magento.tax_map_ids), 1)

    def test_several_taxes_on_one_line(self):
        self.magento.unknown_tax_policy = "create"
        self.import_orders_of(self.magento, us_order())
        order = self.order_of("301", self.magento)
        self.assertFalse(order.ecom_hold_reason_ids, order.ecom_problems)
        (line,) = order.order_line
        self.assertEqual(
            sorted(line.tax_id.mapped("name")),
            ["Texas State Tax 6.25% US", "Travis County Tax 1% US"],
        )
        self.assertEqual((order.amount_tax, order.amount_total), (7.25, 107.25))
        self.assertEqual(order.partner_shipping_id.state_id.code, "TX")

    def test_amounts_extensions_add(self):
        """Gift wrapping charged; gift card and store credit taken off grand_total."""
        order = magento_order(
            6101, email="noemie@example.fr", payment_method="stripe_payments"
        )  # 2 × 24.90 + 5.90 shipping, 20 % VAT: 66.84
        order["extension_attributes"].update(
            gw_base_price="4.00",
            gw_price="4.00",
            gw_card_base_price="1.00",
            gw_base_tax_amount="0.80",
            gw_card_base_tax_amount="0.20",
            base_gift_cards_amount="20.00",
            base_customer_balance_amount="10.00",
        )
        for key in ("grand_total", "base_grand_total", "total_paid", "base_total_paid"):
            order[key] = 42.84  # 66.84 + 6.00 of wrapping - 30.00 paid without money
        self.import_orders_of(self.magento, order)
        sale = self.order_of("6101", self.magento)
        self.assertFalse(sale.ecom_hold_reason_ids, sale.ecom_problems)
        self.assertEqual((sale.amount_total, sale.ecom_shop_total), (72.84, 72.84))
        wrapping = sale.order_line.filtered(lambda line: line.name == "Gift wrapping")
        self.assertEqual((wrapping.price_subtotal, wrapping.price_tax), (5.0, 1.0))
        self.assertEqual(wrapping.tax_id.mapped("amount"), [20.0])
        self.assertEqual(
            sorted((p.gateway, p.amount, p.is_gift_card) for p in sale.ecom_payment_ids),
            [
                ("gift_card", 20.0, True),
                ("store_credit", 10.0, True),
                ("stripe_payments", 42.84, False),
            ],
        )
        self.assertEqual(sale.ecom_financial_status, "paid")

    def test_held_by_default_in_the_ui_created_from_the_command_line(self):
        shop = self.env["ecom.shop"].create({"name": "UI", "code": "UI1", "platform": "magento"})
        self.assertEqual(shop.unknown_tax_policy, "hold")
        self.assertEqual(shop.tz, self.env.company.partner_id.tz or "Europe/Paris")


@tagged("post_install", "-at_install")
class TestMagentoClient(EcomCase):
    """The Magento client against a local stand-in of its REST API."""

    def serve(self, orders, stock=None):
        server = MagentoServer(orders, stock).start()
        self.addCleanup(server.stop)
        return server

    def client(self, server, code="MAGC", token=MAGENTO_TOKEN, **options):
        shop = self.create_shop("magento", code, api_url=server.url, access_token=token, **options)
        return shop, shop.with_context(
            ecom_pull_page_size=2, ecom_pull_timeout=2
        )._ecom_pull_client()

    def orders(self):
        orders = magento_sample("orders_search.json")["items"]
        return [
            magento_sample("order_configurable_bundle.json"),
            *orders,
            magento_sample("order_credit_memo.json"),
        ]

    def test_pull_pages_filters_and_credit_memos(self):
        server = self.serve(self.orders())
        _shop, client = self.client(server)
        page = client.fetch_page(datetime(2024, 11, 18, 14, 0))
        self.assertEqual([d.external_id for d in page.documents], ["102", "103"])
        self.assertEqual(page.next_token, 2)
        _method, _path, params, headers, _body = server.calls_to("GET", "orders")[0]
        self.assertEqual(headers["Authorization"], f"Bearer {MAGENTO_TOKEN}")
        self.assertEqual(
            params["searchCriteria[filter_groups][0][filters][0][field]"], "updated_at"
        )
        self.assertEqual(
            params["searchCriteria[filter_groups][0][filters][0][value]"], "2024-11-18 14:00:00"
        )
        self.assertEqual(
            params["searchCriteria[filter_groups][0][filters][0][condition_type]"], "gteq"
        )
        self.assertEqual(params["searchCriteria[sortOrders][0][field]"], "entity_id")
        last = client.fetch_page(datetime(2024, 11, 18, 14, 0), page.next_token)
        self.assertEqual([d.external_id for d in last.documents], ["104"])
        self.assertIsNone(
            last.next_token, "total_count ends the pull (Magento repeats the last page)"
        )
        self.assertEqual(json.loads(last.documents[0].body)["_credit_memos"][0]["entity_id"], 7)
        self.assertEqual(len(server.calls_to("GET", "creditmemos")), 1)

    def test_pull_imports_and_refused_token(self):
        server = self.serve(self.orders())
        shop, _client = self.client(server)
        run = shop.with_context(ecom_pull_page_size=2)._ecom_pull_now()
        self.assertEqual(run._ecom_report()["new"], 4)
        self.assertEqual(self.order_of("101", shop).amount_total, 95.46)
        self.assertEqual(self.order_of("104", shop).ecom_refund_ids.external_id, "7")
        _shop, refused = self.client(server, "MAGX", token="wrong")
        with self.assertRaises(AuthError) as caught:
            refused.fetch_page(None)
        self.assertEqual(caught.exception.status, 401)
        self.assertNotIn("wrong", str(caught.exception))

    def test_shipment_and_stock_pushed(self):
        server = self.serve(self.orders(), stock={"MH01-M-NOIR": 3, "THE-SENCHA-100": 9})
        _shop, client = self.client(server)
        sent = client.mark_shipped(
            "101", {"201": 1.0, "204": 1.0}, carrier="Colissimo", tracking_number="6A123"
        )
        self.assertIn("Shipment 101 created", sent)
        ((order_id, body),) = server.shipments
        self.assertEqual(order_id, 101)
        self.assertEqual(
            body["items"], [{"order_item_id": 201, "qty": 1.0}, {"order_item_id": 204, "qty": 1.0}]
        )
        self.assertEqual(body["tracks"][0]["track_number"], "6A123")
        unknown = client.push_stock({"MH01-M-NOIR": 5, "NOPE": 1})
        self.assertEqual(unknown, ["NOPE"])
        self.assertEqual(server.stock["MH01-M-NOIR"], 5)
        put = server.calls_to("PUT", "products/MH01-M-NOIR/stockItems/500")
        self.assertEqual(put[0][4], {"stockItem": {"qty": 5, "is_in_stock": True}})
        # With Multi-Source Inventory: one call for the source's items.
        _shop, msi = self.client(server, "MAGMSI", magento_source_code="paris")
        self.assertEqual(msi.push_stock({"THE-SENCHA-100": 0, "NOPE": 2}), ["NOPE"])
        self.assertEqual(
            server.source_items,
            [{"sku": "THE-SENCHA-100", "source_code": "paris", "quantity": 0, "status": 0}],
        )

    def test_client_registered(self):
        adapter_client = get_pull_client(
            "magento", "shop.example.com", {"token": MAGENTO_TOKEN}, None
        )
        self.assertEqual(adapter_client.base_url, "https://shop.example.com")


@tagged("post_install", "-at_install")
class TestBreadthFrench(FrenchMixin, EcomCase):
    """The new settings and messages in French."""

    def test_labels_in_french(self):
        env_fr = self.env_fr
        self.assertEqual(field_label(env_fr, "ecom.shop", "unknown_tax_policy"), "Taxes inconnues")
        self.assertEqual(field_label(env_fr, "ecom.shop", "tz"), "Fuseau horaire")
        policies = selection_labels(env_fr, "ecom.shop", "unknown_tax_policy")
        self.assertEqual(policies["create"], "Créer la taxe")
        platforms = selection_labels(env_fr, "ecom.shop", "platform")
        self.assertEqual(platforms["magento"], "Magento 2 / Adobe Commerce")
        reason = env_fr.ref("ecom_connector.reason_tax_created")
        self.assertEqual(reason.name, "Taxe créée depuis la boutique")
        self.assertIn("étiquettes de déclaration de TVA", reason.description)

    def test_compound_taxes_in_french(self):
        env_fr = self.env_fr
        self.assertEqual(field_label(env_fr, "ecom.tax.map", "compound"), "Calcul en cascade")
        roles = selection_labels(env_fr, "ecom.tax.map", "compound")
        self.assertEqual(
            (roles["compound"], roles["base"]), ("Composée", "Dans la base des taxes composées")
        )
