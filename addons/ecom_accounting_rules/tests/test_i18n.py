# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecom_connector.tests.common import (
    FrenchMixin,
    field_label,
    selection_labels,
)

from .common import FrenchAccountantMixin, PostingCase, shopify_order


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

    def test_resolutions_offered_in_french(self):
        partner = self.env["res.partner"].create({"name": "Client FR"})
        order = self.env["sale.order"].create({"partner_id": partner.id})
        refund = self.env.ref("ecom_connector.reason_refund")
        item = self.env["ecom.review.item"].create(
            {"name": "FR", "key": "refund", "sale_order_id": order.id, "reason_id": refund.id}
        )
        Wizard = self.env_fr["ecom.review.resolve"].with_context(default_item_id=item.id)
        offered = dict(Wizard._fields["resolution"]._description_selection(Wizard.env))
        self.assertEqual(offered["credit_note"], "Avoir à partir du remboursement de la boutique")

    def test_messages_from_code_in_french(self):
        partner = self.env["res.partner"].create({"name": "Client FR"})
        order = self.env["sale.order"].create({"partner_id": partner.id})
        item = self.env["ecom.review.item"].create(
            {"name": "FR", "key": "posting", "sale_order_id": order.id, "state": "done"}
        )
        with self.assertRaisesRegex(UserError, "Cet élément à contrôler est déjà clos."):
            item.with_context(lang="fr_FR").action_resolve()


@tagged("post_install", "-at_install")
class TestSystemMessagesInTheAccountantsLanguage(FrenchAccountantMixin, PostingCase):
    """What the system writes for people is in their language, whoever posted the order."""

    def test_review_items_and_activities_in_the_accountants_language(self):
        self.set_french_accountant("comptable")
        self.assertNotEqual(self.env.lang, "fr_FR")  # the job's user writes in English
        payload = shopify_order(4901)
        payload["payment_gateway_names"] = ["klarna"]
        order = self.import_and_post(payload)
        item = order.ecom_review_item_ids
        self.assertEqual(item.name, f"{order.name} : Moyen de paiement inconnu")
        self.assertIn("Le moyen de paiement klarna n'a pas de journal", item.description)
        activity = item.activity_ids
        self.assertEqual(activity.summary, f"Contrôler la commande en ligne {order.name}")

    def test_without_accountant_the_companys_language(self):
        self.env.company.partner_id.lang = "fr_FR"
        order = self.import_and_post(
            shopify_order(4902, lines=(("VIN", "Vin", 1, "10.00", "0", "10"),))
        )
        item = order.ecom_review_item_ids
        self.assertIn("unknown_tax", item.reason_ids.mapped("code"))
        reason_fr = item.reason_id.with_context(lang="fr_FR").name
        self.assertNotEqual(reason_fr, item.reason_id.with_context(lang="en_US").name)
        self.assertEqual(item.name, f"{order.name} : {reason_fr}")

    def test_default_rules_named_in_every_installed_language(self):
        company = self.env["res.company"].create({"name": "Boutique FR SAS"})
        rules = self.env["ecom.posting.rule"].search([("company_id", "=", company.id)])
        paid = rules.sorted("sequence")[0]
        self.assertEqual(paid.name, "Paid orders: invoice, post and register the payment")
        self.assertEqual(
            paid.with_context(lang="fr_FR").name,
            "Commandes payées : facturer, comptabiliser et enregistrer le paiement",
        )
