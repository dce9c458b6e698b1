"""`odoo ecom ...`: the connector's command line (./ecom forwards to it).

odoo ecom import --shop CODE [--platform P] [-d DB] [-c CONF] FILE...
odoo ecom demo [-d DB] [-c CONF]
"""

import argparse
import json
import logging
import sys
from pathlib import Path

import odoo
from odoo.cli import Command
from odoo.modules.registry import Registry
from odoo.service import db as db_service

from .bench import run_benchmark

_logger = logging.getLogger(__name__)

ADDONS = ("ecom_connector", "ecom_accounting_rules")


def _progress(message):
    print(message, file=sys.stderr, flush=True)  # pylint: disable=print-used


class Ecom(Command):
    """Web-shop connector: import files, create demo data"""

    name = "ecom"

    def run(self, cmdargs):
        parser = argparse.ArgumentParser(prog="odoo ecom", description=self.__doc__)
        sub = parser.add_subparsers(dest="command", required=True)

        importer = sub.add_parser("import", help="import shop order files")
        importer.add_argument("--shop", required=True, help="the shop's code")
        importer.add_argument("--platform", help="create the shop with this platform if unknown")
        importer.add_argument("files", nargs="+", type=Path)
        self._common(importer)

        demo = sub.add_parser("demo", help="create the demo shop and import its orders")
        self._common(demo)

        bench = sub.add_parser("bench", help="batch import vs Odoo's per-order flow (rolled back)")
        bench.add_argument("--orders", type=int, default=200)
        self._common(bench)

        self._add_commands(sub)
        args = parser.parse_args(cmdargs)
        env_args = ["--log-level=warn"]
        if args.config:
            env_args += ["-c", args.config]
        if args.database:
            env_args += ["-d", args.database]
        odoo.tools.config.parse_config(env_args)
        database = odoo.tools.config["db_name"]
        if not database:
            parser.error("name a database with -d")
        self._ensure_database(database)
        registry = Registry(database)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            result = getattr(self, f"_cmd_{args.command}")(env, args)
        if result is not None:
            json.dump(result, sys.stdout, indent=2, ensure_ascii=False, default=str)
            sys.stdout.write("\n")

    def _add_commands(self, sub):
        """Hook for other addons: add subparsers (and a matching `_cmd_<name>`)."""

    @staticmethod
    def _common(parser):
        parser.add_argument("-d", "--database")
        parser.add_argument("-c", "--config")

    @staticmethod
    def _ensure_database(database):
        """Create ``database`` with the ecom addons when it does not exist."""
        if database in db_service.list_dbs(force=True):
            return
        _progress(f"creating database {database} with {', '.join(ADDONS)}...")
        db_service._create_empty_database(database)
        odoo.tools.config["init"] = dict.fromkeys(ADDONS, 1)
        odoo.tools.config["without_demo"] = "all"
        Registry.new(database, update_module=True)
        odoo.tools.config["init"] = {}

    def _cmd_import(self, env, args):
        shop = env["ecom.shop"].search([("code", "=", args.shop)], limit=1)
        if not shop:
            if not args.platform:
                raise SystemExit(
                    f"no shop with code {args.shop!r}: create it, or pass --platform to create it"
                )
            shop = env["ecom.shop"].create(
                {
                    "name": args.shop,
                    "code": args.shop,
                    "platform": args.platform,
                    "unknown_product_policy": "create",
                }
            )
            _progress(f"created shop {args.shop} ({args.platform})")
        elif args.platform and args.platform != shop.platform:
            raise SystemExit(f"shop {args.shop} is a {shop.platform} shop, not {args.platform}")
        return env["ecom.payload"]._ecom_cli_import(shop, args.files, _progress)

    def _cmd_bench(self, env, args):
        return run_benchmark(env, args.orders, _progress)

    def _cmd_demo(self, env, args):
        shop = env["ecom.shop"]._ecom_create_demo()
        _progress(f"demo shop {shop.code}: {shop.order_count} orders")
        return None
