# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Base class and factories for the connector's database tests."""

import copy
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from odoo import Command
from odoo.tests import BaseCase, TransactionCase, new_test_user

from ..adapters import get_adapter
from ..adapters.canonical import InboundDocument, PayloadError
from ..adapters.utils import CENT
from .samples import shopify_order

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
        # A French seller's books are in euros: the currency is active (an import
        # never activates one; see TestNoSilentConfiguration).
        cls.env.ref("base.EUR").active = True
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

    def split_ids(self, content, filename, ids):
        """Split ``content``; its documents carry the external ids ``ids`` (None for an
        unreadable one), in order. Returns the documents."""
        if isinstance(content, str):
            content = content.encode()
        documents = self.adapter.split(content, filename)
        self.assertEqual([d.external_id for d in documents], ids)
        return documents

    def assertOneDocument(self, content, filename, external_id, revision, number):
        """``content`` is one order document, readable, of that id, revision and number
        (the ``name`` or ``number`` of its body, as the platform calls it)."""
        (document,) = self.split_ids(content, filename, [external_id])
        self.assertAttributes(document, kind="order", revision=revision, error=None)
        body = json.loads(document.body)
        self.assertEqual(body.get("name", body.get("number")), number)
        return document

    def assertBadLineFailsAlone(self, orders, bad_line, ids):
        """An NDJSON file with ``bad_line`` between two good ``orders``: three documents,
        only the bad one failing, with its line kept as its body."""
        lines = [json.dumps(orders[0]), bad_line, json.dumps(orders[1])]
        documents = self.split_ids("\n".join(lines), "orders.ndjson", ids)
        self.assertEqual([d.error is None for d in documents], [True, False, True])
        self.assertIn("Line 2 is not valid JSON", documents[1].error)
        self.assertEqual(documents[1].body, bad_line)

    def assertNotJson(self, content, filename):
        """A file that is not JSON is refused whole, with a sentence saying so."""
        with self.assertRaises(PayloadError) as caught:
            self.adapter.split(content, filename)
        self.assertIn("The file is not valid JSON", str(caught.exception))

    def assertParseError(self, data, message):
        """Parsing ``data`` raises a ``PayloadError`` whose sentence is ``message``."""
        with self.assertRaises(PayloadError) as caught:
            self.parse(data)
        self.assertEqual(str(caught.exception), message)

    def assertNegativeQuantityRefused(self, index, message):
        """Line ``index`` of the reference order with a negative quantity refuses the
        order with ``message``."""
        data = self.payload("order_taxes_excluded.json")
        data["line_items"][index]["quantity"] = -3
        self.assertParseError(data, message)

    def assertRequiredFields(self, messages, variants=()):
        """The reference order without each key of ``messages`` (and of its
        ``<key><variant>`` twins) is refused with that key's sentence; without
        lines, or not JSON, it is refused too."""
        data = self.payload("order_taxes_excluded.json")
        for key, message in messages.items():
            broken = copy.deepcopy(data)
            for name in [key] + [key + variant for variant in variants]:
                broken.pop(name, None)
            self.assertParseError(broken, message)
        data["line_items"] = []
        with self.assertRaisesRegex(PayloadError, "The order has no line items"):
            self.parse(data)
        with self.assertRaisesRegex(PayloadError, "The order is not valid JSON"):
            self.adapter.parse(InboundDocument(body="{not json"))

    def assertCurrencyChecked(self, missing, bad):
        """An order whose currency is ``missing`` (None: no key) or ``bad`` is refused."""
        data = self.payload("order_taxes_excluded.json")
        if missing is None:
            del data["currency"]
        else:
            data["currency"] = missing
        self.assertParseError(data, "The order has no currency.")
        data["currency"] = bad
        with self.assertRaisesRegex(PayloadError, f"'{bad}' is not a 3-letter ISO code"):
            self.parse(data)
        data["currency"] = "eur"
        self.assertEqual(self.parse(data).currency, "EUR")

    def assertElementWithoutIdFails(self, content, index, number):
        """In a file whose ``index``-th order has no id, that order alone fails, with
        its body (of that ``number``) kept."""
        documents = self.adapter.split(json.dumps(content).encode(), "l.json")
        self.assertEqual([d.error is None for d in documents], [i != index for i in range(2)])
        self.assertEqual(
            documents[index].error,
            f"Order {index + 1} in the file has no order id: it cannot be imported without one.",
        )
        body = json.loads(documents[index].body)
        self.assertEqual(body.get("name", body.get("number")), number)

    def line_amount(self, line):
        return (line.quantity * line.unit_price - line.discount).quantize(CENT)

    def assertAttributes(self, obj, **expected):
        """Each attribute of ``obj`` named in ``expected`` has the value given."""
        for name, value in expected.items():
            self.assertEqual(getattr(obj, name), value, name)

    def assertTaxes(self, item, *expected):
        """``item``'s taxes, as (rate, amount) pairs, are ``expected``."""
        self.assertEqual([(tax.rate, tax.amount) for tax in item.taxes], list(expected))

    def assertReferenceHeader(self, order, **expected):
        """The reference order's head: in euros without tax, placed on 18 November 2024 at
        13:03:27 and updated at 13:05:02, paid, not shipped; and ``expected``."""
        self.assertAttributes(
            order,
            currency="EUR",
            prices_include_tax=False,
            created_at=datetime(2024, 11, 18, 13, 3, 27),
            updated_at=datetime(2024, 11, 18, 13, 5, 2),
            financial_status="paid",
            fulfillment_status="unfulfilled",
            **expected,
        )

    def assertReferenceOrder(self, order):
        """What every platform's ``order_taxes_excluded.json`` holds alike: a cast-iron teapot
        and Sencha tea with 10 % off, sent by Colissimo to Claire Dubois in Lyon, paid and not
        shipped yet, prices without tax."""
        self.assertReferenceHeader(order, is_cancelled=False, warnings=[])
        teapot, tea = order.lines
        self.assertAttributes(
            teapot, sku="THE-FONTE-1L", quantity=D(1), unit_price=D("45.00"), discount=D("4.50")
        )
        self.assertTaxes(teapot, (D(20), D("8.10")))
        self.assertAttributes(
            tea, sku="TEA-SENCHA-100", quantity=D(3), unit_price=D("8.50"), discount=D("2.55")
        )
        self.assertTaxes(tea, (D("5.5"), D("1.26")))
        (shipping,) = order.shipping_lines
        self.assertAttributes(shipping, title="Colissimo Domicile", price=D("5.90"))
        self.assertTaxes(shipping, (D(20), D("1.18")))
        self.assertAttributes(
            order.totals, total=D("79.89"), tax=D("10.54"), shipping=D("5.90"), discount=D("7.05")
        )
        self.assertAddsUp(order)
        self.assertAttributes(
            order.customer, email="claire.dubois@example.fr", name="Claire Dubois", is_guest=False
        )
        self.assertAttributes(
            order.billing_address,
            name="Claire Dubois",
            street="18 rue des Tanneurs",
            street2="Bâtiment B",
            zip="69002",
            city="Lyon",
            country_code="FR",
            state_code=None,
        )
        (payment,) = order.payments
        self.assertEqual(payment.amount, D("79.89"))

    def assertTaxesIncludedOrder(self, order):
        """What every platform's ``order_taxes_included.json`` holds alike: two tasting boxes
        and a cup, prices with tax, shipped."""
        self.assertAttributes(order, prices_include_tax=True, fulfillment_status="fulfilled")
        box, cup = order.lines
        self.assertAttributes(box, sku="COFFRET-DEGUST", quantity=D(2), unit_price=D("29.90"))
        self.assertEqual((box.taxes[0].rate, box.taxes[0].amount), (D("5.5"), D("3.12")))
        self.assertEqual((cup.unit_price, cup.taxes[0].amount), (D("14.00"), D("2.33")))
        self.assertAddsUp(order)

    def assertGermanOrder(self, order):
        """What every platform's ``order_germany_b2c.json`` holds alike: a teapot and tea sent
        to Lena Schmidt in Munich, with German VAT."""
        self.assertAttributes(
            order.shipping_address,
            name="Lena Schmidt",
            street="Sonnenstraße 12",
            zip="80331",
            city="München",
            country_code="DE",
            state_code="BY",
        )
        teapot, tea = order.lines
        self.assertEqual((teapot.taxes[0].rate, teapot.taxes[0].amount), (D(19), D("8.55")))
        self.assertTaxes(tea, (D(7), D("1.19")))
        self.assertEqual(order.shipping_lines[0].taxes[0].amount, D("2.28"))
        self.assertEqual(order.totals.total, D("86.02"))
        self.assertAddsUp(order)

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
