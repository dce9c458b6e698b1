# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Cutting a JSON export into one document per order (Shopify, WooCommerce).

A file may hold one order, ``{"order": ...}``, ``{"orders": [...]}`` (as the
APIs return), a JSON array, or NDJSON (one object per line). A part that
cannot be identified comes back with its error; the rest goes through.
"""

from .canonical import InboundDocument, PayloadError
from .utils import decode_text, dump_json, load_json, parse_datetime

NDJSON_SUFFIXES = (".ndjson", ".jsonl")


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


def _json_items(text, filename):
    """``(where, order, error)`` for each order in a JSON or NDJSON text.

    ``order`` is the decoded object, or the raw text when ``error`` is set.
    :raises PayloadError: when the text is neither JSON nor NDJSON
    """
    is_ndjson = filename.lower().endswith(NDJSON_SUFFIXES)
    if not is_ndjson:
        try:
            data = load_json(text, "The file")
        except PayloadError as error:
            items = _ndjson_items(text)
            good = sum(1 for _where, _item, item_error in items if not item_error)
            # Most lines readable: NDJSON with a few broken lines; otherwise
            # a broken JSON document.
            if not good or good * 2 < len(items):
                raise error from None
            return items
        return _unwrap(data, "The order", "Order {} in the file", strict=True)
    items = _ndjson_items(text)
    if not any(not item_error for _where, _item, item_error in items):
        raise PayloadError("The file holds no JSON order (one JSON object per line).")
    return items


def _ndjson_items(text):
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = load_json(line, f"Line {number}")
        except PayloadError as error:
            items.append((f"Line {number}", line, str(error)))
            continue
        items += _unwrap(data, f"Line {number}", f"Line {number}, order {{}}")
    return items


def _unwrap(data, single, numbered, strict=False):
    """The orders in one decoded JSON value: an order, ``{"order": ...}``,
    ``{"orders": [...]}`` or a list of orders."""
    if isinstance(data, dict) and isinstance(data.get("orders"), list):
        data = data["orders"]
    elif isinstance(data, dict) and isinstance(data.get("order"), dict):
        data = data["order"]
    if isinstance(data, list):
        return [
            _checked(item, numbered.format(position)) for position, item in enumerate(data, start=1)
        ]
    if strict and not isinstance(data, dict):
        raise PayloadError("The file holds no order: it is not a JSON object or list.")
    return [_checked(data, single)]


def _checked(item, where):
    if not isinstance(item, dict):
        return (where, dump_json(item), f"{where} is not an order (a JSON object).")
    if item.get("id") in (None, ""):
        return (
            where,
            dump_json(item),
            f"{where} has no order id: it cannot be imported without one.",
        )
    return (where, item, None)


def _document(item, where, revision_fields):
    body = dump_json(item)
    revision_value = next((item[key] for key in revision_fields if item.get(key)), None)
    try:
        revision = parse_datetime(revision_value, revision_fields[0])
    except PayloadError as error:
        return InboundDocument(body=body, external_id=str(item["id"]), error=f"{where}: {error}")
    return InboundDocument(body=body, external_id=str(item["id"]), revision=revision)


def order_object(body, platform):
    """The stored order object of ``body``, unwrapped from ``{"order": ...}``.

    :param str platform: the platform's name, for the error message
    :raises PayloadError: when the body is not a JSON object
    """
    data = load_json(body, "The order")
    if isinstance(data, dict) and isinstance(data.get("order"), dict):
        data = data["order"]
    if not isinstance(data, dict):
        raise PayloadError(f"The payload is not a {platform} order (a JSON object).")
    return data
