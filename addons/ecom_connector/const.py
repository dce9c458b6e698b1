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

# Why an imported order waits for a person. The values are stable codes:
# the accounting rules and the figures use them.
HOLD_REASONS = [
    ("unknown_product", "Unknown product"),
    ("unknown_tax", "Unknown tax"),
    ("unknown_shipping", "Unknown shipping method"),
    ("total_mismatch", "Total differs from the shop"),
    ("placeholder_customer", "Customer not in the payload"),
]

# How many payloads one queue job processes.
JOB_BATCH_SIZE = 50
