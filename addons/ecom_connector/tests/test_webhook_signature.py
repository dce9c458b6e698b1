# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Webhook signature checks and headers, as pure functions (no database)."""

import json

from odoo.tests import BaseCase, tagged

from ..adapters import get_adapter
from ..adapters.canonical import KIND_ORDER, KIND_REFUND, PayloadError
from ..adapters.webhook import sign, verify_signature
from ..platforms.woocommerce import adapter as woocommerce

BODY = b'{"id": 1}'
SECRET = "hush"
# base64(HMAC-SHA256(BODY, SECRET)), computed once with another tool:
# printf '{"id": 1}' | openssl dgst -sha256 -hmac hush -binary | base64
SIGNATURE = "E9XxLgppVNX12rqWuu0/CN/43MeuZC0xdhRuMq1MPWg="


@tagged("post_install", "-at_install")
class TestWebhookSignature(BaseCase):
    def test_known_signature(self):
        self.assertEqual(sign(BODY, SECRET), SIGNATURE)
        self.assertTrue(verify_signature(BODY, SIGNATURE, SECRET))

    def test_refusals(self):
        self.assertFalse(verify_signature(BODY + b" ", SIGNATURE, SECRET), "tampered body")
        self.assertFalse(verify_signature(BODY, SIGNATURE, "other"), "other secret")
        self.assertFalse(verify_signature(BODY, SIGNATURE, ""), "no secret trusts nothing")
        self.assertFalse(verify_signature(BODY, SIGNATURE, None))
        self.assertFalse(verify_signature(BODY, "", SECRET), "no signature")
        self.assertFalse(verify_signature(BODY, None, SECRET))
        self.assertFalse(verify_signature(BODY, SIGNATURE.lower(), SECRET))
        # A hex digest of the right HMAC is not the base64 one the platforms send.
        self.assertFalse(verify_signature(BODY, "13d5f12e", SECRET))
        # Non-ASCII junk in the header is a refusal, not a crash.
        self.assertFalse(verify_signature(BODY, "é" * 44, SECRET))

    def test_shopify_headers(self):
        shopify = get_adapter("shopify")
        headers = {
            "x-shopify-hmac-sha256": SIGNATURE,  # any case, as proxies rewrite them
            "X-Shopify-Topic": "orders/create",
            "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
        }
        self.assertTrue(shopify.verify_webhook(BODY, headers, SECRET))
        self.assertFalse(shopify.verify_webhook(BODY, headers, "other"))
        self.assertFalse(shopify.verify_webhook(BODY, {}, SECRET))
        # WooCommerce's header is not Shopify's.
        self.assertFalse(
            shopify.verify_webhook(BODY, {"X-WC-Webhook-Signature": SIGNATURE}, SECRET)
        )
        delivery = shopify.webhook_headers(headers)
        self.assertEqual(delivery.topic, "orders/create")
        self.assertEqual(delivery.delivery_id, "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
        self.assertEqual(delivery.signature, SIGNATURE)

    def test_woocommerce_headers_and_ping(self):
        adapter = get_adapter("woocommerce")
        headers = {
            "X-WC-Webhook-Signature": SIGNATURE,
            "X-WC-Webhook-Topic": "order.updated",
            "X-WC-Webhook-Delivery-ID": "7f1c",
        }
        self.assertTrue(adapter.verify_webhook(BODY, headers, SECRET))
        self.assertFalse(adapter.verify_webhook(BODY, headers, ""))
        delivery = adapter.webhook_headers(headers)
        self.assertEqual((delivery.topic, delivery.delivery_id), ("order.updated", "7f1c"))
        self.assertTrue(woocommerce.is_webhook_ping(b"webhook_id=12", {}, {}))
        self.assertTrue(woocommerce.is_webhook_ping(b"", {}, {"webhook_id": "12"}))
        self.assertFalse(woocommerce.is_webhook_ping(b"webhook_id=12&x=1", {}, {}))
        self.assertFalse(woocommerce.is_webhook_ping(b"", {}, {"webhook_id": "12", "x": "1"}))
        # A signed call is never a ping, whatever its body.
        self.assertFalse(woocommerce.is_webhook_ping(b"webhook_id=12", headers, {}))

    def test_topics_and_documents(self):
        adapter = get_adapter("shopify")
        self.assertEqual(
            adapter.webhook_topics,
            {
                "orders/create": KIND_ORDER,
                "orders/updated": KIND_ORDER,
                "orders/cancelled": KIND_ORDER,
                "refunds/create": KIND_REFUND,
            },
        )
        order = b'{"id": 450789469, "updated_at": "2026-11-02T10:00:00+01:00"}'
        (document,) = adapter.webhook_documents(order, "orders/cancelled")
        self.assertEqual((document.kind, document.external_id), (KIND_ORDER, "450789469"))
        self.assertEqual(str(document.revision), "2026-11-02 09:00:00")
        refund = json.dumps(
            {"id": 509562969, "order_id": 450789469, "created_at": "2026-11-03T12:00:00Z"}
        ).encode()
        (document,) = adapter.webhook_documents(refund, "refunds/create")
        # The refund's order, not the refund's own id, identifies the payload.
        self.assertEqual((document.kind, document.external_id), (KIND_REFUND, "450789469"))
        self.assertIsNone(document.error)
        (document,) = adapter.webhook_documents(b'{"id": 5}', "refunds/create")
        self.assertEqual(document.error, "The refund names no order (order_id).")
        with self.assertRaises(PayloadError):
            adapter.webhook_documents(b"{not json", "orders/create")
        woo = get_adapter("woocommerce")
        self.assertEqual(set(woo.webhook_topics), {"order.created", "order.updated"})
        self.assertFalse(get_adapter("prestashop").webhook_topics)
        self.assertFalse(get_adapter("csv").webhook_topics)
