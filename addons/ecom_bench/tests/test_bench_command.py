# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""`odoo ecom` subcommands registered by other addons: `bench` (here) and `payouts`."""

import contextlib
import io
from pathlib import Path

from odoo.tests import TransactionCase, tagged

from odoo.addons.ecom_connector.cli.ecom import SUBCOMMANDS, Ecom, register_subcommand


@tagged("post_install", "-at_install")
class TestBenchCommand(TransactionCase):
    def parse(self, *argv):
        return Ecom()._parser().parse_args(list(argv))

    def test_each_addon_registers_its_subcommand_with_its_arguments(self):
        self.assertEqual(SUBCOMMANDS["bench"].addon, "ecom_bench")
        self.assertEqual(SUBCOMMANDS["payouts"].addon, "ecom_accounting_rules")
        args = self.parse("bench", "--backfill", "60", "--file", "/tmp/b.ndjson", "-d", "db")
        self.assertEqual(
            (args.command, args.backfill, args.file), ("bench", 60, Path("/tmp/b.ndjson"))
        )
        self.assertEqual(
            (args.orders, args.rate, args.seconds, args.http_workers), (200, 200, 30, 2)
        )
        self.assertEqual(args.database, "db")
        # Options and files in any order, as the connector's own subcommands take them.
        args = self.parse("payouts", "import", "a.json", "--shop", "S", "--provider", "stripe")
        self.assertEqual(
            (args.action, args.shop, args.provider, args.files),
            ("import", "S", "stripe", [Path("a.json")]),
        )
        args = self.parse("payouts", "pull", "--shop", "S", "--since", "2026-11-01T08:00")
        self.assertEqual(str(args.since), "2026-11-01 08:00:00")
        with contextlib.redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit):
            self.parse("payouts", "pull", "--shop", "S", "--provider", "bank")
        self.assertIn("invalid choice: 'bank'", err.getvalue())
        with contextlib.redirect_stdout(io.StringIO()) as out, self.assertRaises(SystemExit):
            self.parse("--help")
        for name in ("import", "demo", "shop", "pull", "status", "bench", "payouts"):
            self.assertIn(name, out.getvalue())

    def test_a_database_the_command_creates_gets_the_books_and_the_subcommands_addon(self):
        self.assertEqual(Ecom._new_database_addons(), ["ecom_connector", "ecom_accounting_rules"])
        self.assertEqual(
            Ecom._new_database_addons(SUBCOMMANDS["bench"]),
            ["ecom_connector", "ecom_accounting_rules", "ecom_bench"],
        )

    def test_subcommand_refuses_a_database_without_its_addon(self):
        calls = []

        def probe(addon):
            register_subcommand(
                "probe",
                addon,
                "a probe",
                lambda parser: parser.add_argument("--n", type=int),
                lambda env, args, progress: calls.append(args.n) or {"n": args.n},
            )
            return SUBCOMMANDS["probe"]

        self.addCleanup(SUBCOMMANDS.pop, "probe", None)
        missing = probe("ecom_probe_not_installed")
        args = self.parse("probe", "--n", "3")
        with self.assertRaises(SystemExit) as refused:
            Ecom._run_extension(self.env, missing, args)
        self.assertIn(
            "odoo ecom probe needs the ecom_probe_not_installed addon installed",
            str(refused.exception),
        )
        self.assertEqual(calls, [])
        # Its addon installed, it runs.
        self.assertEqual(Ecom._run_extension(self.env, probe("ecom_bench"), args), {"n": 3})
        self.assertEqual(calls, [3])
