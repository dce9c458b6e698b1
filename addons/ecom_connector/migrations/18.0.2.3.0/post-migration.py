# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Payloads whose order is held at import are 'held', no longer 'done'."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ecom_payload payload
           SET state = 'held'
         WHERE payload.state = 'done'
           AND EXISTS (
                SELECT 1
                  FROM ecom_reason_sale_order_rel held
                 WHERE held.sale_order_id = payload.sale_order_id
           )
        """
    )
    _logger.info("ecom_connector: %s payloads of held orders marked held", cr.rowcount)
