# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Payout parsers: a provider's payouts and balance transactions → plain records.

One module per provider, pure (no ORM, no I/O): JSON as the provider's API
returns it, and the CSV payout report its site exports. ``parse(provider,
content, filename)`` picks the module.
"""

from .common import ParsedPayouts, Payout, PayoutError, Transaction
from . import paypal, shopify_payments, stripe

PARSERS = {
    "shopify_payments": shopify_payments.parse,
    "stripe": stripe.parse,
    "paypal": paypal.parse,
}


def parse(provider, content, filename=""):
    """Parse a provider's file or API answer.

    :param str provider: a code of ``PAYOUT_PROVIDERS``
    :param bytes content: the raw file or body
    :param str filename: its name (``.csv`` is read as the provider's CSV report)
    :return: :class:`ParsedPayouts`
    :raises PayoutError: when the content is not what the provider sends
    """
    if provider not in PARSERS:
        raise PayoutError(f"unknown payout provider {provider!r}")
    return PARSERS[provider](content, filename)


__all__ = ["ParsedPayouts", "Payout", "PayoutError", "Transaction", "parse"]
