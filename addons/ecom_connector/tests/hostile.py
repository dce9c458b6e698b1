# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A corpus of hostile inputs: what a real shop (or someone pretending to be one) can send.

Built from the sample payloads, deterministically: every input is
``(name, platform, filename, content bytes)``. Used by the adapter property
tests (every input, through the pure functions) and by the reliability tests
(a subset, through ``./ecom import`` and the webhook endpoint).
"""

import copy
import json
from pathlib import Path

PAYLOADS = Path(__file__).parent / "payloads"

# The sample each platform's mutations start from.
BASE_SAMPLES = {
    "shopify": "order_taxes_included.json",
    "woocommerce": "order_fees_coupons.json",
    "prestashop": "orders.json",
}
CSV_OPTIONS = {"csv": {"preset": "fr_standard"}}

# What replaces a value in the mutations: every JSON type, and the values that
# broke things (a lone surrogate, NUL, huge numbers, huge strings).
REPLACEMENTS = [
    ("null", None),
    ("text", "abc"),
    ("empty", ""),
    ("list_of_texts", ["a", "b"]),
    ("object", {"x": {"y": 1}}),
    ("true", True),
    ("negative", -1),
    ("huge_number", 1e308),
    ("surrogate", "\ud800"),
    ("nul", "a\u0000b"),
]


def sample_order(platform):
    """The platform's base sample, as a decoded JSON order."""
    data = json.loads((PAYLOADS / platform / BASE_SAMPLES[platform]).read_text("utf-8"))
    if isinstance(data, dict) and "orders" in data:
        return data["orders"][0]
    return data.get("order", data) if isinstance(data, dict) else data[0]


def _paths(data, prefix=(), depth=0):
    """Every path to a value in ``data`` (keys and list indexes), the first list items only."""
    if depth > 4:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key), depth + 1)
    elif isinstance(data, list) and data:
        yield (*prefix, 0)
        yield from _paths(data[0], (*prefix, 0), depth + 1)


def mutated(data, path, value):
    """A deep copy of ``data`` with the value at ``path`` replaced by ``value``."""
    data = copy.deepcopy(data)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def _dumps(data):
    # ensure_ascii keeps lone surrogates as \ud800 escapes, as a shop's JSON has them.
    return json.dumps(data).encode()


def mutations(platform, every=1):
    """Inputs of ``platform``: its sample with one value replaced, for every path.

    :param int every: keep one path in ``every`` (a lighter corpus)
    """
    order = sample_order(platform)
    paths = list(_paths(order))[::every]
    for number, path in enumerate(paths):
        label, value = REPLACEMENTS[number % len(REPLACEMENTS)]
        name = f"{platform}:{'.'.join(map(str, path))}={label}"
        yield name, platform, "order.json", _dumps(mutated(order, path, value))


