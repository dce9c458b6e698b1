# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The vocabulary of both addons: platforms, statuses, reason and warning codes, routes, limits.

Plain Python (no ORM), so the adapters import it too; the accounting addon
imports the codes it shares from here.
"""

# The platforms' codes and names. What each can do (pull, webhooks, stock, shipments)
# is declared in its folder, platforms/<code>/__init__.py (see platforms/registry.py).
PLATFORMS = [
    ("shopify", "Shopify"),
    ("woocommerce", "WooCommerce"),
    ("prestashop", "PrestaShop"),
    ("magento", "Magento 2 / Adobe Commerce"),
    ("csv", "CSV export"),
    ("amazon", "Amazon"),
    ("mirakl", "Mirakl marketplace"),
]

# A shop order's payment status, as every adapter gives it, with its label on screens.
FINANCIAL_STATUS_SELECTION = [
    ("pending", "Awaiting Payment"),  # bank transfer, cash on delivery, awaiting payment
    ("authorized", "Authorized"),  # payment authorised, not captured
    ("paid", "Paid"),
    ("partially_paid", "Partially Paid"),
    ("partially_refunded", "Partially Refunded"),
    ("refunded", "Refunded"),
    ("voided", "Voided"),  # authorisation voided / payment failed
    ("chargeback", "Charged Back"),  # the customer's bank took the payment back
    ("disputed", "Disputed"),  # the customer disputes the payment with their bank
]
FINANCIAL_STATUSES = tuple(code for code, _label in FINANCIAL_STATUS_SELECTION)
CHARGEBACK_STATUSES = ("chargeback", "disputed")
REFUND_STATUSES = ("refunded", "partially_refunded")
# A shop order's fulfilment status, with its label on screens.
FULFILLMENT_STATUS_SELECTION = [
    ("unfulfilled", "Not Shipped"),
    ("partial", "Partly Shipped"),
    ("fulfilled", "Shipped"),
    ("lost", "Lost in Transit"),
]
FULFILLMENT_STATUSES = tuple(code for code, _label in FULFILLMENT_STATUS_SELECTION)
LOST_FULFILLMENT_STATUSES = ("lost",)
# Kinds of a shop payment: those that moved money to the seller, and those that took it back.
CAPTURED_PAYMENT_KINDS = ("sale", "capture")
CHARGEBACK_PAYMENT_KINDS = ("chargeback",)

# Reasons an order waits for a person (records of ecom.reason, data in data/ecom_reason_data.xml).
REASON_APPLIES_TO = [
    ("hold", "Holds the import"),
    ("review", "Sends to review"),
    ("both", "Holds the import and sends to review"),
]
REASON_TOTAL_MISMATCH = "total_mismatch"
REASON_UNKNOWN_TAX = "unknown_tax"
REASON_UNKNOWN_PAYMENT = "unknown_payment"
REASON_REFUND = "refund"
REASON_CANCELLED_AFTER_INVOICE = "cancelled_after_invoice"
REASON_CHARGEBACK = "chargeback"
REASON_LOST_PARCEL = "lost_parcel"
REASON_UNKNOWN_PRODUCT = "unknown_product"
# The shop sold in a currency not active in Odoo: held until a connector
# manager activates it (a company's currencies are its configuration).
REASON_INACTIVE_CURRENCY = "inactive_currency"
REASON_PLACEHOLDER_CUSTOMER = "placeholder_customer"
# What looks like a business (a company name) but cannot be identified: an
# invalid VAT number or SIREN/SIRET, or a French company with neither. Held
# until a person completes the partner (orders/customer_kind.py).
REASON_CUSTOMER_TO_COMPLETE = "customer_to_complete"
REASON_RULE = "rule"
REASON_MISSING_ACCOUNT = "missing_account"
REASON_POSTING_ERROR = "posting_error"
REASON_BEFORE_ACCOUNTING_START = "before_accounting_start"
# A tax the import created from the shop's (rate, title, country): one review
# item per created tax, for the accountant to check its accounts and tags.
REASON_TAX_CREATED = "tax_created"

# What the import does with a shop tax that matches no tax of the company.
UNKNOWN_TAX_POLICIES = [
    ("hold", "Hold the order for review"),
    ("create", "Create the tax"),
]
# Where a shop tax stands among a line's several taxes (empty: a simple tax).
# A compound tax is computed on the price plus the simple taxes before it;
# those simple taxes are then "in the base" of the compound one (Odoo's
# "Affect Base of Subsequent Taxes" on them, a higher sequence on it).
TAX_COMPOUND_BASE = "base"
TAX_COMPOUND = "compound"
TAX_COMPOUND_ROLES = [
    (TAX_COMPOUND_BASE, "In the base of compound taxes"),
    (TAX_COMPOUND, "Compound"),
]
REASON_UNVERIFIED_PAYMENT = "unverified_payment"

# What an adapter noticed in an order without refusing it: (code, sentence)
# pairs in ShopOrder.warnings. The sentence is for people; only the code is read.
WARNING_UNKNOWN_STATUS = "unknown_status"
WARNING_PRESENTMENT_CURRENCY = "presentment_currency"
WARNING_SEVERAL_GATEWAYS = "several_gateways"
WARNING_NO_PAYMENT_METHOD = "no_payment_method"
WARNING_TAX_RATE_ESTIMATED = "tax_rate_estimated"
WARNING_TRASHED = "trashed"
WARNING_PLACEHOLDER_CUSTOMER = REASON_PLACEHOLDER_CUSTOMER
# A part of the order the payload gave only as a total (shipping, discount,
# taxes) was rebuilt from it (adapters/totals.py).
WARNING_REBUILT_FROM_TOTALS = "rebuilt_from_totals"
# A business customer (VAT number) in another EU country, on lines the shop
# did not tax: the intra-EU 0 % tax of the fiscal position applies.
WARNING_INTRA_EU_B2B = "intra_eu_b2b"
# A customer in another EU country on untaxed lines without a VAT number.
WARNING_UNTAXED_EU_NO_VAT = "untaxed_eu_no_vat"
# The shop's total and the order's differ by no more than the shop's rounding
# tolerance: listed in the import report with its amount, holds nothing.
WARNING_ROUNDING_DIFFERENCE = "rounding_difference"
# An address's country code that no country of Odoo has: the address is kept without it.
WARNING_UNKNOWN_COUNTRY = "unknown_country"
# Warnings that hold the order: their code is the hold reason's.
HOLDING_WARNINGS = (WARNING_PLACEHOLDER_CUSTOMER,)
# A display text of the order (a name, an address line, a title) was longer
# than the import takes, and was cut (adapters/checks.py).
WARNING_TEXT_CUT = "text_cut"
# An identifier of the order (external id, SKU, reference, e-mail...) is
# longer than the import takes: the order is refused (cut, it would name
# something else).
PROBLEM_TEXT_TOO_LONG = "text_too_long"
# The longest texts the import takes from a shop, in characters: an index
# entry holds at most 2,704 bytes, and a character takes up to 4 in UTF-8.
MAX_ID_LENGTH = 255  # external ids, SKUs, barcodes, references, transaction ids, VAT numbers
MAX_EMAIL_LENGTH = 254  # the longest address RFC 5321 allows
MAX_NAME_LENGTH = 256  # names, companies, address lines, phones
MAX_TITLE_LENGTH = 512  # line, shipping and fee titles (the names of created products)
# What a refund without an id is known by: its order's id, this, and a digest
# of its content (adapters/checks.py), the same at every import of the order.
DERIVED_REFUND_ID = "{order}-refund-{digest}"

# Payment gateway codes the platforms send, with the name people know them by
# (shown on payment mappings and posting rules; an unknown code is shown as sent).
GATEWAY_SELECTION = [
    ("shopify_payments", "Shopify Payments"),
    ("paypal", "PayPal"),
    ("ppcp-gateway", "PayPal"),
    ("paypal_express", "PayPal Express"),
    ("stripe", "Stripe"),
    ("stripe_official", "Stripe"),
    ("stripe_payments", "Stripe"),
    ("woocommerce_payments", "WooPayments"),
    ("braintree", "Braintree"),
    ("mollie", "Mollie"),
    ("klarna", "Klarna"),
    ("alma", "Alma"),
    ("payplug", "PayPlug"),
    ("amazon_payments", "Amazon Pay"),
    ("gift_card", "Gift Card"),
    ("bacs", "Bank Transfer"),
    ("banktransfer", "Bank Transfer"),
    ("ps_wirepayment", "Bank Transfer"),
    ("cheque", "Check"),
    ("checkmo", "Check / Money Order"),
    ("ps_checkpayment", "Check"),
    ("cod", "Cash on Delivery"),
    ("cashondelivery", "Cash on Delivery"),
    ("manual", "Manual Payment"),
]

PAYLOAD_STATES = [
    ("new", "New"),
    ("queued", "Queued"),
    ("done", "Done"),
    ("held", "Held"),  # imported, but the order waits for a person (its hold reasons)
    ("failed", "Failed"),
    ("duplicate", "Duplicate"),
    ("skipped", "Skipped"),
]

PAYLOAD_SOURCES = [
    ("file", "File"),
    ("pull", "Pull"),
    ("webhook", "Webhook"),
    ("command", "Command Line"),
    ("manual", "Manual"),
]
# Where an order's data came from: what the shop itself said, authenticated
# (pulled with the shop's credentials, a signed webhook, or a file the server's
# operator imported), or a file a user uploaded. The posting rules post the
# payments of the first kind only, unless a rule accepts the others.
ORDER_ORIGINS = PAYLOAD_SOURCES
TRUSTED_ORIGINS = ("pull", "webhook", "command")

# Who the customer of a web order is, for the French e-invoicing reform: a business
# (B2B: its invoice is an e-invoice) or a consumer (B2C: its sale is e-reported).
CUSTOMER_KIND_B2B = "b2b"
CUSTOMER_KIND_B2C = "b2c"
CUSTOMER_KINDS = [(CUSTOMER_KIND_B2B, "Business"), (CUSTOMER_KIND_B2C, "Consumer")]
# The operation category of a sale (a mandatory mention of French e-invoices):
# per product goods or services; an invoice with both is mixed.
OPERATION_GOODS = "goods"
OPERATION_SERVICES = "services"
OPERATION_MIXED = "mixed"
PRODUCT_OPERATION_CATEGORIES = [(OPERATION_GOODS, "Goods"), (OPERATION_SERVICES, "Services")]
OPERATION_CATEGORIES = [*PRODUCT_OPERATION_CATEGORIES, (OPERATION_MIXED, "Goods and Services")]

# How many payloads one queue job processes.
JOB_BATCH_SIZE = 50

# Webhooks: the route shops call (followed by the shop's id), the largest body
# accepted (a large Shopify order is about 100 kB), and how long the trace of
# each call is kept.
WEBHOOK_ROUTE = "/ecom/webhook"
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
    ("not_stored", "Could not be stored"),
]
# Seconds a stock change waits before it is sent to the shop, so that the
# changes of those seconds go in one batch.
STOCK_PUSH_DELAY = 60

# Pulling orders from the shops' APIs (see models/ecom_shop_pull.py).
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

# Payouts: the money a payment provider pays out to the seller's bank, and the
# balance transactions it is made of (models in ecom_accounting_rules, where each
# provider, its API details and its webhooks are declared: payouts/<provider>/).
PAYOUT_STATUSES = [
    ("scheduled", "Scheduled"),
    ("in_transit", "In Transit"),
    ("paid", "Paid"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]
PAYOUT_LINE_TYPES = [
    ("charge", "Charge"),
    ("refund", "Refund"),
    ("dispute", "Dispute / Chargeback"),
    ("dispute_reversal", "Dispute Reversal"),
    ("adjustment", "Adjustment"),
    ("reserve", "Reserve"),
    ("advance", "Advance"),
    ("fee", "Fee"),
    ("transfer", "Transfer (the payout itself)"),
    ("other", "Other"),
]
REASON_PAYOUT_MISMATCH = "payout_mismatch"
REASON_PAYOUT_UNMATCHED = "payout_unmatched"
REASON_PAYOUT_FAILED = "payout_failed"

# Outgoing calls (clients/http.py): the largest answer read (an order page of
# 250 Shopify orders is a few MB; decompressed size counts), and the server
# options (odoo.conf) that let the tests' and demos' stand-ins on this machine be
# called. Production leaves ecom_allow_loopback off.
HTTP_MAX_RESPONSE_BYTES = 20 * 1024 * 1024
CONFIG_ALLOW_LOOPBACK = "ecom_allow_loopback"

# Personal data in stored payloads (see adapters/redaction.py). A shop keeps a
# payload's personal parts this many days (its default) after the connector is
# done with it; then they are masked with REDACTED, and what the books need stays.
PAYLOAD_RETENTION_DAYS = 90
# How many payloads one run of the redaction schedule masks before it hands over.
REDACTION_BATCH = 500
REDACTED = "[redacted]"
# Payload states the redaction schedule takes (new, queued: not processed yet).
REDACTABLE_STATES = ("done", "held", "duplicate", "skipped", "failed")
# Keys whose value is personal wherever they are, also at the end of a longer
# key ("billing_phone", "customer_ip_address", "_wc_order_attribution_user_agent").
# Keys are compared lower case, spaces, dashes and dots as "_", outer "_" dropped.
# A key of an object or a list (an address, the customer) masks all it holds but
# PERSONAL_KEPT_KEYS. In lists of {"key"/"name": ..., "value": ...} pairs
# (WooCommerce meta_data, Shopify note_attributes) the pair's key counts.
PERSONAL_KEYS = frozenset(
    {
        # whom: names, company, birth, the customer's ids at the shop
        "first_name", "last_name", "middle_name", "full_name",
        "firstname", "lastname", "middlename", "fullname",
        "customer_prefix", "customer_suffix", "company", "dob", "birthday", "birthdate",
        "date_of_birth", "gender", "dni", "customer_id", "id_customer", "customer_address_id",
        "multipass_identifier",
        # objects about the customer and their addresses (everything in them)
        "customer", "billing_address", "shipping_address", "default_address", "addresses",
        "address", "destination", "client_details",
        "note_attributes", "links",
        # how to reach them
        "email", "phone", "phone_mobile", "mobile", "telephone", "fax",
        # where they live
        "address1", "address2", "address3", "address_1", "address_2", "address_3",
        "street", "street1", "street2", "street_1", "street_2", "city", "zip", "zipcode",
        "postcode", "postal_code", "latitude", "longitude",
        # their device
        "ip", "ip_address", "x_forwarded_for", "user_agent", "accept_language", "session_hash",
        "referrer", "landing_site", "referring_site",
        # what they wrote
        "note", "comment", "gift_message",
        # their card
        "cc_owner", "cc_last4", "cc_exp_month", "cc_exp_year", "credit_card_name",
        "credit_card_number", "credit_card_bin", "credit_card_expiration_month",
        "credit_card_expiration_year",
        # links and keys that open the customer's order page at the shop
        "token", "order_key", "secure_key", "protect_code", "order_status_url",
        "view_order_url", "payment_url", "tracking_number", "tracking_numbers",
        "tracking_url", "tracking_urls",
    }
)  # fmt: skip
# Kept inside a personal object, because the books need them: the country and
# state (VAT, OSS), the customer's VAT and company ids, tax exemption, currency.
PERSONAL_KEPT_KEYS = frozenset(
    {
        "country", "country_code", "country_id", "id_country", "country_name", "country_iso",
        "province", "province_code", "state", "state_code", "id_state", "region",
        "region_code", "region_id", "vat", "vat_number", "vat_id", "vat_no", "taxvat",
        "tax_id", "tax_number", "siret", "siren", "tax_exempt", "tax_exemptions",
        "currency", "address_type",
    }
)  # fmt: skip
# Words that make a key a VAT number's wherever they are in it ("numero_tva", "ust_idnr").
VAT_KEY_WORDS = frozenset({"vat", "tva", "taxvat", "ust", "siret", "siren"})
# The CSV adapter's columns (its canonical keys) that hold personal data.
CSV_PERSONAL_COLUMNS = (
    "customer_name",
    "email",
    "company",
    "phone",
    "billing_street",
    "billing_zip",
    "billing_city",
    "shipping_name",
    "shipping_street",
    "shipping_zip",
    "shipping_city",
)

# Marketplace settlements (Amazon, Mirakl: ecom_accounting_rules, payouts/settlement.py):
# a settlement whose rows do not add up to its deposit, one with a transaction
# type the product does not know (named), and one whose orders or sales cannot
# be booked as they are (an order in Odoo without its payment, a sale whose VAT
# matches no tax). Each books nothing until a person looks.
REASON_SETTLEMENT_MISMATCH = "settlement_mismatch"
REASON_SETTLEMENT_UNKNOWN_TYPE = "settlement_unknown_type"
REASON_SETTLEMENT_UNMATCHED = "settlement_unmatched"

# E-reporting (Flux 10.3): the category of a day's aggregated transactions with
# individuals (TT-81), as the administration's rules list them (G1.68).
EREPORTING_CATEGORY_GOODS = "TLB1"  # deliveries of goods taxed in France
EREPORTING_CATEGORY_SERVICES = "TPS1"  # services taxed in France
EREPORTING_CATEGORY_NOT_TAXABLE = "TNT1"  # not taxable in France (OSS sales, exports)
EREPORTING_CATEGORY_MARGIN = "TMA1"  # VAT on the margin (second-hand goods)
EREPORTING_CATEGORIES = [
    (EREPORTING_CATEGORY_GOODS, "Goods"),
    (EREPORTING_CATEGORY_SERVICES, "Services"),
    (EREPORTING_CATEGORY_NOT_TAXABLE, "Not taxable in France"),
    (EREPORTING_CATEGORY_MARGIN, "Margin scheme"),
]
# French e-reporting of web sales (B2C and sales to foreign businesses): the VAT regimes
# that set its periods, the states of a period and the kinds of its exports.
VAT_REGIME_NORMAL_MONTHLY = "normal_monthly"
VAT_REGIME_NORMAL_QUARTERLY = "normal_quarterly"
VAT_REGIME_SIMPLIFIED = "simplified"
VAT_REGIME_FRANCHISE = "franchise"
EREPORTING_PERIOD_STATES = [
    ("draft", "To Check"),
    ("checked", "Matches the Ledger"),
    ("exported", "Exported"),
]
EREPORTING_EXPORT_INITIAL = "initial"
EREPORTING_EXPORT_CORRECTIVE = "corrective"
EREPORTING_EXPORT_KINDS = [
    (EREPORTING_EXPORT_INITIAL, "Initial"),
    (EREPORTING_EXPORT_CORRECTIVE, "Corrective"),
]
