# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Stripe: payouts, balance transactions, payout events and the reconciliation report.

API: ``GET /v1/payouts`` and ``GET /v1/balance_transactions?payout=po_...``,
lists ``{"object": "list", "data": [...], "has_more": ...}``; amounts are
integers in the currency's minor unit (cents, or units for zero-decimal
currencies); a transaction has ``fee``, ``net``, ``fee_details``,
``reporting_category``, ``source`` (an id, or the expanded object) and
``exchange_rate``. Events (``payout.paid``...) carry the payout in
``data.object``. The CSV is the Dashboard's "Payout reconciliation —
itemized" report (amounts in major units).
"""

import hmac
import time
from decimal import Decimal
from hashlib import sha256

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
from .const import SIGNATURE_TOLERANCE

_lt = LazyTranslate(__name__)

# Currencies Stripe counts in units, and in thousandths (its documented lists).
ZERO_DECIMAL = frozenset("bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf".split())
THREE_DECIMAL = frozenset("bhd jod kwd omr tnd".split())
CATEGORIES = {
    "charge": "charge",
    "charge_failure": "charge",
    "refund": "refund",
    "refund_failure": "refund",
    "partial_capture_reversal": "refund",
    "dispute": "dispute",
    "dispute_reversal": "dispute_reversal",
    "fee": "fee",
    "payout": "transfer",
    "payout_reversal": "transfer",
    "other_adjustment": "adjustment",
    "risk_reserved_funds": "reserve",
    "advance": "advance",
    "advance_funding": "advance",
}
TYPES = {
    "charge": "charge",
    "payment": "charge",
    "refund": "refund",
    "payment_refund": "refund",
    "adjustment": "adjustment",
    "stripe_fee": "fee",
    "application_fee": "fee",
    "payout": "transfer",
    "reserve_transaction": "reserve",
    "reserved_funds": "reserve",
    "advance": "advance",
    "advance_funding": "advance",
}
STATUSES = {
    "pending": "scheduled",
    "in_transit": "in_transit",
    "paid": "paid",
    "failed": "failed",
    "canceled": "cancelled",
}


def from_minor(value, currency, what):
    """An amount in major units from Stripe's integer minor units."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise PayoutError(
            _lt(
                "%(what)s is not an integer amount in minor units: %(value)s",
                what=what,
                value=repr(value),
            )
        )
    code = (currency or "").lower()
    places = 0 if code in ZERO_DECIMAL else 3 if code in THREE_DECIMAL else 2
    return Decimal(value).scaleb(-places)


def line_type(category, kind):
    return CATEGORIES.get(category or "") or TYPES.get(kind or "", "other")


def payout_status(status, where):
    code = STATUSES.get(status or "")
    if not code:
        raise PayoutError(
            _lt("%(where)s: unknown payout status %(status)s", where=where, status=repr(status))
        )
    return code


def verify_signature(body, header, secret, now=None, tolerance=SIGNATURE_TOLERANCE):
    """Check a ``Stripe-Signature`` header: ``t=TIMESTAMP,v1=HEX[,v1=HEX...]``.

    The signature is the HMAC-SHA256 of ``"{t}.{body}"`` with the endpoint's
    secret; a timestamp older (or newer) than ``tolerance`` seconds is a
    replay and refused.
    :return: ``None`` when valid, else why not (a sentence)
    """
    if not secret:
        return "no webhook secret is set"
    if not header:
        return "no Stripe-Signature header"
    parts = [item.split("=", 1) for item in header.split(",") if "=" in item]
    stamps = [value for key, value in parts if key.strip() == "t"]
    signatures = [value.strip() for key, value in parts if key.strip() == "v1"]
    # ASCII digits only: int() takes other scripts' digits, and "²".isdigit() is true.
    stamp = stamps[0].strip() if stamps else ""
    if not (stamp.isascii() and stamp.isdigit()) or not signatures:
        return "malformed Stripe-Signature header"
    stamp = int(stamp)
    now = time.time() if now is None else now
    if abs(now - stamp) > tolerance:
        return "timestamp outside the tolerance (replay?)"
    expected = hmac.new(secret.encode(), f"{stamp}.".encode() + body, sha256).hexdigest().encode()
    # Bytes on both sides: compare_digest refuses non-ASCII text (a TypeError, a 500).
    if not any(
        hmac.compare_digest(expected, signature.encode("utf-8", "replace"))
        for signature in signatures
    ):
        return "signature does not match"
    return None


