# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Who the customer is: business (B2B) or consumer (B2C), from each platform's payloads.

The classification and the adapters without a database; the import (the
order's kind, the partner's VAT number and SIREN/SIRET, the hold of a
business that cannot be identified and its reprocess) against one.
"""

import json

from odoo.tests import BaseCase, tagged

from ..adapters import get_adapter
from ..adapters.canonical import Address, Customer, InboundDocument
from ..const import CUSTOMER_KIND_B2B, CUSTOMER_KIND_B2C, REASON_CUSTOMER_TO_COMPLETE
from ..orders.customer_kind import (
    ISSUE_INVALID_SIRET,
    ISSUE_INVALID_VAT,
    ISSUE_NO_IDENTIFIER,
    check_siret,
    check_vat,
    identify,
)
from .common import PAYLOADS, EcomCase
from .samples import shopify_order

# Well-formed numbers (check digits right), of no real company.
VAT_FR = "FR11123456782"
SIREN = "123456782"
SIRET = "12345678200010"
VAT_BE = "BE0477472701"


def _identity(platform, name, index=0, options=None):
    """The identity of the ``index``-th order of a platform's sample file."""
    adapter = get_adapter(platform, options)
    documents = adapter.split((PAYLOADS / platform / name).read_bytes(), name)
    order = adapter.parse(documents[index])
    return order, identify(order.customer, order.billing_address or order.shipping_address)


@tagged("post_install", "-at_install")
class TestClassification(BaseCase):
    """The rules, on canonical customers."""

    def kind(self, company="", vat="", siret="", country="FR"):
        customer = Customer(name="Camille Martin", company=company, vat=vat, siret=siret)
        return identify(customer, Address(country_code=country))

    def test_numbers_are_checked_offline(self):
        self.assertEqual(check_vat("fr 11 123 456 782"), VAT_FR)
        self.assertEqual(check_vat("11123456782", "FR"), VAT_FR, "prefix from the country")
        self.assertEqual(check_vat("FR12345"), "")
        self.assertEqual(check_vat("FR11123456783"), "", "wrong check digits")
        self.assertEqual(check_siret("123 456 782 00010"), SIRET)
        self.assertEqual(check_siret(SIREN), SIREN)
        self.assertEqual(check_siret("12345678200011"), "")
        self.assertEqual(check_siret("1234"), "")

    def test_business_with_a_company_name(self):
        with_vat = self.kind(company="Atelier SAS", vat="FR 11123456782")
        self.assertEqual(
            (with_vat.kind, with_vat.company, with_vat.vat, with_vat.siret),
            (CUSTOMER_KIND_B2B, "Atelier SAS", VAT_FR, ""),
        )
        with_siret = self.kind(company="Atelier SAS", siret=SIRET)
        self.assertEqual((with_siret.kind, with_siret.siret), (CUSTOMER_KIND_B2B, SIRET))

    def test_a_valid_vat_number_alone_is_a_business(self):
        identity = self.kind(vat=VAT_BE, country="BE")
        self.assertEqual((identity.kind, identity.vat), (CUSTOMER_KIND_B2B, VAT_BE))

    def test_consumers(self):
        self.assertEqual(self.kind().kind, CUSTOMER_KIND_B2C)
        # A consumer's mistyped number is dropped, never kept for the partner.
        typo = self.kind(vat="FR12345")
        self.assertEqual((typo.kind, typo.vat, typo.issues), (CUSTOMER_KIND_B2C, "", ()))
        # A company name abroad without a number: nothing identifies a business.
        self.assertEqual(self.kind(company="Brasserie SPRL", country="BE").kind, CUSTOMER_KIND_B2C)

    def test_a_business_that_cannot_be_identified_is_not_guessed(self):
        invalid_vat = self.kind(company="Atelier SAS", vat="FR12345")
        self.assertIsNone(invalid_vat.kind)
        self.assertEqual(invalid_vat.issues, ((ISSUE_INVALID_VAT, "FR12345"),))
        self.assertEqual(invalid_vat.vat, "")
        invalid_siret = self.kind(company="Atelier SAS", vat=VAT_FR, siret="12345678200011")
        self.assertIsNone(invalid_siret.kind)
        self.assertEqual(invalid_siret.issues, ((ISSUE_INVALID_SIRET, "12345678200011"),))
        french = self.kind(company="Atelier SAS")
        self.assertIsNone(french.kind)
        self.assertEqual(french.issues, ((ISSUE_NO_IDENTIFIER, "Atelier SAS"),))


