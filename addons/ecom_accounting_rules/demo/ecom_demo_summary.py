# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The demo's second way of booking: a Shopify shop booked in daily summaries.

Loaded with the rest of the demo (demo/ecom_demo.py). Four orders over two days
become two summary entries (one per day, a line per tax rate and gateway, no
invoice); the shop then refunds a T-shirt of one of them, and the accountant
resolves it with a credit note and its refund payment. Shopify Payments then
pays the four orders out, less the refund and its fees: its payout clears each
order's share of the summaries' Shopify Payments receipts and the refund
payment, and its deposit is reconciled with the bank statement line.
"""

from datetime import date

from odoo import Command

from .ecom_demo_payout import (
    book_demo_payout,
    charge_transaction,
    find_demo_payout,
    receive_demo_file,
    refund_transaction,
    shopify_payments_journal,
)

SUMMARY_CODE = "DEMO-JOUR"
PAYOUT_ID = 700200
PAYOUT_DATE = date(2026, 11, 10)
# Its orders 5201-5204 (3 and 4 November) and the refund of 5202 (7 November), as files:
# made once with the tests' Shopify generators (tests/test_demo.py checks they still agree).
ORDERS_FILE = "demo_outlet.json"
REFUND_FILE = "demo_outlet_refund.json"


def summary_shop_demo(env):
    """The shop booked in daily summaries, its orders summarised and one refund resolved.

    Then its Shopify Payments payout (see :func:`summary_payout_demo`).
    Idempotent. :return: the ``ecom.shop``
    """
    company = env.company
    Shop = env["ecom.shop"]
    shop = Shop.search([("code", "=", SUMMARY_CODE), ("company_id", "=", company.id)], limit=1)
    if not shop:
        shop = _summarised_shop(env)
    summary_payout_demo(shop)
    return shop


def _summarised_shop(env):
    """The shop, its two days summarised and its refund resolved."""
    company = env.company
    # Its Shopify Payments account pays out as the other demo shop's does: the
    # same journal, whose payouts clear the summaries' receipts.
    journal = shopify_payments_journal(env)
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    shop = env["ecom.shop"].create(
        {
            "name": "Boutique Démo Outlet (résumés quotidiens)",
            "code": SUMMARY_CODE,
            "platform": "shopify",
            "company_id": company.id,
            "warehouse_id": warehouse.id,
            "posting_mode": "summary",
            "unknown_product_policy": "hold",
            "payment_map_ids": [
                Command.create({"gateway": "shopify_payments", "journal_id": journal.id})
            ],
        }
    )
    receive_demo_file(shop, ORDERS_FILE)._ecom_process()
    receive_demo_file(shop, REFUND_FILE)._ecom_process()
    item = env["ecom.review.item"].search(
        [("shop_id", "=", shop.id), ("reason_code", "=", "refund"), ("state", "=", "todo")]
    )
    for one in item:
        env["ecom.review.resolve"].with_context(default_item_id=one.id).create(
            {"item_id": one.id, "resolution": "credit_note"}
        ).action_apply()
    return shop


def summary_payout_demo(shop):
    """Shopify Payments' paid payout of the summarised orders, less the refund and fees.

    Booked: each charge clears its order's share of its day's Shopify Payments
    receipts line, the refund the refund payment; the deposit is on the bank
    statement the next day. Idempotent. :return: the ``ecom.payout``
    """
    payout = find_demo_payout(shop, PAYOUT_ID)
    if payout:
        return payout
    orders = shop.env["sale.order"].search(
        [("ecom_shop_id", "=", shop.id), ("ecom_posting_state", "=", "summary")],
        order="date_order, id",
    )
    transactions = []
    for order in orders:
        for payment in order._ecom_captured_payments():
            if payment["gateway"] == "shopify_payments":
                transactions.append(
                    charge_transaction(PAYOUT_ID, order, payment["amount"], payment["date"])
                )
    for item in orders.ecom_review_item_ids.filtered(lambda i: i.credit_note_id):
        for refund_payment in item.credit_note_id._get_reconciled_payments():
            transactions.append(refund_transaction(PAYOUT_ID, item.sale_order_id, refund_payment))
    if not transactions:
        return shop.env["ecom.payout"]
    return book_demo_payout(
        shop,
        PAYOUT_ID,
        PAYOUT_DATE,
        transactions,
        date(2026, 11, 11),
        f"VIR SEPA SHOPIFY INTERNATIONAL LTD {PAYOUT_ID}",
    )
