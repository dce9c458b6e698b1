# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Webhook payloads are unique per shop and body: the stored ones get their hash first."""

from odoo.addons.ecom_connector.upgrade_webhooks import set_webhook_body_hashes


def migrate(cr, version):
    if not version:
        return
    set_webhook_body_hashes(cr)
