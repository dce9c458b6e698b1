# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Mirakl: the transaction lines (TL02) and the payment cycle export (CSV).

TL02 (``GET {instance}/api/sellerpayment/transactions_logs``, as Mirakl's
seller OpenAPI documents it) answers ``{"data": [...], "next_page_token": ...,
"previous_page_token": ...}``; a line has ``id``, ``type`` (``ORDER_AMOUNT``,
``COMMISSION_FEE``, ``PAYMENT``...), ``amount`` (a number, signed: + credited
to the seller, - debited, as the documented example shows), ``amount_credited``
and ``amount_debited`` (both positive), ``currency_iso_code``,
``date_created``, ``accounting_document_number`` (the accounting document of
the payment cycle; ``payment_voucher_number`` in the documented example too),
``payment_state`` (``PENDING``, ``PAYABLE``, ``PAID``, ``NOT_APPLICABLE``,
``RESERVE``) and its ``entities``: the order (``entities.order.id``) and order
line (``entities.order_line.id``) it is of. The cycle's ``PAYMENT`` line is
the payout: its amount, negative, is what left the seller's balance for the
bank (the sign of this one line is not in the documented example: read so).

The export a seller downloads per payment cycle has one line per order
(columns of :data:`.const.CYCLE_COLUMNS`: order amount, shipping, commission,
commission tax, refunds of each, subscription) and the cycle's document
number, payment date and amount paid on each line.
"""

from decimal import Decimal

from odoo.tools.translate import LazyTranslate

from ..common import (
    ParsedPayouts,
    Payout,
    PayoutError,
    Transaction,
    decimal,
    line_of,
    missing_columns,
    of,
    parse_date,
)
from ..settlement import FEE, FEE_TAX, RESERVE, TRANSFER
from .const import (
    CURRENCY,
    CYCLE_COLUMNS,
    CYCLE_DATE,
    CYCLE_ID,
    CYCLE_TOTAL,
    ORDER_ID,
    PAID_STATES,
    kind_of,
)

_lt = LazyTranslate(__name__)

# The VAT the operator charges on a fee is part of what the fees cost (the figures' fees,
# VAT included as Amazon's are), not a sale.
LINE_TYPES = {FEE: "fee", FEE_TAX: "fee", RESERVE: "reserve", TRANSFER: "transfer"}


def line_type(provider_type):
    kind = (kind_of(provider_type) or (None, None))[0]
    if kind is None:
        return "other"
    if kind in LINE_TYPES:
        return LINE_TYPES[kind]
    return "refund" if provider_type.startswith("REFUND_") else "charge"


def _entity_id(item, name):
    """``entities.<name>.id`` of a TL02 line (``order``, ``order_line``), or ``None``."""
    entities = item.get("entities")
    entity = entities.get(name) if isinstance(entities, dict) else None
    value = entity.get("id") if isinstance(entity, dict) else None
    return str(value) if value else None


def parse_json(data):
    """One TL02 page: its lines, and the payouts their ``PAYMENT`` lines are."""
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        items = data["data"]
    elif isinstance(data, list):
        items = data
    else:
        raise PayoutError(_lt("not a Mirakl transaction lines answer (TL02): no data list"))
    result = ParsedPayouts()
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item.get("id") or not item.get("type"):
            raise PayoutError(_lt("transaction line %(index)s has no id or type", index=index))
        where = _lt("transaction line %(id)s", id=item["id"])
        if item.get("amount") is not None:
            amount = decimal(item["amount"], of(where, "amount"))
        else:
            amount = decimal(item.get("amount_credited"), of(where, "amount_credited")) - decimal(
                item.get("amount_debited"), of(where, "amount_debited")
            )
        cycle = item.get("accounting_document_number") or item.get("payment_voucher_number")
        currency = (item.get("currency_iso_code") or "").upper()
        day = parse_date(item.get("date_created"))
        provider_type = str(item["type"])
        kind_type = line_type(provider_type)
        result.transactions.append(
            Transaction(
                external_id=str(item["id"]),
                type=kind_type,
                provider_type=provider_type,
                amount=amount,
                fee=Decimal(0),
                net=amount,
                currency=currency,
                date=day,
                payout_external_id=str(cycle) if cycle else None,
                order_external_id=_entity_id(item, "order"),
                description=_entity_id(item, "order_line") or "",
            )
        )
        if kind_type == "transfer" and cycle:
            result.payouts.append(
                Payout(
                    external_id=str(cycle),
                    status="paid" if item.get("payment_state") in PAID_STATES else "scheduled",
                    date=day,
                    currency=currency,
                    amount=-amount,
                    summary={"start": None, "end": day and day.isoformat()},
                )
            )
    return result


def _column(row, names):
    return next((row[name] for name in names if name in row), "")


def parse_csv(rows):
    """The payment cycle export: one line per order, the cycle on each line."""
    missing_columns(
        rows,
        (CYCLE_ID, ORDER_ID, CYCLE_TOTAL, CYCLE_COLUMNS[0][0]),
        _lt("a Mirakl payment cycle export"),
    )
    result = ParsedPayouts()
    payouts = {}
    for number, row in enumerate(rows, start=2):
        where = line_of(number)
        cycle = _column(row, CYCLE_ID)
        if not cycle:
            raise PayoutError(
                _lt("%(where)s: no accounting document number (the payment cycle)", where=where)
            )
        currency = (_column(row, CURRENCY) or "EUR").upper()
        day = parse_date(_column(row, CYCLE_DATE))
        order_id = _column(row, ORDER_ID) or None
        total = decimal(_column(row, CYCLE_TOTAL), of(where, _lt("amount paid")))
        payout = payouts.get(cycle)
        if payout is None:
            payout = payouts[cycle] = Payout(
                external_id=cycle,
                status="paid",
                date=day,
                currency=currency,
                amount=total,
                summary={"start": None, "end": day and day.isoformat()},
            )
            result.payouts.append(payout)
        elif payout.amount != total:
            raise PayoutError(
                _lt(
                    "%(where)s: cycle %(cycle)s paid %(total)s, where an earlier line says "
                    "%(earlier)s",
                    where=where,
                    cycle=cycle,
                    total=total,
                    earlier=payout.amount,
                )
            )
        for names, provider_type, sign in CYCLE_COLUMNS:
            value = _column(row, names)
            if not value:
                continue
            amount = sign * decimal(value.replace(",", "."), of(where, names[0]))
            if not amount:
                continue
            result.transactions.append(
                Transaction(
                    external_id=f"{cycle}-{order_id or number}-{provider_type}",
                    type=line_type(provider_type),
                    provider_type=provider_type,
                    amount=amount,
                    fee=Decimal(0),
                    net=amount,
                    currency=currency,
                    date=day,
                    payout_external_id=cycle,
                    order_external_id=order_id,
                )
            )
    return result
