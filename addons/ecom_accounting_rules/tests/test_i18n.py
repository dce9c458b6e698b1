from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecom_connector.tests.common import french_env


@tagged("post_install", "-at_install")
class TestFrench(TransactionCase):
    """Screens and messages in French for French accountants."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_fr = french_env(cls.env, "ecom_connector", "ecom_accounting_rules")

    def test_labels_menus_and_data_in_french(self):
        field = self.env_fr["ir.model.fields"]._get("ecom.review.item", "reason_id")
        self.assertEqual(field.field_description, "Motif")
        menu = self.env_fr.ref("ecom_accounting_rules.ecom_review_item_menu")
        self.assertEqual(menu.name, "File de contrôle")
        reason = self.env_fr.ref("ecom_connector.reason_lost_parcel")
        self.assertEqual(reason.name, "Colis perdu")
        selection = dict(
            self.env_fr["ecom.posting.rule"]._fields["action"]._description_selection(self.env_fr)
        )
        self.assertEqual(selection["post"], "Facturer, comptabiliser et enregistrer le paiement")
        self.assertEqual(selection["review"], "Envoyer en contrôle")

    def test_messages_from_code_in_french(self):
        partner = self.env["res.partner"].create({"name": "Client FR"})
        order = self.env["sale.order"].create({"partner_id": partner.id})
        item = self.env["ecom.review.item"].create(
            {"name": "FR", "key": "posting", "sale_order_id": order.id, "state": "done"}
        )
        with self.assertRaisesRegex(UserError, "Cet élément à contrôler est déjà clos."):
            item.with_context(lang="fr_FR").action_resolve()