@tagged("post_install", "-at_install")
class TestPlatformPayloads(BaseCase):
    """What each platform sends about a business, read by its adapter."""

    def test_shopify_b2b_company(self):
        order, identity = _identity("shopify", "order_b2b_company.json")
        self.assertEqual(order.customer.company, "Atelier Dubois SAS")
        self.assertEqual(order.customer.siret, "123 456 782 00010")
        self.assertEqual(
            (identity.kind, identity.vat, identity.siret), (CUSTOMER_KIND_B2B, VAT_FR, SIRET)
        )

    def test_shopify_b2b_company_without_a_company_on_the_address(self):
        data = json.loads((PAYLOADS / "shopify" / "order_b2b_company.json").read_text())
        data = data.get("order", data)
        data["billing_address"]["company"] = None
        data["customer"]["default_address"]["company"] = None
        data["note_attributes"] = []
        order = get_adapter("shopify").parse(InboundDocument(body=json.dumps(data)))
        # Shopify says it is a company: a French one without numbers is to complete.
        self.assertEqual(order.customer.company, "Claire Dubois")
        identity = identify(order.customer, order.billing_address)
        self.assertEqual(identity.issues, ((ISSUE_NO_IDENTIFIER, "Claire Dubois"),))

    def test_shopify_consumer_and_business_abroad(self):
        _order, consumer = _identity("shopify", "order_taxes_excluded.json")
        self.assertEqual((consumer.kind, consumer.vat), (CUSTOMER_KIND_B2C, ""))
        _order, belgian = _identity("shopify", "order_business_belgium.json")
        self.assertEqual((belgian.kind, belgian.vat), (CUSTOMER_KIND_B2B, VAT_BE))

    def test_woocommerce_vat_plugin_and_siret_meta(self):
        order, identity = _identity("woocommerce", "order_b2b_france.json")
        self.assertEqual(order.customer.vat, VAT_FR, "YITH's yweu_billing_vat")
        self.assertEqual(order.customer.siret, SIRET)
        self.assertEqual(
            (identity.kind, identity.company, identity.vat, identity.siret),
            (CUSTOMER_KIND_B2B, "Moreau Menuiserie SARL", VAT_FR, SIRET),
        )
        _order, belgian = _identity("woocommerce", "order_business_belgium.json")
        self.assertEqual((belgian.kind, belgian.vat), (CUSTOMER_KIND_B2B, VAT_BE))
        _order, consumer = _identity("woocommerce", "order_taxes_included.json")
        self.assertEqual(consumer.kind, CUSTOMER_KIND_B2C)

    def test_prestashop_siret_vat_number_and_dni(self):
        order, identity = _identity("prestashop", "orders_b2b.json")
        self.assertEqual(order.customer.siret, "98765432400027")
        self.assertEqual(
            (identity.kind, identity.company, identity.vat, identity.siret),
            (CUSTOMER_KIND_B2B, "Garnier Traiteur SAS", VAT_FR, "98765432400027"),
        )
        # Without B2B mode, the SIREN typed in the invoice address's dni.
        order, identity = _identity("prestashop", "orders_b2b.json", index=1)
        self.assertEqual(
            (identity.kind, identity.company, identity.vat, identity.siret),
            (CUSTOMER_KIND_B2B, "Boulangerie Petit SARL", "", "987654324"),
        )
        _order, consumer = _identity("prestashop", "orders.json")
        self.assertEqual(consumer.kind, CUSTOMER_KIND_B2C)

    def test_magento_vat_id(self):
        order, identity = _identity("magento", "order_b2b_vat_id.json")
        self.assertEqual(order.billing_address.vat, VAT_FR)
        self.assertEqual(
            (identity.kind, identity.company, identity.vat),
            (CUSTOMER_KIND_B2B, "Atelier Dubois SAS", VAT_FR),
        )
        _order, consumer = _identity("magento", "order_configurable_bundle.json")
        self.assertEqual(consumer.kind, CUSTOMER_KIND_B2C)

    def test_csv_layout_columns(self):
        options = {"csv": {"preset": "fr_standard"}}
        order, identity = _identity("csv", "export_fr_b2b.csv", options=options)
        self.assertEqual(order.customer.siret, "987 654 324 00027")
        self.assertEqual((identity.kind, identity.siret), (CUSTOMER_KIND_B2B, "98765432400027"))
        _order, invalid = _identity("csv", "export_fr_b2b.csv", index=1, options=options)
        self.assertEqual(invalid.issues, ((ISSUE_INVALID_VAT, "FR12345"),))
        # A layout without a SIRET column reads none.
        _order, belgian = _identity("csv", "export_fr_utf8.csv", index=1, options=options)
        self.assertEqual((belgian.kind, belgian.vat), (CUSTOMER_KIND_B2B, VAT_BE))


