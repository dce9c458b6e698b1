# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Review reasons become the connector's reasons (ecom.reason), with their items and rules."""

from odoo.addons.ecom_accounting_rules.upgrade_reasons import merge_review_reasons


def migrate(cr, version):
    if not version:
        return
    merge_review_reasons(cr)
