"""Constants shared by the connector's models (platforms, states, reasons)."""

PLATFORMS = [
    ("shopify", "Shopify"),
    ("woocommerce", "WooCommerce"),
    ("prestashop", "PrestaShop"),
    ("csv", "CSV export"),
]

PAYLOAD_STATES = [
    ("new", "New"),
    ("queued", "Queued"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("duplicate", "Duplicate"),
    ("skipped", "Skipped"),
]

PAYLOAD_SOURCES = [
    ("file", "File"),
    ("pull", "Pull"),
    ("webhook", "Webhook"),
    ("manual", "Manual"),
]

# How many payloads one queue job processes.
JOB_BATCH_SIZE = 50

# Webhooks: the largest body accepted (a large Shopify order is about 100 kB),
# and how long the trace of each call is kept.
WEBHOOK_MAX_BYTES = 2 * 1024 * 1024
WEBHOOK_EVENT_KEEP_DAYS = 90
# Why the webhook endpoint answered what it did (kept on each call's trace).
WEBHOOK_REASONS = [
    ("stored", "Stored in the inbox"),
    ("duplicate", "Delivery already received"),
    ("ping", "Ping of a new webhook"),
    ("topic_ignored", "Topic not taken"),
    ("unknown_shop", "No such shop"),
    ("too_large", "Body too large"),
    ("no_secret", "No webhook secret on the shop"),
    ("bad_signature", "Missing or wrong signature"),
    ("bad_body", "Not an order (invalid JSON)"),
]
# Seconds a stock change waits before it is sent to the shop, so that the
# changes of those seconds go in one batch.
STOCK_PUSH_DELAY = 60

# Pulling orders from the shops' APIs (see models/ecom_shop_sync.py).
SYNC_STATES = [
    ("ok", "OK"),
    ("auth_error", "Credentials refused"),
    ("error", "Error"),
]
SYNC_RUN_STATES = [
    ("running", "Running"),
    ("done", "Done"),
    ("failed", "Failed"),
]
SYNC_RUN_TRIGGERS = [
    ("cron", "Scheduled"),
    ("manual", "Import Now"),
    ("cli", "Command line"),
]
# Pages one pull job reads before it hands over to the next job (each job
# commits what it stored, so a failure later loses nothing).
PULL_PAGES_PER_JOB = 20
# The next pull asks for orders updated since the shop's clock at the start of
# the last complete one, less this margin (clock drift, late commits), in minutes.
PULL_CURSOR_MARGIN = 5

# A shop payment's kind and status, as the adapters report them (adapters/canonical.py).
PAYMENT_KINDS = [
    ("sale", "Sale"),
    ("authorization", "Authorization"),
    ("capture", "Capture"),
    ("refund", "Refund"),
    ("chargeback", "Chargeback"),
    ("void", "Void"),
]
PAYMENT_STATUSES = [
    ("success", "Success"),
    ("pending", "Pending"),
    ("failure", "Failure"),
]
