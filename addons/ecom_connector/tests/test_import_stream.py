# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Large files: read as a stream, stored and imported one batch at a time."""

import io
import json
import tempfile
from pathlib import Path

from odoo.tests import BaseCase, tagged

from ..adapters import get_adapter, json_split
from ..adapters.canonical import PayloadError
from ..const import JOB_BATCH_SIZE
from .common import EcomCase, shopify_order


class TrackedStream(io.BytesIO):
    """A file that remembers the most it was ever asked for at once."""

    def __init__(self, data):
        super().__init__(data)
        self.largest_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.largest_read = max(self.largest_read, len(chunk))
        return chunk


@tagged("post_install", "-at_install")
class TestStreamSplit(BaseCase):
    """The adapters' streaming reader gives what the whole-file reader gives."""

    def setUp(self):
        super().setUp()
        self.adapter = get_adapter("shopify", None)

    @staticmethod
    def documents(documents):
        return [(d.external_id, d.revision, d.body, d.error) for d in documents]

    def test_large_array_is_read_order_by_order(self):
        orders = [shopify_order(order_id=40000 + n) for n in range(500)]
        content = json.dumps({"orders": orders}, indent=1).encode()
        self.assertGreater(len(content), json_split.STREAM_MIN_BYTES)
        stream = TrackedStream(content)
        streamed = list(self.adapter.split_stream(stream, "big.json"))
        self.assertEqual(self.documents(streamed), self.documents(self.adapter.split(content)))
        self.assertEqual(len(streamed), 500)
        # Beyond the first look at the file, it is read in small pieces, never whole.
        self.assertLessEqual(stream.largest_read, json_split.STREAM_MIN_BYTES + 1)

    def test_large_bare_array_with_a_bad_order(self):
        orders = [shopify_order(order_id=41000 + n) for n in range(450)]
        orders[7] = {"name": "#no-id"}
        content = json.dumps(orders).encode()
        self.assertGreater(len(content), json_split.STREAM_MIN_BYTES)
        streamed = list(self.adapter.split_stream(io.BytesIO(content), "big.json"))
        self.assertEqual(self.documents(streamed), self.documents(self.adapter.split(content)))
        self.assertIn("Order 8 in the file has no order id", streamed[7].error)

    def test_ndjson_line_by_line_as_the_whole_file_reader(self):
        lines = [json.dumps(shopify_order(order_id=42000 + n)) for n in range(5)]
        lines.insert(2, "{broken")
        content = ("\n".join(lines) + "\n").encode()
        streamed = list(self.adapter.split_stream(io.BytesIO(content), "orders.ndjson"))
        whole = self.adapter.split(content, "orders.ndjson")
        self.assertEqual(self.documents(streamed), self.documents(whole))
        self.assertEqual(len(streamed), 6)
        self.assertTrue(streamed[2].error.startswith("Line 3"))

    def test_ndjson_without_any_order_is_refused(self):
        stream = io.BytesIO(b"{broken\nnot json\n")
        with self.assertRaises(PayloadError):
            list(self.adapter.split_stream(stream, "orders.ndjson"))

    def test_truncated_large_array_says_which_order(self):
        orders = [shopify_order(order_id=43000 + n) for n in range(450)]
        content = json.dumps(orders).encode()[:-2000]
        documents = self.adapter.split_stream(io.BytesIO(content), "big.json")
        with self.assertRaises(PayloadError) as caught:
            list(documents)
        self.assertIn("in the file is not valid JSON", str(caught.exception))


@tagged("post_install", "-at_install")
class TestStreamImport(EcomCase):
    def test_file_larger_than_a_batch_is_stored_and_imported_batch_by_batch(self):
        count = JOB_BATCH_SIZE + 11
        lines = [json.dumps(shopify_order(order_id=44000 + n)) for n in range(count)]
        lines.insert(30, "{broken")
        Payload = self.env["ecom.payload"]
        stored_when = {}
        messages = []

        def progress(message):
            messages.append(message)
            if message.startswith("processed batch"):
                stored_when[message.split(":")[0]] = Payload.search_count(
                    [("shop_id", "=", self.shop.id)]
                )

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "backfill.ndjson"
            path.write_text("\n".join(lines) + "\n")
            report = Payload._ecom_cli_import(self.shop, [path], progress)
            again = Payload._ecom_cli_import(self.shop, [path], lambda _message: None)
        # The first batch was imported before the rest of the file was even stored.
        self.assertEqual(
            stored_when, {"processed batch 1": JOB_BATCH_SIZE, "processed batch 2": count + 1}
        )
        self.assertEqual(
            {k: report[k] for k in ("received", "imported", "updated", "duplicates", "failed")},
            {"received": count + 1, "imported": count, "updated": 0, "duplicates": 0, "failed": 1},
        )
        self.assertEqual(len(report["orders"]), count + 1)
        self.assertEqual(report["orders"][30]["state"], "failed")
        self.assertIn("Line 31", report["orders"][30]["problems"][0])
        orders = self.env["sale.order"].search([("ecom_shop_id", "=", self.shop.id)])
        self.assertEqual(len(orders), count)
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        self.assertEqual(
            sorted(orders.mapped("ecom_external_id")), sorted(str(44000 + n) for n in range(count))
        )
        # Progress: orders done, rate, how far in the file, time left.
        self.assertRegex(
            messages[1],
            r"processed batch 2: 62 orders done, [\d.]+ orders/s, backfill.ndjson 100 % read, "
            r"about 0 s left",
        )
        # Run again: every order known, none made twice.
        self.assertEqual(again["duplicates"], count)
        self.assertEqual(again["imported"], 0)
        self.assertEqual(
            self.env["sale.order"].search_count([("ecom_shop_id", "=", self.shop.id)]), count
        )
