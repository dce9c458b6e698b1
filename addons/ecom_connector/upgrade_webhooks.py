# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Upgrade to 18.0.2.5: webhook payloads unique per shop and body."""

import logging

from odoo.tools import sql

_logger = logging.getLogger(__name__)


def set_webhook_body_hashes(cr):
    """Give the webhook payloads already stored their body hash, once per shop and body.

    The first payload (lowest id) of each shop and body gets the hash, which
    the unique constraint on ``(shop_id, webhook_body_hash)`` then guards;
    the later copies (stored before bodies were deduplicated) keep none, so
    that the constraint can be created over them. A database already
    upgraded changes nothing.

    :return: the number of payloads given a hash
    """
    if not sql.column_exists(cr, "ecom_payload", "webhook_body_hash"):
        sql.create_column(cr, "ecom_payload", "webhook_body_hash", "varchar")
    cr.execute(
        """
        UPDATE ecom_payload payload
           SET webhook_body_hash = first.body_hash
          FROM (  SELECT min(id) AS id, shop_id, body_hash
                    FROM ecom_payload
                   WHERE source = 'webhook' AND body_hash IS NOT NULL
                GROUP BY shop_id, body_hash) first
         WHERE payload.id = first.id
           AND payload.webhook_body_hash IS NULL
           AND NOT EXISTS (
                SELECT 1
                  FROM ecom_payload known
                 WHERE known.shop_id = first.shop_id
                   AND known.webhook_body_hash = first.body_hash
           )
        """
    )
    _logger.info("ecom_connector: %s webhook payloads given their body hash", cr.rowcount)
    return cr.rowcount
