# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Each imported order gets its origin: the source of the payload that last wrote it."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE sale_order so
           SET ecom_origin = last.source
          FROM (SELECT DISTINCT ON (sale_order_id) sale_order_id, source
                  FROM ecom_payload
                 WHERE sale_order_id IS NOT NULL AND state = 'done'
              ORDER BY sale_order_id, id DESC) AS last
         WHERE so.id = last.sale_order_id AND so.ecom_origin IS NULL
        """
    )
