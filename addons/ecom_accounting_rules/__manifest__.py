# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

{
    "name": "E-commerce Accounting Rules",
    "summary": "Post web-shop orders to the books automatically; "
    "send refunds, lost parcels and mismatches to one review queue",
    "version": "18.0.2.5.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Ecom Bridge",
    "maintainers": ["ecom-bridge"],
    "development_status": "Beta",
    "website": "https://github.com/ecom-bridge/ecom-odoo",
    "depends": ["ecom_connector", "account"],
    "data": [
        "security/ecom_accounting_security.xml",
        "security/ir.model.access.csv",
        "data/ecom_rule_value_data.xml",
        "data/ecom_accounting_data.xml",
        "data/ecom_payout_data.xml",
        "views/ecom_review_item_views.xml",
        "views/ecom_posting_rule_views.xml",
        "views/ecom_automation_report_views.xml",
        "views/ecom_shop_views.xml",
        "views/ecom_shop_dashboard_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/ecom_payout_views.xml",
        "views/ecom_payout_figures_views.xml",
        "wizards/ecom_review_resolve_views.xml",
        "wizards/ecom_posting_dry_run_views.xml",
        "wizards/ecom_fec_export_views.xml",
        "views/ecom_accounting_menus.xml",
    ],
    "demo": ["demo/ecom_demo.xml"],
    "assets": {
        "web.assets_backend": ["ecom_accounting_rules/static/src/js/*.js"],
        "web.assets_tests": ["ecom_accounting_rules/static/tests/tours/*.js"],
    },
    "post_init_hook": "_post_init_hook",
    "installable": True,
    "application": False,
}
