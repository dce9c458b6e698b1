# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import copy
import json
import tempfile
from pathlib import Path
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from ..adapters import get_adapter
from ..adapters.canonical import InboundDocument
from ..cli.ecom import Ecom
from ..cli.status import status_table
from ..const import MAX_ID_LENGTH, WARNING_UNKNOWN_STATUS
from ..sentences import env_sentence
from .amazon_server import amazon_orders
from .common import PAYLOADS, EcomCase, FrenchMixin, field_label, selection_labels
from .samples import shopify_order


@tagged("post_install", "-at_install")
class TestFrench(FrenchMixin, TransactionCase):
    """Screens and messages in French for French users."""

    def test_labels_menus_and_data_in_french(self):
        self.assertEqual(
            field_label(self.env_fr, "ecom.shop", "unknown_product_policy"),
            "Règle pour les articles inconnus",
        )
        self.assertEqual(self.env_fr.ref("ecom_connector.ecom_payload_menu").name, "Données reçues")
        self.assertEqual(self.env_fr.ref("ecom_connector.reason_unknown_tax").name, "Taxe inconnue")
        selection = selection_labels(self.env_fr, "ecom.shop", "unknown_product_policy")
        self.assertEqual(selection["hold"], "Bloquer la commande pour contrôle")

    def test_one_word_for_reason_and_held_in_both_addons(self):
        # "Reason" reads "Motif" everywhere (the review queue's word); "Held" is a
        # state of the payloads ("Données reçues") and a count of orders: plural.
        self.assertEqual(field_label(self.env_fr, "ecom.webhook.event", "reason"), "Motif")
        self.assertEqual(field_label(self.env_fr, "ecom.order.refund", "reason"), "Motif")
        self.assertEqual(selection_labels(self.env_fr, "ecom.payload", "state")["held"], "Bloquées")
        self.assertEqual(field_label(self.env_fr, "ecom.sync.run", "held_count"), "Bloquées")

    def test_messages_from_code_in_french(self):
        shop = self.env["ecom.shop"].create({"name": "FR", "code": "FR", "platform": "shopify"})
        payload = self.env["ecom.payload"].create(
            {"shop_id": shop.id, "body": "{}", "state": "done"}
        )
        with self.assertRaisesRegex(UserError, "Seules les données nouvelles"):
            payload.with_context(lang="fr_FR").action_retry()


