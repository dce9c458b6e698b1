from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import french_env


@tagged("post_install", "-at_install")
class TestFrench(TransactionCase):
    """Screens and messages in French for French users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_fr = french_env(cls.env, "ecom_connector")

    def test_labels_menus_and_data_in_french(self):
        field = self.env_fr["ir.model.fields"]._get("ecom.shop", "unknown_product_policy")
        self.assertEqual(field.field_description, "Règle pour les articles inconnus")
        menu = self.env_fr.ref("ecom_connector.ecom_payload_menu")
        self.assertEqual(menu.name, "Données reçues")
        reason = self.env_fr.ref("ecom_connector.reason_unknown_tax")
        self.assertEqual(reason.name, "Taxe inconnue")
        selection = dict(
            self.env_fr["ecom.shop"]
            ._fields["unknown_product_policy"]
            ._description_selection(self.env_fr)
        )
        self.assertEqual(selection["hold"], "Bloquer la commande pour contrôle")

    def test_messages_from_code_in_french(self):
        shop = self.env["ecom.shop"].create({"name": "FR", "code": "FR", "platform": "shopify"})
        payload = self.env["ecom.payload"].create(
            {"shop_id": shop.id, "body": "{}", "state": "done"}
        )
        with self.assertRaisesRegex(UserError, "Seules les données nouvelles"):
            payload.with_context(lang="fr_FR").action_retry()
