# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A payload without its customer: personal values masked, the books' facts kept.

Plain Python (no ORM): the payload's JSON is walked by key name (the lists are
in const.py, ``PERSONAL_KEYS``), whatever the platform. Names, addresses,
e-mails, phones, IP addresses, the customer's notes and ids become
``REDACTED``; ids of the order and its lines, amounts, taxes, dates, SKUs,
quantities, currency, statuses, the country and state and VAT numbers stay.
A body that is not JSON cannot be walked: it is masked whole.
"""

import json
import re

from ..const import PERSONAL_KEPT_KEYS, PERSONAL_KEYS, REDACTED, VAT_KEY_WORDS
from .utils import dump_json

_NOT_WORD = re.compile(r"[\W_]+")
# The keys that name the key of a {"key": ..., "value": ...} pair, and its values.
_PAIR_KEYS = ("key", "name", "display_key")
_PAIR_VALUES = ("value", "display_value")


def normalize_key(key):
    """``key`` as the lists compare it: lower case, words joined by "_"."""
    return _NOT_WORD.sub("_", str(key).lower()).strip("_")


def _is_kept(name):
    return name in PERSONAL_KEPT_KEYS or bool(VAT_KEY_WORDS & set(name.split("_")))


def _is_personal(name, extra_keys):
    """Whether ``name`` (normalized) or its end after a "_" is a personal key."""
    if name in extra_keys:
        return True
    words = name.split("_")
    return any("_".join(words[start:]) in PERSONAL_KEYS for start in range(len(words)))


def _pair_name(item):
    """The normalized key of a {"key"/"name": ..., "value": ...} pair; None if not one."""
    if not any(key in item for key in _PAIR_VALUES):
        return None
    label = next((item[key] for key in _PAIR_KEYS if isinstance(item.get(key), str)), None)
    return normalize_key(label) if label is not None else None


def _masked(value):
    if isinstance(value, str):
        return REDACTED if value.strip() else value
    if isinstance(value, int | float) and not isinstance(value, bool) and value:
        return REDACTED
    return value


def redact(data, extra_keys=frozenset()):
    """A copy of decoded JSON ``data`` with its personal values masked.

    :param data: the payload as ``json.loads`` gave it
    :param extra_keys: more personal keys (normalized), e.g. the headers of a
        CSV export's name and address columns
    :return: the same structure; masked values are ``REDACTED`` (empty ones
        and booleans are kept as they are: they tell nothing)
    """
    extra_keys = frozenset(normalize_key(key) for key in extra_keys)
    root = [data]
    # (container, key, inside a personal object); iterative: no recursion limit.
    stack = [(root, 0, False)]
    while stack:
        container, key, personal = stack.pop()
        value = container[key]
        if isinstance(value, dict):
            value = dict(value)
            container[key] = value
            pair_name = _pair_name(value)
            for item_key in value:
                name = normalize_key(item_key)
                if _is_kept(name):
                    continue
                item_personal = personal or _is_personal(name, extra_keys)
                if pair_name is not None:
                    if item_key in _PAIR_KEYS:
                        continue  # the pair's label ("gift message"), not what was written
                    if item_key in _PAIR_VALUES:
                        if _is_kept(pair_name):
                            continue
                        item_personal = item_personal or _is_personal(pair_name, extra_keys)
                stack.append((value, item_key, item_personal))
        elif isinstance(value, list):
            value = list(value)
            container[key] = value
            stack.extend((value, index, personal) for index in range(len(value)))
        elif personal:
            container[key] = _masked(value)
    return root[0]


def redact_body(body, content_type=None, extra_keys=frozenset()):
    """A stored payload's text with its personal values masked (see :func:`redact`).

    :return: the JSON text (canonical form), or ``REDACTED`` alone for a body
        that is not JSON (an XML or a broken line: it cannot be walked)
    """
    if not body:
        return body or ""
    if "json" not in (content_type or "json"):
        return REDACTED
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return REDACTED
    return dump_json(redact(data, extra_keys))
