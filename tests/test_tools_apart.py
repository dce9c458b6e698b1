"""Tools are not the product: what the two product addons' code may import.

Read from the sources (no Odoo needed): the production code of
ecom_connector and ecom_accounting_rules (everything but tests/) imports
neither ecom_bench nor any test module, the connector does not import the
accounting addon, and the addons' tests/common.py build no orders with
production code.
"""

import ast
import unittest
from pathlib import Path

ADDONS = Path(__file__).resolve().parent.parent / "addons"
PRODUCT = ("ecom_connector", "ecom_accounting_rules")


def imported_modules(path):
    """The absolute names of the modules ``path`` imports (relative ones resolved)."""
    package = ["odoo", "addons", *path.relative_to(ADDONS).parent.parts]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names += [module] + [f"{module}.{alias.name}" for alias in node.names]
    return names


def production_files(addon):
    return [
        path
        for path in sorted((ADDONS / addon).rglob("*.py"))
        if "tests" not in path.relative_to(ADDONS / addon).parts
    ]


class TestToolsApart(unittest.TestCase):
    def test_production_code_imports_no_tool_and_no_test_helper(self):
        found = []
        for addon in PRODUCT:
            for path in production_files(addon):
                for name in imported_modules(path):
                    parts = name.split(".")
                    if "ecom_bench" in parts or "tests" in parts or "odoo.tests" in name:
                        found.append(f"{path.relative_to(ADDONS)}: {name}")
        self.assertEqual(found, [])

    def test_the_connector_does_not_import_the_accounting_addon(self):
        found = [
            f"{path.relative_to(ADDONS)}: {name}"
            for path in production_files("ecom_connector")
            for name in imported_modules(path)
            if "ecom_accounting_rules" in name.split(".")
        ]
        self.assertEqual(found, [])

    def test_the_tests_common_modules_generate_no_orders_with_production_code(self):
        for addon in PRODUCT:
            path = ADDONS / addon / "tests" / "common.py"
            for name in imported_modules(path):
                parts = name.split(".")
                if parts[:3] == ["odoo", "addons", addon] or parts[2:3] == ["ecom_connector"]:
                    self.assertNotIn("demo", parts, f"{path.relative_to(ADDONS)}: {name}")
                    self.assertNotIn("samples", parts[:4], f"{path.relative_to(ADDONS)}: {name}")

    def test_the_checks_see_an_import_that_breaks_the_rule(self):
        """The reading of imports itself: a relative import of tests/ is found."""
        names = imported_modules(ADDONS / "ecom_connector" / "tests" / "common.py")
        self.assertIn("odoo.addons.ecom_connector.tests.samples.shopify_order", names)
        self.assertIn("odoo.addons.ecom_connector.adapters.get_adapter", names)
