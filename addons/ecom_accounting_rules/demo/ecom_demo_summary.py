# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The demo's second way of booking: a Shopify shop booked in daily summaries.

Loaded with the rest of the demo (demo/ecom_demo.py). Four orders over two days
become two summary entries (one per day, a line per tax rate and gateway, no
invoice); the shop then refunds a T-shirt of one of them, and the accountant
resolves it with a credit note and its refund payment.
"""

from odoo import Command

from .ecom_demo_payout import receive_demo_file

SUMMARY_CODE = "DEMO-JOUR"
JOURNAL_CODE = "STRP"
# Its orders 5201-5204 (3 and 4 November) and the refund of 5202 (7 November), as files:
# made once with the tests' Shopify generators (tests/test_demo.py checks they still agree).
ORDERS_FILE = "demo_outlet.json"
REFUND_FILE = "demo_outlet_refund.json"


def summary_shop_demo(env):
    """The shop booked in daily summaries, its orders summarised and one refund resolved.

    Idempotent. :return: the ``ecom.shop``
    """
    company = env.company
    Shop = env["ecom.shop"]
    shop = Shop.search([("code", "=", SUMMARY_CODE), ("company_id", "=", company.id)], limit=1)
    if shop:
        return shop
    Journal = env["account.journal"]
    journal = Journal.search(
        [("company_id", "=", company.id), ("code", "=", JOURNAL_CODE)], limit=1
    ) or Journal.create(
        {"name": "Stripe", "code": JOURNAL_CODE, "type": "bank", "company_id": company.id}
    )
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    shop = Shop.create(
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
