# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Stripe: read with the account set's key; signed webhooks announce the payouts."""

from ..provider import WITH_KEYS, PayoutProvider, Webhook
from . import client, parser
from .const import PAYOUT_EVENTS

PROVIDER = PayoutProvider(
    code="stripe",
    label="Stripe",
    parser=parser,
    client=client.make_client,
    reached=WITH_KEYS,
    webhook=Webhook(
        signature_header="Stripe-Signature",
        verify=parser.verify_signature,
        takes=lambda event: isinstance(event, dict) and event.get("type") in PAYOUT_EVENTS,
    ),
)
