# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecom_connector.tests.common import (
    FrenchMixin,
    field_label,
    selection_labels,
)


@tagged("post_install", "-at_install")
class TestFrench(FrenchMixin, TransactionCase):
    """Screens and messages in French for French accountants."""

    french_modules = ("ecom_connector", "ecom_accounting_rules")

    def test_labels_menus_and_data_in_french(self):
        self.assertEqual(field_label(self.env_fr, "ecom.review.item", "reason_id"), "Motif")
        menu = self.env_fr.ref("ecom_accounting_rules.ecom_review_item_menu")
        self.assertEqual(menu.name, "File de contrôle")
        self.assertEqual(self.env_fr.ref("ecom_connector.reason_lost_parcel").name, "Colis perdu")
        selection = selection_labels(self.env_fr, "ecom.posting.rule", "action")
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
