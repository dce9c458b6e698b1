# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Cutting a JSON export into one document per order (Shopify, WooCommerce).

A file may hold one order, ``{"order": ...}``, ``{"orders": [...]}`` (as the
APIs return), a JSON array, or NDJSON (one object per line). A part that
cannot be identified comes back with its error; the rest goes through.

Large files are read as a stream (:func:`stream_json_orders`): NDJSON line by
line, a large JSON array (or ``{"orders": [...]}``) order by order, so a
backfill of any size never sits whole in memory.
"""

import codecs
import json
import re

from odoo.tools.translate import LazyTranslate

from ..sentences import Sentence
from .base import GUARDED_METHODS
from .canonical import InboundDocument, PayloadError
from .utils import decode_text, dump_json, guarded, load_json, parse_datetime

_lt = LazyTranslate(__name__)

NDJSON_SUFFIXES = (".ndjson", ".jsonl")
# JSON files up to this size are read whole (a broken one is refused whole);
# larger arrays are streamed, order by order.
STREAM_MIN_BYTES = 1 << 20
READ_SIZE = 1 << 16
# An order of a streamed array longer than this is not an order (nor valid JSON).
MAX_ORDER_CHARS = 1 << 24
_ARRAY_START = re.compile(r'\s*(?:\{\s*"orders"\s*:\s*)?\[')


class JsonOrders:
    """Adapter mix-in: a platform whose files and API pages are JSON orders.

    One order, ``{"order"}``, ``{"orders"}``, an array (a list endpoint) or
    NDJSON; each order's revision is the first of ``revision_fields`` it has.
    """

    #: The order's keys holding its update time, in order of preference.
    revision_fields = ()

    # Set here, not by Adapter's subclass hook (which only sees a class's own methods).
    @guarded(GUARDED_METHODS["split"])
    def split(self, content, filename=""):
        """One document per JSON order in ``content``. See :meth:`Adapter.split`."""
        return split_json_orders(content, filename, self.revision_fields)

    def split_stream(self, stream, filename=""):
        """NDJSON line by line, a large array order by order. See :meth:`Adapter.split_stream`."""
        return stream_json_orders(stream, filename, self.revision_fields, self.split)


def read_orders(content, filename, unwrap):
    """The orders of a JSON or NDJSON export, as its platform's ``unwrap`` finds them.

    For adapters that read their own shapes (Magento, Amazon, Mirakl): a line of
    NDJSON that cannot be read comes back as a document with its error, the rest
    goes through; a JSON file that cannot be read is refused whole.

    :param unwrap: ``data -> list`` of the orders one JSON value holds
    :return: a list of order dicts and :class:`InboundDocument` errors
    """
    text = decode_text(content)
    if not filename.lower().endswith(NDJSON_SUFFIXES):
        return unwrap(load_json(text, _lt("The file")))
    orders = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                orders += unwrap(load_json(line, _line(number)))
            except PayloadError as error:
                orders.append(InboundDocument(body=line, error=error.text))
    return orders


def split_json_orders(content, filename, revision_fields):
    """One :class:`InboundDocument` per order in ``content``.

    :param bytes content: the file, an API page or a webhook body
    :param str filename: its name (``.ndjson``/``.jsonl`` mean NDJSON)
    :param revision_fields: the order's keys holding its update time, in order
        of preference
    :raises PayloadError: when the content is neither JSON nor NDJSON
    """
    documents = []
    for where, item, error in _json_items(decode_text(content), filename):
        if error:
            documents.append(InboundDocument(body=item, error=error))
        else:
            documents.append(_document(item, where, revision_fields))
    return documents


def stream_json_orders(stream, filename, revision_fields, split):
    """One :class:`InboundDocument` per order of a file read from ``stream``, lazily.

    NDJSON (by its name) is read line by line; a JSON array, bare or as
    ``{"orders": [...]}``, larger than ``STREAM_MIN_BYTES`` order by order;
    anything else is read whole and cut by ``split(content, filename)``.
    Each order is read as :func:`split_json_orders` reads it (same checks,
    same documents).

    :param stream: a binary file object
    :param split: the adapter's whole-file ``split``
    :raises PayloadError: when the file holds no order, or an array stops
        being valid JSON (the orders before it were already given)
    """
    if filename.lower().endswith(NDJSON_SUFFIXES):
        return _stream_ndjson(stream, revision_fields)
    head = stream.read(STREAM_MIN_BYTES + 1)
    if len(head) <= STREAM_MIN_BYTES:
        return iter(split(head, filename))
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head[:READ_SIZE])
    except UnicodeDecodeError:
        text = ""  # not UTF-8: read whole, as its encoding is guessed there
    if not _ARRAY_START.match(text):
        return iter(split(head + stream.read(), filename))
    return _stream_array(head, stream, revision_fields)


def _stream_ndjson(stream, revision_fields):
    """NDJSON line by line. Unreadable lines wait for the first good one: a file
    without any JSON order is refused whole, as :func:`split_json_orders` does."""
    waiting, good = [], False
    for number, raw in enumerate(stream, start=1):
        line = decode_text(raw)
        if number == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        try:
            data = load_json(line, _line(number))
        except PayloadError as error:
            items = [(_line(number), line.rstrip("\r\n"), error.text)]
        else:
            items = _unwrap(data, _line(number), _line_order(number))
        for where, item, error in items:
            document = (
                InboundDocument(body=item, error=error)
                if error
                else _document(item, where, revision_fields)
            )
            if good:
                yield document
                continue
            waiting.append(document)
            if not error:
                good = True
                yield from waiting
                waiting = []
    if not good:
        raise PayloadError(NO_JSON_ORDER)


def _stream_array(head, stream, revision_fields):
    """The orders of a JSON array (bare or under ``"orders"``), one at a time (UTF-8)."""
    decoder = json.JSONDecoder()
    utf8 = codecs.getincrementaldecoder("utf-8-sig")()
    buffer = utf8.decode(head)
    position = _ARRAY_START.match(buffer).end()
    eof = False
    number = 0
    while True:
        while True:
            while position < len(buffer) and buffer[position] in " \t\r\n,":
                position += 1
            if position < len(buffer) or eof:
                break
            buffer, position = _read_more(stream, utf8, buffer, position)
            eof = position is None
            position = position or 0
        if position >= len(buffer):
            raise PayloadError(
                _lt("The file is not valid JSON: the array of orders is not closed.")
            )
        if buffer[position] == "]":
            return
        try:
            _value, end = decoder.raw_decode(buffer, position)
        except ValueError as error:
            if eof or len(buffer) - position > MAX_ORDER_CHARS:
                raise PayloadError(
                    _lt(
                        "%(where)s is not valid JSON: %(error)s",
                        where=_file_order(number + 1),
                        error=str(error),
                    )
                ) from None
            buffer, position = _read_more(stream, utf8, buffer, position)
            eof = position is None
            position = position or 0
            continue
        number += 1
        where = _file_order(number)
        text = buffer[position:end]
        position = end
        try:
            where, item, error = _checked(load_json(text, where), where)
        except PayloadError as bad:
            yield InboundDocument(body=text, error=bad.text)
            continue
        yield (
            InboundDocument(body=item, error=error)
            if error
            else _document(item, where, revision_fields)
        )


def _read_more(stream, utf8, buffer, position):
    """``(buffer, position)`` with the next part of the stream appended (what was
    read before ``position`` dropped); ``position`` is None at the end of the file."""
    chunk = stream.read(READ_SIZE)
    try:
        text = utf8.decode(chunk, final=not chunk)
    except UnicodeDecodeError as error:
        raise PayloadError(_lt("The file is not UTF-8 text: %(error)s", error=str(error))) from None
    return buffer[position:] + text, 0 if chunk else None


def _json_items(text, filename):
    """``(where, order, error)`` for each order in a JSON or NDJSON text.

    ``order`` is the decoded object, or the raw text when ``error`` is set.
    :raises PayloadError: when the text is neither JSON nor NDJSON
    """
    is_ndjson = filename.lower().endswith(NDJSON_SUFFIXES)
    if not is_ndjson:
        try:
            data = load_json(text, _lt("The file"))
        except PayloadError as error:
            items = _ndjson_items(text)
            good = sum(1 for _where, _item, item_error in items if not item_error)
            # Most lines readable: NDJSON with a few broken lines; otherwise
            # a broken JSON document.
            if not good or good * 2 < len(items):
                raise error from None
            return items
        return _unwrap(data, _lt("The order"), _file_order, strict=True)
    items = _ndjson_items(text)
    if not any(not item_error for _where, _item, item_error in items):
        raise PayloadError(NO_JSON_ORDER)
    return items


def _ndjson_items(text):
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = load_json(line, _line(number))
        except PayloadError as error:
            items.append((_line(number), line, error.text))
            continue
        items += _unwrap(data, _line(number), _line_order(number))
    return items


def _unwrap(data, single, numbered, strict=False):
    """The orders in one decoded JSON value: an order, ``{"order": ...}``,
    ``{"orders": [...]}`` or a list of orders.

    :param single: how the messages name the value when it is one order
    :param numbered: ``position -> name`` of each order of a list
    """
    if isinstance(data, dict) and isinstance(data.get("orders"), list):
        data = data["orders"]
    elif isinstance(data, dict) and isinstance(data.get("order"), dict):
        data = data["order"]
    if isinstance(data, list):
        return [_checked(item, numbered(position)) for position, item in enumerate(data, start=1)]
    if strict and not isinstance(data, dict):
        raise PayloadError(_lt("The file holds no order: it is not a JSON object or list."))
    return [_checked(data, single)]


def _checked(item, where):
    if not isinstance(item, dict):
        return (
            where,
            dump_json(item),
            Sentence(_lt("%(where)s is not an order (a JSON object).", where=where)),
        )
    if item.get("id") in (None, ""):
        return (
            where,
            dump_json(item),
            Sentence(
                _lt("%(where)s has no order id: it cannot be imported without one.", where=where)
            ),
        )
    return (where, item, None)


def _document(item, where, revision_fields):
    body = dump_json(item)
    revision_value = next((item[key] for key in revision_fields if item.get(key)), None)
    try:
        revision = parse_datetime(revision_value, revision_fields[0])
    except PayloadError as error:
        return InboundDocument(
            body=body,
            external_id=str(item["id"]),
            error=Sentence(_lt("%(where)s: %(error)s", where=where, error=error.message)),
        )
    return InboundDocument(body=body, external_id=str(item["id"]), revision=revision)


def order_object(body, platform):
    """The stored order object of ``body``, unwrapped from ``{"order": ...}``.

    :param str platform: the platform's name, for the error message
    :raises PayloadError: when the body is not a JSON object
    """
    data = load_json(body, _lt("The order"))
    if isinstance(data, dict) and isinstance(data.get("order"), dict):
        data = data["order"]
    if not isinstance(data, dict):
        raise PayloadError(
            _lt("The payload is not a %(platform)s order (a JSON object).", platform=platform)
        )
    return data


NO_JSON_ORDER = _lt("The file holds no JSON order (one JSON object per line).")


def _line(number):
    """How messages name a line of an NDJSON file: "Line 3"."""
    return _lt("Line %(number)s", number=number)


def _line_order(number):
    """``position -> name`` of the orders of a list on line ``number`` of an NDJSON file."""
    return lambda position: _lt(
        "Line %(number)s, order %(position)s", number=number, position=position
    )


def _file_order(position):
    """How messages name an order of a JSON list: "Order 2 in the file"."""
    return _lt("Order %(position)s in the file", position=position)