def parse_json(data):
    """One API answer (or event) of the provider, decoded from JSON."""
    if isinstance(data, dict) and data.get("object") == "event":
        data = (data.get("data") or {}).get("object") or {}
    if isinstance(data, dict) and data.get("object") == "list":
        items = data.get("data") or []
    elif isinstance(data, list):
        items = data
    elif isinstance(data, dict):
        items = [data]
    else:
        raise PayoutError(_lt("not a Stripe payout or balance transaction"))
    result = ParsedPayouts()
    for index, item in enumerate(items, start=1):
        kind = isinstance(item, dict) and item.get("object")
        if kind == "payout":
            result.payouts.append(_payout(item))
        elif kind == "balance_transaction":
            result.transactions.append(_transaction(item))
        else:
            raise PayoutError(
                _lt("item %(index)s is not a Stripe payout or balance transaction", index=index)
            )
    # A list asked with ?payout=po_... holds the payout's own transaction (its
    # source is the payout): the others of the list belong to that payout.
    own = {
        txn.transaction_refs[0]
        for txn in result.transactions
        if txn.type == "transfer" and txn.transaction_refs and txn.transaction_refs[0][:3] == "po_"
    }
    if len(own) == 1:
        payout_id = own.pop()
        for txn in result.transactions:
            txn.payout_external_id = txn.payout_external_id or payout_id
    return result


def _payout(item):
    where = _lt("payout %(id)s", id=item.get("id"))
    currency = item.get("currency") or ""
    return Payout(
        external_id=str(item["id"]),
        status=payout_status(item.get("status"), where),
        date=parse_date(item.get("arrival_date") or item.get("created")),
        currency=currency.upper(),
        amount=from_minor(item.get("amount"), currency, of(where, "amount")),
        summary={key: item[key] for key in ("method", "type", "description") if item.get(key)},
    )


def _transaction(item):
    where = _lt("balance transaction %(id)s", id=item.get("id"))
    currency = item.get("currency") or ""
    amount = from_minor(item.get("amount"), currency, of(where, "amount"))
    fee = from_minor(item.get("fee", 0), currency, of(where, "fee"))
    net = from_minor(item.get("net"), currency, of(where, "net"))
    source = item.get("source")
    refs, order_id = [], None
    if isinstance(source, dict):
        refs += [source.get("id"), source.get("payment_intent"), source.get("charge")]
        order_id = (source.get("metadata") or {}).get("order_id")
    elif source:
        refs.append(source)
    payout = item.get("payout") if isinstance(item.get("payout"), str) else None
    rate = item.get("exchange_rate")
    return Transaction(
        external_id=str(item["id"]),
        type=line_type(item.get("reporting_category"), item.get("type")),
        provider_type=str(item.get("reporting_category") or item.get("type") or ""),
        amount=amount,
        fee=fee,
        net=net,
        currency=currency.upper(),
        date=parse_date(item.get("created")),
        payout_external_id=payout,
        order_external_id=str(order_id) if order_id else None,
        transaction_refs=tuple(str(ref) for ref in refs if isinstance(ref, str) and ref),
        description=str(item.get("description") or ""),
        exchange_rate=decimal(rate, of(where, "exchange_rate")) if rate else None,
    )


def parse_csv(rows):
    """Rows of the itemized payout reconciliation report (``payout_reconciliation.itemized``)."""
    missing_columns(
        rows,
        ("balance_transaction_id", "gross", "net"),
        "a Stripe itemized payout reconciliation report",
    )
    result = ParsedPayouts()
    for number, row in enumerate(rows, start=2):
        where = line_of(number)
        amount = decimal(row.get("gross"), of(where, "gross"), default=None)
        fee = decimal(row.get("fee"), of(where, "fee"))
        net = decimal(row.get("net"), of(where, "net"), default=None)
        payout_id = row.get("automatic_payout_id") or None
        order_id = next(
            (
                value
                for key, value in row.items()
                if key.startswith("payment_metadata[") and "order" in key and value
            ),
            None,
        )
        category = row.get("reporting_category")
        txn = Transaction(
            external_id=row["balance_transaction_id"],
            type=line_type(category, None),
            provider_type=category or "",
            amount=amount,
            fee=fee,
            net=net,
            currency=(row.get("currency") or "").upper(),
            date=parse_date(row.get("created_utc") or row.get("created")),
            payout_external_id=payout_id,
            order_external_id=order_id,
            transaction_refs=tuple(
                row[key] for key in ("source_id", "charge_id", "payment_intent_id") if row.get(key)
            ),
            description=row.get("description", ""),
        )
        if payout_id:
            result.count_in_payout(
                txn,
                "paid",
                parse_date(row.get("automatic_payout_effective_at")),
                transfer=txn.type == "transfer",
            )
        result.transactions.append(txn)
    return result
