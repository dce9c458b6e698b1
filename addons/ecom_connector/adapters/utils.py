# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Small parsing helpers shared by the adapters (pure, no ORM)."""

import json
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .canonical import Address, PayloadError

CENT = Decimal("0.01")


def money(value, places=2):
    """``value`` as a ``Decimal`` rounded half up to ``places`` decimals (cents by default).

    The one rounding of amounts in both addons: adapters, importer and samples.
    """
    exponent = CENT if places == 2 else Decimal(1).scaleb(-places)
    return Decimal(value).quantize(exponent, rounding=ROUND_HALF_UP)


def to_decimal(value, what, default=None):
    """Exact ``Decimal`` from a payload value.

    Strings are read as written ("19.99", and "19,99" as French exports write
    it); ints are exact; floats go through ``repr`` so 0.1 stays 0.1.

    :param what: the field's name, for the error message
    :param default: returned when the value is missing or empty; when it is
        ``None`` a missing value is an error
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if default is None:
            raise PayloadError(f"{what} is missing")
        return Decimal(default)
    if isinstance(value, bool):
        raise PayloadError(f"{what} is not a number: {value!r}")
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise PayloadError(f"{what} is not a number: {value!r}") from None
    if not number.is_finite():
        raise PayloadError(f"{what} is not a number: {value!r}")
    return number


def positive_quantity(quantity, where):
    """``quantity``, refused when it is negative.

    :param str where: the line, as the message names it ("Line 2 (Teapot)")
    """
    if quantity < 0:
        raise PayloadError(f"{where}: the quantity is negative ({quantity}).")
    return quantity


def parse_datetime(value, what="date"):
    """A naive UTC ``datetime`` from an ISO 8601 string (with or without offset).

    ``None`` or an empty string gives ``None``. Naive input is taken as UTC.
    """
    if value in (None, "", "0000-00-00 00:00:00"):
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value).strip().replace("Z", "+00:00")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise PayloadError(f"{what} is not a date: {value!r}") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def local_to_utc(moment, timezone):
    """A naive local ``moment`` of the shop's ``timezone`` as a naive UTC ``datetime``.

    :param str timezone: an IANA zone name; Europe/Paris when empty or unknown
    """
    try:
        zone = ZoneInfo(timezone or "Europe/Paris")
    except ZoneInfoNotFoundError:
        zone = ZoneInfo("Europe/Paris")
    return moment.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def load_json(text, what="payload"):
    """Parse JSON text, turning a syntax error into a :class:`PayloadError`."""
    try:
        return json.loads(text)
    except (TypeError, ValueError) as error:
        raise PayloadError(f"{what} is not valid JSON: {error}") from None


def dump_json(data):
    """Canonical JSON text used to store one object cut out of a larger file."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def decode_text(content, encodings=("utf-8-sig", "cp1252")):
    """Bytes to text, trying UTF-8 (with or without BOM) then Windows-1252/Latin-1."""
    if isinstance(content, str):
        return content
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def currency_code(value):
    """The ISO 4217 code of ``value`` (upper case), or a :class:`PayloadError`."""
    code = (value or "").strip().upper() if isinstance(value, str) else ""
    if not code:
        raise PayloadError("The order has no currency.")
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise PayloadError(f"The order currency {value!r} is not a 3-letter ISO code such as EUR.")
    return code


def join_names(*parts):
    """The non-blank ``parts``, stripped and joined by spaces (first and last names)."""
    return " ".join(part.strip() for part in parts if part and part.strip())


def subdivision_code(code, country):
    """``code`` in upper case without its country prefix ("DE-BY" -> "BY")."""
    code = (code or "").strip().upper()
    if country and code.startswith(f"{country}-"):
        code = code[len(country) + 1 :]
    return code


def read_address(data, keys, **values):
    """An :class:`Address` of a platform's address object.

    :param dict data: the platform's address
    :param dict keys: canonical field -> the platform's key, each read as
        stripped text ("" when absent)
    :param values: the fields computed by the adapter (name, country, state...)
    :return: the address, or ``None`` when it has no name, company, street or
        city (a virtual order's empty shipping address)
    """
    address = Address(
        **{field: (data.get(key) or "").strip() for field, key in keys.items()}, **values
    )
    if not any((address.name, address.company, address.street, address.city)):
        return None
    return address
