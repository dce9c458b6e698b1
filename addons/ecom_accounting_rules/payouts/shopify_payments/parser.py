# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Shopify Payments: payouts and balance transactions.

API (Admin REST): ``GET shopify_payments/payouts.json`` → ``{"payouts": [...]}``
(``id``, ``status``, ``date``, ``currency``, ``amount``, ``summary``) and
``GET shopify_payments/balance/transactions.json?payout_id=`` →
``{"transactions": [...]}`` (``id``, ``type``, ``payout_id``, ``amount``,
``fee``, ``net`` as signed decimal strings, ``source_order_id``,
``source_order_transaction_id``, ``processed_at``). The CSV is the admin's
"Export payout transactions" file.
"""

import hashlib

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

_lt = LazyTranslate(__name__)

TYPES = {
    "charge": "charge",
    "refund": "refund",
    "dispute": "dispute",
    "reserve": "reserve",
    "adjustment": "adjustment",
    "credit": "adjustment",
    "debit": "adjustment",
    "advance": "advance",
    "merchant_initiated_advance": "advance",
    "application_fee": "fee",
    "billing_debit": "fee",
    "payout": "transfer",
    "payout_failure": "transfer",
    "payout_cancellation": "transfer",
}
STATUSES = {
    "scheduled": "scheduled",
    "in_transit": "in_transit",
    "paid": "paid",
    "failed": "failed",
    "canceled": "cancelled",
    "cancelled": "cancelled",
}


def line_type(provider_type, amount):
    kind = TYPES.get((provider_type or "").strip().lower().replace(" ", "_"), "other")
    if kind == "dispute" and amount > 0:
        return "dispute_reversal"
    return kind


def payout_status(status, where):
    code = STATUSES.get((status or "").strip().lower().replace(" ", "_"))
    if not code:
        raise PayoutError(
            _lt("%(where)s: unknown payout status %(status)s", where=where, status=repr(status))
        )
    return code


def parse_json(data):
    """One API answer (or event) of the provider, decoded from JSON."""
    result = ParsedPayouts()
    if isinstance(data, list):
        items = data
    elif isinstance(data, dict) and ("payouts" in data or "transactions" in data):
        items = list(data.get("payouts") or []) + list(data.get("transactions") or [])
    elif isinstance(data, dict) and ("payout" in data or "transaction" in data):
        items = [data.get("payout") or data.get("transaction")]
    elif isinstance(data, dict):
        items = [data]
    else:
        raise PayoutError(_lt("not a Shopify Payments payout or balance transaction"))
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict) or "id" not in item:
            raise PayoutError(
                _lt("item %(index)s is not a Shopify Payments object with an id", index=index)
            )
        if "type" in item:
            result.transactions.append(_transaction(item))
        elif "status" in item:
            result.payouts.append(_payout(item))
        else:
            raise PayoutError(
                _lt(
                    "item %(index)s (%(id)s) is neither a payout nor a transaction",
                    index=index,
                    id=item["id"],
                )
            )
    return result


def _payout(item):
    where = _lt("payout %(id)s", id=item["id"])
    return Payout(
        external_id=str(item["id"]),
        status=payout_status(item.get("status"), where),
        date=parse_date(item.get("date")),
        currency=(item.get("currency") or "").upper(),
        amount=decimal(item.get("amount"), of(where, "amount"), default=None),
        summary=item.get("summary") or {},
    )


def _transaction(item):
    where = _lt("transaction %(id)s", id=item["id"])
    amount = decimal(item.get("amount"), of(where, "amount"), default=None)
    fee = decimal(item.get("fee"), of(where, "fee"))
    net = decimal(item.get("net"), of(where, "net"), default=str(amount - fee))
    refs = tuple(
        str(ref) for ref in (item.get("source_order_transaction_id"), item.get("source_id")) if ref
    )
    return Transaction(
        external_id=str(item["id"]),
        type=line_type(item.get("type"), amount),
        provider_type=str(item.get("type") or ""),
        amount=amount,
        fee=fee,
        net=net,
        currency=(item.get("currency") or "").upper(),
        date=parse_date(item.get("processed_at")),
        payout_external_id=str(item["payout_id"]) if item.get("payout_id") else None,
        order_external_id=(str(item["source_order_id"]) if item.get("source_order_id") else None),
        transaction_refs=refs,
        description=str(item.get("source_type") or ""),
    )


def parse_csv(rows):
    """The rows of the admin's payout transactions export: one per transaction, payouts by id."""
    missing_columns(rows, ("Type", "Net"), _lt("a Shopify Payments payout transactions export"))
    result = ParsedPayouts()
    seen = {}
    for number, row in enumerate(rows, start=2):
        where = line_of(number)
        amount = decimal(row.get("Amount"), of(where, "Amount"), default=None)
        fee = decimal(row.get("Fee"), of(where, "Fee"))
        net = decimal(row.get("Net"), of(where, "Net"), default=None)
        payout_id = row.get("Payout ID") or None
        # The export has no transaction id: the row's own content, numbered
        # when the same row appears twice, is its identity.
        key = "|".join(
            row.get(k, "") for k in ("Transaction Date", "Type", "Order", "Amount", "Fee", "Net")
        )
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha1(f"{key}|{seen[key]}".encode()).hexdigest()[:20]
        order = row.get("Order") or ""
        txn = Transaction(
            external_id=f"csv-{digest}",
            type=line_type(row.get("Type"), amount),
            provider_type=row.get("Type", ""),
            amount=amount,
            fee=fee,
            net=net,
            currency=(row.get("Currency") or "").upper(),
            date=parse_date(row.get("Transaction Date")),
            payout_external_id=payout_id,
            order_reference=order or None,
        )
        if payout_id:
            result.count_in_payout(
                txn,
                payout_status(row.get("Payout Status") or "paid", where),
                parse_date(row.get("Payout Date")),
                transfer=TYPES.get(row.get("Type", "").lower()) == "transfer",
            )
        result.transactions.append(txn)
    return result
