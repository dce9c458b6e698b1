# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Hold reasons become reasons (ecom.reason), with their held orders and XML ids."""

from odoo.addons.ecom_connector.upgrade_reasons import merge_hold_reasons


def migrate(cr, version):
    if not version:
        return
    merge_hold_reasons(cr)
