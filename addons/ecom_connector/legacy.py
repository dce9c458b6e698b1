# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Data stored by earlier versions, brought to the current models (see migrations/)."""

from datetime import datetime
from decimal import Decimal

from odoo.tools import SQL

from .adapters.canonical import Payment, Refund, RefundLine

# Where the pre-migration of 18.0.2.0.0 keeps the JSON of version 18.0.1 (sale_order columns).
LEGACY_PAYMENTS_COLUMN = "ecom_payments_legacy"
LEGACY_REFUNDS_COLUMN = "ecom_refunds_legacy"


class _LegacyOrder:
    """The part of a canonical order the importer needs to record payments and refunds."""

    def __init__(self, payments, refunds):
        self.payments = payments
        self.refunds = refunds


def _datetime(value):
    return datetime.fromisoformat(value) if value else None


def _decimal(value):
    return Decimal(str(value)) if value not in (None, "", False) else Decimal(0)


def _payment(data):
    return Payment(
        gateway=data.get("gateway") or "",
        amount=_decimal(data.get("amount")),
        transaction_id=data.get("transaction_id") or None,
        status=data.get("status") or "success",
        kind=data.get("kind") or "sale",
        is_gift_card=bool(data.get("is_gift_card")),
        processed_at=_datetime(data.get("processed_at")),
    )


def _refund(data):
    return Refund(
        external_id=str(data.get("external_id")),
        amount=_decimal(data.get("amount")),
        created_at=_datetime(data.get("created_at")),
        shipping_amount=_decimal(data.get("shipping_amount")),
        reason=data.get("reason") or "",
        restock=bool(data.get("restock")),
        lines=[
            RefundLine(
                line_external_id=str(line.get("line_external_id")),
                quantity=_decimal(line.get("quantity")),
                amount=_decimal(line.get("amount")),
                restock=bool(line.get("restock")),
            )
            for line in data.get("lines") or []
        ],
    )


def convert_legacy_payments(env):
    """Create the payment and refund records of the JSON kept in the legacy columns.

    The JSON is the shape the importer of 18.0.1 wrote (``ecom_payments``,
    ``ecom_refunds`` on ``sale.order``). One batch for every order.

    :return: the number of sale orders converted
    """
    payments, refunds = (
        SQL.identifier(LEGACY_PAYMENTS_COLUMN),
        SQL.identifier(LEGACY_REFUNDS_COLUMN),
    )
    env.cr.execute(
        SQL(
            "SELECT id, %s, %s FROM sale_order WHERE %s IS NOT NULL OR %s IS NOT NULL ORDER BY id",
            payments,
            refunds,
            payments,
            refunds,
        )
    )
    rows = env.cr.fetchall()
    orders = env["sale.order"].browse([row[0] for row in rows])
    pairs = [
        (
            order,
            _LegacyOrder(
                [_payment(p) for p in payments or []], [_refund(r) for r in refunds or []]
            ),
        )
        for order, (_id, payments, refunds) in zip(orders, rows, strict=True)
    ]
    env["ecom.order.importer"]._write_shop_payments(pairs)
    return len(pairs)


def drop_legacy_columns(cr):
    cr.execute(
        SQL(
            "ALTER TABLE sale_order DROP COLUMN %s, DROP COLUMN %s",
            SQL.identifier(LEGACY_PAYMENTS_COLUMN),
            SQL.identifier(LEGACY_REFUNDS_COLUMN),
        )
    )
