# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Compound taxes of platforms that do not flag them, told from the amounts.

A compound tax is computed on the price *plus* the line's other taxes (the
Quebec sales tax on the GST before 2013, taxes of a higher priority in
Magento). WooCommerce flags it on the rate (``compound``); Shopify's
``tax_lines`` and Magento's ``applied_taxes`` do not, but the amounts tell:
a tax whose amount is its rate of the price plus the taxes before it, and not
its rate of the price alone, is compound.

Pure: no ORM, no I/O.
"""

from .canonical import ZERO
from .utils import CENT, money


def mark_compound_taxes(order):
    """Flag the compound taxes of ``order``'s lines and shipping lines (in place).

    Only prices before tax are looked at (the shops that compound taxes show
    prices before tax), and only lines with several taxes, none flagged yet.
    A tax is compound when its amount matches its rate of the price plus the
    simple taxes before it, to the cent, and does not match its rate of the
    price alone.

    :param order: a canonical :class:`~.canonical.ShopOrder`
    :return: the same order
    """
    if order.prices_include_tax:
        return order
    for item in (*order.lines, *order.shipping_lines):
        if len(item.taxes) < 2 or any(tax.compound for tax in item.taxes):
            continue
        if hasattr(item, "quantity"):
            base = item.quantity * item.unit_price - item.discount
        else:
            base = item.price - item.discount
        simple = ZERO
        for tax in item.taxes:
            alone = money(base * tax.rate / 100)
            on_taxes = money((base + simple) * tax.rate / 100)
            if simple and abs(tax.amount - on_taxes) <= CENT < abs(tax.amount - alone):
                tax.compound = True
            else:
                simple += tax.amount
    return order
