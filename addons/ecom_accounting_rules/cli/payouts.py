# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""`odoo ecom payouts import|pull`, registered into the connector's `odoo ecom` command.

Both print one JSON document: ``transactions`` counted (received, booked,
pending, review, duplicates: each received one in exactly one of the last
four) and ``payouts``, one dict per payout received or completed.
"""

from pathlib import Path

from odoo.exceptions import UserError

from odoo.addons.ecom_connector.cli.ecom import register_subcommand, utc_moment
from odoo.addons.ecom_connector.tools import in_company_lang

from ..payouts import PROVIDERS as DECLARED
from ..payouts import provider_of_platform

PROVIDERS = list(DECLARED)


def payout_report(received):
    """The JSON-ready report of what :meth:`ecom.payout._ecom_receive` returned."""

    def number(value, currency):
        return round(value, currency.decimal_places)

    payouts = []
    for payout in received["payouts"]:
        currency = payout.currency_id
        lines = payout.line_ids.filtered(lambda line: line.type != "transfer")
        problems = [text for text in (payout.problems or "").split("\n") if text.strip()]
        payouts.append(
            {
                "external_id": payout.external_id,
                "status": payout.status,
                "date": payout.date and payout.date.isoformat(),
                "currency": currency.name,
                "amount": number(payout.amount, currency),
                "charges": number(payout.charge_amount, currency),
                "refunds": number(payout.refund_amount, currency),
                "fees": number(payout.fee_amount, currency),
                "adjustments": number(payout.adjustment_amount, currency),
                "disputes": number(payout.dispute_amount, currency),
                "reserves": number(payout.reserve_amount, currency),
                "lines": len(lines),
                "matched": len(lines.filtered(lambda line: line.state in ("matched", "booked"))),
                "unmatched": len(lines.filtered(lambda line: line.state == "unmatched")),
                "balanced": payout.balanced,
                "entry": payout.move_id.name or None,
                "problems": problems,
            }
        )
    return {"transactions": received["counts"], "payouts": payouts}


def _shop(env, code):
    shop = env["ecom.shop"].search([("code", "=", code)], limit=1)
    if not shop:
        raise SystemExit(f"no shop with code {code!r}")
    # The command's work in the language of the shop company's people.
    return in_company_lang(shop)


def payouts_import(env, args, progress):
    shop = _shop(env, args.shop)
    env = shop.env
    Payout = env["ecom.payout"].with_company(shop.company_id)
    payouts, lines = Payout.browse(), env["ecom.payout.line"]
    received_count = duplicates = 0
    for path in args.files:
        try:
            content = path.read_bytes()
        except OSError as error:
            raise SystemExit(f"{path}: {error.strerror}") from None
        progress(f"reading {path.name} ({args.provider})...")
        try:
            result = Payout._ecom_import_content(
                args.provider, content, path.name, company=shop.company_id, shop=shop
            )
        except UserError as error:
            raise SystemExit(str(error.args[0])) from None
        payouts |= result["payouts"]
        lines |= result["lines"]
        received_count += result["counts"]["received"]
        duplicates += result["counts"]["duplicates"]
    # Counted once every file is read: a transaction read before its payout is booked with it.
    counts = lines._ecom_counts(received_count, duplicates)
    return payout_report({"payouts": payouts, "counts": counts})


def payouts_pull(env, args, progress):
    shop = _shop(env, args.shop)
    env = shop.env
    provider = args.provider or getattr(provider_of_platform(shop.platform), "code", None)
    if not provider:
        raise SystemExit(f"shop {shop.code} is a {shop.platform} shop: name --provider")
    progress(f"pulling {provider} payouts of {shop.code}...")
    try:
        received = (
            env["ecom.payout"]
            .with_company(shop.company_id)
            ._ecom_pull(provider, shop=shop, since=args.since and args.since.date())
        )
    except UserError as error:
        raise SystemExit(str(error.args[0])) from None
    return payout_report(received)


def add_arguments(parser):
    """The arguments of ``odoo ecom payouts``."""
    parser.add_argument("action", choices=["import", "pull"])
    parser.add_argument("--shop", required=True, help="the shop's code")
    parser.add_argument("--provider", choices=PROVIDERS, help="the provider")
    parser.add_argument("--since", type=utc_moment, help="pull: payouts since this UTC date")
    parser.add_argument("files", nargs="*", type=Path)


def run(env, args, progress):
    """``odoo ecom payouts import|pull``: the JSON-ready report of :func:`payout_report`."""
    if args.action == "import":
        if not args.provider or not args.files:
            raise SystemExit("payouts import needs --provider and at least one FILE")
        return payouts_import(env, args, progress)
    return payouts_pull(env, args, progress)


register_subcommand(
    "payouts",
    "ecom_accounting_rules",
    "import or pull payment providers' payouts (ecom_accounting_rules)",
    add_arguments,
    run,
    # A database the command creates gets the books with the shop, as before.
    with_new_database=True,
)
