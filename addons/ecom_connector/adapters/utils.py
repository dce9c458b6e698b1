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

from odoo.tools.translate import LazyTranslate

from .canonical import Address, PayloadError

_lt = LazyTranslate(__name__)

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
            raise PayloadError(_lt("%(what)s is missing", what=what))
        return Decimal(default)
    if isinstance(value, bool):
        raise PayloadError(_not_a_number(what, value))
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise PayloadError(_not_a_number(what, value)) from None
    if not number.is_finite():
        raise PayloadError(_not_a_number(what, value))
    if abs(number) >= MAX_NUMBER:
        raise PayloadError(
            _lt(
                "%(what)s is too large to be an amount or a quantity: %(value)s",
                what=what,
                value=repr(value),
            )
        )
    return number


def _not_a_number(what, value):
    return _lt("%(what)s is not a number: %(value)s", what=what, value=repr(value))


def at(where, what):
    """How messages name a field of a part of a payload: "Line 2 (Teapot): quantity".

    :param where: the part (:func:`line_label`, a lazy translation or a text)
    :param what: the field (a lazy translation, or the payload's own key)
    """
    return _lt("%(where)s: %(what)s", where=where, what=what)


def positive_quantity(quantity, where):
    """``quantity``, refused when it is negative.

    :param str where: the line, as the message names it ("Line 2 (Teapot)")
    """
    if quantity < 0:
        raise PayloadError(
            _lt(
                "%(where)s: the quantity is negative (%(quantity)s).",
                where=where,
                quantity=quantity,
            )
        )
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
            raise PayloadError(
                _lt("%(what)s is not a date: %(value)s", what=what, value=repr(value))
            ) from None
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
    raise PayloadError(_lt("%(name)s is not a number JSON allows.", name=name))


def _finite_float(text):
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise PayloadError(_lt("the number %(number)s is too large.", number=text[:40]))
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
        raise PayloadError(_not_json(what, error.message)) from None
    except RecursionError:
        raise PayloadError(
            _lt("%(what)s is nested too deeply to be an order.", what=what)
        ) from None
    except (TypeError, ValueError) as error:
        raise PayloadError(_not_json(what, str(error))) from None
    if isinstance(text, str) and _UNSTORABLE_ESCAPE.search(text):
        data = _storable(data)
    return data


def _not_json(what, error):
    return _lt("%(what)s is not valid JSON: %(error)s", what=what, error=error)


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
        raise PayloadError(_lt("The order has no currency."))
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise PayloadError(
            _lt(
                "The order currency %(value)s is not a 3-letter ISO code such as EUR.",
                value=repr(value),
            )
        )
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


#: The words for the lines of an order, as messages name them ("Line 2 (Teapot)").
LINE = _lt("Line")
ITEM = _lt("Item")
SHIPPING = _lt("Shipping")
FEE = _lt("Fee")
ROW = _lt("Row")


def line_label(kind, index, name):
    """How messages name a line of a payload: "Line 2 (Teapot)", or "Line 2" without a name.

    :param str kind: the platform's word for that line ("Line", "Item", "Shipping")
    :param int index: the line's position, from 1
    """
    if name:
        return _lt("%(kind)s %(index)s (%(name)s)", kind=kind, index=index, name=name)
    return _lt("%(kind)s %(index)s", kind=kind, index=index)


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
    dict: _lt("an object"),
    list: _lt("a list"),
    str: _lt("a text"),
    bool: _lt("true or false"),
    int: _lt("a number"),
    float: _lt("a number"),
}


def _kind(value):
    return _KIND_NAMES.get(type(value), type(value).__name__)


def _path_text(path):
    """How a message names where a value is: "line_items, item 2, quantity".

    :param tuple path: the payload's keys, and the positions (from 1) in its lists
    """
    if not path:
        return _lt("The order")
    text = path[0]
    for part in path[1:]:
        if isinstance(part, int):
            text = _lt("%(path)s, item %(number)s", path=text, number=part)
        else:
            text = _lt("%(path)s, %(key)s", path=text, key=part)
    return text


def _shape_error(path, value, expected):
    shown = repr(value)[:60] if not isinstance(value, dict | list) else _kind(value)
    return PayloadError(
        _lt(
            "%(path)s: %(value)s is not %(expected)s.",
            path=_path_text(path),
            value=shown,
            expected=expected,
        )
    )


def check_shape(data, shape, path="", item=False):
    """Check (and lightly normalise) ``data`` against the adapter's ``shape``.

    The adapters read payloads with ``.get`` and ``.strip()``: a value of the
    wrong type somewhere (a list of strings where objects are expected, an
    object where a status is) would otherwise end as an ``AttributeError``
    nobody can act on. This names the field instead.

    :param shape: ``TEXT``, ``NUMBER``, ``SCALAR``, a dict ``{key: shape}``
        (other keys are not checked) or a one-item list ``[shape]`` (a list of
        such values)
    :param str path: the key where ``data`` is, for the message
    :param bool item: ``data`` is an item of a list (where an empty value is
        not read as absent)
    :return: ``data``, with numbers in ``TEXT`` fields turned into text
    :raises PayloadError: "line_items, item 2, quantity: {...} is not a number."
    """
    return _check_shape(data, shape, (path,) if path else (), item)


def _check_shape(data, shape, path, item=False):
    if data is None:
        return data
    if isinstance(shape, dict):
        if not isinstance(data, dict):
            if not data and not item:  # "", 0, [] where an object may be: read as absent
                return data
            raise _shape_error(path, data, _lt("an object"))
        for key, sub in shape.items():
            if key in data:
                data[key] = _check_shape(data[key], sub, (*path, key))
        return data
    if isinstance(shape, list):
        if isinstance(data, dict) and isinstance(shape[0], dict):
            data = [data]  # one item, as XML exports and some APIs give it
        elif not isinstance(data, list):
            if not data:
                return data
            raise _shape_error(path, data, _lt("a list"))
        for index, value in enumerate(data):
            data[index] = _check_shape(value, shape[0], (*path, index + 1), item=True)
        return data
    if isinstance(data, dict | list) or (isinstance(data, bool) and shape != SCALAR):
        expected = {TEXT: _lt("a text"), NUMBER: _lt("a number")}.get(shape, _lt("a single value"))
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
                raise PayloadError(
                    _lt(
                        "%(what)s: the field %(field)s is missing.",
                        what=what,
                        field=repr(error.args[0]),
                    )
                ) from None
            except RecursionError:
                raise PayloadError(_lt("%(what)s: it is nested too deeply.", what=what)) from None
            except (AttributeError, TypeError, IndexError) as error:
                raise PayloadError(
                    _lt(
                        "%(what)s: a field holds a value of the wrong type (%(error)s).",
                        what=what,
                        error=str(error),
                    )
                ) from None
            except (ValueError, ArithmeticError) as error:
                raise PayloadError(
                    _lt(
                        "%(what)s: a value is out of range (%(error)s).",
                        what=what,
                        error=str(error),
                    )
                ) from None
            except csv.Error as error:
                raise PayloadError(
                    _lt(
                        "%(what)s: it is not a well-formed CSV file (%(error)s).",
                        what=what,
                        error=str(error),
                    )
                ) from None

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
