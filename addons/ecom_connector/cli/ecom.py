# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""`odoo ecom ...`: the connector's command line (./ecom forwards to it).

odoo ecom import --shop CODE [--platform P] [-d DB] [-c CONF] FILE...
odoo ecom demo [-d DB] [-c CONF]
odoo ecom shop add --code CODE --platform P --url URL [--token T | --key K --secret S]
                   [--webhook-secret W] [--name NAME] [--sync] [-d DB] [-c CONF]
odoo ecom pull --shop CODE [--since DATE] [-d DB] [-c CONF]
odoo ecom status [--shop CODE] [--json] [-d DB] [-c CONF]

Other addons add their own subcommands with :func:`register_subcommand`.
"""

import argparse
import json
import logging
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg2

import odoo
from odoo.cli import Command
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.service import db as db_service
from odoo.tools.translate import LazyTranslate

from odoo.addons.queue_job.exception import RetryableJobError

from ..clients import pull_platforms
from ..const import PLATFORMS, PULL_PAGES_PER_JOB
from ..platforms.registry import get_platform
from ..sentences import ENGLISH, env_sentence, sentence_in
from ..tools import in_company_lang
from .status import shop_status, status_table

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

# What makes a batch of the command line run again rather than fail.
RETRYABLE_ERRORS = (
    RetryableJobError,
    psycopg2.errors.UniqueViolation,
    psycopg2.extensions.TransactionRollbackError,
    psycopg2.errors.LockNotAvailable,
    # A statement of the batch failed under a concurrent import and the
    # transaction could not go on: the whole batch is run again.
    psycopg2.errors.InFailedSqlTransaction,
)
RETRY_ATTEMPTS = 6


@dataclass(frozen=True)
class Subcommand:
    """An ``odoo ecom`` subcommand that another addon adds: see :func:`register_subcommand`."""

    name: str
    addon: str
    summary: str
    add_arguments: Callable
    run: Callable
    with_new_database: bool = False


#: The subcommands other addons add to ``odoo ecom``, by name. Odoo imports every
#: addon that has a ``cli/`` folder before it runs a command: an addon registers
#: its subcommands when its ``cli`` package is imported.
SUBCOMMANDS = {}


def register_subcommand(name, addon, summary, add_arguments, run, with_new_database=False):
    """Add ``odoo ecom <name>``, a command of ``addon``, beside the connector's own.

    :param str summary: the line ``odoo ecom --help`` shows
    :param add_arguments: ``add_arguments(parser)`` declares its arguments
        (``-d`` and ``-c`` are added to them)
    :param run: ``run(env, args, progress)`` does the work, as the superuser, in
        a database where ``addon`` is installed (elsewhere the command refuses),
        and returns a JSON-ready result (printed on stdout) or None;
        ``progress(message)`` writes a line on stderr
    :param bool with_new_database: install ``addon`` too in a database that
        ``odoo ecom`` creates (it installs the connector, and the addon of the
        subcommand it runs)
    """
    SUBCOMMANDS[name] = Subcommand(name, addon, summary, add_arguments, run, with_new_database)


def utc_moment(text):
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


def committed_batches(cr, progress, attempts=RETRY_ATTEMPTS, lang=ENGLISH):
    """The ``run_batch`` of the command line: each step in its own committed transaction.

    A step that lost a race with another import (the same order created
    meanwhile, a serialization failure, a lock) is rolled back and run again
    after a growing, jittered pause, as queue_job retries a job; any other
    error rolls the step back and goes up.

    :param str lang: the language of the lines given to ``progress``
    """

    def run_batch(step):
        for attempt in range(1, attempts + 1):
            try:
                result = step()
                # The command commits per batch, explicitly: a batch is all or
                # nothing, and finished batches stay when the command is killed.
                cr.commit()  # pylint: disable=invalid-commit
                return result
            except RETRYABLE_ERRORS as error:
                cr.rollback()
                if attempt == attempts:
                    raise
                pause = min(0.3 * 2**attempt, 10) * random.uniform(0.5, 1.5)
                progress(
                    sentence_in(
                        _lt(
                            "a batch met another import of the same orders (%(error)s): retrying "
                            "in %(pause)s s (%(attempt)s/%(attempts)s)",
                            error=type(error).__name__,
                            pause=f"{pause:.1f}",
                            attempt=attempt,
                            attempts=attempts - 1,
                        ),
                        lang,
                    )
                )
                time.sleep(pause)
            except Exception:
                cr.rollback()
                raise
        return None

    return run_batch


class _AnyOrderParser(argparse.ArgumentParser):
    """A subcommand's parser that takes its options and its files in any order.

    ``payouts import --shop X --provider P FILE`` as well as ``payouts import
    FILE --shop X``: argparse alone gives the files to the first positional
    argument it meets, and refuses those after an option as unrecognized.
    """

    _intermixing = False

    def parse_known_args(self, args=None, namespace=None):
        if self._intermixing:
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            # The options first, then the positional arguments left (argparse's own way).
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


def _progress(message):
    """Write a line of progress on stderr (a lazy sentence there is English: see
    :func:`progress_in` for the readers' language)."""
    print(sentence_in(message), file=sys.stderr, flush=True)  # pylint: disable=print-used


def readers(env, shop=None):
    """``env`` in the language of the people of ``shop``'s company (without a shop:
    of the main company): what the command says, it says to them."""
    return in_company_lang(shop).env if shop else in_company_lang(env.company).env


def progress_in(env):
    """The command's ``progress``, its lazy sentences in ``env``'s language."""
    return lambda message: _progress(env_sentence(env, message))


def refuse(env, message):
    """Stop the command with ``message`` (a lazy sentence) in ``env``'s language."""
    return SystemExit(env_sentence(env, message))


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
        extension = SUBCOMMANDS.get(args.command)
        self._ensure_database(database, extension)
        registry = Registry(database)
        try:
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                if extension:
                    result = self._run_extension(env, extension, args)
                else:
                    result = getattr(self, f"_cmd_{args.command}")(env, args)
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as error:
            raise SystemExit(
                f"ecom {args.command}: the database connection was lost ({error}). "
                "What was finished is kept; run the same command again to complete it."
            ) from None
        if result is not None:
            json.dump(result, sys.stdout, indent=2, ensure_ascii=False, default=str)
            sys.stdout.write("\n")
        if isinstance(result, dict) and result.get("state") == "failed":
            sys.exit(1)  # a failed pull, once its log is printed and stored

    def _parser(self):
        """The argument parser of every subcommand."""
        parser = argparse.ArgumentParser(prog="odoo ecom", description=self.__doc__)
        sub = parser.add_subparsers(dest="command", required=True, parser_class=_AnyOrderParser)

        importer = sub.add_parser("import", help="import shop order files")
        importer.add_argument("--shop", required=True, help="the shop's code")
        importer.add_argument(
            "--platform",
            choices=[code for code, _label in PLATFORMS],
            help="create the shop with this platform if unknown",
        )
        importer.add_argument("files", nargs="+", type=Path)
        self._common(importer)

        demo = sub.add_parser("demo", help="create the demo shop and import its orders")
        self._common(demo)

        shop = sub.add_parser("shop", help="create or update a connected shop")
        shop.add_argument("action", choices=["add"], help="add: create, or update the shop")
        shop.add_argument("--code", required=True, help="the shop's code")
        shop.add_argument("--platform", required=True, choices=pull_platforms())
        shop.add_argument("--url", required=True, help="the shop's address (https://...)")
        shop.add_argument("--name", help="the shop's name (the code by default)")
        shop.add_argument(
            "--token",
            help="Shopify: the custom app's Admin API access token; Magento: the "
            "integration's access token; Amazon: the seller's refresh token (Login with Amazon)",
        )
        shop.add_argument(
            "--key",
            help="WooCommerce consumer key; PrestaShop webservice key; Mirakl shop API key; "
            "Amazon: the Login with Amazon app's client id",
        )
        shop.add_argument(
            "--secret", help="WooCommerce consumer secret; Amazon: the app's client secret"
        )
        shop.add_argument("--webhook-secret", help="the secret webhooks are signed with")
        shop.add_argument("--sync", action="store_true", help="switch on the automatic import")
        self._common(shop)

        pull = sub.add_parser("pull", help="pull a shop's new and updated orders, and import them")
        pull.add_argument("--shop", required=True, help="the shop's code")
        pull.add_argument(
            "--since",
            type=utc_moment,
            help="orders updated since this UTC date or time (default: since the last pull)",
        )
        pull.add_argument(
            "--page-size",
            type=int,
            help="orders per page (default: the platform's maximum); "
            f"each {PULL_PAGES_PER_JOB} pages are stored, imported and committed together",
        )
        self._common(pull)

        status = sub.add_parser(
            "status", help="each shop: automatic import, last pull, payloads, other figures"
        )
        status.add_argument("--shop", help="only the shop with this code")
        status.add_argument("--json", action="store_true", help="a JSON document, not a table")
        self._common(status)

        for extension in sorted(SUBCOMMANDS.values(), key=lambda extension: extension.name):
            extra = sub.add_parser(extension.name, help=extension.summary)
            extension.add_arguments(extra)
            self._common(extra)

        return parser

    @staticmethod
    def _common(parser):
        parser.add_argument("-d", "--database")
        parser.add_argument("-c", "--config")

    @staticmethod
    def _new_database_addons(extension=None):
        """The addons a database this command creates gets (see :func:`register_subcommand`)."""
        addons = ["ecom_connector"]
        addons += [e.addon for e in SUBCOMMANDS.values() if e.with_new_database]
        if extension:
            addons.append(extension.addon)
        return list(dict.fromkeys(addons))

    def _ensure_database(self, database, extension=None):
        """Create ``database`` with the ecom addons when it does not exist."""
        if database in db_service.list_dbs(force=True):
            return
        addons = self._new_database_addons(extension)
        _progress(f"creating database {database} with {', '.join(addons)}...")
        db_service._create_empty_database(database)
        odoo.tools.config["init"] = dict.fromkeys(addons, 1)
        odoo.tools.config["without_demo"] = "all"
        Registry.new(database, update_module=True)
        odoo.tools.config["init"] = {}

    def _cmd_import(self, env, args):
        shop = self._import_shop(env, args)
        # The shop, if created, is kept whatever happens to the batches next.
        env.cr.commit()  # pylint: disable=invalid-commit
        lang = readers(env, shop).lang
        return self._import(shop, args, run_batch=committed_batches(env.cr, _progress, lang=lang))

    def _import(self, shop, args, run_batch=None):
        """``import`` into ``shop``, each batch through ``run_batch`` (the command
        commits there): the orders, their deliveries and their chatter in the
        language of the shop company's people (the command runs as the system,
        without a language)."""
        shop = in_company_lang(shop)
        return shop.env["ecom.payload"]._ecom_cli_import(
            shop, args.files, progress_in(shop.env), run_batch=run_batch
        )

    def _import_shop(self, env, args):
        """The shop ``import`` reads into: found by its code, or created with ``--platform``."""
        shop = env["ecom.shop"].search([("code", "=", args.shop)], limit=1)
        if not shop:
            if not args.platform:
                raise refuse(
                    readers(env),
                    _lt(
                        "no shop with code %(code)s: create it, or pass --platform to create it",
                        code=repr(args.shop),
                    ),
                )
            shop = env["ecom.shop"].create(
                {
                    "name": args.shop,
                    "code": args.shop,
                    "platform": args.platform,
                    "unknown_product_policy": "create",
                    "unknown_tax_policy": "create",
                }
            )
            say = progress_in(readers(env, shop))
            say(_lt("created shop %(code)s (%(platform)s)", code=args.shop, platform=args.platform))
        elif args.platform and args.platform != shop.platform:
            raise refuse(
                readers(env, shop),
                _lt(
                    "shop %(code)s is a %(platform)s shop, not %(other)s",
                    code=args.shop,
                    platform=shop.platform,
                    other=args.platform,
                ),
            )
        return shop

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
        needed = get_platform(args.platform).credential_fields
        missing = [field for field in needed if not vals.get(field) and not (shop and shop[field])]
        if missing:
            options = {"access_token": "--token", "api_key": "--key", "api_secret": "--secret"}
            needs = options[missing[-1]]
            if len(missing) > 1:
                needs = _lt(
                    "%(options)s and %(last)s",
                    options=", ".join(options[f] for f in missing[:-1]),
                    last=needs,
                )
            raise refuse(
                readers(env, shop),
                _lt(
                    "a shop of platform %(platform)s needs %(options)s",
                    platform=args.platform,
                    options=needs,
                ),
            )
        if shop:
            shop.write(vals)
            progress_in(readers(env, shop))(_lt("updated shop %(code)s", code=args.code))
        else:
            shop = env["ecom.shop"].create(
                {
                    "name": args.code,
                    "code": args.code,
                    "unknown_product_policy": "create",
                    "unknown_tax_policy": "create",
                    **vals,
                }
            )
            progress_in(readers(env, shop))(_lt("created shop %(code)s", code=args.code))
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
        lang = readers(env, shop).lang
        return self._pull(env, args, run_batch=committed_batches(env.cr, _progress, lang=lang))

    def _pull(self, env, args, run_batch=None):
        """``pull``, each batch of pages through ``run_batch`` (the command commits there)."""
        shop = env["ecom.shop"].search([("code", "=", args.shop)], limit=1)
        if not shop:
            raise refuse(
                readers(env),
                _lt(
                    "no shop with code %(code)s: create it with `ecom shop add`",
                    code=repr(args.shop),
                ),
            )
        shop = in_company_lang(shop)
        if args.page_size:
            shop = shop.with_context(ecom_pull_page_size=args.page_size)
        try:
            run = shop._ecom_pull_now(
                since=args.since, progress=progress_in(shop.env), run_batch=run_batch
            )
        except UserError as error:
            raise SystemExit(str(error)) from None
        return run._ecom_report()

    def _cmd_status(self, env, args):
        domain = [("code", "=", args.shop)] if args.shop else []
        shops = env["ecom.shop"].search(domain, order="code")
        if args.shop and not shops:
            raise refuse(readers(env), _lt("no shop with code %(code)s", code=repr(args.shop)))
        report = shop_status(env, shops)
        if args.json:
            return report
        print(status_table(report, readers(env).lang))  # pylint: disable=print-used
        return None

    @staticmethod
    def _run_extension(env, extension, args):
        """Run another addon's subcommand, in a database where that addon is installed."""
        if env["ir.module.module"]._get(extension.addon).state != "installed":
            raise refuse(
                readers(env),
                _lt(
                    "odoo ecom %(command)s needs the %(addon)s addon installed "
                    "(odoo -i %(addon)s -d %(database)s)",
                    command=extension.name,
                    addon=extension.addon,
                    database=env.cr.dbname,
                ),
            )
        return extension.run(env, args, _progress)

    def _cmd_demo(self, env, args):
        """The demo data of a database created without it (what the manifests' ``demo`` loads)."""
        shop = env["ecom.demo"]._load()
        progress_in(readers(env, shop))(
            _lt("demo shop %(code)s: %(count)s orders", code=shop.code, count=shop.order_count)
        )
        return None
