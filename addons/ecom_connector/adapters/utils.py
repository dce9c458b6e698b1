# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Small parsing helpers shared by the adapters (pure, no ORM)."""

import csv
import functools
import json
import re
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .canonical import Address, PayloadError

CENT = Decimal("0.01")
# No amount or quantity of a shop order reaches a million billion.
MAX_NUMBER = Decimal("1e15")


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
    if abs(number) >= MAX_NUMBER:
        raise PayloadError(f"{what} is too large to be an amount or a quantity: {value!r}")
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


# A lone UTF-16 surrogate (a truncated emoji) or a NUL escaped in JSON text: both
# decode to strings PostgreSQL cannot store.
_UNSTORABLE_ESCAPE = re.compile(r"\\u(?:[dD][89a-fA-F][0-9a-fA-F]{2}|0000)")
_UNSTORABLE_CHARS = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def _refuse_constant(name):
    raise PayloadError(f"{name} is not a number JSON allows.")


def _finite_float(text):
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise PayloadError(f"the number {text[:40]} is too large.")
    return number


def load_json(text, what="payload"):
    """Parse JSON text, turning any reading error into a :class:`PayloadError`.

    NaN, Infinity and numbers too large for a float (1e400) are refused;
    nesting too deep for the parser is refused; lone surrogates and NUL
    characters in strings become U+FFFD (the database can store neither).
    """
    if isinstance(text, bytes | bytearray):
        text = decode_text(text)
    if isinstance(text, str):
        text = text.lstrip("\ufeff")
    try:
        data = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except PayloadError as error:
        raise PayloadError(f"{what} is not valid JSON: {error}") from None
    except RecursionError:
        raise PayloadError(f"{what} is nested too deeply to be an order.") from None
    except (TypeError, ValueError) as error:
        raise PayloadError(f"{what} is not valid JSON: {error}") from None
    if isinstance(text, str) and _UNSTORABLE_ESCAPE.search(text):
        data = _storable(data)
    return data


def storable_text(text):
    """``text`` with what PostgreSQL cannot store (NUL, lone surrogates) as U+FFFD."""
    if not isinstance(text, str):
        return text
    return _UNSTORABLE_CHARS.sub(REPLACEMENT, text)


def _storable(data):
    """A decoded JSON value with every string made storable (iterative: no recursion)."""
    root = [data]
    stack = [(root, 0)]
    while stack:
        container, key = stack.pop()
        value = container[key]
        if isinstance(value, str):
            container[key] = storable_text(value)
        elif isinstance(value, list):
            stack.extend((value, index) for index in range(len(value)))
        elif isinstance(value, dict):
            cleaned = {storable_text(k): v for k, v in value.items()}
            container[key] = cleaned
            stack.extend((cleaned, k) for k in cleaned)
    return root[0]


def dump_json(data):
    """Canonical JSON text used to store one object cut out of a larger file."""
    try:
        return json.dumps(data, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError, RecursionError):
        # Keys of mixed types, or nesting too deep: kept as Python wrote them.
        return storable_text(repr(data)[:100_000])


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


def text_or_none(value):
    """``value`` stripped, or ``None`` when it is missing or blank (a SKU, a transaction id)."""
    return (value or "").strip() or None


# What exporters write for an id they do not have (Python's str(None), JSON's null).
MISSING_IDS = ("", "None", "none", "null", "NULL", "undefined")


def id_or_none(value):
    """An identifier of a payload as text, or ``None`` when it is missing (``None``, ``"null"``)."""
    if value is None:
        return None
    text = str(value).strip()
    return None if text in MISSING_IDS else text


def line_label(kind, index, name):
    """How messages name a line of a payload: "Line 2 (Teapot)", or "Line 2" without a name.

    :param str kind: the platform's word for that line ("Line", "Item", "Shipping")
    :param int index: the line's position, from 1
    """
    return f"{kind} {index} ({name})" if name else f"{kind} {index}"


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


# ------------------------------------------------------------ shapes

#: Shape of a value read as text: a number is turned into its text.
TEXT = "text"
#: Shape of a value read as a number (a JSON number or a text holding one).
NUMBER = "number"
#: Shape of an identifier or a code: any JSON scalar.
SCALAR = "scalar"
_KIND_NAMES = {
    dict: "an object",
    list: "a list",
    str: "a text",
    bool: "true or false",
    int: "a number",
    float: "a number",
}


