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

from odoo.tools.translate import LazyTranslate

from odoo.addons.ecom_connector.adapters.canonical import PayloadError
from odoo.addons.ecom_connector.adapters.utils import at, to_decimal

_lt = LazyTranslate(__name__)


class PayoutError(PayloadError):
    """The payout content cannot be read; the message says why, for people.

    A lazy translation (or plain text), as :class:`PayloadError`'s: ``str()``
    English, ``error.sentence(env)`` in the reader's language.
    """


def line_of(number):
    """How messages name a line of a report: "line 3"."""
    return _lt("line %(number)s", number=number)


def of(where, what):
    """How messages name a field of a line, a payout or a transaction: "line 3: Fee"."""
    return at(where, what)


@dataclass
class Transaction:
    """One balance transaction: money in or out of the provider's balance.

    Signs: ``amount`` is what the customer side moved (+ a charge, - a
    refund or dispute); ``fee`` is what the provider kept (+), or gave back
    (-); ``net`` is what it adds to the payout, ``amount - fee`` when it
    adds up. One that does not (a fee adjustment the report shows apart) is
    kept as sent: its payout goes to review (models/ecom_payout.py).
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
        raise PayoutError(_lt("not JSON: %(error)s", error=str(error))) from None


def _text(content):
    """The text of a report: UTF-8 (with or without BOM), else Latin-1; never a binary file."""
    if isinstance(content, bytes):
        if b"\0" in content:
            line = content[: content.index(b"\0")].count(b"\n") + 1
            raise PayoutError(
                _lt(
                    "line %(line)s: the file is binary (a NUL byte), not a CSV report or JSON: "
                    "export the report again as CSV",
                    line=line,
                )
            )
        try:
            return content.decode("utf-8-sig")
        except UnicodeDecodeError:
            return content.decode("latin-1")
    return content


def read_csv(content):
    """The rows of a CSV report as dicts (``,`` or ``;`` separated, header names stripped).

    :raises PayoutError: naming the line, when the content is not a CSV table:
        a binary file, a web page, a row with more or fewer fields than the header
    """
    text = _text(content)
    if text.lstrip()[:1] == "<":
        raise PayoutError(
            _lt(
                "line 1: a web page (HTML or XML), not a CSV report: download the report "
                "again from the provider's site"
            )
        )
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader, None)
        if not header:
            raise PayoutError(_lt("line 1: the CSV file has no header line"))
        names = [name.strip() for name in header]
        rows = []
        for fields in reader:
            if not any(value.strip() for value in fields):
                continue  # a blank line
            if len(fields) != len(names):
                raise PayoutError(
                    _lt(
                        "line %(line)s: %(count)s fields where the header line has %(expected)s: "
                        "the file is not a whole CSV report (a line cut or joined?)",
                        line=reader.line_num,
                        count=len(fields),
                        expected=len(names),
                    )
                )
            rows.append({name: value.strip() for name, value in zip(names, fields, strict=True)})
    except csv.Error as error:
        raise PayoutError(
            _lt(
                "line %(line)s: not a well-formed CSV file (%(error)s)",
                line=reader.line_num,
                error=str(error),
            )
        ) from None
    return rows


def missing_columns(rows, required, report):
    """Refuse a CSV report without the columns it needs, naming the header line.

    :param rows: the rows of :func:`read_csv` (dicts by column name)
    :param required: the column names the parser reads, each a name or a tuple of
        names (the English and French headers)
    :param report: the report's name, for the sentence (a lazy translation or a text)
    :raises PayoutError: when a required column is not in the header line
    """
    if not rows:
        return
    missing = [
        names if isinstance(names, str) else names[0]
        for names in required
        if not any(name in rows[0] for name in ((names,) if isinstance(names, str) else names))
    ]
    if missing:
        if len(missing) > 1:
            names = _lt("%(names)s or %(last)s", names=", ".join(missing[:-1]), last=missing[-1])
        else:
            names = missing[0]
        raise PayoutError(
            _lt(
                "line 1: not %(report)s: the header line has no %(names)s column",
                report=report,
                names=names,
            )
        )


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
    raise PayoutError(_lt("%(value)s is not a date", value=repr(text)))
