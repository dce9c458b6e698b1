# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The demo shop of ``./ecom run``: loaded by demo/ecom_demo.xml (the manifest's ``demo``).

Plain functions of ``env``; the ``ecom.demo`` model is only the entry point
Odoo's ``<function>`` tag needs, and other addons extend it with their part.
"""

from odoo import Command, api, models
from odoo.tools.misc import file_path

from .ecom_demo_amazon import amazon_demo_shop
from .ecom_demo_mirakl import mirakl_demo_shop

DEMO_CODE = "DEMO"
MAGENTO_DEMO_CODE = "DEMOMAG"
# What the demo seller sells: every SKU of the demo orders but one, so that
# one order is held for review (sku, name, price).
CATALOGUE = [
    ("TSHIRT-BIO-M", "T-shirt coton bio M", 24.90),
    ("MUG-ARDOISE", "Mug ardoise", 12.50),
    ("LIVRE-CUISINE", "Livre de cuisine", 29.00),
    ("BOUGIE-LAVANDE", "Bougie lavande", 15.90),
    ("CAFE-GRAINS-1KG", "Café en grains 1 kg", 21.00),
]


def demo_shop(env):
    """The demo shop of the current company, or an empty recordset."""
    return env["ecom.shop"].search(
        [("code", "=", DEMO_CODE), ("company_id", "=", env.company.id)], limit=1
    )


def load_demo(env):
    """The demo shop, with a dozen imported Shopify orders, and a Magento shop.

    Idempotent: returns the existing demo shop when there is one (adding the
    Magento shop to a demo database made before it). Sets up
    what a French seller would have (VAT taxes at 20 % and 5.5 %, the
    products it sells but one, so that one order is held for review).
    :return: the demo ``ecom.shop``
    """
    mirakl_demo_shop(env)  # the Mirakl marketplace shop (demo/ecom_demo_mirakl.py)
    shop = demo_shop(env)
    if shop:
        magento_demo_shop(env)
        amazon_demo_shop(env)
        return shop
    company = env.company
    _french_seller(env, company)
    _company_defaults(env, company)
    _catalogue(env)
    # The shop's orders ship from the company's warehouse and belong to its sales team,
    # as a seller sets them up (the dashboard and the orders' lists group by them).
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    team = env["crm.team"].search([("company_id", "in", (company.id, False))], limit=1)
    shop = env["ecom.shop"].create(
        {
            "name": "Boutique Démo (Shopify)",
            "code": DEMO_CODE,
            "platform": "shopify",
            "company_id": company.id,
            "warehouse_id": warehouse.id,
            "team_id": team.id,
            "unknown_product_policy": "hold",
        }
    )
    bank = _bank_journal(env)
    if bank:
        env["ecom.payment.map"].create(
            {"shop_id": shop.id, "gateway": "shopify_payments", "journal_id": bank.id}
        )
    with open(file_path("ecom_connector/demo/shopify_orders.json"), "rb") as demo_file:
        payloads = shop._ecom_receive_file(demo_file.read(), "shopify_orders.json")
    payloads._ecom_process()
    magento_demo_shop(env)
    amazon_demo_shop(env)
    return shop


def _bank_journal(env):
    return env["account.journal"].search(
        [("company_id", "=", env.company.id), ("type", "=", "bank")], limit=1
    )


def _provider_journal(env, name, code):
    """The company's bank journal of a payment provider, found by its code or made."""
    Journal = env["account.journal"]
    return Journal.search(
        [("company_id", "=", env.company.id), ("code", "=", code)], limit=1
    ) or Journal.create({"name": name, "code": code, "type": "bank", "company_id": env.company.id})


def clearing_journal(env, name, code, clearing_code, clearing_name, sequence=10):
    """The company's journal ``code`` of a provider or marketplace that collects the
    customers' money (found, or made), its payments waiting on its own clearing
    receivable ``clearing_code`` (found, or made), which the provider's payouts clear.
    """
    company = env.company
    Journal = env["account.journal"]
    journal = Journal.search([("company_id", "=", company.id), ("code", "=", code)])
    if journal:
        return journal
    Account = env["account.account"]
    clearing = Account.search(
        [("code", "=", clearing_code), ("company_ids", "in", company.id)], limit=1
    ) or Account.create(
        {
            "code": clearing_code,
            "name": clearing_name,
            "account_type": "asset_current",
            "reconcile": True,
            "company_ids": [Command.set(company.ids)],
        }
    )
    journal = Journal.create(
        {
            "name": name,
            "code": code,
            "type": "bank",
            "sequence": sequence,
            "company_id": company.id,
        }
    )
    methods = journal.inbound_payment_method_line_ids | journal.outbound_payment_method_line_ids
    methods.payment_account_id = clearing
    return journal


