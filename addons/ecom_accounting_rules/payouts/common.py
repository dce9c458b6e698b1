# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The plain records every payout parser produces, and helpers to read files."""

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from odoo.addons.ecom_connector.adapters.canonical import PayloadError
from odoo.addons.ecom_connector.adapters.utils import to_decimal


class PayoutError(PayloadError):
    """The payout content cannot be read; the message says why, for people."""


@dataclass
class Transaction:
    """One balance transaction: money in or out of the provider's balance.

    Signs: ``amount`` is what the customer side moved (+ a charge, - a
    refund or dispute); ``fee`` is what the provider kept (+), or gave back
    (-); ``net = amount - fee`` is what it adds to the payout.
    """

    external_id: str
    type: str  # a code of PAYOUT_LINE_TYPES
    provider_type: str  # the provider's own name of the type, kept as sent
    amount: Decimal
    fee: Decimal
    net: Decimal
    currency: str
    date: dt.date | None = None
    payout_external_id: str | None = None
    order_external_id: str | None = None  # the shop's order id
    order_reference: str | None = None  # the shop's order name (#1001)
    transaction_refs: tuple = ()  # charge, payment intent, order transaction ids
    description: str = ""
    exchange_rate: Decimal | None = None


@dataclass
class Payout:
    external_id: str
    status: str  # a code of PAYOUT_STATUSES
    date: dt.date | None
    currency: str
    amount: Decimal
    summary: dict = field(default_factory=dict)


@dataclass
class ParsedPayouts:
    payouts: list = field(default_factory=list)
    transactions: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # (code, sentence)
    _payouts_by_id: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def count_in_payout(self, txn, status, date, transfer):
        """Count a report row's transaction in its payout, made at the payout's first row.

        For reports of one row a transaction, where payouts are known by their rows only.

        :param Transaction txn: the row's transaction, of a payout
        :param str status: the payout's status, at its first row
        :param date: the payout's date, at its first row
        :param bool transfer: the row is the payout itself: its net is not counted
        :return: the payout
        """
        payout = self._payouts_by_id.get(txn.payout_external_id)
        if payout is None:
            payout = self._payouts_by_id[txn.payout_external_id] = Payout(
                external_id=txn.payout_external_id,
                status=status,
                date=date,
                currency=txn.currency,
                amount=Decimal(0),
            )
            self.payouts.append(payout)
        if not transfer:
            payout.amount += txn.net
        return payout


def load_json(content):
    try:
        return json.loads(content.decode("utf-8-sig") if isinstance(content, bytes) else content)
    except (UnicodeDecodeError, ValueError) as error:
        raise PayoutError(f"not JSON: {error}") from None


def read_csv(content):
    """The rows of a CSV report as dicts (``,`` or ``;`` separated, header names stripped)."""
    try:
        text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    except UnicodeDecodeError:
        text = content.decode("latin-1")
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames:
        raise PayoutError("the CSV file has no header line")
    rows = []
    for row in reader:
        rows.append({(k or "").strip(): (v or "").strip() for k, v in row.items()})
    return rows


def is_csv(content, filename):
    if filename.lower().endswith(".csv"):
        return True
    head = content.lstrip()[:1] if isinstance(content, bytes) else content.lstrip()[:1].encode()
    return head not in (b"{", b"[")


def decimal(value, what, default="0"):
    return to_decimal(value, what, default=default)


def parse_date(value):
    """A date from an ISO date or datetime, a Unix timestamp, or a dd/mm/yyyy date."""
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC).date()
    text = str(value).strip()
    if text.isdigit():
        return datetime.fromtimestamp(int(text), UTC).date()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment:
        return (moment.astimezone(UTC) if moment.tzinfo else moment).date()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(text[:19], pattern).date()
        except ValueError:
            continue
    raise PayoutError(f"{text!r} is not a date")


def check_net(txn, where):
    """Refuse a transaction whose net is not its amount less its fee (a misread file)."""
    if txn.amount - txn.fee != txn.net:
        raise PayoutError(f"{where}: net {txn.net} is not amount {txn.amount} less fee {txn.fee}")
    return txn
