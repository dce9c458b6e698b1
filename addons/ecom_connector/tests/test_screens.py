# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What the screens tell people: outcomes of actions, held orders' way out, the dashboard."""

import base64
import importlib.util
import json
from pathlib import Path

from lxml import etree

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.misc import file_open
from odoo.tools.safe_eval import safe_eval

from ..tools import gateway_name
from .common import EcomCase, french_env, shopify_order


@tagged("post_install", "-at_install")
class TestHeldOrderScreens(EcomCase):
    def held_order(self, order_id=7001, sku="NEW-SKU"):
        self.shop.unknown_product_policy = "hold"
        (payload,) = self.import_orders(
            shopify_order(order_id=order_id, lines=((sku, "Nouveau", 1, "30.00", "0", "20"),))
        )
        return payload, payload.sale_order_id

    def test_a_held_order_is_held_not_done_and_cannot_be_confirmed_by_hand(self):
        payload, order = self.held_order()
        self.assertEqual(payload.state, "held")
        self.assertEqual(order.ecom_hold_reason_ids.code, "unknown_product")
        with self.assertRaisesRegex(UserError, "is held for review \\(Unknown product"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    def test_reprocess_from_the_order_says_what_happened(self):
        payload, order = self.held_order()
        still = order.action_ecom_reprocess()["params"]
        self.assertEqual((still["type"], still["sticky"]), ("warning", True))
        self.assertIn("1 order held: ", still["message"])
        self.assertIn("NEW-SKU", still["message"])
        self.env["product.product"].create({"name": "Nouveau", "default_code": "NEW-SKU"})
        done = order.action_ecom_reprocess()["params"]
        self.assertEqual((done["type"], done["message"]), ("success", "1 order imported."))
        self.assertEqual((payload.state, order.state), ("done", "sale"))
        self.assertFalse(order.ecom_hold_reason_ids)
        with self.assertRaisesRegex(UserError, "Only orders held at import"):
            order.action_ecom_reprocess()

    def test_retry_of_a_failed_payload_notifies_its_error(self):
        broken = shopify_order(order_id=7002)
        broken["line_items"][0]["quantity"] = -1
        (payload,) = self.import_orders(broken)
        self.assertEqual(payload.state, "failed")
        outcome = payload.action_retry()["params"]
        self.assertEqual(outcome["title"], "1 payload processed")
        self.assertEqual(outcome["type"], "warning")
        self.assertIn(
            "1 order failed: Line 1 (T-shirt M): the quantity is negative", outcome["message"]
        )

    def test_the_order_says_where_it_came_from(self):
        (payload,) = self.import_orders(shopify_order(order_id=7004))
        first = payload.sale_order_id.message_ids.sorted("id")[:1]
        channel = dict(payload._fields["source"]._description_selection(self.env))[payload.source]
        self.assertIn(
            f"Imported from Boutique Test, shop order #7004 (payload {payload.id}, "
            f"{channel.lower()}).",
            first.body,
        )

    def test_the_payload_shows_its_json_indented(self):
        (payload,) = self.import_orders(shopify_order(order_id=7003))
        shown = payload.body_display
        self.assertEqual(json.loads(shown), json.loads(payload.body))
        self.assertIn('\n  "id": 7003,', shown)
        xml = self.env["ecom.payload"].new(
            {"body": "<order><id>5</id></order>", "content_type": "application/xml"}
        )
        self.assertEqual(xml.body_display, "<order><id>5</id></order>")
        broken = self.env["ecom.payload"].new({"body": '{"id": 5', "content_type": "json"})
        self.assertEqual(broken.body_display, '{"id": 5')


@tagged("post_install", "-at_install")
class TestSkuMapping(EcomCase):
    def held_for(self, order_id, *skus):
        self.shop.unknown_product_policy = "hold"
        lines = tuple((sku, f"Article {sku}", 1, "30.00", "0", "20") for sku in skus)
        (payload,) = self.import_orders(shopify_order(order_id=order_id, lines=lines))
        self.assertEqual(payload.state, "held")
        return payload.sale_order_id

    def test_map_and_reprocess_maps_the_sku_and_clears_every_order_it_held(self):
        first = self.held_for(7401, "SHOP-XL")
        second = self.held_for(7402, "SHOP-XL")
        other = self.held_for(7403, "OTHER-SKU")
        self.assertTrue(first.ecom_unknown_sku)
        product = self.env["product.product"].create(
            {"name": "T-shirt XL", "default_code": "TS-XL"}
        )
        action = first.action_ecom_map_skus()
        wizard = self.env[action["res_model"]].with_context(**action["context"]).create({})
        self.assertEqual(wizard.order_id, first)
        self.assertEqual(wizard.line_ids.mapped("sku"), ["SHOP-XL"])
        self.assertIn("SHOP-XL", wizard.line_ids.name)
        with self.assertRaisesRegex(UserError, "Choose the product of at least one SKU"):
            wizard.action_map_and_reprocess()
        wizard.line_ids.product_id = product
        params = wizard.action_map_and_reprocess()["params"]
        self.assertEqual(params["title"], "SHOP-XL mapped: 2 held orders reprocessed")
        self.assertEqual((params["type"], params["message"]), ("success", "2 orders imported."))
        mapping = self.env["ecom.product.map"].search([("shop_id", "=", self.shop.id)])
        self.assertEqual((mapping.sku, mapping.product_id), ("SHOP-XL", product))
        for order in first | second:
            self.assertEqual(order.state, "sale")
            self.assertFalse(order.ecom_hold_reason_ids)
            self.assertEqual(order.order_line.filtered("ecom_sku").product_id, product)
        self.assertEqual(other.state, "draft")
        self.assertTrue(other.ecom_hold_reason_ids)
        self.assertEqual(mapping.held_order_count, 0)
        # The next order with this SKU needs no mapping any more.
        (payload,) = self.import_orders(
            shopify_order(order_id=7404, lines=(("SHOP-XL", "T-shirt", 1, "30.00", "0", "20"),))
        )
        self.assertEqual(payload.state, "done")
        self.assertEqual(payload.sale_order_id.order_line.filtered("ecom_sku").product_id, product)

    def test_map_and_reprocess_through_its_form_saves_the_skus_it_shows(self):
        # The SKU and description are read-only in the form: they are saved all the same.
        order = self.held_for(7421, "FORM-SKU")
        product = self.env["product.product"].create({"name": "Casquette"})
        action = order.action_ecom_map_skus()
        form = Form(self.env[action["res_model"]].with_context(**action["context"]))
        with form.line_ids.edit(0) as line:
            line.product_id = product
        wizard = form.save()
        self.assertEqual(wizard.line_ids.mapped("sku"), ["FORM-SKU"])
        params = wizard.action_map_and_reprocess()["params"]
        self.assertEqual(params["title"], "FORM-SKU mapped: 1 held order reprocessed")
        self.assertEqual((params["type"], params["message"]), ("success", "1 order imported."))
        self.assertEqual(order.state, "sale")

    def test_a_mapping_made_in_the_list_reprocesses_what_it_held(self):
        order = self.held_for(7411, "LIST-SKU")
        product = self.env["product.product"].create({"name": "Mug"})
        mapping = self.env["ecom.product.map"].create(
            {"shop_id": self.shop.id, "sku": " LIST-SKU ", "product_id": product.id}
        )
        self.assertEqual((mapping.sku, mapping.held_order_count), ("LIST-SKU", 1))
        params = mapping.action_reprocess_held()["params"]
        self.assertEqual(params["message"], "1 order imported.")
        self.assertEqual(order.state, "sale")
        with self.assertRaisesRegex(UserError, "No order is held for these SKUs"):
            mapping.action_reprocess_held()

    def test_an_order_without_unknown_sku_offers_no_mapping(self):
        (payload,) = self.import_orders(shopify_order(order_id=7421))
        order = payload.sale_order_id
        self.assertFalse(order.ecom_unknown_sku)
        with self.assertRaisesRegex(UserError, "has no line of an unknown SKU"):
            order.action_ecom_map_skus()


@tagged("post_install", "-at_install")
class TestWords(EcomCase):
    def test_gateways_are_shown_by_their_name_not_their_code(self):
        (payload,) = self.import_orders(shopify_order(order_id=7501))
        order = payload.sale_order_id
        self.assertEqual(order.ecom_payment_gateway, "shopify_payments")
        self.assertEqual(order.ecom_payment_gateway_name, "Shopify Payments")
        self.assertEqual(order.ecom_payment_ids.mapped("gateway_name"), ["Shopify Payments"])
        self.assertEqual(gateway_name(self.env, "my_own_bank"), "my_own_bank")
        self.assertFalse(gateway_name(self.env, False))
        french = french_env(self.env, "ecom_connector")
        self.assertEqual(gateway_name(french, "cod"), "Paiement à la livraison")


@tagged("post_install", "-at_install")
class TestDashboard(EcomCase):
    def test_each_figure_counts_what_its_list_shows(self):
        self.import_orders(shopify_order(order_id=7101), shopify_order(order_id=7102))
        self.order_of(7101).date_order = "2020-01-15 10:00:00"  # neither today nor this month
        self.order_of(7102).date_order = fields.Datetime.now()
        self.shop.invalidate_recordset()
        self.assertEqual(self.shop.dashboard_today_count, 1)
        self.assertEqual(self.shop.dashboard_month_count, 1)
        today = self.env["sale.order"].search(self.shop.action_open_orders_today()["domain"])
        self.assertEqual(today, self.order_of(7102))
        month = self.env["sale.order"].search(self.shop.action_open_orders_month()["domain"])
        self.assertEqual(month, self.order_of(7102))
        self.assertFalse(self.shop.dashboard_last_webhook_at)
        # Both were imported today, whatever their date in the shop.
        self.assertEqual(self.shop.dashboard_imported_today_count, 2)
        self.assertEqual(self.shop.dashboard_imported_month_count, 2)
        imported = self.env["sale.order"].search(self.shop.action_open_imported_today()["domain"])
        self.assertEqual(imported, self.order_of(7101) | self.order_of(7102))
        # The orders' list filters them too.
        arch = self.env.ref("ecom_connector.sale_order_view_search").arch
        (imported_filter,) = etree.fromstring(arch).xpath("//filter[@name='ecom_imported_today']")
        self.assertEqual(imported_filter.get("string"), "Imported Today")


@tagged("post_install", "-at_install")
class TestShopForm(EcomCase):
    def test_a_plain_http_address_is_refused_but_loopback(self):
        with self.assertRaisesRegex(ValidationError, "only https:// addresses are called"):
            self.shop.api_url = "http://myshop.example.com"
        self.shop.api_url = "http://127.0.0.1:8080"
        self.shop.api_url = "https://myshop.example.com"
        self.assertEqual(self.shop.api_url, "https://myshop.example.com")

    def test_each_platform_shows_only_its_credentials_with_where_to_find_them(self):
        arch = etree.fromstring(self.env["ecom.shop"].get_view(view_type="form")["arch"])
        (credentials,) = arch.xpath("//group[@name='credentials']")
        expected = {
            "shopify": {
                "access_token": "Admin API Access Token",
                "webhook_secret": "API Secret Key",
            },
            "woocommerce": {
                "api_key": "Consumer Key",
                "api_secret": "Consumer Secret",
                "webhook_secret": "Webhook Secret",
            },
            "prestashop": {"api_key": "Webservice Key"},
            "magento": {"access_token": "Integration Access Token"},
            "csv": {},
        }
        for platform, labels in expected.items():
            visible = {}
            for label in credentials.xpath("./label[@string]"):
                if not safe_eval(label.get("invisible"), {"platform": platform}):
                    block = label.getnext()
                    self.assertFalse(safe_eval(block.get("invisible"), {"platform": platform}))
                    help_text = " ".join(block.xpath(".//div[hasclass('text-muted')]//text()"))
                    self.assertIn("▸", help_text, f"{platform} {label.get('for')}: no path")
                    visible[label.get("for")] = label.get("string")
            self.assertEqual(visible, labels, platform)
            self.assertEqual(
                safe_eval(credentials.get("invisible"), {"platform": platform}), platform == "csv"
            )

    def test_a_code_is_suggested_from_the_name(self):
        with Form(self.env["ecom.shop"]) as form:
            form.name = "Boutique Démo d'été"
            self.assertEqual(form.code, "BOUTIQUE-DEMO-D-ETE")
            form.platform = "csv"


@tagged("post_install", "-at_install")
class TestHeldPayloadUpgrade(EcomCase):
    def test_payloads_of_held_orders_become_held_on_upgrade(self):
        (imported,) = self.import_orders(shopify_order(order_id=7302))
        self.shop.unknown_product_policy = "hold"
        (held,) = self.import_orders(
            shopify_order(order_id=7301, lines=(("NEW-SKU", "Nouveau", 1, "30.00", "0", "20"),))
        )
        held.state = "done"  # as version 18.0.2.2 left it
        path = Path(__file__).parents[1] / "migrations" / "18.0.2.3.0" / "post-migration.py"
        spec = importlib.util.spec_from_file_location("ecom_held_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        self.env.flush_all()
        migration.migrate(self.env.cr, "18.0.2.1.0")
        self.env.invalidate_all()
        self.assertEqual((held.state, imported.state), ("held", "done"))


@tagged("post_install", "-at_install")
class TestImportWizard(EcomCase):
    def wizard(self, shop, content, filename):
        return self.env["ecom.import.wizard"].create(
            {"shop_id": shop.id, "file": base64.b64encode(content), "filename": filename}
        )

    def test_a_csv_given_to_a_json_shop_is_said_in_a_sentence(self):
        wizard = self.wizard(self.shop, b"Order;Date;Total\n1001;2026-11-02;24,90\n", "export.csv")
        self.assertIn("JSON as Shopify's Admin API returns it", wizard.formats_help)
        with self.assertRaisesRegex(
            UserError,
            "export.csv is a CSV export \\(its first line has columns\\), but Boutique Test is "
            "a Shopify shop",
        ):
            wizard.action_import()
        # A broken JSON file is still said as such.
        with self.assertRaisesRegex(UserError, "broken.json cannot be read: .*not valid JSON"):
            self.wizard(self.shop, b'{"id": 5', "broken.json").action_import()

    def test_the_sample_file_of_each_platform_makes_orders(self):
        for platform, preset in (
            ("shopify", None),
            ("woocommerce", None),
            ("prestashop", None),
            ("magento", None),
            ("csv", "fr_standard"),
            ("csv", "generic_en"),
        ):
            with self.subTest(platform=platform, preset=preset):
                code = f"SAMPLE-{platform}-{preset or ''}".upper().rstrip("-")
                shop = self.create_shop(platform, code, csv_preset=preset or "fr_standard")
                url = self.env["ecom.import.wizard"].new({"shop_id": shop.id}).sample_url
                self.assertTrue(url.startswith("/ecom_connector/static/samples/"), url)
                with file_open(url.lstrip("/"), "rb") as sample:
                    content = sample.read()
                wizard = self.wizard(shop, content, url.rsplit("/", 1)[1])
                wizard.action_import()
                orders = self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])
                self.assertTrue(orders, wizard.summary)
                self.assertEqual(orders, wizard.payload_ids.sale_order_id)
                self.assertFalse(
                    wizard.payload_ids.filtered(lambda p: p.state == "failed").mapped("error")
                )

    def test_the_result_gives_each_order_its_reason_in_correct_sentences(self):
        self.shop.unknown_product_policy = "hold"
        self.env["product.product"].create({"name": "T-shirt M", "default_code": "TSHIRT-M"})
        content = json.dumps(
            {
                "orders": [
                    shopify_order(order_id=1097),
                    shopify_order(
                        order_id=1098, lines=(("SKU-NOUVEAU", "Nouveau", 1, "30.00", "0", "20"),)
                    ),
                    shopify_order(order_id=1099, currency="XYZ"),
                ]
            }
        ).encode()
        wizard = self.wizard(self.shop, content, "orders.json")
        wizard.action_import()
        self.assertEqual(
            wizard.summary, "3 orders received: 1 imported, 1 held for review, 1 failed."
        )
        by_reference = {payload.shop_reference: payload for payload in wizard.payload_ids}
        self.assertEqual(set(by_reference), {"#1097", "#1098", "#1099"})
        done, held, failed = by_reference["#1097"], by_reference["#1098"], by_reference["#1099"]
        self.assertEqual((done.state, held.state, failed.state), ("done", "held", "failed"))
        self.assertFalse(done.reason)
        self.assertIn("SKU-NOUVEAU", held.reason)
        self.assertEqual(failed.reason, "Unknown currency XYZ.")
        # The failed order is named as the shop names it, in the list and on its form.
        self.assertIn("#1099", failed.display_name)
        # The result's list shows the reasons.
        arch = etree.fromstring(wizard.get_view(view_type="form")["arch"])
        self.assertEqual(arch.xpath("//field[@name='payload_ids']/list/field/@name")[-1], "reason")
        # One order: singular sentences.
        again = self.wizard(
            self.shop, json.dumps(shopify_order(order_id=1100)).encode(), "order.json"
        )
        again.action_import()
        self.assertEqual(again.summary, "1 order received: 1 imported.")
        # The retry of the failed one: one sentence, one full stop.
        outcome = failed.action_retry()["params"]
        self.assertEqual(outcome["title"], "1 payload processed")
        self.assertEqual(outcome["message"], "1 order failed: Unknown currency XYZ.")
        # In a French company, by a French user: the failure itself is the company's French.
        fr_env = french_env(self.env, "ecom_connector")
        self.env.company.partner_id.lang = "fr_FR"
        french = failed.with_env(fr_env).action_retry()["params"]
        self.assertEqual(french["title"], "1 donnée reçue traitée")
        self.assertEqual(french["message"], "1 commande en échec : Devise inconnue XYZ.")
        self.assertEqual(failed.reason, "Devise inconnue XYZ.")
        summary = wizard.with_env(french_env(self.env, "ecom_connector"))._ecom_summary(
            wizard.payload_ids
        )
        self.assertEqual(
            summary,
            "3 commandes reçues : 1 importée, 1 bloquée pour contrôle, 1 en échec.",
        )

    def test_a_json_given_to_a_csv_shop_is_said_in_a_sentence(self):
        csv_shop = self.create_shop("csv", "CSV-FMT")
        wizard = self.wizard(csv_shop, b'{"orders": []}', "orders.json")
        self.assertIn("A CSV export", wizard.formats_help)
        with self.assertRaisesRegex(
            UserError, "orders.json is a JSON document, but .* is a CSV shop"
        ):
            wizard.action_import()