def magento_demo_shop(env):
    """The demo Magento 2 shop, with five orders as ``GET /V1/orders`` returns them
    (demo/magento_orders.json).

    A customer's order, a guest's order with a configurable product (parent
    and child items), a bank transfer not paid yet, a discounted order and a
    cancelled one.
    :return: the ``ecom.shop``
    """
    shop = env["ecom.shop"].search(
        [("code", "=", MAGENTO_DEMO_CODE), ("company_id", "=", env.company.id)], limit=1
    )
    if shop:
        return shop
    shop = env["ecom.shop"].create(
        {
            "name": "Boutique Démo (Magento)",
            "code": MAGENTO_DEMO_CODE,
            "platform": "magento",
            "company_id": env.company.id,
            "unknown_product_policy": "hold",
        }
    )
    if _bank_journal(env):
        # One journal per payment provider, as an accountant keeps them: the
        # Stripe and PayPal money never mixes with another shop's gateway.
        env["ecom.payment.map"].create(
            [
                {"shop_id": shop.id, "gateway": gateway, "journal_id": journal.id}
                for gateway, journal in (
                    ("stripe_payments", _provider_journal(env, "Stripe", "STRP")),
                    ("paypal_express", _provider_journal(env, "PayPal", "PYPL")),
                )
            ]
        )
    with open(file_path("ecom_connector/demo/magento_orders.json"), "rb") as demo_file:
        content = demo_file.read()
    shop._ecom_receive_file(content, "magento_orders.json")._ecom_process()
    return shop


def _company_defaults(env, company):
    """What the seller sees named after the company, in French: warehouse, pricelist.

    Odoo made them with the company, under the name it had then ("My Company",
    "Default"): the deliveries would read "My Company: Bons de livraison".
    """
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    if warehouse and warehouse.name != company.name:
        warehouse.name = company.name
    pricelists = env["product.pricelist"].search(
        [("company_id", "in", (company.id, False)), ("name", "=", "Default")]
    )
    names = {"en_US": "Public Prices"}
    if env["res.lang"]._lang_get("fr_FR"):
        names["fr_FR"] = "Tarif public"
    for pricelist in pricelists:
        pricelist.update_field_translations("name", names)


def _french_seller(env, company):
    """A French company's country, currency (when still possible) and VAT taxes."""
    if not company.country_id:
        company.country_id = env.ref("base.fr")
    euro = env.ref("base.EUR")
    if company.currency_id != euro and not env["account.move.line"].search_count(
        [("company_id", "=", company.id)], limit=1
    ):
        # A French demo seller keeps its books in euros (possible before any entry).
        euro.active = True
        company.currency_id = euro
    group = env["account.tax.group"].search(
        [("company_id", "=", company.id), ("name", "=", "TVA")], limit=1
    ) or env["account.tax.group"].create({"name": "TVA", "company_id": company.id})
    # The VAT collected goes where the company's default sale tax books it.
    tax_account = company.account_sale_tax_id.invoice_repartition_line_ids.filtered(
        lambda line: line.repartition_type == "tax"
    ).account_id[:1]
    Tax = env["account.tax"]
    for rate, included in ((20.0, False), (20.0, True), (5.5, False), (5.5, True)):
        if Tax.search_count(
            [
                ("company_id", "=", company.id),
                ("type_tax_use", "=", "sale"),
                ("amount", "=", rate),
                ("price_include", "=", included),
            ]
        ):
            continue
        tax = Tax.create(
            {
                "name": f"TVA {rate:g}% ({'TTC' if included else 'HT'})",
                "amount": rate,
                "type_tax_use": "sale",
                "price_include_override": "tax_included" if included else "tax_excluded",
                "company_id": company.id,
                "tax_group_id": group.id,
            }
        )
        (tax.invoice_repartition_line_ids | tax.refund_repartition_line_ids).filtered(
            lambda line: line.repartition_type == "tax"
        ).account_id = tax_account


def _catalogue(env):
    """The demo seller's products (those not there yet)."""
    Product = env["product.product"]
    known = set(
        Product.search([("default_code", "in", [sku for sku, _name, _price in CATALOGUE])]).mapped(
            "default_code"
        )
    )
    Product.create(
        [
            {"name": name, "default_code": sku, "list_price": price, "is_storable": True}
            for sku, name, price in CATALOGUE
            if sku not in known
        ]
    )


class EcomDemo(models.AbstractModel):
    """Where the demo data files call in (Odoo's ``<function>`` calls a model's method)."""

    _name = "ecom.demo"
    _description = "Web Shop Demo Data"

    @api.model
    def _load(self):
        """Load the demo (idempotent); each addon adds its part and calls ``super()``.

        :return: the demo ``ecom.shop``
        """
        return load_demo(self.env)
