# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Stripe's API details: where its API is, which webhook events the payouts take."""

# Its API's host: the account set's key goes there and nowhere else (a test
# points it elsewhere through the server's configuration only, see
# clients.payouts.api_base_url; endpoint name "stripe").
HOST = "https://api.stripe.com"
# Webhook events taken (the account set's endpoint, /ecom/payouts/stripe/<id>),
# and how old (seconds) a signed call may be before it is refused as a replay.
PAYOUT_EVENTS = ("payout.paid", "payout.reconciliation_completed", "payout.failed")
SIGNATURE_TOLERANCE = 300
