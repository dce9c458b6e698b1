# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Mirakl's payment details: the transaction lines API (TL02), its types, the cycle export.

TL02's path, paging, fields, types and payment states are those of Mirakl's seller
OpenAPI (developer.mirakl.com, "TL02 - List transaction lines") and of Mirakl's PHP
shop SDK (mirakl/sdk-php-shop: TransactionLine, TransactionType,
TransactionLogState). The cycle export's column names are NOT from a public
source: see docs/accounting.md.
"""

from ..settlement import FEE, FEE_TAX, RESERVE, SALE, SALE_TAX, TRANSFER, WITHHELD_TAX

# TL02: the transaction lines of the seller's shop, at the operator's instance
# (the Mirakl shop's address: Mirakl has no host of its own).
TRANSACTIONS_PATH = "/api/sellerpayment/transactions_logs"
# Seek pagination: ``limit`` (documented maximum 2000), then ``page_token`` with the
# previous answer's ``next_page_token`` (the other parameters are then ignored).
PAGE_SIZE = 100
# payment_state: PENDING, PAYABLE, PAID, NOT_APPLICABLE, RESERVE. A cycle whose
# PAYMENT line is PAID is paid; others wait.
PAID_STATES = ("PAID",)

# TL02's transaction types → (kind, fee category). Documented types left out on purpose
# (a cycle holding one goes to review, named, with nothing booked): the operator-paid
# shipping (OPERATOR_PAID_*), the purchase-order model (PURCHASE_*) and order fees
# collected for the seller (ORDER_FEE_AMOUNT...), whose booking is not settled here.
TYPES = {
    "ORDER_AMOUNT": (SALE, None),
    "ORDER_SHIPPING_AMOUNT": (SALE, None),
    "ORDER_AMOUNT_TAX": (SALE_TAX, None),
    "ORDER_SHIPPING_AMOUNT_TAX": (SALE_TAX, None),
    "REFUND_ORDER_AMOUNT": (SALE, None),
    "REFUND_ORDER_SHIPPING_AMOUNT": (SALE, None),
    "REFUND_ORDER_AMOUNT_TAX": (SALE_TAX, None),
    "REFUND_ORDER_SHIPPING_AMOUNT_TAX": (SALE_TAX, None),
    "OPERATOR_REMITTED_ORDER_AMOUNT_TAX": (WITHHELD_TAX, None),
    "OPERATOR_REMITTED_ORDER_SHIPPING_AMOUNT_TAX": (WITHHELD_TAX, None),
    "OPERATOR_REMITTED_REFUND_ORDER_AMOUNT_TAX": (WITHHELD_TAX, None),
    "OPERATOR_REMITTED_REFUND_ORDER_SHIPPING_AMOUNT_TAX": (WITHHELD_TAX, None),
    "COMMISSION_FEE": (FEE, "commission"),
    "COMMISSION_VAT": (FEE_TAX, "commission"),
    "REFUND_COMMISSION_FEE": (FEE, "refund_commission"),
    "REFUND_COMMISSION_VAT": (FEE_TAX, "refund_commission"),
    "SUBSCRIPTION_FEE": (FEE, "subscription"),
    "SUBSCRIPTION_VAT": (FEE_TAX, "subscription"),
    "SELLER_FEE_ON_ORDER": (FEE, "order_fee"),
    "SELLER_FEE_ON_ORDER_TAX": (FEE_TAX, "order_fee"),
    "SELLER_PENALTY_FEE": (FEE, "penalty"),
    "SELLER_PENALTY_FEE_TAX": (FEE_TAX, "penalty"),
    # The operator's own invoices and credit notes to the seller, and one-off items.
    "MANUAL_INVOICE": (FEE, "manual"),
    "MANUAL_INVOICE_VAT": (FEE_TAX, "manual"),
    "MANUAL_CREDIT": (FEE, "manual"),
    "MANUAL_CREDIT_VAT": (FEE_TAX, "manual"),
    "INVOICEABLE_ONE_OFF_DEBIT": (FEE, "one_off"),
    "INVOICEABLE_ONE_OFF_DEBIT_TAX": (FEE_TAX, "one_off"),
    "INVOICEABLE_ONE_OFF_CREDIT": (FEE, "one_off"),
    "INVOICEABLE_ONE_OFF_CREDIT_TAX": (FEE_TAX, "one_off"),
    "RESERVE_FUNDING": (RESERVE, None),
    "RESERVE_SETTLEMENT": (RESERVE, None),
    "PAYMENT": (TRANSFER, None),
}
# The payment cycle export (CSV): its columns (English, French) → the TL02 type
# (column names of our own reading of the back office's export, not verified against a
# public specification: a file whose columns differ is refused, naming them)
# of the amount, and the sign the column's positive amounts have for the seller.
CYCLE_COLUMNS = (
    (("Order amount", "Montant commande"), "ORDER_AMOUNT", 1),
    (("Order amount tax", "Taxe montant commande"), "ORDER_AMOUNT_TAX", 1),
    (("Shipping amount", "Frais de port"), "ORDER_SHIPPING_AMOUNT", 1),
    (("Shipping amount tax", "Taxe frais de port"), "ORDER_SHIPPING_AMOUNT_TAX", 1),
    (("Commission", "Commission"), "COMMISSION_FEE", -1),
    (("Commission tax", "Taxe commission"), "COMMISSION_VAT", -1),
    (("Refunded order amount", "Montant commande remboursé"), "REFUND_ORDER_AMOUNT", -1),
    (("Refunded order amount tax", "Taxe montant remboursé"), "REFUND_ORDER_AMOUNT_TAX", -1),
    (("Refunded shipping amount", "Frais de port remboursés"), "REFUND_ORDER_SHIPPING_AMOUNT", -1),
    (
        ("Refunded shipping amount tax", "Taxe frais de port remboursés"),
        "REFUND_ORDER_SHIPPING_AMOUNT_TAX",
        -1,
    ),
    (("Refunded commission", "Commission remboursée"), "REFUND_COMMISSION_FEE", 1),
    (("Refunded commission tax", "Taxe commission remboursée"), "REFUND_COMMISSION_VAT", 1),
    (("Subscription", "Abonnement"), "SUBSCRIPTION_FEE", -1),
    (("Subscription tax", "Taxe abonnement"), "SUBSCRIPTION_VAT", -1),
)
CYCLE_ID = ("Accounting document number", "Numéro de document comptable")
CYCLE_DATE = ("Payment date", "Date de paiement")
CYCLE_TOTAL = ("Amount paid", "Montant payé")
ORDER_ID = ("Order ID", "N° de commande")
CURRENCY = ("Currency", "Devise")


def kind_of(provider_type):
    """``(kind, fee category)`` of a TL02 type; ``None`` for one the product does not know."""
    return TYPES.get(provider_type)


def operator_vat(day):
    """None: Mirakl gives the VAT of its fees apart (COMMISSION_VAT...)."""
    return None
