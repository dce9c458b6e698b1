"""Base class and factories for the connector's database tests."""

import json

from odoo.tests import TransactionCase

from ..demo.samples import shopify_order  # noqa: F401 - re-exported for the tests


def french_env(env, *modules):
    """``env`` in French, with the French terms of ``modules`` loaded (for i18n tests)."""
    env["res.lang"]._activate_lang("fr_FR")
    env["ir.module.module"]._load_module_terms(list(modules), ["fr_FR"], overwrite=True)
    return env(context=dict(env.context, lang="fr_FR"))


class EcomCase(TransactionCase):
    """A French company with VAT taxes and a Shopify shop that confirms paid orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write({"country_id": cls.env.ref("base.fr").id})
        cls.company.account_fiscal_country_id = cls.env.ref("base.fr")
        Tax = cls.env["account.tax"]
        group = cls.env["account.tax.group"].create(
            {"name": "TVA", "country_id": cls.company.country_id.id, "company_id": cls.company.id}
        )
        common = {
            "type_tax_use": "sale",
            "amount_type": "percent",
            "company_id": cls.company.id,
            "tax_group_id": group.id,
        }
        cls.tax_20 = Tax.create({"name": "TVA 20% (HT)", "amount": 20, **common})
        cls.tax_20_incl = Tax.create(
            {
                "name": "TVA 20% (TTC)",
                "amount": 20,
                "price_include_override": "tax_included",
                **common,
            }
        )
        cls.tax_55 = Tax.create({"name": "TVA 5.5% (HT)", "amount": 5.5, **common})
        cls.shop = cls.env["ecom.shop"].create(
            {
                "name": "Boutique Test",
                "code": "TEST",
                "platform": "shopify",
                "unknown_product_policy": "create",
                "confirm_orders": True,
            }
        )

    def import_orders(self, *orders, shop=None, filename="orders.json"):
        """Store orders as one Shopify orders.json page and process it; returns the payloads."""
        shop = shop or self.shop
        content = json.dumps({"orders": list(orders)}).encode()
        payloads = shop._ecom_receive_file(content, filename)
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        return payloads

    def order_of(self, external_id, shop=None):
        return self.env["sale.order"].search(
            [
                ("ecom_shop_id", "=", (shop or self.shop).id),
                ("ecom_external_id", "=", str(external_id)),
            ]
        )
