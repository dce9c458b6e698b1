# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What every canonical order must hold before it reaches the database.

Whatever the platform: a refund without an id gets one, derived from its
order and its content (the same at every import of the order, so a new copy
of the order keeps its refunds); the literal ``None`` or ``null`` some
exporters write for a missing id is no id; and no text goes beyond what the
database can index. An identifier too long (an external id, a SKU, a
reference, an e-mail) refuses the order, since cut it would name something
else; a display text too long (a name, an address line, a title) is cut, with
a warning on the order.

Pure: no ORM, no I/O.
"""

import hashlib
import json

from ..const import (
    DERIVED_REFUND_ID,
    MAX_EMAIL_LENGTH,
    MAX_ID_LENGTH,
    MAX_NAME_LENGTH,
    MAX_TITLE_LENGTH,
    PROBLEM_TEXT_TOO_LONG,
    WARNING_TEXT_CUT,
)
from .utils import id_or_none, line_label

NAME_FIELDS = ("name", "company", "phone")
ADDRESS_FIELDS = ("name", "company", "street", "street2", "city", "zip", "phone")


def check_order(order):
    """Make ``order`` safe to store, or say why it cannot be.

    Changes ``order`` in place: ids of refunds without one, missing ids
    written as ``"None"`` cleared, display texts cut to their limit (with a
    ``WARNING_TEXT_CUT`` warning each).

    :param order: a canonical :class:`~.canonical.ShopOrder`
    :return: the order's refusals, a list of (code, sentence): an identifier
        longer than the import takes; empty when the order can be imported
    """
    _clear_missing_ids(order)
    _derive_refund_ids(order)
    check = _Check(order)
    check.identifier(order.external_id, "The order id")
    check.identifier(order.reference, "The order reference")
    customer = order.customer
    check.identifier(customer.external_id, "The customer id")
    check.identifier(customer.vat, "The customer's VAT number")
    check.email(customer.email, "The customer's e-mail")
    check.cut(customer, NAME_FIELDS, MAX_NAME_LENGTH, "The customer's")
    for which, address in (
        ("billing", order.billing_address),
        ("shipping", order.shipping_address),
    ):
        if address is None:
            continue
        check.identifier(address.vat, f"The {which} address's VAT number")
        check.email(address.email, f"The {which} address's e-mail")
        check.cut(address, ADDRESS_FIELDS, MAX_NAME_LENGTH, f"The {which} address's")
    for index, line in enumerate(order.lines, start=1):
        label = line_label("Line", index, _short(line.name))
        check.identifier(line.external_id, f"{label}: the line id")
        check.identifier(line.sku, f"{label}: the SKU")
        check.identifier(line.barcode, f"{label}: the barcode")
        check.cut(line, ("name",), MAX_TITLE_LENGTH, f"{label}:")
        _check_taxes(check, line.taxes, label)
    for index, line in enumerate(order.shipping_lines, start=1):
        label = line_label("Shipping", index, _short(line.title))
        check.identifier(line.external_id, f"{label}: the shipping line id")
        check.identifier(line.code, f"{label}: the shipping method code")
        check.cut(line, ("title",), MAX_TITLE_LENGTH, f"{label}:")
        _check_taxes(check, line.taxes, label)
    for index, line in enumerate(order.fee_lines, start=1):
        label = line_label("Fee", index, _short(line.name))
        check.identifier(line.external_id, f"{label}: the fee line id")
        check.cut(line, ("name",), MAX_TITLE_LENGTH, f"{label}:")
        _check_taxes(check, line.taxes, label)
    for index, payment in enumerate(order.payments, start=1):
        check.identifier(payment.gateway, f"Payment {index}: the payment method")
        check.identifier(payment.transaction_id, f"Payment {index}: the transaction id")
    for index, refund in enumerate(order.refunds, start=1):
        check.identifier(refund.external_id, f"Refund {index}: the refund id")
        for number, line in enumerate(refund.lines, start=1):
            check.identifier(line.line_external_id, f"Refund {index}, line {number}: the line id")
    return check.refusals


class _Check:
    """The refusals of one order, and its cut texts' warnings."""

    def __init__(self, order):
        self.order = order
        self.refusals = []

    def identifier(self, value, what, limit=MAX_ID_LENGTH):
        if value and len(value) > limit:
            self.refusals.append(
                (
                    PROBLEM_TEXT_TOO_LONG,
                    f"{what} is {len(value)} characters long ({_short(value)}...), more than "
                    f"the {limit} the import takes: correct it in the shop, then import the "
                    "order again.",
                )
            )

    def email(self, value, what):
        self.identifier(value, what, MAX_EMAIL_LENGTH)

    def cut(self, item, names, limit, whose):
        for name in names:
            value = getattr(item, name)
            if value and len(value) > limit:
                setattr(item, name, value[:limit])
                self.order.warnings.append(
                    (
                        WARNING_TEXT_CUT,
                        f"{whose} {name.replace('_', ' ')} was {len(value)} characters long: "
                        f"only its first {limit} were kept.",
                    )
                )


def _check_taxes(check, taxes, label):
    for tax in taxes:
        check.cut(tax, ("title",), MAX_NAME_LENGTH, f"{label}: the tax")


def _short(text):
    """The start of a text, to name it in a sentence."""
    text = (text or "").strip()
    return text if len(text) <= 40 else text[:40]


def _clear_missing_ids(order):
    """``"None"`` and the like are no id: a refund, a payment without one is said to have none."""
    order.customer.external_id = id_or_none(order.customer.external_id)
    for payment in order.payments:
        payment.transaction_id = id_or_none(payment.transaction_id)
    for refund in order.refunds:
        refund.external_id = id_or_none(refund.external_id)
        for line in refund.lines:
            line.line_external_id = id_or_none(line.line_external_id) or ""


def _derive_refund_ids(order):
    """Give each refund without an id one of its order and content.

    ``<order id>-refund-<first 12 hex digits of the SHA-1 of its content>``,
    numbered from the second refund of the same content in the order (two
    identical refunds of one order are two refunds).
    """
    seen = {}
    for refund in order.refunds:
        if refund.external_id:
            continue
        content = json.dumps(
            [
                str(refund.amount),
                str(refund.shipping_amount),
                refund.created_at.isoformat() if refund.created_at else None,
                refund.reason,
                refund.restock,
                [
                    [line.line_external_id, str(line.quantity), str(line.amount), line.restock]
                    for line in refund.lines
                ],
            ]
        )
        digest = hashlib.sha1(content.encode()).hexdigest()[:12]
        seen[digest] = seen.get(digest, 0) + 1
        external_id = DERIVED_REFUND_ID.format(order=order.external_id, digest=digest)
        refund.external_id = external_id if seen[digest] == 1 else f"{external_id}-{seen[digest]}"
