# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A business's web invoice as the French e-invoicing reform wants it, on the French chart.

Its Factur-X (Odoo's ``account_edi_ubl_cii``) carries the reform's mentions and
validates against the EN 16931 schema with Akretion's ``factur-x`` library;
its PDF, made by "Send & Print", carries that XML.
"""

import html
import json
import shutil
from unittest.mock import patch

import facturx
from lxml import etree

from odoo import SUPERUSER_ID, Command, tools
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.ecom_connector.const import CUSTOMER_KIND_B2B, CUSTOMER_KIND_B2C
from odoo.addons.ecom_connector.tests.common import french_env
from odoo.addons.ecom_connector.tests.samples import shopify_address, shopify_order

from .test_einvoice import set_customer_kind

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
}
SIRET = "73282932000074"
SIREN = "732829320"


@tagged("post_install", "-at_install")
class TestBusinessWebInvoice(AccountTestInvoicingCommon):
    country_code = "FR"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.company
        env.user.groups_id |= env.ref("ecom_connector.group_ecom_manager") | env.ref(
            "sales_team.group_sale_manager"
        )
        french_env(env, "ecom_connector", "ecom_accounting_rules")
        # What Odoo's Factur-X requires of the seller (BR-CO-26, BR-DE-1, -6, -7).
        cls.company.write(
            {
                "vat": "FR96552100554",
                "phone": "+33 4 72 00 00 00",
                "email": "ventes@boutique.example",
                "street": "3 place Bellecour",
                "zip": "69002",
                "city": "Lyon",
                "ecom_vat_on_debits": True,
            }
        )
        cls.company.partner_id.lang = "fr_FR"
        env["res.partner.bank"].create(
            {"acc_number": "FR7630006000011234567890189", "partner_id": cls.company.partner_id.id}
        )
        for xmlid in ("tva_normale", "tva_normale_ttc"):
            env.ref(f"account.{cls.company.id}_{xmlid}").active = True
        Account = env["account.account"]
        cls.company.write(
            {
                field: Account.create({"code": code, "name": name, "account_type": "expense"}).id
                for field, code, name in (
                    ("ecom_rounding_account_id", "658010", "Écarts d'arrondi"),
                    ("ecom_difference_account_id", "658020", "Écarts acceptés"),
                    ("ecom_loss_account_id", "658030", "Colis perdus"),
                )
            }
        )
        cls.stripe = env["account.journal"].create(
            {"name": "Stripe", "code": "STRP", "type": "bank"}
        )
        cls.shop = env["ecom.shop"].create(
            {
                "name": "Boutique Démo",
                "code": "FRDEMO",
                "platform": "shopify",
                "unknown_product_policy": "create",
                "confirm_orders": True,
                "payment_map_ids": [
                    Command.create({"gateway": "shopify_payments", "journal_id": cls.stripe.id})
                ],
            }
        )
        cls.engine = env["ecom.posting.engine"]

    def post(self, payload, kind=CUSTOMER_KIND_B2B, registry=SIRET):
        """Import a Shopify order, classify its customer as the import does, post it."""
        content = json.dumps({"orders": [payload]}).encode()
        payloads = self.shop.with_user(SUPERUSER_ID)._ecom_receive_file(content, "orders.json")
        payloads = payloads.with_env(self.env)
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        order = payloads.sale_order_id
        self.assertEqual(len(order), 1)
        if kind == CUSTOMER_KIND_B2B:
            # The import itself told the business from its SIRET.
            self.assertEqual(order.ecom_customer_kind, CUSTOMER_KIND_B2B)
        set_customer_kind(order, kind)
        order.partner_id.commercial_partner_id.company_registry = registry
        self.engine._post_orders(order)
        invoice = order.invoice_ids.filtered(lambda m: m.move_type == "out_invoice")
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        return invoice

    def business_order(self, order_id):
        """An order of a French company, delivered to its warehouse in Lyon."""
        payload = shopify_order(
            order_id,
            email="achats@atelier-dupont.example",
            company="Atelier Dupont SAS",
            lines=(("TSHIRT-M", "T-shirt M", 10, "20.00", "0.00", "20"),),
        )
        # The company's SIRET, as a Shopify checkout field sends it: a business the
        # import can identify (without it, the order waits as a customer to complete).
        payload["note_attributes"] = [{"name": "SIRET", "value": SIRET}]
        payload["shipping_address"] = shopify_address(
            name="Entrepôt Dupont",
            address1="5 avenue des Entrepôts",
            city="Lyon",
            zip="69007",
        )
        return payload

    def render_html(self, invoice):
        """The invoice's printed page (HTML, its entities decoded)."""
        page = self.env["ir.actions.report"]._render_qweb_html(
            "account.report_invoice_with_payments", invoice.ids
        )[0]
        return html.unescape(page.decode())

    def facturx_xml(self, invoice):
        xml, errors = self.env["account.edi.xml.cii"]._export_invoice(invoice)
        self.assertFalse(errors)
        return xml

    def test_business_invoice_facturx_carries_the_mentions_and_validates(self):
        invoice = self.post(self.business_order(8101))
        self.assertEqual(invoice.ecom_operation_category, "goods")
        self.assertNotEqual(invoice.partner_shipping_id, invoice.partner_id)
        xml = self.facturx_xml(invoice)
        # EN 16931 schema (XSD) of the Factur-X profile: raises when invalid
        self.assertTrue(facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931"))
        tree = etree.fromstring(xml)
        # BT-47: the buyer's SIREN (not its SIRET) under scheme 0002
        legal = tree.xpath(
            "//ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID", namespaces=NS
        )
        self.assertEqual([node.text for node in legal], [SIREN])
        self.assertEqual(legal[0].get("schemeID"), "0002")
        # BG-15: the delivery address, not the billing one
        ship_to = tree.xpath("//ram:ShipToTradeParty", namespaces=NS)[0]
        self.assertIn("Entrepôt Dupont", ship_to.xpath("ram:Name", namespaces=NS)[0].text)
        self.assertEqual(
            ship_to.xpath("ram:PostalTradeAddress/ram:LineOne", namespaces=NS)[0].text,
            "5 avenue des Entrepôts",
        )
        # BT-21/BT-22: the category and the VAT-on-debits option, in French
        notes = {
            note.findtext("ram:SubjectCode", namespaces=NS): note.findtext(
                "ram:Content", namespaces=NS
            )
            for note in tree.xpath("//rsm:ExchangedDocument/ram:IncludedNote", namespaces=NS)
        }
        self.assertEqual(notes.get("AAI"), "Catégorie de l'opération : Biens")
        self.assertEqual(notes.get("TXD"), "Option pour le paiement de la taxe d'après les débits")

    def test_business_invoice_pdf_shows_the_mentions_in_french(self):
        invoice = self.post(self.business_order(8102))
        page = self.render_html(invoice)
        self.assertIn(f"SIREN du client : {SIREN}", page)
        self.assertIn("Adresse de livraison : Entrepôt Dupont, 5 avenue des Entrepôts", page)
        self.assertIn("Catégorie de l'opération : Biens", page)
        self.assertIn("Option pour le paiement de la taxe d'après les débits", page)

    def test_consumer_invoice_has_none_of_the_mentions(self):
        invoice = self.post(shopify_order(8103, email="camille@example.com"), CUSTOMER_KIND_B2C)
        self.assertFalse(invoice._ecom_is_business_sale())
        page = self.render_html(invoice)
        self.assertNotIn("ecom_einvoice_mentions", page)
        self.assertNotIn("SIREN du client", page)
        tree = etree.fromstring(self.facturx_xml(invoice))
        self.assertFalse(tree.xpath("//ram:IncludedNote/ram:SubjectCode", namespaces=NS))

    def test_operation_category_from_the_lines(self):
        service = self.env["product.product"].create(
            {"name": "Gravure", "type": "service", "list_price": 15.0}
        )
        goods = self.env["product.product"].create(
            {"name": "Mug", "type": "consu", "list_price": 12.0}
        )
        mixed = self.init_invoice("out_invoice", products=goods + service)
        services = self.init_invoice("out_invoice", products=service)
        self.assertEqual(mixed.ecom_operation_category, "mixed")
        self.assertEqual(services.ecom_operation_category, "services")
        # a product set by hand to services changes the invoices that sell it
        goods.product_tmpl_id.ecom_operation_category = "services"
        self.assertEqual(mixed.ecom_operation_category, "services")
        vendor_bill = self.init_invoice("in_invoice", products=goods)
        self.assertFalse(vendor_bill.ecom_operation_category)

    def test_business_invoice_pdf_carries_its_facturx(self):
        if not shutil.which("wkhtmltopdf"):
            self.skipTest("wkhtmltopdf is not installed (./ecom installs it)")
        invoice = self.post(self.business_order(8104))
        # Odoo embeds the Factur-X in the PDF in "Send & Print" (PDF/A-3), but
        # not under test_enable (it attaches the XML apart and renders HTML):
        # the real path is run with test_enable off for this call only.
        with patch.dict(tools.config.options, {"test_enable": False}):
            self.env["account.move.send"]._generate_and_send_invoices(
                invoice, sending_methods=["manual"], invoice_edi_format="facturx"
            )
        pdf = invoice.invoice_pdf_report_id.raw
        self.assertTrue(pdf.startswith(b"%PDF"))
        filename, xml = facturx.get_facturx_xml_from_pdf(pdf, check_xsd=False)
        self.assertEqual(filename, "factur-x.xml")
        self.assertTrue(facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931"))
        tree = etree.fromstring(xml)
        self.assertEqual(tree.findtext("rsm:ExchangedDocument/ram:ID", namespaces=NS), invoice.name)
        legal = tree.xpath(
            "//ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID", namespaces=NS
        )
        self.assertEqual([node.text for node in legal], [SIREN])