@tagged("post_install", "-at_install")
class TestPayloadErrorsInCompanyLanguage(FrenchMixin, EcomCase):
    """What cannot be read is said on the payload in the language of the company's people."""

    def invalid_orders(self, first_id):
        """Three orders the import refuses: a quantity that is no number, a SKU too long
        for the import, and (in an NDJSON file) a line that is no JSON."""
        not_a_number = shopify_order(order_id=first_id)
        not_a_number["line_items"][0]["quantity"] = "beaucoup"
        long_sku = shopify_order(
            order_id=first_id + 1,
            lines=(("X" * (MAX_ID_LENGTH + 1), "Théière", 1, "30.00", "0.00", "20"),),
        )
        lines = [json.dumps(not_a_number), json.dumps(long_sku), "{pas du json"]
        payloads = self.shop._ecom_receive_file("\n".join(lines).encode(), "orders.ndjson")
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        self.assertEqual(payloads.mapped("state"), ["failed"] * 3)
        return [payload.error for payload in payloads.sorted("id")]

    def test_french_company_reads_french_sentences(self):
        self.env.company.partner_id.lang = "fr_FR"
        self.assertNotEqual(self.env.lang, "fr_FR", "the company's language, not the user's")
        number, too_long, not_json = self.invalid_orders(3101)
        self.assertEqual(number, "Ligne 1 (T-shirt M) : quantité n'est pas un nombre : 'beaucoup'")
        self.assertTrue(
            too_long.startswith(
                f"Ligne 1 (Théière) : la référence article (SKU) fait {MAX_ID_LENGTH + 1} "
                f"caractères ({'X' * 40}...), plus que les {MAX_ID_LENGTH} que l'import "
                "accepte : corrigez-le dans la boutique"
            ),
            too_long,
        )
        self.assertRegex(not_json, r"^Ligne 3 n'est pas du JSON valide : ")

    def test_english_company_reads_english_sentences(self):
        self.env.company.partner_id.lang = "en_US"
        number, too_long, not_json = self.invalid_orders(3111)
        self.assertEqual(number, "Line 1 (T-shirt M): quantity is not a number: 'beaucoup'")
        self.assertTrue(
            too_long.startswith(f"Line 1 (Théière): the SKU is {MAX_ID_LENGTH + 1} characters"),
            too_long,
        )
        self.assertRegex(not_json, r"^Line 3 is not valid JSON: ")

    def test_broken_amazon_orders_said_in_french(self):
        self.env.company.partner_id.lang = "fr_FR"
        shop = self.create_shop("amazon", "AMZI18N", name="Amazon France")
        merchant, fba = amazon_orders(PAYLOADS / "amazon" / "orders.json")[:2]
        dollars = copy.deepcopy(merchant)
        dollars["OrderItems"][1]["ItemPrice"]["CurrencyCode"] = "USD"
        no_items = dict(copy.deepcopy(fba), OrderItems=[])
        no_id = {"OrderStatus": "Shipped"}
        content = json.dumps({"payload": {"Orders": [dollars, no_items, no_id]}}).encode()
        payloads = shop._ecom_receive_file(content, "orders.json")
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        self.assertEqual(payloads.mapped("state"), ["failed"] * 3)
        self.assertEqual(
            payloads.sorted("id").mapped("error"),
            [
                "Article 2 (MUG-ROUGE) : ItemPrice est en USD, la commande en EUR.",
                f"La commande {fba['AmazonOrderId']} n'a pas d'OrderItems.",
                "Une commande n'a pas d'AmazonOrderId.",
            ],
        )

    def test_broken_mirakl_orders_said_in_french(self):
        self.env.company.partner_id.lang = "fr_FR"
        shop = self.create_shop("mirakl", "MKI18N", name="Fnac France")
        orders = json.loads((PAYLOADS / "mirakl" / "orders.json").read_text())["orders"]
        negative = copy.deepcopy(orders[0])
        negative["order_lines"][0]["quantity"] = -2
        no_line = dict(copy.deepcopy(orders[1]), order_lines=[])
        no_id = {"order_state": "SHIPPING"}
        content = json.dumps({"orders": [negative, no_line, no_id]}).encode()
        payloads = shop._ecom_receive_file(content, "orders.json")
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        self.assertEqual(payloads.mapped("state"), ["failed"] * 3)
        self.assertEqual(
            payloads.sorted("id").mapped("error"),
            [
                "Ligne 1 (TSHIRT-BLEU) : la quantité est négative (-2).",
                f"La commande {orders[1]['order_id']} n'a pas de ligne de commande.",
                "Une commande n'a pas d'order_id.",
            ],
        )

    def test_unreadable_file_refused_in_the_readers_language(self):
        with self.assertRaisesRegex(
            UserError, "orders.json est illisible : Le fichier n.est pas du JSON valide"
        ):
            self.shop.with_env(self.env_fr)._ecom_receive_file(b'[{"id": 1,', "orders.json")

    def test_command_line_in_the_companys_language(self):
        self.env.company.partner_id.lang = "fr_FR"
        command = Ecom()
        parser = command._parser()
        with self.assertRaises(SystemExit) as refused:
            command._cmd_status(self.env, parser.parse_args(["status", "--shop", "NOPE"]))
        self.assertEqual(str(refused.exception), "aucune boutique avec le code 'NOPE'")
        with self.assertRaises(SystemExit) as refused:
            command._cmd_shop(
                self.env,
                parser.parse_args(
                    ["shop", "add", "--code", "CLI9", "--platform", "woocommerce", "--url", "x"]
                ),
            )
        self.assertEqual(
            str(refused.exception),
            "une boutique de la plateforme woocommerce a besoin de --key et --secret",
        )
        table = status_table({"shops": []}, "fr_FR")
        self.assertEqual(table, "Aucune boutique.")

    def test_order_warnings_read_in_english_and_in_french(self):
        order = shopify_order(order_id=3121, financial_status="mystery")
        parsed = get_adapter("shopify", {}).parse(InboundDocument(body=json.dumps(order)))
        ((code, sentence),) = parsed.warnings
        self.assertEqual(code, WARNING_UNKNOWN_STATUS)
        self.assertEqual(
            sentence, "Unknown Shopify payment status 'mystery': the order is treated as not paid."
        )
        self.assertEqual(
            env_sentence(self.env_fr, sentence),
            "Statut de paiement Shopify inconnu 'mystery' : la commande est traitée comme non "
            "payée.",
        )

    def test_import_command_reports_in_the_companys_language(self):
        self.env.company.partner_id.lang = "fr_FR"
        command = Ecom()
        lines = [json.dumps(shopify_order(order_id=3131)), "{pas du json"]
        progress = []
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "orders.ndjson"
            path.write_text("\n".join(lines))
            args = command._parser().parse_args(["import", "--shop", self.shop.code, str(path)])
            with patch("odoo.addons.ecom_connector.cli.ecom._progress", progress.append):
                report = command._import(self.shop, args)
        self.assertEqual((report["imported"], report["failed"]), (1, 1))
        (failed,) = [order for order in report["orders"] if order["state"] == "failed"]
        self.assertRegex(failed["problems"][0], r"^Ligne 2 n'est pas du JSON valide : ")
        self.assertIn(f"{path} : toutes les commandes enregistrées", progress)
