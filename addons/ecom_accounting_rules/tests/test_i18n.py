# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import json
import re
import tempfile
from argparse import Namespace
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import html2plaintext

from odoo.addons.ecom_connector.cli.ecom import Ecom
from odoo.addons.ecom_connector.tests.common import (
    FrenchMixin,
    field_label,
    french_env,
    selection_labels,
)
from odoo.addons.queue_job.tests.common import trap_jobs

from ..cli.payouts import payouts_import
from .common import FrenchAccountantMixin, PostingCase, shopify_order
from .payout_common import PAYLOADS


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


#: Words of an English sentence that no French one of ours holds.
ENGLISH = re.compile(
    r"\b(the|from|has|been|created|and|to|of|at|by|is|with|import|review|line|paid|invoiced)\b",
    re.IGNORECASE,
)


@tagged("post_install", "-at_install")
class TestFrenchCompanyChatter(PostingCase):
    """A French company's orders imported by a job or by the command line, as the
    system (whose language is not French), leave their chatter in French: Odoo's
    own notes ("created", "created from"), the tracking values and our sentences."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        french_env(
            cls.env,
            "base",
            "mail",
            "sale",
            "stock",
            "sale_stock",
            "account",
            "ecom_connector",
            "ecom_accounting_rules",
        )
        cls.company.partner_id.lang = "fr_FR"

    def three_orders(self, first_id):
        """An order paid by an unknown gateway (confirmed, delivered, sent to review),
        one whose totals do not match (held at import), and one posted (invoiced
        and paid)."""
        klarna = shopify_order(first_id)
        klarna["payment_gateway_names"] = ["klarna"]
        mismatch = shopify_order(first_id + 1, email="b@x.fr")
        mismatch["total_price"] = "99.00"
        return [klarna, mismatch, shopify_order(first_id + 2, email="c@x.fr")]

    def chatter(self, records):
        """Every text the chatter of ``records`` shows: messages and tracking values."""
        texts = []
        for message in records.message_ids:
            texts += [html2plaintext(message.body or ""), message.subject or ""]
            for tracking in message.sudo().tracking_value_ids:
                texts += [tracking.old_value_char or "", tracking.new_value_char or ""]
        return [text for text in texts if text.strip()]

    def assert_french_chatter(self, orders):
        self.assertEqual(len(orders), 3)
        self.assertEqual(
            sorted(orders.mapped("ecom_posting_state")), ["posted", "review", "review"]
        )
        items = orders.ecom_review_item_ids
        pickings = orders.picking_ids
        self.assertEqual(len(items), 2)
        self.assertEqual(len(pickings), 2)
        texts = self.chatter(orders) + self.chatter(pickings) + self.chatter(items)
        english = [text for text in texts if ENGLISH.search(text)]
        self.assertFalse(english, texts)
        joined = "\n".join(texts)
        self.assertEqual(joined.count("Élément à contrôler de boutique en ligne créé"), 2)
        self.assertEqual(joined.count("Importée de Boutique Test"), 3)
        # The posting state's tracking, in French.
        labels = dict(
            self.env["sale.order"]
            .with_context(lang="fr_FR")
            ._fields["ecom_posting_state"]
            ._description_selection(self.env(context={"lang": "fr_FR"}))
        )
        self.assertIn(labels["posted"], texts)
        self.assertIn("Les totaux ne concordent pas", "\n".join(items.mapped("description")))

    def test_import_by_job_in_the_companys_language(self):
        self.assertNotEqual(self.env.lang, "fr_FR")  # the job's user does not read French
        content = json.dumps({"orders": self.three_orders(4951)}).encode()
        payloads = self.shop._ecom_receive_file(content, "orders.json")
        with trap_jobs() as trap:
            payloads._ecom_enqueue()
            for _round in range(5):
                if not trap.enqueued_jobs:
                    break
                trap.perform_enqueued_jobs()
        self.assert_french_chatter(payloads.sale_order_id)

    def test_import_by_command_in_the_companys_language(self):
        self.assertNotEqual(self.env.lang, "fr_FR")
        command = Ecom()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "orders.json"
            path.write_text(json.dumps({"orders": self.three_orders(4961)}))
            args = command._parser().parse_args(["import", "--shop", self.shop.code, str(path)])
            report = command._import(self.shop, args)
        self.assertEqual(report["imported"], 3)
        # The command posts what it imported at once (no posting job).
        orders = self.env["sale.order"].search(
            [
                ("ecom_shop_id", "=", self.shop.id),
                ("ecom_external_id", "in", ["4961", "4962", "4963"]),
            ]
        )
        self.assert_french_chatter(orders)


@tagged("post_install", "-at_install")
class TestPayoutFilesInTheCompanysLanguage(FrenchAccountantMixin, PostingCase):
    """Why a payout file cannot be read is said in its reader's language."""

    def import_wrong_file(self):
        """``./ecom payouts import`` of a PayPal report given as Shopify Payments'."""
        wrong = Namespace(
            shop=self.shop.code,
            provider="shopify_payments",
            files=[PAYLOADS / "paypal" / "activity_download.csv"],
        )
        with self.assertRaises(SystemExit) as refused:
            payouts_import(self.env, wrong, lambda message: None)
        return str(refused.exception)

    def test_command_in_a_french_company(self):
        self.env.company.partner_id.lang = "fr_FR"
        self.assertNotEqual(self.env.lang, "fr_FR", "the company's language, not the user's")
        self.assertEqual(
            self.import_wrong_file(), "activity_download.csv : Valeur manquante : ligne 2 : Amount"
        )

    def test_command_in_an_english_company(self):
        self.env.company.partner_id.lang = "en_US"
        self.assertEqual(
            self.import_wrong_file(), "activity_download.csv: line 2: Amount is missing"
        )

    def test_uploaded_file_in_the_users_language(self):
        Payout = self.env_fr["ecom.payout"]
        content = b"id,net\n1,2,3\n"
        with self.assertRaises(UserError) as refused:
            Payout._ecom_import_content("stripe", content, "report.csv", company=self.company)
        self.assertEqual(
            refused.exception.args[0],
            "report.csv : ligne 2 : 3 champs là où la ligne d'en-tête en a 2 : le fichier n'est "
            "pas un rapport CSV entier (une ligne coupée ou jointe ?)",
        )
        with self.assertRaises(UserError) as refused:
            Payout._ecom_import_content("paypal", b"{", "answer.json", company=self.company)
        self.assertRegex(refused.exception.args[0], r"^answer\.json : pas du JSON : ")

    def test_broken_settlement_refused_in_french(self):
        Payout = self.env_fr["ecom.payout"]
        broken = (PAYLOADS / "amazon_settlement_full.txt").read_bytes().replace(b"-8.10", b"-8,1O")
        with self.assertRaises(UserError) as refused:
            Payout._ecom_import_content("amazon", broken, "settlement.txt", company=self.company)
        self.assertEqual(
            refused.exception.args[0],
            "settlement.txt : ligne 6 : amount : '-8,1O' n'est pas un montant",
        )
        with self.assertRaises(UserError) as refused:
            Payout._ecom_import_content(
                "amazon", b"order-id\tamount\n1\t2\n", "export.txt", company=self.company
            )
        self.assertEqual(
            refused.exception.args[0],
            "export.txt : ligne 1 : pas un rapport de règlement Amazon (fichier plat V2) : la "
            "ligne d'en-tête n'a pas de colonne settlement-id, settlement-start-date, "
            "settlement-end-date ...",
        )

    def test_broken_mirakl_page_and_cycle_refused_in_french(self):
        Payout = self.env_fr["ecom.payout"]
        page = json.loads((PAYLOADS / "mirakl_tl02_page1.json").read_text())
        page["data"][1]["amount"] = "2O,0"
        with self.assertRaises(UserError) as refused:
            Payout._ecom_import_content(
                "mirakl", json.dumps(page).encode(), "tl02.json", company=self.company
            )
        self.assertEqual(
            refused.exception.args[0],
            "tl02.json : ligne de transaction TL-00002 : amount n'est pas un nombre : '2O,0'",
        )
        with self.assertRaises(UserError) as refused:
            Payout._ecom_import_content(
                "mirakl", b'{"orders": []}', "orders.json", company=self.company
            )
        self.assertEqual(
            refused.exception.args[0],
            "orders.json : pas une réponse de lignes de transaction Mirakl (TL02) : pas de liste "
            "data",
        )
        cycle = (PAYLOADS / "mirakl_cycle.csv").read_bytes()
        header, first, second = cycle.splitlines()[:3]
        uneven = b"\n".join((header, first, second.replace(b";60.00", b";61.00")))
        with self.assertRaises(UserError) as refused:
            Payout._ecom_import_content("mirakl", uneven, "cycle.csv", company=self.company)
        self.assertEqual(
            refused.exception.args[0],
            "cycle.csv : ligne 3 : le cycle DOC-2026-11-01 a payé 61.00, alors qu'une ligne "
            "précédente indique 60.00",
        )
        with self.assertRaises(UserError) as refused:
            Payout._ecom_import_content(
                "mirakl", b"Order ID;Amount paid\nF1;60.00\n", "export.csv", company=self.company
            )
        self.assertEqual(
            refused.exception.args[0],
            "export.csv : ligne 1 : pas un export de cycle de paiement Mirakl : la ligne "
            "d'en-tête n'a pas de colonne Accounting document number ou Order amount",
        )
