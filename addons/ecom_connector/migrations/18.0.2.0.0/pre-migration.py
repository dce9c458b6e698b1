# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Keep the shop payments and refunds JSON of 18.0.1 under names the ORM leaves alone."""

from odoo.tools.sql import column_exists, rename_column

from odoo.addons.ecom_connector.legacy import LEGACY_PAYMENTS_COLUMN, LEGACY_REFUNDS_COLUMN


def migrate(cr, version):
    for old, new in (
        ("ecom_payments", LEGACY_PAYMENTS_COLUMN),
        ("ecom_refunds", LEGACY_REFUNDS_COLUMN),
    ):
        if column_exists(cr, "sale_order", old):
            rename_column(cr, "sale_order", old, new)
