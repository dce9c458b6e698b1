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
