"""`odoo ecom ...`: the connector's command line (./ecom forwards to it).

odoo ecom import --shop CODE [--platform P] [-d DB] [-c CONF] FILE...
odoo ecom demo [-d DB] [-c CONF]
odoo ecom shop add --code CODE --platform P --url URL [--token T | --key K --secret S]
                   [--webhook-secret W] [--name NAME] [--sync] [-d DB] [-c CONF]
odoo ecom pull --shop CODE [--since DATE] [-d DB] [-c CONF]
"""

import argparse
import json
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

import odoo
from odoo.cli import Command
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.service import db as db_service

from ..clients import pull_platforms
from .bench import run_benchmark

_logger = logging.getLogger(__name__)

ADDONS = ("ecom_connector", "ecom_accounting_rules")


def _moment(text):
    """A ``--since`` value: an ISO date or date and time, UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date (2026-11-01 or 2026-11-01T08:00)"
        ) from None
    if moment.tzinfo:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None)


def _progress(message):
    print(message, file=sys.stderr, flush=True)  # pylint: disable=print-used


class Ecom(Command):
    """Web-shop connector: import files, create demo data"""

    name = "ecom"

    def run(self, cmdargs):
        parser = self._parser()
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
        if isinstance(result, dict) and result.get("state") == "failed":
            sys.exit(1)  # a failed pull, once its log is printed and stored

    def _parser(self):
        """The argument parser of every subcommand."""
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

        shop = sub.add_parser("shop", help="create or update a connected shop")
        shop.add_argument("action", choices=["add"], help="add: create, or update the shop")
        shop.add_argument("--code", required=True, help="the shop's code")
        shop.add_argument("--platform", required=True, choices=pull_platforms())
        shop.add_argument("--url", required=True, help="the shop's address (https://...)")
        shop.add_argument("--name", help="the shop's name (the code by default)")
        shop.add_argument("--token", help="Shopify: the custom app's Admin API access token")
        shop.add_argument("--key", help="WooCommerce consumer key; PrestaShop webservice key")
        shop.add_argument("--secret", help="WooCommerce consumer secret")
        shop.add_argument("--webhook-secret", help="the secret webhooks are signed with")
        shop.add_argument("--sync", action="store_true", help="switch on the automatic import")
        self._common(shop)

        pull = sub.add_parser("pull", help="pull a shop's new and updated orders, and import them")
        pull.add_argument("--shop", required=True, help="the shop's code")
        pull.add_argument(
            "--since",
            type=_moment,
            help="orders updated since this UTC date or time (default: since the last pull)",
        )
        self._common(pull)

        self._add_commands(sub)
        return parser

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

    def _cmd_shop(self, env, args):
        credentials = {
            "access_token": args.token,
            "api_key": args.key,
            "api_secret": args.secret,
            "webhook_secret": args.webhook_secret,
        }
        vals = {
            "platform": args.platform,
            "api_url": args.url,
            **{field: value for field, value in credentials.items() if value},
        }
        if args.name:
            vals["name"] = args.name
        if args.sync:
            vals["sync_enabled"] = True
        shop = env["ecom.shop"].search([("code", "=", args.code)], limit=1)
        needed = {"shopify": ["access_token"], "woocommerce": ["api_key", "api_secret"]}.get(
            args.platform, ["api_key"]
        )
        missing = [field for field in needed if not vals.get(field) and not (shop and shop[field])]
        if missing:
            options = {"access_token": "--token", "api_key": "--key", "api_secret": "--secret"}
            raise SystemExit(
                f"a {args.platform} shop needs {' and '.join(options[f] for f in missing)}"
            )
        if shop:
            shop.write(vals)
            _progress(f"updated shop {args.code}")
        else:
            shop = env["ecom.shop"].create(
                {"name": args.code, "code": args.code, "unknown_product_policy": "create", **vals}
            )
            _progress(f"created shop {args.code}")
        # Never the secrets themselves: only whether they are set.
        return {
            "code": shop.code,
            "name": shop.name,
            "platform": shop.platform,
            "url": shop.api_url,
            "company": shop.company_id.name,
            "credentials": sorted(field for field in credentials if shop[field]),
            "automatic_import": shop.sync_enabled,
        }

    def _cmd_pull(self, env, args):
        shop = env["ecom.shop"].search([("code", "=", args.shop)], limit=1)
        if not shop:
            raise SystemExit(f"no shop with code {args.shop!r}: create it with `ecom shop add`")
        try:
            run = shop._ecom_pull_now(since=args.since, progress=_progress)
        except UserError as error:
            raise SystemExit(str(error)) from None
        return run._ecom_report()

    def _cmd_demo(self, env, args):
        """The demo data of a database created without it (what the manifests' ``demo`` loads)."""
        shop = env["ecom.demo"]._load()
        _progress(f"demo shop {shop.code}: {shop.order_count} orders")
        return None
