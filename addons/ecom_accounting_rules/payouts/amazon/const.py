# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Amazon's settlement details: its hosts, its report type, what each row type is, its VAT."""

from datetime import date
from decimal import Decimal

from ..settlement import FEE, RESERVE, SALE, SALE_TAX, WITHHELD_TAX

# The Selling Partner API (Europe) and Login with Amazon: the account set's
# refresh token and app credentials go there and nowhere else (endpoint names
# "amazon" and "amazon_auth" in clients.payouts.api_base_url).
HOST = "https://sellingpartnerapi-eu.amazon.com"
AUTH_HOST = "https://api.amazon.com"
REPORT_TYPE = "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2"
# Reports listed per page (the Reports API's maximum).
PAGE_SIZE = 100
# The columns of the settlement report V2 flat file, in order.
COLUMNS = (
    "settlement-id",
    "settlement-start-date",
    "settlement-end-date",
    "deposit-date",
    "total-amount",
    "currency",
    "transaction-type",
    "order-id",
    "merchant-order-id",
    "adjustment-id",
    "shipment-id",
    "marketplace-name",
    "amount-type",
    "amount-description",
    "amount",
    "fulfillment-id",
    "posted-date",
    "order-item-code",
    "sku",
    "quantity-purchased",
    "promotion-id",
)
# The operator that invoices the fees to a seller of the European marketplaces.
OPERATOR = "Amazon EU SARL"
# Amazon EU SARL's French branch charges French VAT on its fees from this day;
# before, it invoiced from Luxembourg without VAT (reverse charge by the seller).
FRENCH_VAT_SINCE = date(2024, 8, 1)
FRENCH_VAT_RATE = Decimal(20)

# (amount-type, amount-description) → (kind, fee category).
BY_AMOUNT = {
    ("ItemPrice", "Principal"): (SALE, None),
    ("ItemPrice", "Shipping"): (SALE, None),
    ("ItemPrice", "GiftWrap"): (SALE, None),
    ("ItemPrice", "Tax"): (SALE_TAX, None),
    ("ItemPrice", "ShippingTax"): (SALE_TAX, None),
    ("ItemPrice", "GiftWrapTax"): (SALE_TAX, None),
    ("Promotion", "Principal"): (SALE, None),
    ("Promotion", "Shipping"): (SALE, None),
    ("ItemWithheldTax", "MarketplaceFacilitatorVAT-Principal"): (WITHHELD_TAX, None),
    ("ItemWithheldTax", "MarketplaceFacilitatorVAT-Shipping"): (WITHHELD_TAX, None),
    ("ItemWithheldTax", "MarketplaceFacilitatorTax-Principal"): (WITHHELD_TAX, None),
    ("ItemWithheldTax", "MarketplaceFacilitatorTax-Shipping"): (WITHHELD_TAX, None),
    ("ItemFees", "Commission"): (FEE, "commission"),
    ("ItemFees", "RefundCommission"): (FEE, "refund_fee"),
    ("ItemFees", "FBAPerUnitFulfillmentFee"): (FEE, "fulfilment"),
    ("ItemFees", "FBAPerOrderFulfillmentFee"): (FEE, "fulfilment"),
    ("ItemFees", "FBAWeightBasedFee"): (FEE, "fulfilment"),
    ("ItemFees", "ShippingChargeback"): (FEE, "shipping"),
    ("ItemFees", "GiftwrapChargeback"): (FEE, "shipping"),
    ("ItemFees", "ShippingHB"): (FEE, "shipping"),
    ("ItemFees", "FixedClosingFee"): (FEE, "closing"),
    ("ItemFees", "VariableClosingFee"): (FEE, "closing"),
    ("ItemFees", "DigitalServicesFee"): (FEE, "digital_services"),
    ("Cost of Advertising", "TransactionTotalAmount"): (FEE, "advertising"),
}
# Rows of amount-type "other-transaction", by amount-description.
OTHER_TRANSACTIONS = {
    "Current Reserve Amount": (RESERVE, None),
    "Previous Reserve Amount Balance": (RESERVE, None),
    "Storage Fee": (FEE, "storage"),
    "StorageRenewalBilling": (FEE, "storage"),
    "FBA Long-Term Storage Fee": (FEE, "storage"),
    "Subscription Fee": (FEE, "subscription"),
    "DigitalServicesFee": (FEE, "digital_services"),
}
# The country of the customers of each marketplace site (destination VAT).
DESTINATIONS = {
    "amazon.fr": "FR",
    "amazon.de": "DE",
    "amazon.it": "IT",
    "amazon.es": "ES",
    "amazon.nl": "NL",
    "amazon.com.be": "BE",
    "amazon.pl": "PL",
    "amazon.se": "SE",
    "amazon.ie": "IE",
    "amazon.co.uk": "GB",
}


def kind_of(provider_type):
    """``(kind, fee category)`` of a row typed ``transaction-type/amount-type/description``.

    :return: ``None`` for a type the product does not know (its settlement goes to review)
    """
    _transaction, _sep, rest = provider_type.partition("/")
    amount_type, _sep, description = rest.partition("/")
    if amount_type == "other-transaction":
        return OTHER_TRANSACTIONS.get(description)
    return BY_AMOUNT.get((amount_type, description))


def operator_vat(day):
    """The VAT rate Amazon EU SARL charges a French seller on its fees at ``day``, or ``None``."""
    if day and day >= FRENCH_VAT_SINCE:
        return FRENCH_VAT_RATE
    return None


def destination(marketplace):
    return DESTINATIONS.get((marketplace or "").strip().lower())
