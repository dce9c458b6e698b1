# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The canonical order: what every platform adapter produces.

Plain dataclasses, no ORM and no I/O. Money is ``Decimal`` built from the
payload's own strings (never from floats), so the shared pipeline can check
the imported order against the shop's totals to the cent.

Conventions every adapter follows:

- ``ShopOrder.prices_include_tax`` says whether ``unit_price``, line
  ``discount``, shipping ``price`` and fee ``amount`` include tax.
- ``OrderLine.unit_price`` is the price of one unit *before* discounts;
  ``OrderLine.discount`` is the total discount amount for the whole line
  (all units), on the same tax basis.
- ``TaxLine.rate`` is a percentage (``Decimal("20")`` for 20 %);
  ``TaxLine.amount`` is the tax charged after discounts. A line's taxes are
  in the shop's order of computation; ``TaxLine.compound`` says the tax is
  computed on the price plus the line's simple taxes listed before it.
- Quantities are ``Decimal``; amounts are positive unless the platform
  itself says otherwise (a negative quantity is a payload error).
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from ..sentences import TranslatableError

ZERO = Decimal("0")

# Kinds of inbound payloads (the inbox stores one payload per external object).
KIND_ORDER = "order"
KIND_REFUND = "refund"
KINDS = (KIND_ORDER, KIND_REFUND)


class PayloadError(TranslatableError, ValueError):
    """A payload that cannot become an order.

    The message is shown to a person on the inbound payload record: say what
    is wrong and, where it helps, where (``line 2: quantity is negative``).
    It is a lazy translation with named placeholders (``_lt("%(what)s is
    missing", what=...)``), or plain text; ``str(error)`` is English and
    ``error.sentence(env)`` in ``env``'s language (see :mod:`...sentences`).
    """


@dataclass
class TaxLine:
    rate: Decimal
    amount: Decimal = ZERO
    title: str = ""
    country_code: str | None = None
    compound: bool = False  # on the price plus the simple taxes before it


@dataclass
class Address:
    name: str = ""
    company: str = ""
    street: str = ""
    street2: str = ""
    city: str = ""
    zip: str = ""
    country_code: str | None = None  # ISO 3166-1 alpha-2, upper case
    state_code: str | None = None  # ISO 3166-2 subdivision code without country (e.g. "CA")
    phone: str = ""
    email: str = ""
    vat: str = ""


@dataclass
class Customer:
    external_id: str | None = None  # None for guest checkouts
    email: str = ""
    name: str = ""
    company: str = ""
    vat: str = ""
    siret: str = ""  # SIRET (14 digits) or SIREN (9) as the shop sent it
    phone: str = ""
    is_guest: bool = False
    # A marketplace's buyer the seller never knows (Amazon's settlement report):
    # one customer per ``external_id`` of the shop, without email or address.
    anonymous: bool = False
    # ``email`` is the marketplace's relay address (Mirakl's anonymized
    # ``customer_notification_email``), not the buyer's own: the buyer is found by
    # ``external_id`` first, as one without an email is.
    email_is_relay: bool = False


@dataclass
class OrderLine:
    external_id: str
    name: str
    quantity: Decimal
    unit_price: Decimal
    sku: str | None = None
    barcode: str | None = None
    discount: Decimal = ZERO
    taxes: list[TaxLine] = field(default_factory=list)
    is_gift_card: bool = False  # a gift card sold: not revenue
    requires_shipping: bool = True


@dataclass
class ShippingLine:
    title: str
    price: Decimal
    code: str = ""  # the shop's method code (mapped to a carrier / delivery product)
    external_id: str | None = None
    discount: Decimal = ZERO
    taxes: list[TaxLine] = field(default_factory=list)


@dataclass
class FeeLine:
    name: str
    amount: Decimal
    external_id: str | None = None
    taxes: list[TaxLine] = field(default_factory=list)


@dataclass
class Payment:
    gateway: str
    amount: Decimal
    transaction_id: str | None = None
    status: str = "success"  # a code of const.PAYMENT_STATUSES
    kind: str = "sale"  # a code of const.PAYMENT_KINDS
    is_gift_card: bool = False  # paid with a gift card (a liability, not cash)
    processed_at: datetime | None = None


@dataclass
class RefundLine:
    line_external_id: str
    quantity: Decimal
    amount: Decimal = ZERO
    restock: bool = False


@dataclass
class Refund:
    external_id: str | None  # None: adapters/checks.py derives one from the order
    amount: Decimal
    created_at: datetime | None = None
    lines: list[RefundLine] = field(default_factory=list)
    shipping_amount: Decimal = ZERO
    reason: str = ""
    restock: bool = False


@dataclass
class ShopTotals:
    """The shop's own totals, kept to check our result against."""

    total: Decimal
    subtotal: Decimal | None = None
    tax: Decimal | None = None
    shipping: Decimal | None = None
    discount: Decimal | None = None
    # The tax of the shipping, when the platform gives it apart.
    shipping_tax: Decimal | None = None


@dataclass
class ShopOrder:
    external_id: str
    reference: str
    currency: str  # ISO 4217, upper case
    totals: ShopTotals
    created_at: datetime | None = None  # naive UTC
    updated_at: datetime | None = None  # naive UTC: the revision
    prices_include_tax: bool = False
    customer: Customer = field(default_factory=Customer)
    billing_address: Address | None = None
    shipping_address: Address | None = None
    lines: list[OrderLine] = field(default_factory=list)
    shipping_lines: list[ShippingLine] = field(default_factory=list)
    fee_lines: list[FeeLine] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    refunds: list[Refund] = field(default_factory=list)
    financial_status: str = "pending"  # one of const.FINANCIAL_STATUSES
    fulfillment_status: str = "unfulfilled"  # one of const.FULFILLMENT_STATUSES
    cancelled_at: datetime | None = None
    cancel_reason: str = ""
    note: str = ""
    # The marketplace ships it from its own warehouse (Amazon FBA): the order
    # leaves from the warehouse its platform names (``Platform.order_warehouse``).
    fulfilled_by_platform: bool = False
    # Non-blocking things the adapter noticed (shown on the order, never lost):
    # (code, sentence) pairs, the code one of const.WARNING_*.
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None


@dataclass
class InboundDocument:
    """One payload cut out of whatever arrived (a file, an API page, a webhook).

    ``body`` is the raw text of that one object (JSON or XML), stored as is in
    the inbox. ``error`` is set when the object could not even be cut out or
    identified; the inbox then stores it as a failed payload with that message
    (a lazy translation or plain text, stored in the company's language).
    """

    body: str
    kind: str = KIND_ORDER
    external_id: str | None = None
    revision: datetime | None = None  # naive UTC
    content_type: str = "application/json"
    error: object = None
