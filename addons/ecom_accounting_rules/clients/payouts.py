# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What the providers' payout clients share (each client is in ``payouts/<provider>/``).

Every call goes through the connector's one request function (timeouts,
typed errors, masked secrets, public https addresses only). Each client
yields the raw body of each page (bytes), so that an API answer and a
downloaded file are read by the same parser.

Credentials sent with the account set's keys go to the provider's own host
only, fixed in its folder; a shop's token to the shop's own address. Only
the server's configuration can point a provider elsewhere
(:func:`api_base_url`).
"""

from odoo.tools import config

from ..const import CONFIG_PAYOUT_API_OVERRIDE

# Pages read at most per call, so that a loop in a provider's paging ends.
MAX_PAGES = 200


def api_base_url(endpoint, host):
    """Where ``endpoint``'s API is (``stripe``, ``paypal``, ``paypal_sandbox``...).

    :param str host: the provider's own address (fixed in its folder)
    :return: ``host``, unless the server's configuration option
        ``ecom_payout_api_override`` (``endpoint=url,...``) names another (tests)
    """
    overrides = {}
    for item in str(config.get(CONFIG_PAYOUT_API_OVERRIDE) or "").split(","):
        name, _sep, url = item.partition("=")
        if name.strip() and url.strip():
            overrides[name.strip()] = url.strip().rstrip("/")
    return overrides.get(endpoint) or host