@tagged("post_install", "-at_install")
class TestImportCustomerKind(EcomCase):
    """The import: the order's kind, the partner, the hold and its reprocess."""

    def business_order(self, order_id, vat, siret="", email="achats@atelier.fr"):
        order = shopify_order(order_id=order_id, company="Atelier Dubois SAS", email=email)
        order["note_attributes"] = [{"name": "VAT number", "value": vat}]
        if siret:
            order["note_attributes"].append({"name": "SIRET", "value": siret})
        return order

    def test_a_business_gets_its_vat_number_and_registry(self):
        (payload,) = self.import_orders(self.business_order(4101, "FR 11123456782", SIRET))
        self.assertEqual(payload.state, "done", payload.note)
        sale_order = self.order_of(4101)
        self.assertEqual(sale_order.ecom_customer_kind, CUSTOMER_KIND_B2B)
        company = sale_order.partner_id.commercial_partner_id
        self.assertNotEqual(company, sale_order.partner_id, "the person is its contact")
        self.assertEqual(
            (company.name, company.is_company, company.vat, company.company_registry),
            ("Atelier Dubois SAS", True, VAT_FR, SIRET),
        )
        if "siret" in company._fields:
            self.assertEqual(company.siret, SIRET)
        self.assertEqual(sale_order.state, "sale")

    def test_a_consumer_carries_no_vat_number(self):
        consumer = shopify_order(order_id=4102, email="camille@example.fr")
        consumer["note_attributes"] = [{"name": "VAT number", "value": "FR12345"}]
        (payload,) = self.import_orders(consumer)
        self.assertEqual(payload.state, "done", payload.note)
        sale_order = self.order_of(4102)
        self.assertEqual(sale_order.ecom_customer_kind, CUSTOMER_KIND_B2C)
        self.assertFalse(sale_order.partner_id.vat)
        self.assertFalse(sale_order.partner_id.commercial_partner_id.vat)
        self.assertFalse(sale_order.partner_id.is_company)

    def test_an_invalid_vat_number_waits_for_the_customer_then_imports_b2b(self):
        (payload,) = self.import_orders(self.business_order(4103, "FR12345"))
        sale_order = self.order_of(4103)
        self.assertEqual(payload.state, "held")
        self.assertEqual(sale_order.ecom_hold_reason_ids.code, REASON_CUSTOMER_TO_COMPLETE)
        self.assertIn("the VAT number FR12345 is not valid", sale_order.ecom_problems)
        self.assertIn("Atelier Dubois SAS", sale_order.ecom_problems)
        self.assertFalse(sale_order.ecom_customer_kind)
        self.assertEqual(sale_order.state, "draft")
        company = sale_order.partner_id.commercial_partner_id
        self.assertTrue(company.is_company)
        self.assertFalse(company.vat, "an invalid number is not written")
        # Still not identified: still held.
        sale_order.action_ecom_reprocess()
        self.assertEqual(payload.state, "held")
        # Completed by hand, then reprocessed: a business.
        company.vat = VAT_FR
        sale_order.action_ecom_reprocess()
        self.assertEqual(payload.state, "done", payload.note)
        self.assertFalse(sale_order.ecom_hold_reason_ids)
        self.assertEqual(sale_order.ecom_customer_kind, CUSTOMER_KIND_B2B)
        self.assertEqual(sale_order.state, "sale")

    def test_a_siret_set_by_hand_identifies_the_business(self):
        order = shopify_order(order_id=4104, company="Atelier Dubois SAS", email="a@atelier.fr")
        (payload,) = self.import_orders(order)
        sale_order = self.order_of(4104)
        self.assertEqual(sale_order.ecom_hold_reason_ids.code, REASON_CUSTOMER_TO_COMPLETE)
        self.assertIn("without a VAT number or SIREN/SIRET", sale_order.ecom_problems)
        sale_order.partner_id.commercial_partner_id.company_registry = SIRET
        sale_order.action_ecom_reprocess()
        self.assertEqual(payload.state, "done", payload.note)
        self.assertEqual(sale_order.ecom_customer_kind, CUSTOMER_KIND_B2B)

    def test_the_reason_is_declared(self):
        reason = self.env.ref("ecom_connector.reason_customer_to_complete")
        self.assertEqual(reason.code, REASON_CUSTOMER_TO_COMPLETE)
        self.assertEqual(reason.applies_to, "hold")
