# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import FrenchMixin, field_label, selection_labels


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
