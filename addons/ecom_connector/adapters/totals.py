# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Parts of an order that a payload gives only as totals, rebuilt exactly.

Some payloads (older API versions, exports, extensions) leave out a part of
the order but give its total: shipping (``shipping_total`` / ``shipping_tax``
without shipping lines), an order-level discount without per-line
allocations, taxes given only for the whole order. :func:`rebuild_from_totals`
rebuilds each such part on the canonical order, to the cent, and says so in
the order's warnings (shown on the sale order).

A part is rebuilt only when the numbers prove it is missing: the order's
parts must fall short of the shop's total by exactly that part. Otherwise
nothing is changed, and the importer's total check flags the order as it
would have: never a silent guess.

Pure: no ORM, no I/O.
"""

from decimal import Decimal

from odoo.tools.translate import LazyTranslate

from ..const import WARNING_REBUILT_FROM_TOTALS
from ..sentences import Sentence
from .canonical import ZERO, ShippingLine, TaxLine
from .utils import money

_lt = LazyTranslate(__name__)

# Rates a rate derived from two rounded amounts snaps to (percent).
STANDARD_RATES = tuple(
    Decimal(rate)
    for rate in (
        "2.1", "2.5", "3", "4", "5", "5.5", "6", "7", "8", "8.1", "9", "10", "12", "13",
        "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "25.5", "27",
    )
)  # fmt: skip


def rebuild_from_totals(order):
    """Rebuild ``order``'s shipping, order-level discount and taxes from its totals.

    :param order: a canonical :class:`~.canonical.ShopOrder` (changed in place)
    :return: the same order
    """
    _rebuild_shipping(order)
    _rebuild_discount(order)
    _rebuild_taxes(order)
    return order


# ---------------------------------------------------------------- sums


def _items(order):
    return [*order.lines, *order.shipping_lines, *order.fee_lines]


def _net(item):
    """An item's amount after discount, on the order's tax basis."""
    if hasattr(item, "quantity"):
        return money(item.quantity * item.unit_price - item.discount)
    if hasattr(item, "price"):
        return item.price - item.discount
    return item.amount


def _tax_sum(order):
    return sum((tax.amount for item in _items(order) for tax in item.taxes), ZERO)


def _has_taxes(order):
    return any(item.taxes for item in _items(order))


def _gap(order):
    """The shop's total less what the order's parts add up to."""
    tax = order.totals.tax if order.totals.tax is not None else _tax_sum(order)
    expected = sum((_net(item) for item in _items(order)), ZERO)
    if not order.prices_include_tax:
        expected += tax
    return order.totals.total - expected


def order_difference(order):
    """The shop's total less what the order's lines, shipping and fees and their taxes add up to.

    Zero when the order's amounts reconcile: what Odoo makes of the order
    (the same lines and taxes) then totals what the shop charged.

    :param order: a canonical :class:`~.canonical.ShopOrder`
    :return: a ``Decimal`` (positive: the shop charged more than the parts)
    """
    expected = sum((_net(item) for item in _items(order)), ZERO)
    if not order.prices_include_tax:
        expected += _tax_sum(order)
    return order.totals.total - expected


def _rate(tax, base, known=(), strict=False):
    """The percentage ``tax`` is of ``base``, snapped to a known or standard rate.

    :param strict: ``None`` rather than an unheard-of rate when none fits
    """
    if not base:
        return None if strict else ZERO
    rate = tax * 100 / base
    for candidate in (*known, *STANDARD_RATES):
        # Within what rounding the tax to the cent can move the rate.
        if abs(candidate - rate) * base <= Decimal("0.5") + abs(base) * Decimal("0.0001"):
            return candidate
    return None if strict else money(rate)


def _warn(order, sentence):
    order.warnings.append((WARNING_REBUILT_FROM_TOTALS, Sentence(sentence)))


# ---------------------------------------------------------------- parts


def _rebuild_shipping(order):
    shipping = order.totals.shipping
    if order.shipping_lines or not shipping or shipping <= 0:
        return
    shipping_tax = order.totals.shipping_tax
    if shipping_tax is None and order.totals.tax is not None and _has_taxes(order):
        shipping_tax = max(order.totals.tax - _tax_sum(order), ZERO)
    added = shipping
    if not order.prices_include_tax and order.totals.tax is None:
        added += shipping_tax or ZERO
    discount = order.totals.discount or ZERO
    if _gap(order) not in (added, added - discount):
        return
    taxes = []
    if shipping_tax:
        base = shipping - shipping_tax if order.prices_include_tax else shipping
        known = {tax.rate for item in _items(order) for tax in item.taxes}
        taxes = [TaxLine(rate=_rate(shipping_tax, base, sorted(known)), amount=shipping_tax)]
    order.shipping_lines.append(ShippingLine(title="Shipping", price=shipping, taxes=taxes))
    _warn(
        order,
        _lt(
            "Shipping rebuilt from the order's total (%(amount)s %(currency)s).",
            amount=shipping,
            currency=order.currency,
        ),
    )


def _rebuild_discount(order):
    discount = order.totals.discount
    if not discount or discount <= 0:
        return
    if any(line.discount for line in [*order.lines, *order.shipping_lines]):
        return
    if any(fee.amount < 0 for fee in order.fee_lines):
        return
    if _gap(order) != -discount:
        return
    lines = [line for line in order.lines if line.quantity * line.unit_price > 0]
    gross = sum((line.quantity * line.unit_price for line in lines), ZERO)
    if not lines or discount > gross:
        return
    left = discount
    for line in lines[:-1]:
        share = money(discount * line.quantity * line.unit_price / gross)
        line.discount = share
        left -= share
    lines[-1].discount = left
    _warn(
        order,
        _lt(
            "The order-level discount (%(amount)s %(currency)s) was prorated over the lines, "
            "as the shop does.",
            amount=discount,
            currency=order.currency,
        ),
    )


def _no_single_rate(tax, currency):
    return _lt(
        "The order gives its taxes only as a total (%(amount)s %(currency)s) that no single "
        "rate explains: its lines are imported without tax.",
        amount=tax,
        currency=currency,
    )


def _rebuild_taxes(order):
    tax = order.totals.tax
    if not tax or tax <= 0 or _has_taxes(order):
        return
    items = [item for item in _items(order) if _net(item)]
    nets = [_net(item) for item in items]
    total_net = sum(nets, ZERO)
    if not items or _gap(order) != ZERO:
        return
    base = total_net - tax if order.prices_include_tax else total_net
    rate = _rate(tax, base, strict=True)
    if rate is None:
        _warn(order, _no_single_rate(tax, order.currency))
        return
    amounts = [
        money(net - net * 100 / (100 + rate))
        if order.prices_include_tax
        else money(net * rate / 100)
        for net in nets
    ]
    # One rate must explain the total, give or take a cent per item.
    if abs(sum(amounts, ZERO) - tax) > Decimal("0.01") * len(items):
        _warn(order, _no_single_rate(tax, order.currency))
        return
    amounts[-1] += tax - sum(amounts, ZERO)
    for item, amount in zip(items, amounts, strict=True):
        item.taxes = [TaxLine(rate=rate, amount=amount)]
    _warn(
        order,
        _lt(
            "Taxes rebuilt from the order's total (%(amount)s %(currency)s at %(rate)s %%).",
            amount=tax,
            currency=order.currency,
            rate=format(rate.normalize(), "f"),
        ),
    )
