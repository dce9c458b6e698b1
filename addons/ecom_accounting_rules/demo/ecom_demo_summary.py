# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The demo's second way of booking: a Shopify shop booked in daily summaries.

Loaded with the rest of the demo (demo/ecom_demo.py). Four orders over two days
become two summary entries (one per day, a line per tax rate and gateway, no
invoice); the shop then refunds a T-shirt of one of them, and the accountant
resolves it with a credit note and its refund payment.
"""

import json

from odoo import Command

from odoo.addons.ecom_connector.demo.samples import shopify_order, shopify_refund

SUMMARY_CODE = "DEMO-JOUR"
JOURNAL_CODE = "STRP"
REFUNDED_ORDER_ID = 5202
TSHIRT = ("TSHIRT-BIO-M", "T-shirt coton bio M", 2, "20.75", "0.00", "20")
MUG = ("MUG-ARDOISE", "Mug ardoise", 1, "10.42", "0.00", "20")


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
            "accountant_id": env.ref("base.user_admin").id,
            "payment_map_ids": [
                Command.create({"gateway": "shopify_payments", "journal_id": journal.id})
            ],
        }
    )
    orders = [
        _order(5201, "2026-11-03T10:15:00+01:00", (TSHIRT,), "claire.fabre@example.fr"),
        _order(
            REFUNDED_ORDER_ID, "2026-11-03T16:40:00+01:00", (TSHIRT, MUG), "yanis.roy@example.fr"
        ),
        _order(5203, "2026-11-04T09:05:00+01:00", (MUG,), "emma.leroy@example.fr"),
        _order(5204, "2026-11-04T18:30:00+01:00", (TSHIRT,), "louis.girard@example.fr"),
    ]
    shop._ecom_receive_file(
        json.dumps({"orders": orders}).encode(), "demo_outlet.json"
    )._ecom_process()
    refunded = _order(
        REFUNDED_ORDER_ID,
        "2026-11-03T16:40:00+01:00",
        (TSHIRT, MUG),
        "yanis.roy@example.fr",
        updated_at="2026-11-07T11:00:00+01:00",
        financial_status="partially_refunded",
    )
    refunded["refunds"] = [
        shopify_refund(
            9601, REFUNDED_ORDER_ID * 100 + 1, "24.90", "2026-11-07T11:00:00+01:00", "Trop grand"
        )
    ]
    shop._ecom_receive_file(
        json.dumps({"orders": [refunded]}).encode(), "demo_outlet_refund.json"
    )._ecom_process()
    item = env["ecom.review.item"].search(
        [("shop_id", "=", shop.id), ("reason_code", "=", "refund"), ("state", "=", "todo")]
    )
    for one in item:
        env["ecom.review.resolve"].with_context(default_item_id=one.id).create(
            {"item_id": one.id, "resolution": "credit_note"}
        ).action_apply()
    return shop


def _order(order_id, placed_at, lines, email, **values):
    order = shopify_order(order_id, lines=lines, email=email, **values)
    order["created_at"] = order["processed_at"] = placed_at
    return order
