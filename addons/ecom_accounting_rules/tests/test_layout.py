# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A payout provider is a folder: no branch on a provider's code anywhere else.

The pipeline asks the registry (``payouts.PROVIDERS``) what a provider does; a
``provider == "stripe"`` outside ``payouts/stripe/`` is a second place a new
provider would have to be added to.
"""

import re
from pathlib import Path

from odoo.tests import BaseCase, tagged

from ..payouts import PROVIDERS

ADDON = Path(__file__).resolve().parent.parent
# Where a provider's code may be named in a comparison: its own folder, and the
# tests, migrations and demo data, which speak of given providers.
ALLOWED = ("tests", "migrations", "demo")


def provider_branches(root=ADDON, codes=None):
    """Every comparison of a provider with a literal provider code, outside the allowed places.

    :return: a list of ``(relative path, line number, line)``
    """
    codes = "|".join(re.escape(code) for code in (codes or PROVIDERS))
    literal = rf"""["'](?:{codes})["']"""
    # provider == "x", provider != 'x', provider in ("x", ...), provider not in [...],
    # and the literal on the left: "x" == provider.
    pattern = re.compile(
        rf"""provider\w*\s*(?:==|!=|\bnot\s+in\b|\bin\b)\s*[(\[{{]?\s*{literal}"""
        rf"""|{literal}\s*(?:==|!=)\s*[\w.]*provider"""
    )
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".py", ".xml", ".js") or not path.is_file():
            continue
        parts = path.relative_to(root).parts
        if parts[0] in ALLOWED or (parts[0] == "payouts" and len(parts) > 2):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                found.append((str(path.relative_to(root)), number, line.strip()))
    return found


@tagged("post_install", "-at_install")
class TestProviderLayout(BaseCase):
    def test_no_provider_branch_outside_its_folder(self):
        found = provider_branches()
        self.assertFalse(
            found,
            "Branches on a payout provider's code outside payouts/<provider>/: declare what "
            "differs in the provider's folder and ask the registry instead.\n"
            + "\n".join(f"{path}:{number}: {line}" for path, number, line in found),
        )

    def test_the_check_sees_a_branch(self):
        """The check itself: a branch in a model is found, naming its file and line."""
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "models").mkdir()
            (root / "payouts" / "stripe").mkdir(parents=True)
            (root / "models" / "ecom_payout.py").write_text(
                "x = 1\nif payout.provider == 'stripe':\n    pass\nif 'paypal' != provider:\n"
                "    pass\nok = provider in ('stripe', 'paypal')\n"
            )
            (root / "payouts" / "stripe" / "client.py").write_text("if provider == 'stripe':\n")
            self.assertEqual(
                [(path, number) for path, number, _line in provider_branches(root)],
                [
                    ("models/ecom_payout.py", 2),
                    ("models/ecom_payout.py", 4),
                    ("models/ecom_payout.py", 6),
                ],
            )
