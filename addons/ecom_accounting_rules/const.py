# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The accounting's own constants: posting states, rule actions, resolutions.

Codes shared with the connector (statuses, reason codes) live in its const.py.
"""

from odoo.addons.ecom_connector.const import (
    REASON_BEFORE_ACCOUNTING_START,
    REASON_CANCELLED_AFTER_INVOICE,
    REASON_CHARGEBACK,
    REASON_LOST_PARCEL,
    REASON_MISSING_ACCOUNT,
    REASON_PAYOUT_FAILED,
    REASON_PAYOUT_MISMATCH,
    REASON_PAYOUT_UNMATCHED,
    REASON_PLACEHOLDER_CUSTOMER,
    REASON_POSTING_ERROR,
    REASON_REFUND,
    REASON_RULE,
    REASON_SETTLEMENT_MISMATCH,
    REASON_SETTLEMENT_UNKNOWN_TYPE,
    REASON_SETTLEMENT_UNMATCHED,
    REASON_TOTAL_MISMATCH,
    REASON_UNKNOWN_PAYMENT,
    REASON_UNKNOWN_PRODUCT,
    REASON_UNKNOWN_TAX,
    REASON_UNVERIFIED_PAYMENT,
)

# Orders the posting schedule books per transaction (Odoo's cron batch protocol:
# each batch is committed, and the schedule goes on with the next at once).
POSTING_CRON_BATCH = 500

# What made an entry (account.move.ecom_trigger); who asked for it is on the entry too.
ENTRY_TRIGGERS = [
    ("rules", "The posting rules"),
    ("button", "Post to the Books"),
    ("review", "A review item's resolution"),
    ("payout", "A payout's booking"),
]

# Where an imported order stands with the books.
POSTING_STATES = [
    ("pending", "To Post"),
    ("review", "In Review"),
    ("invoiced", "Invoiced, Payment Expected"),
    ("posted", "Invoiced and Paid"),
    ("summary", "In a Daily Summary"),
    ("manual", "Handled by Hand"),
    ("cancelled", "Cancelled, Nothing to Book"),
    ("booked_before", "Already in the Books"),
]
# Orders in the books without an invoice of theirs: nothing to invoice on them.
BOOKED_WITHOUT_INVOICE = ("summary", "booked_before")
# The posting states the command line reports as the order's posting outcome.
REPORTED_POSTING_STATES = ("posted", "invoiced", "review", "summary")

RULE_ACTIONS = [
    ("post", "Invoice, post and register the payment"),
    ("invoice", "Invoice only (payment expected later)"),
    ("review", "Send to review"),
]

POSTING_MODES = [
    ("invoice", "One invoice per order"),
    ("summary", "One summary entry per day"),
]

REVIEW_STATES = [("todo", "To Do"), ("done", "Done"), ("ignored", "Ignored")]

RESOLUTIONS = [
    ("register_payment", "Payment received: register it"),
    ("credit_note", "Credit note from the shop's refund"),
    ("lost_parcel", "Write-off of a lost parcel"),
    ("accept_difference", "Accept the difference"),
    ("post_anyway", "Post anyway"),
    ("manual", "Handled by hand"),
    ("already_booked", "Already in the books (no entry)"),
    ("automatic", "Cleared by the rules"),
    ("payout_difference", "Book the payout's difference"),
    ("payout_rematch", "Match the payout again"),
    ("payout_book_unmatched", "Book unmatched transactions on the clearing account"),
    ("payout_reverse", "Reverse the failed payout"),
    ("dispute_lost", "Accept the lost dispute"),
    ("dispute_won", "Record the won dispute"),
]
# Resolutions of payout items, done by the payout (not by an order's documents).
PAYOUT_RESOLUTIONS = (
    "payout_difference",
    "payout_rematch",
    "payout_book_unmatched",
    "payout_reverse",
    "dispute_lost",
    "dispute_won",
)
DISPUTE_RESOLUTIONS = ("dispute_lost", "dispute_won", "manual")

# Which resolutions make sense for which reason (the wizard offers these).
RESOLUTIONS_BY_REASON = {
    REASON_TOTAL_MISMATCH: ("accept_difference", "post_anyway", "manual"),
    REASON_UNKNOWN_TAX: ("post_anyway", "manual"),
    REASON_UNKNOWN_PAYMENT: ("post_anyway", "manual"),
    REASON_UNVERIFIED_PAYMENT: ("register_payment", "post_anyway", "manual"),
    REASON_UNKNOWN_PRODUCT: ("post_anyway", "manual"),
    REASON_PLACEHOLDER_CUSTOMER: ("post_anyway", "manual"),
    REASON_RULE: ("post_anyway", "manual"),
    REASON_MISSING_ACCOUNT: ("post_anyway", "manual"),
    REASON_POSTING_ERROR: ("post_anyway", "manual"),
    REASON_REFUND: ("credit_note", "post_anyway", "manual"),
    REASON_CANCELLED_AFTER_INVOICE: ("credit_note", "manual"),
    REASON_CHARGEBACK: ("credit_note", "manual"),
    REASON_LOST_PARCEL: ("lost_parcel", "credit_note", "manual"),
    REASON_BEFORE_ACCOUNTING_START: ("already_booked", "post_anyway", "manual"),
    REASON_PAYOUT_MISMATCH: ("payout_difference", "payout_rematch", "manual"),
    REASON_PAYOUT_UNMATCHED: ("payout_rematch", "payout_book_unmatched", "manual"),
    REASON_PAYOUT_FAILED: ("payout_reverse", "manual"),
    REASON_SETTLEMENT_MISMATCH: ("payout_rematch", "manual"),
    REASON_SETTLEMENT_UNKNOWN_TYPE: ("payout_rematch", "manual"),
    REASON_SETTLEMENT_UNMATCHED: ("payout_rematch", "manual"),
}

# Payout providers' webhooks: /ecom/payouts/<provider>/<account set id> (the
# providers that send them, and how they sign, are declared in payouts/<provider>/).
PAYOUT_WEBHOOK_ROUTE = "/ecom/payouts"
# The payout providers' API hosts are fixed in their folders (payouts/<provider>/const.py):
# credentials go there and nowhere else. A test or a demo points a provider at a
# local stand-in through the server's configuration only (odoo.conf), never
# through a field a user can change:
#   ecom_payout_api_override = stripe=http://127.0.0.1:8071,paypal=http://127.0.0.1:8072
# (keys: stripe, paypal, paypal_sandbox; the stand-in also needs ecom_allow_loopback).
CONFIG_PAYOUT_API_OVERRIDE = "ecom_payout_api_override"

# A marketplace shop's own sales journal for its settlements' sales of orders not in
# Odoo: MP1, MP2... (models/ecom_payout_settlement.py, made on the first settlement).
SETTLEMENT_JOURNAL_PREFIX = "MP"
