# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""PayPal's API details."""

# Its API's hosts, live and sandbox: the account set's client id and secret go
# there and nowhere else (endpoint names "paypal" and "paypal_sandbox" in
# clients.payouts.api_base_url).
HOST = "https://api-m.paypal.com"
SANDBOX_HOST = "https://api-m.sandbox.paypal.com"
# Transaction Search answers windows of at most 31 days.
MAX_WINDOW_DAYS = 31
