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
