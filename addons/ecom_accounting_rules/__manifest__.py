{
    "name": "E-commerce Accounting Rules",
    "summary": "Post web-shop orders to the books automatically; "
    "send refunds, lost parcels and mismatches to one review queue",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "Ecom Bridge",
    "website": "https://github.com/ecom-bridge/ecom-odoo",
    "depends": ["ecom_connector", "account"],
    "data": [
        "security/ecom_accounting_security.xml",
        "security/ir.model.access.csv",
        "views/ecom_review_item_views.xml",
        "views/ecom_posting_rule_views.xml",
        "views/ecom_accounting_menus.xml",
    ],
    "installable": True,
    "application": False,
}
