# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Payout parsers: a provider's payouts and balance transactions → plain records.

One module per provider, pure (no ORM, no I/O): JSON as the provider's API
returns it, and the CSV payout report its site exports. ``parse(provider,
content, filename)`` picks the module.
"""

from odoo.addons.ecom_connector.adapters.utils import guarded

from .common import ParsedPayouts, Payout, PayoutError, Transaction, is_csv, load_json, read_csv
from . import paypal, shopify_payments, stripe

# Each module reads the provider's decoded JSON (``parse_json``) and the rows
# of its CSV report (``parse_csv``); telling them apart and decoding is shared.
PARSERS = {
    "shopify_payments": shopify_payments.parser,
    "stripe": stripe.parser,
    "paypal": paypal.parser,
}


@guarded("The payout file cannot be read")
def parse(provider, content, filename=""):
    """Parse a provider's file or API answer.

    :param str provider: a code of ``PAYOUT_PROVIDERS``
    :param bytes content: the raw file or body
    :param str filename: its name (``.csv`` is read as the provider's CSV report)
    :return: :class:`ParsedPayouts`
    :raises PayloadError: when the content is not what the provider sends
        (a :class:`PayoutError` naming the line where it can; any other reading
        error, as :func:`guarded` words it)
    """
    if provider not in PARSERS:
        raise PayoutError(f"unknown payout provider {provider!r}")
    module = PARSERS[provider]
    if is_csv(content, filename):
        return module.parse_csv(read_csv(content))
    return module.parse_json(load_json(content))


__all__ = ["ParsedPayouts", "Payout", "PayoutError", "Transaction", "parse"]
