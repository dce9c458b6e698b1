# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Platform code lives in its platform's folder: the shared pipeline never asks which
platform it works for (STYLE.md, "A platform is a folder")."""

import ast
from pathlib import Path

from odoo.exceptions import ValidationError
from odoo.tests import BaseCase, TransactionCase, tagged

from ..adapters import get_adapter
from ..clients import pull_platforms
from ..const import PLATFORMS
from ..models.ecom_shop import WEBHOOK_SETTINGS_FIELDS
from ..platforms import all_platforms, get_platform, platform_codes

ADDONS = Path(__file__).resolve().parents[2]
SCANNED_ADDONS = ("ecom_connector", "ecom_accounting_rules")
CODES = frozenset(code for code, _label in PLATFORMS)
# Folders whose files may name platforms: the tests and the migrations (they
# describe data as it was), besides each platform's own folder.
SKIPPED_PARTS = ("tests", "migrations")


def scanned_files():
    """Every ``.py`` file of both addons the rule applies to."""
    for addon in SCANNED_ADDONS:
        root = ADDONS / addon
        for path in sorted(root.rglob("*.py")):
            parts = path.relative_to(root).parts
            if any(part in SKIPPED_PARTS for part in parts[:-1]):
                continue
            if parts[0] == "platforms" and len(parts) > 2:
                continue  # platforms/<code>/...: the platform's own code
            yield path


def _codes_in(node):
    """The platform codes ``node`` spells as string literals (itself, or in a tuple/list/set)."""
    if isinstance(node, ast.Constant) and node.value in CODES:
        return {node.value}
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return set().union(*(_codes_in(item) for item in node.elts))
    return set()


def platform_branches(source, filename="<string>"):
    """``(line, text)`` of each comparison with a platform code, and each dict keyed by one.

    ``platform == "shopify"``, ``kind != "csv"``, ``platform in ("shopify",
    "woocommerce")`` and ``{"shopify": ...}`` all ask which platform it is.
    """
    tree = ast.parse(source, filename)
    lines = source.splitlines()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_codes_in(operand) for operand in operands):
                found.append(node.lineno)
        elif isinstance(node, ast.Dict):
            if any(key is not None and _codes_in(key) for key in node.keys):
                found.append(node.lineno)
    return [(line, lines[line - 1].strip()) for line in sorted(set(found))]


@tagged("post_install", "-at_install")
class TestLayout(BaseCase):
    def test_detects_platform_branches(self):
        source = (
            'if shop.platform == "shopify":\n'
            "    pass\n"
            'ok = platform in ("woocommerce", "magento")\n'
            'kind = "json" if x != "csv" else "csv"\n'
            'SAMPLES = {"prestashop": "a.xml"}\n'
            'fine = shop.platform == other and kind == "json"\n'
        )
        self.assertEqual(
            [line for line, _text in platform_branches(source)],
            [1, 3, 4, 5],
        )

    def test_no_platform_branch_outside_platform_folders(self):
        offenders = []
        for path in scanned_files():
            source = path.read_text(encoding="utf-8")
            for line, text in platform_branches(source, str(path)):
                offenders.append(f"{path.relative_to(ADDONS)}:{line}: {text}")
        self.assertFalse(
            offenders,
            "Platform code outside addons/ecom_connector/platforms/<code>/ (declare it on "
            "the platform instead, see platforms/registry.py):\n" + "\n".join(offenders),
        )


@tagged("post_install", "-at_install")
class TestPlatformDeclarations(TransactionCase):
    """Each platform of the vocabulary is declared, and what it declares exists."""

    def test_every_platform_declared_with_its_adapter_and_client(self):
        self.assertEqual([p.code for p in all_platforms()], [code for code, _label in PLATFORMS])
        for platform in all_platforms():
            self.assertEqual(get_adapter(platform.code).platform, platform.code)
            if platform.client:
                self.assertEqual(platform.client.platform, platform.code)
        self.assertEqual(sorted(platform_codes("can_pull")), pull_platforms())
        self.assertEqual(platform_codes("live_webhooks"), ("shopify", "woocommerce"))
        self.assertEqual(
            platform_codes("push_stock"),
            ("shopify", "woocommerce", "prestashop", "magento", "amazon"),
        )
        self.assertFalse(get_platform("csv").can_pull)

    def test_declared_fields_and_samples_exist(self):
        Shop = self.env["ecom.shop"]
        samples = ADDONS / "ecom_connector" / "static" / "samples"
        for platform in all_platforms():
            for name in (*platform.shop_fields, *platform.credential_fields):
                self.assertIn(name, Shop._fields, platform.code)
            # A change of a platform's own field empties the webhook endpoint's cache.
            self.assertLessEqual(set(platform.shop_fields), WEBHOOK_SETTINGS_FIELDS)
            for sample in platform.sample_files.values():
                self.assertTrue((samples / sample).is_file(), sample)
            self.assertTrue(platform.formats_help, platform.code)

    def test_adapter_options_from_the_declaration(self):
        shop = self.env["ecom.shop"].create(
            {
                "name": "PS",
                "code": "PS-OPTIONS",
                "platform": "prestashop",
                "prestashop_shipped_state_id": 5,
                "tz": "Europe/Paris",
            }
        )
        self.assertEqual(
            shop._ecom_adapter_options(), {"timezone": "Europe/Paris", "shipped_state_id": 5}
        )
        shop.platform = "csv"
        self.assertEqual(shop._ecom_adapter_options()["csv"]["preset"], "fr_standard")
        self.assertNotIn("shipped_state_id", shop._ecom_adapter_options())

    def test_push_refused_where_the_platform_cannot(self):
        Shop = self.env["ecom.shop"]
        csv_shop = Shop.create({"name": "CSV", "code": "CSV-PUSH", "platform": "csv"})
        self.assertFalse(csv_shop.can_push)
        self.assertFalse(csv_shop.can_register_webhooks)
        with self.assertRaisesRegex(
            ValidationError,
            r"^Push Stock to the Shop: only Shopify, WooCommerce, PrestaShop, Magento 2 / Adobe "
            r"Commerce, Amazon shops can; turn it off for CSV 2\.$",
        ):
            Shop.create({"name": "CSV 2", "code": "CSV-2", "platform": "csv", "push_stock": True})
        with self.assertRaisesRegex(
            ValidationError,
            r"^Push Shipments to the Shop: only .*, Amazon, Mirakl marketplace shops can; ",
        ):
            Shop.create(
                {"name": "CSV 3", "code": "CSV-3", "platform": "csv", "push_shipments": True}
            )
        woo = Shop.create(
            {"name": "Woo", "code": "WOO-PUSH", "platform": "woocommerce", "push_stock": True}
        )
        self.assertTrue(woo.can_push)
        self.assertTrue(woo.can_register_webhooks)
