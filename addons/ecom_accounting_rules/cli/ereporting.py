# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""`odoo ecom ereporting --period YYYY-MM`, registered into the connector's `odoo ecom` command.

Prints the month's e-reporting of the company's web sales as one JSON document:
``period``, ``regime``, ``due_date``, ``rows`` (date x category x VAT rate),
``b2b_abroad`` (one per invoice), ``payments`` (services) and ``ledger_check``.
The month's periods are made where missing and computed through the same model
methods as Accounting > Web Shops > E-reporting, so the figures are the screen's.
A regime with décades has three periods in a month: ``periods`` lists each with
its due date, the other keys sum them, and ``due_date`` is the last one's. In
franchise, the period is the two months that hold the month.
"""

from odoo.exceptions import UserError

from odoo.addons.ecom_connector.cli.ecom import register_subcommand
from odoo.addons.ecom_connector.tools import in_company_lang

from ..ereporting import calendar as ereporting_calendar


def ereporting_report(env, period_text, company=None):
    """The e-reporting of the month ``period_text`` (``YYYY-MM``) of ``company``
    (default: the environment's), periods made and computed: a JSON-ready dict."""
    try:
        year, month = ereporting_calendar.month_of(period_text)
    except ValueError as error:
        raise SystemExit(str(error)) from None
    company = company or env.company
    Period = env["ecom.ereporting.period"].with_company(company)
    try:
        periods = Period._ecom_generate(company, year, month)
    except UserError as error:
        raise SystemExit(str(error.args[0])) from None
    periods._ecom_compute()
    return {"period": period_text, "company": company.name, **periods._ecom_report()}


def add_arguments(parser):
    """The arguments of ``odoo ecom ereporting``."""
    parser.add_argument("--period", required=True, help="the month, YYYY-MM")
    parser.add_argument("--company", help="the company's name (default: the main company)")


def run(env, args, progress):
    """``odoo ecom ereporting``: the JSON-ready report of :func:`ereporting_report`."""
    company = env.company
    if args.company:
        company = env["res.company"].search([("name", "=", args.company)], limit=1)
        if not company:
            raise SystemExit(f"no company named {args.company!r}")
    env = in_company_lang(company).env
    progress(f"computing the e-reporting of {args.period} for {company.name}...")
    return ereporting_report(env, args.period, company.with_env(env))


register_subcommand(
    "ereporting",
    "ecom_accounting_rules",
    "a month's e-reporting of web sales, France (ecom_accounting_rules)",
    add_arguments,
    run,
)
