# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A month of web sales for the e-reporting, as a Shopify shop sends them (October 2026).

Made with the connector's sample generator; the demo's files
demo/demo_ereporting.json and demo/demo_ereporting_refund.json hold the same
payloads (tests/test_demo_ereporting.py checks they still agree).
"""

from odoo.addons.ecom_connector.tests.samples import (
    shopify_address,
    shopify_order,
    shopify_refund,
)

SIRET = "73282932000074"  # a French business (its SIREN 732829320)
GERMAN_VAT = "DE136695976"  # a German business
SERVICE_SKU = "ATELIER-PERSO"
TSHIRT = ("TSHIRT-BIO-M", "T-shirt coton bio M", 2, "20.00", "0.00", "20")
TEA = ("THE-VERT", "Thé vert bio 100 g", 3, "8.45", "0.00", "5.5")
MUG = ("MUG-ARDOISE", "Mug ardoise", 10, "12.90", "0.00", "20")
WORKSHOP = (SERVICE_SKU, "Atelier personnalisation (1 h)", 1, "50.00", "0.00", "20")


def _on(order, day):
    stamp = f"2026-10-{day:02d}T10:30:00+02:00"
    order["created_at"] = order["processed_at"] = order["updated_at"] = stamp
    return order


def month_orders():
    """The month's orders: B2C France at 20 % and 5.5 %, B2C Germany under OSS (19 %),
    a French business with its SIRET, a German business with its VAT number (not
    taxed by the shop), a service, all paid by Shopify Payments."""
    german = shopify_address(
        country="DE", city="Berlin", zip="10115", address1="Unter den Linden 5"
    )
    consumer_de = _on(
        shopify_order(
            6303,
            email="lena.schmidt@example.de",
            country="DE",
            lines=((*TSHIRT[:2], 1, "20.00", "0.00", "19"),),
            shipping=("DHL", "dhl", "6.00", "19"),
        ),
        5,
    )
    consumer_de["billing_address"] = consumer_de["shipping_address"] = german
    consumer_de["customer"]["default_address"] = german
    business_fr = _on(
        shopify_order(
            6304,
            email="achats@atelier-dupont.example",
            company="Atelier Dupont SAS",
            lines=(MUG,),
        ),
        6,
    )
    business_fr["note_attributes"] = [{"name": "SIRET", "value": SIRET}]
    business_de = _on(
        shopify_order(
            6305,
            email="einkauf@mueller-handel.example",
            company="Müller Handels GmbH",
            country="DE",
            lines=((*TSHIRT[:2], 5, "20.00", "0.00", "0"),),
            shipping=("DHL", "dhl", "6.00", "0"),
        ),
        14,
    )
    german_company = {**german, "company": "Müller Handels GmbH"}
    business_de["billing_address"] = business_de["shipping_address"] = german_company
    business_de["customer"]["default_address"] = german_company
    business_de["note_attributes"] = [{"name": "VAT number", "value": GERMAN_VAT}]
    return [
        _on(shopify_order(6301, email="claire.fabre@example.fr", lines=(TSHIRT,)), 2),
        _on(shopify_order(6302, email="yanis.roy@example.fr", lines=(TEA,)), 2),
        consumer_de,
        business_fr,
        business_de,
        _on(
            shopify_order(6306, email="ines.petit@example.fr", lines=(WORKSHOP,), shipping=None),
            15,
        ),
        _on(
            shopify_order(
                6307,
                email="hugo.blanc@example.fr",
                lines=((*TSHIRT[:2], 1, "20.00", "0.00", "20"), TEA),
            ),
            23,
        ),
    ]


def month_refund():
    """The shop's revision of order 6301 refunding one T-shirt (24.00 with VAT) on
    9 October, after the first décade was exported."""
    order = _on(
        shopify_order(
            6301,
            email="claire.fabre@example.fr",
            lines=(TSHIRT,),
            financial_status="partially_refunded",
        ),
        2,
    )
    order["updated_at"] = "2026-10-09T15:00:00+02:00"
    order["refunds"] = [
        shopify_refund(
            630101,
            630101,
            "24.00",
            "2026-10-09T15:00:00+02:00",
            "Taille trop petite",
            subtotal="20.00",
        )
    ]
    return [order]
