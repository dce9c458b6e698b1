# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Payout account sets lose their API URL (18.0.2.5.0).

Where a provider's credentials are sent is fixed in code now (Stripe's and
PayPal's own hosts; a test points elsewhere through the server's
configuration only). The one choice the URL carried, PayPal's sandbox,
becomes the ``sandbox`` switch; any other URL is forgotten, said in the log.
The old column is dropped.
"""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'ecom_payout_account_set' AND column_name = 'api_url'"
    )
    if not cr.fetchone():
        return
    cr.execute(
        "UPDATE ecom_payout_account_set SET sandbox = TRUE "
        "WHERE provider = 'paypal' AND api_url ILIKE '%%sandbox.paypal.com%%'"
    )
    cr.execute(
        "SELECT id, provider FROM ecom_payout_account_set "
        "WHERE COALESCE(api_url, '') != '' AND api_url NOT ILIKE '%%.paypal.com%%' "
        "AND api_url NOT ILIKE 'https://api.stripe.com%%'"
    )
    for set_id, provider in cr.fetchall():
        _logger.warning(
            "Payout account set %s (%s): its API URL is forgotten; the provider's own "
            "host is called from now on.",
            set_id,
            provider,
        )
    cr.execute("ALTER TABLE ecom_payout_account_set DROP COLUMN api_url")