def _broken_bytes(good):
    """``(name, bytes)``: one good JSON order broken as bytes."""
    text = good.decode()
    return [
        ("bom", b"\xef\xbb\xbf" + good),
        ("latin1", text.replace('"', '"\u00e9', 1).encode("latin-1", "replace")),
        ("nul_byte", good[:20] + b"\x00" + good[20:]),
        ("truncated", good[: len(good) // 2]),
        ("surrogate_pair_cut", good.replace(b'"id"', b'"\\ud83d": "\\ud83d", "id"', 1)),
        ("nul_escape", good.replace(b'"id"', b'"note": "\\u0000", "id"', 1)),
        ("nan", good.replace(b'"id"', b'"total_price": NaN, "total": NaN, "id"', 1)),
        ("infinity", good.replace(b'"id"', b'"x": -Infinity, "id"', 1)),
        ("overflow", good.replace(b'"id"', b'"total": 1e400, "total_price": 1e400, "id"', 1)),
        ("deep_list", b"[" * 100_000 + b"]" * 100_000),
        ("deep_object", b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
        ("huge_string", good.replace(b'"id"', b'"note": "' + b"x" * 1_000_000 + b'", "id"', 1)),
        ("not_json", b"<html>502 Bad Gateway</html>"),
        ("binary", bytes(range(256)) * 4),
        ("empty", b""),
        ("scalar", b"42"),
        ("string", b'"an order"'),
        ("list_of_scalars", b"[1, 2, 3]"),
        ("empty_object", b"{}"),
        ("id_only", b'{"id": 7}'),
        ("id_object", b'{"id": {"nested": 1}, "total": "1"}'),
    ]


def raw_inputs():
    """Inputs broken as bytes, not as values: encodings, syntax, size, nesting, XML tricks."""
    named = []
    for platform in ("shopify", "woocommerce", "prestashop"):
        named += [
            (f"{platform}:{name}", platform, "order.json", body)
            for name, body in _broken_bytes(_dumps(sample_order(platform)))
        ]
    ndjson = b"\n".join(
        json.dumps({"id": number, "name": f"#{number}", "updated_at": "x"}).encode()
        for number in range(10_000)
    )
    named.append(("shopify:ndjson_10000_lines", "shopify", "orders.ndjson", ndjson))
    named += [
        (f"prestashop:{name}", "prestashop", "orders.xml", body)
        for name, body in (
            ("xml_billion_laughs", BILLION_LAUGHS),
            ("xml_external_entity", EXTERNAL_ENTITY),
            ("xml_comment_and_pi", XML_COMMENTS),
            ("xml_not_closed", b"<prestashop><order><id>1</id>"),
            ("xml_no_order", b"<prestashop><customer><id>1</id></customer></prestashop>"),
            ("xml_deep", b"<order>" + b"<a>" * 5000 + b"</a>" * 5000 + b"</order>"),
        )
    ]
    named += [(f"csv:{name}", "csv", "export.csv", body) for name, body in csv_inputs()]
    return named


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<prestashop><order><id>1</id><reference>&lol3;</reference></order></prestashop>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE order [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<order><id>2</id><reference>&xxe;</reference></order>"""
XML_COMMENTS = b"""<?xml version="1.0"?>
<prestashop><order><id>3</id><!-- a comment --><?pi data?><reference>R3</reference>
<id_currency>1</id_currency>
<associations><order_rows><order_row><product_name>T</product_name>
<product_quantity>abc</product_quantity><unit_price_tax_incl>1</unit_price_tax_incl>
</order_row></order_rows></associations></order></prestashop>"""


def csv_inputs():
    """CSV exports broken in the ways a spreadsheet breaks them."""
    good = (PAYLOADS / "csv" / "export_fr_utf8.csv").read_bytes()
    header, first, *rest = good.decode("utf-8-sig").splitlines()
    columns = header.split(";")
    quantity = columns.index("Quantité")
    date = columns.index("Date")

    def with_cell(column, value):
        cells = first.split(";")
        cells[column] = value
        return "\n".join([header, ";".join(cells), *rest]).encode()

    return [
        ("quantity_abc", with_cell(quantity, "abc")),
        ("quantity_nan", with_cell(quantity, "NaN")),
        ("quantity_huge", with_cell(quantity, "1e400")),
        ("date_invalid", with_cell(date, "31/02/2026 25:61")),
        ("nul_cell", with_cell(quantity, "1\x002")),
        ("only_header", header.encode()),
        ("empty", b""),
        ("binary", bytes(range(256)) * 4),
        ("latin1", good.decode("utf-8-sig").encode("cp1252", "replace")),
        ("short_row", (header + "\nCMD-1;1\n").encode()),
        ("long_row", "\n".join([header, first + ";x" * 50]).encode()),
        ("quoted_newline", "\n".join([header, first.replace(";", ';"a\nb";', 1)]).encode()),
    ]


def corpus(every=1):
    """The whole hostile corpus: raw inputs, then per-value mutations of each platform."""
    inputs = raw_inputs()
    for platform in BASE_SAMPLES:
        inputs += list(mutations(platform, every))
    return inputs
