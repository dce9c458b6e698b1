# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""PayPal: Transaction Search answers and the Activity Download CSV.

PayPal has no payout object: a withdrawal to the bank (event code T0400,
"General Withdrawal") is the payout, and the transactions since the
previous withdrawal in the same file are its lines; later ones wait for
theirs. API: ``GET /v1/reporting/transactions`` → ``{"transaction_details":
[{"transaction_info": {...}}]}`` with ``transaction_id``,
``transaction_event_code`` (T-codes), ``transaction_amount`` and
``fee_amount`` (``{"currency_code", "value"}``, signed: fees are negative),
``transaction_status`` (S, P, D, V), ``invoice_id``, ``paypal_reference_id``.
"""

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

# T-code → our line type: exact codes first, then by their two-digit group.
EVENT_CODES = {
    "T0400": "transfer",
    "T0401": "transfer",
    "T0403": "transfer",
    "T1106": "dispute",
    "T1107": "refund",
    "T1110": "dispute",
    "T1111": "dispute_reversal",
    "T1201": "dispute",
    "T1202": "dispute_reversal",
    "T1200": "adjustment",
    "T1501": "reserve",
    "T1502": "reserve",
    "T1503": "reserve",
}
EVENT_GROUPS = {
    "T00": "charge",
    "T01": "fee",
    "T11": "refund",
    "T12": "adjustment",
    "T15": "reserve",
    "T16": "reserve",
    "T19": "advance",
}
STATUSES = {"S": "paid", "P": "in_transit", "D": "failed", "V": "cancelled"}
# Activity Download types (English and French exports), by the words they hold.
CSV_TYPES = (
    ("withdraw", "transfer"),
    ("retrait", "transfer"),
    ("virement", "transfer"),
    ("chargeback reversal", "dispute_reversal"),
    ("cancellation of hold", "dispute_reversal"),
    ("annulation", "dispute_reversal"),
    ("chargeback", "dispute"),
    ("rétrofacturation", "dispute"),
    ("dispute", "dispute"),
    ("litige", "dispute"),
    ("reversal", "dispute"),
    ("refund", "refund"),
    ("rembours", "refund"),
    ("hold", "reserve"),
    ("réserve", "reserve"),
    ("fee", "fee"),
    ("frais", "fee"),
    ("payment", "charge"),
    ("paiement", "charge"),
)
CSV_COLUMNS = {
    "date": ("Date",),
    "type": ("Type", "Description"),
    "status": ("Status", "État", "Etat"),
    "currency": ("Currency", "Devise"),
    "gross": ("Gross", "Brut"),
    "fee": ("Fee", "Frais"),
    "net": ("Net",),
    "id": ("Transaction ID", "Numéro de transaction", "Transaction Id"),
    "reference": ("Reference Txn ID", "Numéro de la transaction de référence"),
    "invoice": ("Invoice Number", "Numéro de facture"),
}


def event_type(code):
    code = (code or "").strip().upper()
    return EVENT_CODES.get(code) or EVENT_GROUPS.get(code[:3], "other")


def parse_json(data):
    """One API answer (or event) of the provider, decoded from JSON."""
    if isinstance(data, dict) and "transaction_details" in data:
        details = data["transaction_details"] or []
    elif isinstance(data, list):
        details = data
    elif isinstance(data, dict) and "transaction_info" in data:
        details = [data]
    else:
        raise PayoutError(_lt("not a PayPal Transaction Search answer (transaction_details)"))
    transactions, statuses = [], {}
    for index, detail in enumerate(details, start=1):
        info = isinstance(detail, dict) and detail.get("transaction_info")
        if not info or not info.get("transaction_id"):
            raise PayoutError(
                _lt("item %(index)s has no transaction_info with a transaction_id", index=index)
            )
        transactions.append(_transaction(info))
        statuses[info["transaction_id"]] = info.get("transaction_status") or "S"
    return _with_payouts(transactions, statuses)


def _money(value, what):
    if not isinstance(value, dict):
        return decimal("0", what), ""
    return decimal(value.get("value"), what), (value.get("currency_code") or "").upper()


def _transaction(info):
    where = _lt("transaction %(id)s", id=info["transaction_id"])
    amount, currency = _money(info.get("transaction_amount"), of(where, "transaction_amount"))
    fee, _currency = _money(info.get("fee_amount"), of(where, "fee_amount"))
    code = info.get("transaction_event_code") or ""
    refs = tuple(ref for ref in (info["transaction_id"], info.get("paypal_reference_id")) if ref)
    return Transaction(
        external_id=info["transaction_id"],
        type=event_type(code),
        provider_type=code,
        amount=amount,
        fee=-fee,
        net=amount + fee,
        currency=currency,
        date=parse_date(info.get("transaction_initiation_date")),
        order_reference=info.get("invoice_id") or None,
        transaction_refs=refs,
        description=info.get("transaction_subject") or "",
    )


def _with_payouts(transactions, statuses):
    """Withdrawals become payouts; the transactions before each one are its lines."""
    result = ParsedPayouts(transactions=transactions)
    ordered = sorted(enumerate(transactions), key=lambda pair: (pair[1].date or 0, pair[0]))
    waiting = []
    for _index, txn in ordered:
        if txn.type != "transfer":
            waiting.append(txn)
            continue
        status = STATUSES.get(statuses.get(txn.external_id, "S"), "paid")
        payout = Payout(
            external_id=txn.external_id,
            status=status,
            date=txn.date,
            currency=txn.currency,
            amount=-txn.net,
        )
        result.payouts.append(payout)
        txn.payout_external_id = payout.external_id
        for line in waiting:
            line.payout_external_id = payout.external_id
        waiting = []
    return result


def _column(row, name):
    for header in CSV_COLUMNS[name]:
        if header in row:
            return row[header]
    return ""


def csv_type(label):
    text = (label or "").lower()
    return next((kind for word, kind in CSV_TYPES if word in text), "other")


def parse_csv(rows):
    """The rows of the Activity Download CSV (English or French headers)."""
    missing_columns(
        rows,
        (CSV_COLUMNS["id"], CSV_COLUMNS["gross"], CSV_COLUMNS["net"]),
        _lt("a PayPal activity download"),
    )
    transactions, statuses = [], {}
    for number, row in enumerate(rows, start=2):
        where = line_of(number)
        txn_id = _column(row, "id")
        if not txn_id or not _column(row, "net"):
            raise PayoutError(
                _lt(
                    "%(where)s: not a PayPal activity download (Transaction ID, Gross, Fee, Net)",
                    where=where,
                )
            )
        label = _column(row, "type")
        amount = decimal(_column(row, "gross"), of(where, "Gross"), default=None)
        fee = -decimal(_column(row, "fee"), of(where, "Fee"))
        net = decimal(_column(row, "net"), of(where, "Net"), default=None)
        status = _column(row, "status").lower()
        statuses[txn_id] = (
            "S"
            if status in ("completed", "terminé", "termine", "")
            else "D"
            if status in ("denied", "refusé", "failed")
            else "P"
        )
        transactions.append(
            Transaction(
                external_id=txn_id,
                type=csv_type(label),
                provider_type=label,
                amount=amount,
                fee=fee,
                net=net,
                currency=_column(row, "currency").upper(),
                date=parse_date(_column(row, "date")),
                order_reference=_column(row, "invoice") or None,
                transaction_refs=tuple(ref for ref in (txn_id, _column(row, "reference")) if ref),
            )
        )
    return _with_payouts(transactions, statuses)
