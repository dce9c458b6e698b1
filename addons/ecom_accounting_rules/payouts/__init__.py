# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Payout providers: one folder each, declared here to the pipeline.

``payouts/<provider>/`` holds a provider's pure parser (``parser.py``: its
payouts and balance transactions, JSON as its API answers and the CSV report
its site exports, to plain records), its API client (``client.py``), its
constants and its declaration (``__init__.py``: a :class:`PayoutProvider`).
The pipeline asks :data:`PROVIDERS`; it never compares a provider's code.
"""

from odoo.tools.translate import LazyTranslate

from odoo.addons.ecom_connector.adapters.utils import guarded

from .common import ParsedPayouts, Payout, PayoutError, Transaction, is_csv, load_json, read_csv
from .provider import THROUGH_SHOP, WITH_KEYS, PayoutProvider, Webhook
from . import amazon, mirakl, paypal, shopify_payments, stripe

_lt = LazyTranslate(__name__)

# The registry, in the order people see the providers.
PROVIDERS = {
    provider.code: provider
    for provider in (
        shopify_payments.PROVIDER,
        stripe.PROVIDER,
        paypal.PROVIDER,
        amazon.PROVIDER,
        mirakl.PROVIDER,
    )
}
# The selection of ``provider`` fields (labels translated as field selections).
PAYOUT_PROVIDERS = [(provider.code, provider.label) for provider in PROVIDERS.values()]


def get_provider(code):
    """The declaration of provider ``code``.

    :raises PayoutError: for a code no folder declares
    """
    if code not in PROVIDERS:
        raise PayoutError(_lt("unknown payout provider %(code)s", code=repr(code)))
    return PROVIDERS[code]


def provider_of_platform(platform):
    """The provider read through the API of a shop of ``platform``, or ``None``."""
    return next((p for p in PROVIDERS.values() if p.through_shop and p.platform == platform), None)


def get_payout_client(code, credentials, shop_url=None, sandbox=False, session=None):
    """The API client of provider ``code`` (see :attr:`PayoutProvider.client`)."""
    return get_provider(code).client(
        credentials, shop_url=shop_url, sandbox=sandbox, session=session
    )


@guarded(_lt("The payout file cannot be read"))
def parse(provider, content, filename=""):
    """Parse a provider's file or API answer.

    :param str provider: a code of :data:`PROVIDERS`
    :param bytes content: the raw file or body
    :param str filename: its name (``.csv`` is read as the provider's CSV report)
    :return: :class:`ParsedPayouts`
    :raises PayloadError: when the content is not what the provider sends
        (a :class:`PayoutError` naming the line where it can; any other reading
        error, as :func:`guarded` words it)
    """
    spec = get_provider(provider)
    if spec.parse_content:
        return spec.parse_content(content, filename)
    module = spec.parser
    if is_csv(content, filename):
        return module.parse_csv(read_csv(content))
    return module.parse_json(load_json(content))


__all__ = [
    "PAYOUT_PROVIDERS",
    "PROVIDERS",
    "THROUGH_SHOP",
    "WITH_KEYS",
    "ParsedPayouts",
    "Payout",
    "PayoutError",
    "PayoutProvider",
    "Transaction",
    "Webhook",
    "get_payout_client",
    "get_provider",
    "parse",
    "provider_of_platform",
]
