# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Shop payments and refunds become records; the legacy JSON columns go."""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools.sql import column_exists

from odoo.addons.ecom_connector.legacy import (
    LEGACY_PAYMENTS_COLUMN,
    LEGACY_REFUNDS_COLUMN,
    convert_legacy_payments,
    drop_legacy_columns,
)

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not all(
        column_exists(cr, "sale_order", column)
        for column in (LEGACY_PAYMENTS_COLUMN, LEGACY_REFUNDS_COLUMN)
    ):
        return
    count = convert_legacy_payments(api.Environment(cr, SUPERUSER_ID, {}))
    _logger.info("ecom_connector: the shop payments and refunds of %s orders are records", count)
    drop_legacy_columns(cr)