def _kind(value):
    return _KIND_NAMES.get(type(value), type(value).__name__)


def _shape_error(path, value, expected):
    shown = repr(value) if not isinstance(value, dict | list) else _kind(value)
    return PayloadError(f"{path}: {shown[:60]} is not {expected}.")


def check_shape(data, shape, path="", item=False):
    """Check (and lightly normalise) ``data`` against the adapter's ``shape``.

    The adapters read payloads with ``.get`` and ``.strip()``: a value of the
    wrong type somewhere (a list of strings where objects are expected, an
    object where a status is) would otherwise end as an ``AttributeError``
    nobody can act on. This names the field instead.

    :param shape: ``TEXT``, ``NUMBER``, ``SCALAR``, a dict ``{key: shape}``
        (other keys are not checked) or a one-item list ``[shape]`` (a list of
        such values)
    :param str path: where ``data`` is, for the message
    :param bool item: ``data`` is an item of a list (where an empty value is
        not read as absent)
    :return: ``data``, with numbers in ``TEXT`` fields turned into text
    :raises PayloadError: "line_items, item 2, quantity: {...} is not a number."
    """
    if data is None:
        return data
    if isinstance(shape, dict):
        if not isinstance(data, dict):
            if not data and not item:  # "", 0, [] where an object may be: read as absent
                return data
            raise _shape_error(path or "The order", data, "an object")
        for key, sub in shape.items():
            if key in data:
                data[key] = check_shape(data[key], sub, f"{path}, {key}" if path else key)
        return data
    if isinstance(shape, list):
        if isinstance(data, dict) and isinstance(shape[0], dict):
            data = [data]  # one item, as XML exports and some APIs give it
        elif not isinstance(data, list):
            if not data:
                return data
            raise _shape_error(path, data, "a list")
        for index, value in enumerate(data):
            data[index] = check_shape(value, shape[0], f"{path}, item {index + 1}", item=True)
        return data
    if isinstance(data, dict | list) or (isinstance(data, bool) and shape != SCALAR):
        expected = {TEXT: "a text", NUMBER: "a number"}.get(shape, "a single value")
        raise _shape_error(path, data, expected)
    if shape == TEXT and not isinstance(data, str):
        return str(data)
    return data


def guarded(what):
    """Decorator: any reading error of an adapter method becomes a :class:`PayloadError`.

    The shapes catch wrong types where the adapters read them; this is the
    net under them, so that no payload ever ends with an exception a person
    cannot act on (the sentence says what kind of problem, in the payload).
    """

    def decorator(method):
        @functools.wraps(method)
        def wrapper(*args, **kwargs):
            try:
                return method(*args, **kwargs)
            except PayloadError:
                raise
            except KeyError as error:
                raise PayloadError(f"{what}: the field {error.args[0]!r} is missing.") from None
            except RecursionError:
                raise PayloadError(f"{what}: it is nested too deeply.") from None
            except (AttributeError, TypeError, IndexError) as error:
                raise PayloadError(
                    f"{what}: a field holds a value of the wrong type ({error})."
                ) from None
            except (ValueError, ArithmeticError) as error:
                raise PayloadError(f"{what}: a value is out of range ({error}).") from None
            except csv.Error as error:
                raise PayloadError(f"{what}: it is not a well-formed CSV file ({error}).") from None

        wrapper.ecom_guarded = True
        return wrapper

    return decorator


def sniff_format(content):
    """What a file looks like from its first characters: ``json``, ``xml``, ``csv`` or None.

    Only a hint for saying why a file was not read (a CSV export given to a
    JSON shop); the adapters decide what they read.
    """
    head = decode_text(content[:4096] if isinstance(content, bytes | bytearray) else content[:4096])
    head = head.lstrip("\ufeff \t\r\n")
    if not head:
        return None
    if head[0] in "{[":
        return "json"
    if head[0] == "<":
        return "xml"
    first_line = head.splitlines()[0]
    if any(first_line.count(separator) >= 2 for separator in (";", ",", "\t")):
        return "csv"
    return None
