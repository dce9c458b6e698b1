"""The bootstrap script's promises that no Odoo test can see: failing fast."""

import os
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class TestBootstrapWithoutOdoo(unittest.TestCase):
    def test_no_odoo_anywhere_fails_fast_with_the_fix(self):
        """No importable Odoo, no $ODOO_SRC, empty cache, no download: a clear exit."""
        real_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ecom"
        venvs = sorted(real_cache.glob("venv-*"))
        if not venvs:
            self.skipTest("no virtualenv to reuse")  # ./ecom test always made one
        with tempfile.TemporaryDirectory() as cache:
            # Reuse the installed virtualenv so that only Odoo is missing.
            (Path(cache) / "ecom").mkdir()
            for venv in venvs:
                (Path(cache) / "ecom" / venv.name).symlink_to(venv)
            env = {
                key: value
                for key, value in os.environ.items()
                if key not in ("PYTHONPATH", "ODOO_SRC", "ODOO_RC")
            }
            env.update(
                XDG_CACHE_HOME=cache,
                # Nothing listens on the discard port: the download fails at once.
                ECOM_ODOO_ARCHIVE_URL="http://127.0.0.1:9/odoo_18.0.latest.tar.gz",
            )
            started = time.monotonic()
            result = subprocess.run(
                [sys.executable, str(ROOT / "ecom"), "test"],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            elapsed = time.monotonic() - started
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("Odoo 18.0 Community was not found", result.stderr)
        self.assertIn("ODOO_SRC", result.stderr)
        self.assertIn(str(Path(cache) / "ecom" / "odoo-18.0"), result.stderr)
        self.assertLess(elapsed, 60)
