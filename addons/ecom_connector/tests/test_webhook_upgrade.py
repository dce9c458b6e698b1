# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The upgrade to 18.0.2.5 on webhook payloads stored before bodies were deduplicated."""

import hashlib

from odoo.tests import tagged

from ..adapters.canonical import InboundDocument
from ..upgrade_webhooks import set_webhook_body_hashes
from .common import EcomCase


@tagged("post_install", "-at_install")
class TestWebhookUpgrade(EcomCase):
    def store(self, body, delivery_id, source="webhook", webhook_body_hash=None):
        return self.env["ecom.payload"]._ecom_store(
            self.shop,
            [InboundDocument(body=body, external_id=delivery_id)],
            source,
            delivery_id=delivery_id if source == "webhook" else None,
            webhook_body_hash=webhook_body_hash,
        )

    def test_first_payload_of_each_body_gets_the_hash(self):
        # As an 18.0.2.4 database holds them: no body hash, the same body twice.
        first = self.store('{"id": 1}', "d-1")
        replayed = self.store('{"id": 1}', "d-2")
        other = self.store('{"id": 2}', "d-3")
        from_a_file = self.store('{"id": 3}', None, source="file")
        # A body already stored since the upgrade, and an older copy of it.
        new_hash = hashlib.sha256(b'{"id": 4}').hexdigest()
        older_copy = self.store('{"id": 4}', "d-4")
        self.store('{"id": 4}', "d-5", webhook_body_hash=new_hash)
        self.env.flush_all()

        self.assertEqual(set_webhook_body_hashes(self.env.cr), 2)
        self.env.invalidate_all()

        self.assertEqual(first.webhook_body_hash, hashlib.sha256(b'{"id": 1}').hexdigest())
        self.assertEqual(other.webhook_body_hash, other.body_hash)
        self.assertFalse(replayed.webhook_body_hash, "a later copy keeps none")
        self.assertFalse(older_copy.webhook_body_hash, "the body is already guarded")
        self.assertFalse(from_a_file.webhook_body_hash, "files are not webhooks")
        # Run again (a database already upgraded): nothing to do.
        self.assertEqual(set_webhook_body_hashes(self.env.cr), 0)
