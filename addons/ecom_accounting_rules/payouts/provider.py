# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What a payout provider declares to the pipeline (see ``payouts/__init__.py``).

The pipeline (``ecom.payout``, its pull, the webhook controller, the command
line) asks these declarations what differs from one provider to the next;
it never compares a provider's code.
"""

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

# How a provider's API is reached.
THROUGH_SHOP = "shop"  # through the API of a shop of ``platform`` (its address and token)
WITH_KEYS = "keys"  # with the API key (and secret) of the company's payout account set


@dataclass(frozen=True)
class Webhook:
    """A provider's signed payout events.

    :ivar signature_header: the HTTP header holding the signature
    :ivar verify: ``verify(body, header, secret, now=None)`` → ``None`` when the
        signature is valid, else why not (a sentence)
    :ivar takes: ``takes(event)`` → whether the decoded event is one the payouts take
    """

    signature_header: str
    verify: Callable
    takes: Callable


@dataclass(frozen=True)
class PayoutProvider:
    """One payment provider whose payouts are booked: its code, parser, client and ways.

    :ivar code: the code stored on payouts and account sets (``ecom.payout.provider``)
    :ivar label: its name for people (translated as the selection's label)
    :ivar parser: a module with ``parse_json(data)`` and ``parse_csv(rows)``, pure
    :ivar client: ``client(credentials, shop_url=None, sandbox=False, session=None)``
        → an object with ``transactions(...)`` (and ``payouts(since)`` when
        ``lists_payouts``) yielding raw pages; ``credentials`` holds ``token``
        (through a shop), or ``key`` and ``secret`` (with keys)
    :ivar reached: :data:`THROUGH_SHOP` or :data:`WITH_KEYS`
    :ivar platform: through a shop: the shop platform whose API serves the payouts
    :ivar lists_payouts: the API lists payouts, then each one's transactions;
        otherwise it lists transactions by date and the parser finds the payouts
    :ivar first_pull_days: without a list of payouts, how many days back a pull
        with no start date reads
    :ivar webhook: its signed payout events, or ``None``
    :ivar has_sandbox: the account set can point it at the provider's sandbox
    :ivar settlement: a marketplace's settlements (a ``settlement.SettlementFormat``):
        its payouts are booked as settlements (models/ecom_payout_settlement.py),
        not as a payment provider's payouts; ``None`` for a payment provider
    :ivar parse_content: ``parse_content(content, filename)`` → ``ParsedPayouts``,
        for a provider whose files are neither JSON nor a comma/semicolon CSV
        (Amazon's tab-delimited report); ``None``: JSON or CSV
    """

    code: str
    label: str
    parser: ModuleType
    client: Callable
    reached: str = WITH_KEYS
    platform: str | None = None
    lists_payouts: bool = True
    first_pull_days: int = 31
    webhook: Webhook | None = None
    has_sandbox: bool = False
    settlement: object = None
    parse_content: Callable | None = None

    @property
    def through_shop(self):
        return self.reached == THROUGH_SHOP

    @property
    def books_settlement(self):
        """A marketplace: each payout is a settlement, booked as one (sales, bill, deposit)."""
        return self.settlement is not None
