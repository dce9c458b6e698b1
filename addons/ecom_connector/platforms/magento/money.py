# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Magento 2 / Adobe Commerce: an order's money, in its base currency.

Pure translation, no ORM and no I/O (see magento.py for the order itself):
the base-currency amounts of an order (``base_<key>``, else ``<key>`` divided
by ``base_to_order_rate``), the rates derived from amounts, and the amounts
Adobe Commerce's modules add in ``extension_attributes``: gift wrapping (a fee
line) and what paid without money (gift cards, store credit, reward points).
"""

from decimal import Decimal

from ...adapters import canonical
from ...adapters.canonical import ZERO
from ...adapters.utils import currency_code, money, to_decimal

# Gift wrapping in extension_attributes: (price, its tax), base-currency keys.
GIFT_WRAPPING = (
    ("gw_base_price", "gw_base_tax_amount"),
    ("gw_items_base_price", "gw_items_base_tax_amount"),
    ("gw_card_base_price", "gw_card_base_tax_amount"),
)
# What paid part of an order without money (base-currency key, gateway): taken
# off grand_total by Magento, booked as gift cards (the shop's liability).
PAID_WITHOUT_MONEY = (
    ("base_gift_cards_amount", "gift_card"),
    ("base_customer_balance_amount", "store_credit"),
    ("base_reward_currency_amount", "reward_points"),
)


class OrderMoney:
    """Base-currency amounts of one order (``base_<key>``, else ``<key>`` ÷ the rate)."""

    def __init__(self, data):
        base = (data.get("base_currency_code") or "").strip()
        self.currency = currency_code(base or data.get("order_currency_code"))
        rate = data.get("base_to_order_rate")
        self.rate = to_decimal(rate, "base_to_order_rate", "1") or Decimal(1)
        self.same = (
            not base or base.upper() == (data.get("order_currency_code") or base).strip().upper()
        )

    def __call__(self, obj, key, what, default=None):
        value = obj.get(f"base_{key}")
        if value not in (None, ""):
            return to_decimal(value, f"base_{key}")
        return self.from_order(to_decimal(obj.get(key), what, default))

    def from_order(self, amount):
        """An order-currency amount in the base currency."""
        return amount if self.same or self.rate == 1 else money(amount / self.rate)

    def optional(self, obj, key):
        if obj.get(f"base_{key}") in (None, "") and obj.get(key) in (None, ""):
            return None
        return self(obj, key, key)


def extension_amount(extension, base_key, money_of):
    """A base-currency amount of ``extension_attributes`` (``gw_base_price``...).

    Without it, the order-currency amount (the key without ``base``) divided
    by the order's rate. Always positive (Magento writes some as negatives).
    """
    value = extension.get(base_key)
    if value not in (None, ""):
        return abs(to_decimal(value, base_key))
    key = base_key.replace("base_", "", 1)
    return abs(money_of.from_order(to_decimal(extension.get(key), key, "0")))


def gift_wrapping(extension, money_of):
    """The gift wrapping charged, one fee line with its tax (Adobe Commerce)."""
    price = tax = ZERO
    for price_key, tax_key in GIFT_WRAPPING:
        price += extension_amount(extension, price_key, money_of)
        tax += extension_amount(extension, tax_key, money_of)
    if not price and not tax:
        return []
    percent = snap_rate(money(tax * 100 / price)) if price and tax else ZERO
    taxes = [canonical.TaxLine(rate=plain_rate(percent), amount=tax)] if tax else []
    return [canonical.FeeLine(name="Gift wrapping", amount=price, taxes=taxes)]


def paid_without_money(extension, money_of):
    """``[(gateway, amount)]`` paid by gift cards, store credit or reward points."""
    paid = []
    for base_key, gateway in PAID_WITHOUT_MONEY:
        amount = extension_amount(extension, base_key, money_of)
        if amount:
            paid.append((gateway, amount))
    return paid


def snap_rate(percent):
    """A rate derived from two amounts, to the rate it rounds from (20.01 -> 20)."""
    nearest = percent.quantize(Decimal("0.1"))
    return nearest if abs(nearest - percent) <= Decimal("0.05") else percent


def plain_rate(value):
    """A rate as written plainly: 20 for 20.0, 5.5 for 5.50."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
