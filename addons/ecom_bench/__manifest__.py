# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

{
    "name": "E-commerce Benchmarks",
    "summary": "`odoo ecom bench`: the connector's import and the rules' posting against "
    "Odoo's per-order flows (a developer tool, not for production databases)",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tools",
    "license": "LGPL-3",
    "author": "Ecom Bridge",
    "maintainers": ["ecom-bridge"],
    "development_status": "Beta",
    "website": "https://github.com/ecom-bridge/ecom-odoo",
    "depends": ["ecom_connector", "ecom_accounting_rules"],
    "installable": True,
    "application": False,
}
