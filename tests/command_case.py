"""What the real-process tests share: `odoo ecom` commands on the test database.

The commands run as separate processes that commit; a test reads what they
left through a cursor of its own. Run by ./ecom test (an Odoo test database).
"""

import json
import os
import subprocess
import sys
import unittest
from pathlib import Path

import odoo
from odoo.tools import config

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 240


class CommandCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.database = config["db_name"]
        if not cls.database or not config.get("addons_path"):
            raise unittest.SkipTest("run by ./ecom test (an Odoo test database)")

    def ecom(self, *args):
        """A running `odoo ecom <args>` on the test database (stdout and stderr piped)."""
        argv = [sys.executable, "-m", "odoo", f"--addons-path={config['addons_path']}", "ecom"]
        argv += [*map(str, args), "-d", self.database]
        if config.rcfile and Path(config.rcfile).exists():
            argv += ["-c", config.rcfile]
        return subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "ECOM_ROOT": str(ROOT)},
            cwd=ROOT,
        )

    def finish(self, process, code=0):
        """(stdout, stderr) of ``process``, which must end with ``code`` and no traceback."""
        out, err = process.communicate(timeout=TIMEOUT)
        self.assertEqual(process.returncode, code, err[-3000:])
        self.assertNotIn("Traceback", err)
        return out, err

    def report(self, process):
        """The JSON report ``process`` prints, once it has ended well."""
        return json.loads(self.finish(process)[0])

    def query(self, sql, params=()):
        with odoo.sql_db.db_connect(self.database).cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall()

    def order_figures(self, code):
        """The shop ``code``'s (orders, distinct external ids, orders without lines)."""
        ((count, distinct, no_lines),) = self.query(
            """
            SELECT count(*), count(DISTINCT so.ecom_external_id),
                   count(*) FILTER (WHERE NOT EXISTS
                       (SELECT 1 FROM sale_order_line l WHERE l.order_id = so.id))
              FROM sale_order so JOIN ecom_shop s ON s.id = so.ecom_shop_id
             WHERE s.code = %s
            """,
            [code],
        )
        return count, distinct, no_lines
