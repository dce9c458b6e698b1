# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Amazon: the settlement report V2 flat file (``GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2``).

Tab-delimited, one header line (:data:`.const.COLUMNS`); the first data row
holds only the settlement's totals (``settlement-id``, its start and end
dates, ``deposit-date``, ``total-amount``, ``currency``), each next row one
amount of one transaction (``transaction-type`` ``Order``, ``Refund``,
``other-transaction``, ``ServiceFee``...; ``amount-type`` ``ItemPrice``,
``ItemFees``, ``Promotion``, ``ItemWithheldTax``, ``other-transaction``...;
``amount-description`` ``Principal``, ``Commission``...). Dates are ISO
(``2026-11-02T10:15:00+00:00``) or, in European reports, ``02.11.2026
10:15:00 UTC``; European reports may write amounts with a decimal comma.

Each amount row becomes a :class:`Transaction` of the settlement (its id the
settlement's and the row's line), typed ``transaction-type/amount-type/
amount-description`` as sent; the settlement is the :class:`Payout`.
"""

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from odoo.tools.translate import LazyTranslate

from ..common import ParsedPayouts, Payout, PayoutError, Transaction, _text, line_of, of
from ..settlement import FEE, RESERVE
from .const import COLUMNS, kind_of

DATE_PATTERNS = ("%d.%m.%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y")
_lt = LazyTranslate(__name__)

# The payout line type (ecom.payout.line.type) of each kind: figures and screens.
LINE_TYPES = {FEE: "fee", RESERVE: "reserve"}


def parse_date(value, where):
    """A date from Amazon's ISO or European (``02.11.2026 10:15:00 UTC``) date-times."""
    text = (value or "").strip()
    if not text:
        return None
    for suffix in (" UTC", " GMT", "Z"):
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip() + ("+00:00" if suffix == "Z" else "")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment:
        return (moment.astimezone(UTC) if moment.tzinfo else moment).date()
    for pattern in DATE_PATTERNS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise PayoutError(_lt("%(where)s: %(value)s is not a date", where=where, value=repr(value)))


def amount(value, where):
    """An amount as Amazon writes it: ``-12.34``, or ``-12,34`` / ``1.234,56`` in Europe."""
    text = (value or "").strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return Decimal(0)
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise PayoutError(
            _lt("%(where)s: %(value)s is not an amount", where=where, value=repr(value))
        ) from None


def read_rows(content):
    """The settlement report's rows as dicts, with their line numbers.

    :raises PayoutError: when the content is not a settlement report V2 flat file
    """
    text = _text(content)
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    header = [name.strip() for name in next(reader, [])]
    missing = [name for name in COLUMNS[:16] if name not in header]
    if missing:
        raise PayoutError(
            _lt(
                "line 1: not %(report)s: the header line has no %(names)s column",
                report=_lt("an Amazon settlement report (V2 flat file)"),
                names=", ".join(missing[:3]) + (" ..." if len(missing) > 3 else ""),
            )
        )
    rows = []
    for fields in reader:
        if not any(value.strip() for value in fields):
            continue
        if len(fields) > len(header):
            raise PayoutError(
                _lt(
                    "line %(line)s: %(count)s fields where the header line has %(expected)s: "
                    "the file is not a whole settlement report",
                    line=reader.line_num,
                    count=len(fields),
                    expected=len(header),
                )
            )
        fields = fields + [""] * (len(header) - len(fields))
        rows.append(
            (
                reader.line_num,
                {name: value.strip() for name, value in zip(header, fields, strict=True)},
            )
        )
    if not rows:
        raise PayoutError(_lt("line 2: the settlement report has no settlement row"))
    return rows


def parse_content(content, filename=""):
    """Parse one settlement report (a file, or the document the Reports API gives).

    :return: :class:`ParsedPayouts`: the settlement and its amount rows
    """
    rows = read_rows(content)
    number, first = rows[0]
    where = line_of(number)
    settlement_id = first.get("settlement-id")
    if not settlement_id or not first.get("total-amount"):
        raise PayoutError(
            _lt("%(where)s: the first row has no settlement-id and total-amount", where=where)
        )
    currency = (first.get("currency") or "").upper()
    start = parse_date(first.get("settlement-start-date"), of(where, "settlement-start-date"))
    end = parse_date(first.get("settlement-end-date"), of(where, "settlement-end-date"))
    result = ParsedPayouts()
    marketplaces = {}
    for number, row in rows[1:]:
        where = line_of(number)
        if row.get("settlement-id") and row["settlement-id"] != settlement_id:
            raise PayoutError(
                _lt(
                    "%(where)s: settlement %(other)s in the report of %(settlement)s",
                    where=where,
                    other=row["settlement-id"],
                    settlement=settlement_id,
                )
            )
        provider_type = "/".join(
            (
                row.get("transaction-type", ""),
                row.get("amount-type", ""),
                row.get("amount-description", ""),
            )
        )
        value = amount(row.get("amount"), of(where, "amount"))
        order_id = row.get("order-id") or None
        kind = (kind_of(provider_type) or (None, None))[0]
        if kind in (FEE, RESERVE):
            line_type = LINE_TYPES[kind]
        elif kind is None:
            line_type = "other"
        else:
            line_type = "refund" if row.get("transaction-type") == "Refund" else "charge"
        if order_id and row.get("marketplace-name"):
            marketplaces.setdefault(order_id, row["marketplace-name"])
        result.transactions.append(
            Transaction(
                external_id=f"{settlement_id}-{number}",
                type=line_type,
                provider_type=provider_type,
                amount=value,
                fee=Decimal(0),
                net=value,
                currency=(row.get("currency") or currency).upper(),
                date=parse_date(row.get("posted-date"), of(where, "posted-date")) or end,
                payout_external_id=settlement_id,
                order_external_id=order_id,
                order_reference=row.get("merchant-order-id") or None,
                description=row.get("sku") or row.get("amount-description", ""),
            )
        )
    counts = {}
    for name in marketplaces.values():
        counts[name] = counts.get(name, 0) + 1
    main = max(sorted(counts), key=counts.get) if counts else ""
    summary = {
        "start": start and start.isoformat(),
        "end": end and end.isoformat(),
        "marketplace": main,
        # Orders of another site than the settlement's main one (their VAT is their country's).
        "order_marketplaces": {o: m for o, m in marketplaces.items() if m != main},
    }
    result.payouts.append(
        Payout(
            external_id=settlement_id,
            status="paid",
            date=parse_date(first.get("deposit-date"), of(line_of(rows[0][0]), "deposit-date"))
            or end,
            currency=currency,
            amount=amount(first.get("total-amount"), of(line_of(rows[0][0]), "total-amount")),
            summary=summary,
        )
    )
    return result


def parse_json(data):
    raise PayoutError(_lt("an Amazon settlement is a tab-delimited report, not JSON"))


def parse_csv(rows):
    raise PayoutError(
        _lt("an Amazon settlement is a tab-delimited report, read with parse_content")
    )
