# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Review items of refunds point at the shop refund records (ecom_connector 18.0.2)."""

from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not column_exists(cr, "ecom_review_item", "refund_data"):
        return
    # Their key is "refund:<the shop's refund id>" on the refund's order.
    cr.execute(
        """
        UPDATE ecom_review_item item
           SET refund_id = refund.id
          FROM ecom_order_refund refund
         WHERE refund.sale_order_id = item.sale_order_id
           AND item.key = 'refund:' || refund.external_id
        """
    )
    cr.execute("ALTER TABLE ecom_review_item DROP COLUMN refund_data")
