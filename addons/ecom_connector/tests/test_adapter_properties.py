# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Whatever a shop sends, every adapter gives a canonical order or a PayloadError.

Property-based (Hypothesis): any JSON document, and the samples with one value
replaced by anything; plus the hostile corpus of ``hostile.py`` (encodings,
nesting, sizes, XML entity tricks) through the same pure functions.
"""

import dataclasses
import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..adapters import get_adapter
from ..adapters.canonical import InboundDocument, PayloadError, ShopOrder
from ..adapters.utils import check_shape, load_json, storable_text
from . import hostile

PLATFORMS = ("shopify", "woocommerce", "prestashop")
# Deterministic: the same examples on every run and every machine (CI), no database.
PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# The guard's sentences: they must stay rare (the shapes name the field instead).
GUARD_MARKS = ("a field holds a value of the wrong type", "a value is out of range")

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["", "0", "1.5", "abc", "\ud800", "a\x00b", "2026-13-45", "NaN", "1e400"])
)
JSON = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=6),
    max_leaves=25,
)


def _strings(value):
    """Every string held by a canonical order (its fields, recursively)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _paths(data, prefix=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield (*prefix, index)
            yield from _paths(value, (*prefix, index))


@tagged("post_install", "-at_install")
class TestAdapterProperties(BaseCase):
    def assertOrderOrError(self, adapter, body, strict=False):
        """``body`` (a text, or an inbound document) parses to a storable
        canonical order, or fails with a sentence.

        :param bool strict: the sentence must not be the guard's (the shapes
            or the adapter's own checks must have named the field)
        :return: the order, or ``None``
        """
        try:
            document = body if isinstance(body, InboundDocument) else InboundDocument(body=body)
            order = adapter.parse(document)
        except PayloadError as error:
            message = str(error)
            self.assertTrue(message.strip(), "an error without a sentence")
            self.assertNotIn("please report", message)
            if strict:
                self.assertFalse([m for m in GUARD_MARKS if m in message], message)
            return None
        self.assertIsInstance(order, ShopOrder)
        self.assertTrue(order.external_id)
        for text in _strings(order):
            self.assertEqual(storable_text(text), text, "a string the database cannot store")
        self.assertIsInstance(order.totals.total, Decimal)
        return order

    def assertSplitOrError(self, adapter, content, filename):
        """``content`` as a file: split refuses it with a sentence (never another
        exception), or gives documents the database can store, each parsing to
        an order or failing with a sentence (see :meth:`assertOrderOrError`)."""
        try:
            documents = adapter.split(content, filename)
        except PayloadError as error:
            self.assertTrue(str(error).strip(), "an error without a sentence")
            return
        for inbound in documents:
            self.assertEqual(storable_text(inbound.body), inbound.body)
            if not inbound.error:
                self.assertOrderOrError(adapter, inbound)

    @PROPERTY_SETTINGS
    @given(platform=st.sampled_from(PLATFORMS), document=JSON)
    def test_any_json_document(self, platform, document):
        adapter = get_adapter(platform)
        self.assertOrderOrError(adapter, json.dumps(document))
        self.assertSplitOrError(adapter, json.dumps(document).encode(), "orders.json")

    @PROPERTY_SETTINGS
    @given(data=st.data(), platform=st.sampled_from(PLATFORMS), value=JSON)
    def test_sample_with_one_value_replaced(self, data, platform, value):
        order = hostile.sample_order(platform)
        path = data.draw(st.sampled_from(list(_paths(order))))
        body = json.dumps(hostile.mutated(order, path, value))
        self.assertOrderOrError(get_adapter(platform), body, strict=True)

    @PROPERTY_SETTINGS
    @given(
        platform=st.sampled_from(PLATFORMS),
        cut=st.integers(min_value=0, max_value=4000),
        junk=st.binary(max_size=8),
    )
    def test_sample_with_bytes_broken(self, platform, cut, junk):
        good = json.dumps(hostile.sample_order(platform)).encode()
        content = good[:cut] + junk + good[cut:]
        self.assertSplitOrError(get_adapter(platform), content, "order.json")

    @PROPERTY_SETTINGS
    @given(rows=st.lists(st.lists(st.text(max_size=12), max_size=25), max_size=5))
    def test_any_csv_rows(self, rows):
        adapter = get_adapter("csv", hostile.CSV_OPTIONS)
        header = hostile.csv_inputs()[5][1]  # the sample's header line
        content = header + b"\n" + "\n".join(";".join(row) for row in rows).encode()
        self.assertSplitOrError(adapter, content, "export.csv")

    def test_hostile_corpus(self):
        """Every input of the corpus: a PayloadError for the file, or documents
        that are each a storable order or a failure with a sentence."""
        inputs = hostile.corpus()
        self.assertGreaterEqual(len(inputs), 200)
        outcomes = {"file_refused": 0, "document_failed": 0, "order": 0, "order_failed": 0}
        for name, platform, filename, content in inputs:
            adapter = get_adapter(platform, hostile.CSV_OPTIONS if platform == "csv" else None)
            with self.subTest(input=name):
                try:
                    documents = adapter.split(content, filename)
                except PayloadError as error:
                    self.assertTrue(str(error).strip())
                    outcomes["file_refused"] += 1
                    continue
                for inbound in documents:
                    self.assertEqual(storable_text(inbound.body), inbound.body)
                    if inbound.error:
                        outcomes["document_failed"] += 1
                        continue
                    order = self.assertOrderOrError(adapter, inbound, strict=True)
                    outcomes["order" if order else "order_failed"] += 1
        # Both ways are exercised: many inputs fail, the harmless mutations still import.
        self.assertGreater(outcomes["order"], 100)
        self.assertGreater(outcomes["order_failed"], 100)
        self.assertGreater(outcomes["file_refused"], 20)

    def test_named_errors(self):
        """The messages name the field and what is wrong with it."""
        order = hostile.sample_order("shopify")
        cases = [
            (("line_items",), ["a", "b"], "line_items, item 1: 'a' is not an object."),
            (("financial_status",), {"x": 1}, "financial_status: an object is not a single value."),
            (("line_items", 0, "quantity"), "abc", "quantity is not a number: 'abc'"),
            (
                ("line_items", 0, "tax_lines"),
                "x",
                "line_items, item 1, tax_lines: 'x' is not a list.",
            ),
            (("customer",), "bob", "customer: 'bob' is not an object."),
            (("total_price",), "1e400", "too large to be an amount"),
        ]
        adapter = get_adapter("shopify")
        for path, value, expected in cases:
            with self.subTest(path=path), self.assertRaises(PayloadError) as caught:
                adapter.parse(InboundDocument(body=json.dumps(hostile.mutated(order, path, value))))
            self.assertIn(expected, str(caught.exception))

    def test_json_reading(self):
        self.assertEqual(
            load_json('{"a": "\\ud800x", "\\u0000": 1}'), {"a": "\ufffdx", "\ufffd": 1}
        )
        self.assertEqual(load_json('{"a": "\\ud83d\\ude00"}'), {"a": "\U0001f600"})
        self.assertEqual(load_json("\ufeff[1]"), [1])
        for text, message in (
            ("[NaN]", "NaN is not a number JSON allows"),
            ("[1e400]", "the number 1e400 is too large"),
            ("[" * 100_000, "nested too deeply"),
        ):
            with self.subTest(text=text[:10]), self.assertRaisesRegex(PayloadError, message):
                load_json(text)

    def test_shape_turns_numbers_into_text(self):
        data = {"name": 12, "lines": {"sku": 7}}
        check_shape(data, {"name": "text", "lines": [{"sku": "text"}]})
        self.assertEqual(data, {"name": "12", "lines": [{"sku": "7"}]})

    def test_xml_entity_tricks_are_refused(self):
        adapter = get_adapter("prestashop")
        for content in (hostile.BILLION_LAUGHS, hostile.EXTERNAL_ENTITY):
            with self.assertRaisesRegex(PayloadError, "declares a DTD"):
                adapter.split(content, "orders.xml")
        (document,) = adapter.split(hostile.XML_COMMENTS, "orders.xml")
        self.assertEqual(json.loads(document.body)["reference"], "R3")
        with self.assertRaisesRegex(PayloadError, "quantity is not a number: 'abc'"):
            adapter.parse(document)
