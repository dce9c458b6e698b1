"""Base class and factories for the connector's database tests."""

import json
from decimal import Decimal
from pathlib import Path

from odoo import Command
from odoo.tests import BaseCase, TransactionCase, new_test_user

from ..adapters import get_adapter
from ..adapters.canonical import InboundDocument
from ..adapters.utils import CENT
from ..demo.samples import shopify_order

#: The sample files of each platform, one folder per platform.
PAYLOADS = Path(__file__).parent / "payloads"


def tshirt_order(order_id, quantity, **values):
    """A sample Shopify order of ``quantity`` T-shirts at 20.00 (20 % VAT)."""
    lines = (("TSHIRT-M", "T-shirt M", quantity, "20.00", "0.00", "20"),)
    return shopify_order(order_id=order_id, lines=lines, **values)


def D(value):
    return Decimal(value)


def french_env(env, *modules):
    """``env`` in French, with the French terms of ``modules`` loaded (for i18n tests)."""
    env["res.lang"]._activate_lang("fr_FR")
    env["ir.module.module"]._load_module_terms(list(modules), ["fr_FR"], overwrite=True)
    return env(context=dict(env.context, lang="fr_FR"))


def field_label(env, model, field):
    """The label of ``model``'s ``field`` in ``env``'s language."""
    return env["ir.model.fields"]._get(model, field).field_description


def selection_labels(env, model, field):
    """Value -> label of ``model``'s selection ``field`` in ``env``'s language."""
    return dict(env[model]._fields[field]._description_selection(env))


def company_user(env, login, groups, company):
    """A user who works in ``company`` alone, in ``groups`` (for multi-company tests)."""
    return new_test_user(
        env,
        login,
        groups=groups,
        company_id=company.id,
        company_ids=[Command.set(company.ids)],
    )


#: The users the tests log in as, by role: (login, groups).
ROLE_USERS = {
    "user": ("ecom_user", "ecom_connector.group_ecom_user"),
    "manager": ("ecom_manager", "ecom_connector.group_ecom_manager"),
    "salesman": ("plain_sales", "sales_team.group_sale_salesman"),
    "billing": ("ecom_billing", "account.group_account_invoice"),
    "accountant": ("ecom_accountant", "account.group_account_manager"),
}


class RoleUsersMixin:
    """Test case mix-in: a user of each of ``roles`` (see ``ROLE_USERS``), as ``cls.<role>``."""

    roles = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for role in cls.roles:
            login, groups = ROLE_USERS[role]
            setattr(cls, role, new_test_user(cls.env, login, groups=groups))


class FrenchMixin:
    """Test case mix-in: ``env_fr``, in French with the terms of ``french_modules``."""

    french_modules = ("ecom_connector",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_fr = french_env(cls.env, *cls.french_modules)


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

    def create_shop(self, platform, code, name=None, **values):
        """A shop of ``platform`` that creates the products it does not know."""
        return self.env["ecom.shop"].create(
            {
                "name": name or code,
                "code": code,
                "platform": platform,
                "unknown_product_policy": "create",
                **values,
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


class AdapterCase(BaseCase):
    """An adapter's tests on its platform's sample files (no database)."""

    platform = None
    options = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.adapter = get_adapter(cls.platform, cls.options)

    def sample(self, name):
        """The bytes of the platform's sample file ``name``."""
        return (PAYLOADS / self.platform / name).read_bytes()

    def payload(self, name):
        """The sample file decoded, unwrapped from ``{"order": ...}``."""
        data = json.loads(self.sample(name).decode("utf-8"))
        return data.get("order", data) if isinstance(data, dict) else data

    def documents_and_orders(self, name, adapter=None):
        """The documents of a sample file, and the orders of those without error."""
        adapter = adapter or self.adapter
        documents = adapter.split(self.sample(name), name)
        return documents, [adapter.parse(d) for d in documents if not d.error]

    def order(self, name, index=0):
        """The ``index``-th order of a sample file, which must split without error."""
        documents = self.adapter.split(self.sample(name), name)
        self.assertFalse([d.error for d in documents if d.error])
        return self.adapter.parse(documents[index])

    def parse(self, data):
        """The order of a payload given as decoded JSON."""
        return self.adapter.parse(InboundDocument(body=json.dumps(data)))

    def line_amount(self, line):
        return (line.quantity * line.unit_price - line.discount).quantize(CENT)

    def assertAddsUp(self, order):
        """Lines after discount + shipping + fees (+ taxes when excluded) == shop total."""
        lines = sum((self.line_amount(line) for line in order.lines), D(0))
        shipping = sum((s.price - s.discount for s in order.shipping_lines), D(0))
        fees = sum((fee.amount for fee in order.fee_lines), D(0))
        taxes = sum(
            (
                tax.amount
                for item in [*order.lines, *order.shipping_lines, *order.fee_lines]
                for tax in item.taxes
            ),
            D(0),
        )
        self.assertEqual(taxes, order.totals.tax)
        expected = lines + shipping + fees
        if not order.prices_include_tax:
            expected += taxes
        self.assertEqual(expected, order.totals.total)
