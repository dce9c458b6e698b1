"""Constants of the posting rules and the review queue."""

# Where an imported order stands with the books.
POSTING_STATES = [
    ("pending", "To Post"),
    ("review", "In Review"),
    ("invoiced", "Invoiced, Payment Expected"),
    ("posted", "Invoiced and Paid"),
    ("summary", "In a Daily Summary"),
    ("manual", "Handled by Hand"),
    ("cancelled", "Cancelled, Nothing to Book"),
]
# The posting outcome the command line reports, by posting state.
OUTCOMES = {"posted": "posted", "invoiced": "invoiced", "review": "review", "summary": "summary"}

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
    ("credit_note", "Credit note from the shop's refund"),
    ("lost_parcel", "Write-off of a lost parcel"),
    ("accept_difference", "Accept the difference"),
    ("post_anyway", "Post anyway"),
    ("manual", "Handled by hand"),
    ("automatic", "Cleared by the rules"),
]

# Shop payment statuses (canonical, see ecom_connector's adapters).
FINANCIAL_STATUSES = (
    "pending",
    "authorized",
    "partially_paid",
    "paid",
    "partially_refunded",
    "refunded",
    "voided",
    "chargeback",
)
CHARGEBACK_STATUSES = ("chargeback", "disputed")
REFUND_STATUSES = ("refunded", "partially_refunded")
LOST_FULFILLMENT_STATUSES = ("lost",)
# Shop payments that moved money to the seller.
CAPTURED_PAYMENT_KINDS = ("sale", "capture")
CHARGEBACK_PAYMENT_KINDS = ("chargeback",)

# Review reason codes raised by the guards (data in data/ecom_review_reason_data.xml).
REASON_TOTAL_MISMATCH = "total_mismatch"
REASON_UNKNOWN_TAX = "unknown_tax"
REASON_UNKNOWN_PAYMENT = "unknown_payment"
REASON_REFUND = "refund"
REASON_CANCELLED_AFTER_INVOICE = "cancelled_after_invoice"
REASON_CHARGEBACK = "chargeback"
REASON_LOST_PARCEL = "lost_parcel"
REASON_UNKNOWN_PRODUCT = "unknown_product"
REASON_PLACEHOLDER_CUSTOMER = "placeholder_customer"
REASON_RULE = "rule"
REASON_MISSING_ACCOUNT = "missing_account"
REASON_POSTING_ERROR = "posting_error"
# Connector hold reasons that become review reasons of the same code.
HOLD_REASONS = (
    REASON_TOTAL_MISMATCH,
    REASON_UNKNOWN_TAX,
    REASON_UNKNOWN_PRODUCT,
    REASON_PLACEHOLDER_CUSTOMER,
)
# Which resolutions make sense for which reason (the wizard offers these).
RESOLUTIONS_BY_REASON = {
    REASON_TOTAL_MISMATCH: ("accept_difference", "post_anyway", "manual"),
    REASON_UNKNOWN_TAX: ("post_anyway", "manual"),
    REASON_UNKNOWN_PAYMENT: ("post_anyway", "manual"),
    REASON_UNKNOWN_PRODUCT: ("post_anyway", "manual"),
    REASON_PLACEHOLDER_CUSTOMER: ("post_anyway", "manual"),
    REASON_RULE: ("post_anyway", "manual"),
    REASON_MISSING_ACCOUNT: ("post_anyway", "manual"),
    REASON_POSTING_ERROR: ("post_anyway", "manual"),
    REASON_REFUND: ("credit_note", "post_anyway", "manual"),
    REASON_CANCELLED_AFTER_INVOICE: ("credit_note", "manual"),
    REASON_CHARGEBACK: ("credit_note", "manual"),
    REASON_LOST_PARCEL: ("lost_parcel", "credit_note", "manual"),
}
