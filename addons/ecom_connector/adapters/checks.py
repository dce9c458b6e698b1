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

from odoo.tools.translate import LazyTranslate

from ..const import (
    DERIVED_REFUND_ID,
    MAX_EMAIL_LENGTH,
    MAX_ID_LENGTH,
    MAX_NAME_LENGTH,
    MAX_TITLE_LENGTH,
    PROBLEM_TEXT_TOO_LONG,
    WARNING_TEXT_CUT,
)
from ..sentences import Sentence
from .utils import FEE, LINE, SHIPPING, id_or_none, line_label

_lt = LazyTranslate(__name__)

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
    check.identifier(order.external_id, _lt("The order id"))
    check.identifier(order.reference, _lt("The order reference"))
    customer = order.customer
    check.identifier(customer.external_id, _lt("The customer id"))
    check.identifier(customer.vat, _lt("The customer's VAT number"))
    check.email(customer.email, _lt("The customer's e-mail"))
    check.cut(
        customer, NAME_FIELDS, MAX_NAME_LENGTH, lambda f: _lt("The customer's %(field)s", field=f)
    )
    for address, vat, email, whose in (
        (
            order.billing_address,
            _lt("The billing address's VAT number"),
            _lt("The billing address's e-mail"),
            lambda f: _lt("The billing address's %(field)s", field=f),
        ),
        (
            order.shipping_address,
            _lt("The shipping address's VAT number"),
            _lt("The shipping address's e-mail"),
            lambda f: _lt("The shipping address's %(field)s", field=f),
        ),
    ):
        if address is None:
            continue
        check.identifier(address.vat, vat)
        check.email(address.email, email)
        check.cut(address, ADDRESS_FIELDS, MAX_NAME_LENGTH, whose)
    for index, line in enumerate(order.lines, start=1):
        label = line_label(LINE, index, _short(line.name))
        check.identifier(line.external_id, _lt("%(line)s: the line id", line=label))
        check.identifier(line.sku, _lt("%(line)s: the SKU", line=label))
        check.identifier(line.barcode, _lt("%(line)s: the barcode", line=label))
        check.cut(line, ("name",), MAX_TITLE_LENGTH, _line_field(label))
        _check_taxes(check, line.taxes, label)
    for index, line in enumerate(order.shipping_lines, start=1):
        label = line_label(SHIPPING, index, _short(line.title))
        check.identifier(line.external_id, _lt("%(line)s: the shipping line id", line=label))
        check.identifier(line.code, _lt("%(line)s: the shipping method code", line=label))
        check.cut(line, ("title",), MAX_TITLE_LENGTH, _line_field(label))
        _check_taxes(check, line.taxes, label)
    for index, line in enumerate(order.fee_lines, start=1):
        label = line_label(FEE, index, _short(line.name))
        check.identifier(line.external_id, _lt("%(line)s: the fee line id", line=label))
        check.cut(line, ("name",), MAX_TITLE_LENGTH, _line_field(label))
        _check_taxes(check, line.taxes, label)
    for index, payment in enumerate(order.payments, start=1):
        check.identifier(payment.gateway, _lt("Payment %(index)s: the payment method", index=index))
        check.identifier(
            payment.transaction_id, _lt("Payment %(index)s: the transaction id", index=index)
        )
    for index, refund in enumerate(order.refunds, start=1):
        check.identifier(refund.external_id, _lt("Refund %(index)s: the refund id", index=index))
        for number, line in enumerate(refund.lines, start=1):
            check.identifier(
                line.line_external_id,
                _lt("Refund %(index)s, line %(number)s: the line id", index=index, number=number),
            )
    return check.refusals


#: The names of the fields a text too long may be cut in, for the warning.
FIELD_NAMES = {
    "name": _lt("name"),
    "company": _lt("company"),
    "phone": _lt("phone"),
    "street": _lt("street"),
    "street2": _lt("street2"),
    "city": _lt("city"),
    "zip": _lt("zip"),
    "title": _lt("title"),
}


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
                    Sentence(
                        _lt(
                            "%(what)s is %(length)s characters long (%(start)s...), more than "
                            "the %(limit)s the import takes: correct it in the shop, then "
                            "import the order again.",
                            what=what,
                            length=len(value),
                            start=_short(value),
                            limit=limit,
                        )
                    ),
                )
            )

    def email(self, value, what):
        self.identifier(value, what, MAX_EMAIL_LENGTH)

    def cut(self, item, names, limit, whose):
        """Cut ``item``'s ``names`` texts to ``limit``, with a warning each.

        :param whose: ``field name -> sentence`` naming the field in its part of
            the order ("The customer's name")
        """
        for name in names:
            value = getattr(item, name)
            if value and len(value) > limit:
                setattr(item, name, value[:limit])
                self.order.warnings.append(
                    (
                        WARNING_TEXT_CUT,
                        Sentence(
                            _lt(
                                "%(field)s was %(length)s characters long: only its first "
                                "%(limit)s were kept.",
                                field=whose(FIELD_NAMES.get(name, name)),
                                length=len(value),
                                limit=limit,
                            )
                        ),
                    )
                )


def _line_field(label):
    """``field -> sentence`` naming a field of a line: "Line 2 (Teapot): the name"."""
    return lambda field: _lt("%(line)s: the %(field)s", line=label, field=field)


def _check_taxes(check, taxes, label):
    for tax in taxes:
        check.cut(
            tax,
            ("title",),
            MAX_NAME_LENGTH,
            lambda field, label=label: _lt("%(line)s: the tax %(field)s", line=label, field=field),
        )


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
