# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""PayPal: read with the account set's client id and secret, by date windows; no webhook."""

from ..provider import WITH_KEYS, PayoutProvider
from . import client, parser
from .const import MAX_WINDOW_DAYS

PROVIDER = PayoutProvider(
    code="paypal",
    label="PayPal",
    parser=parser,
    client=client.make_client,
    reached=WITH_KEYS,
    lists_payouts=False,
    first_pull_days=MAX_WINDOW_DAYS,
    has_sandbox=True,
)
