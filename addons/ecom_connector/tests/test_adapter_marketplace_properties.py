# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The Amazon and Mirakl adapters on any input: a canonical order, or a sentence."""

import json
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..adapters import get_adapter
from ..adapters.canonical import InboundDocument, PayloadError, ShopOrder
from . import hostile

PAYLOADS = Path(__file__).parent / "payloads"
PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
SAMPLES = {
    "amazon": lambda: json.loads((PAYLOADS / "amazon" / "orders.json").read_text())["payload"][
        "Orders"
    ][0],
    "mirakl": lambda: json.loads((PAYLOADS / "mirakl" / "orders.json").read_text())["orders"][0],
}


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
class TestMarketplaceAdapterProperties(BaseCase):
    def assertOrderOrError(self, adapter, body):
        try:
            order = adapter.parse(InboundDocument(body=body))
        except PayloadError as error:
            self.assertTrue(str(error).strip(), "an error without a sentence")
            return
        self.assertIsInstance(order, ShopOrder)
        self.assertTrue(order.external_id)
        self.assertIsInstance(order.totals.total, Decimal)

    def assertSplitOrError(self, adapter, content, filename):
        try:
            documents = adapter.split(content, filename)
        except PayloadError as error:
            self.assertTrue(str(error).strip())
            return
        for document in documents:
            if not document.error:
                self.assertOrderOrError(adapter, document.body)

    @PROPERTY_SETTINGS
    @given(platform=st.sampled_from(sorted(SAMPLES)), document=JSON)
    def test_any_json_document(self, platform, document):
        adapter = get_adapter(platform)
        self.assertOrderOrError(adapter, json.dumps(document))
        self.assertSplitOrError(adapter, json.dumps(document).encode(), "orders.json")

    @PROPERTY_SETTINGS
    @given(data=st.data(), platform=st.sampled_from(sorted(SAMPLES)), value=JSON)
    def test_sample_with_one_value_replaced(self, data, platform, value):
        order = SAMPLES[platform]()
        path = data.draw(st.sampled_from(list(_paths(order))))
        body = json.dumps(hostile.mutated(order, path, value))
        self.assertOrderOrError(get_adapter(platform), body)

    @PROPERTY_SETTINGS
    @given(cut=st.integers(min_value=0, max_value=3000), junk=st.binary(max_size=8))
    def test_settlement_report_with_bytes_broken(self, cut, junk):
        good = (PAYLOADS / "amazon" / "settlement.txt").read_bytes()
        content = good[:cut] + junk + good[cut:]
        self.assertSplitOrError(get_adapter("amazon"), content, "settlement.txt")
