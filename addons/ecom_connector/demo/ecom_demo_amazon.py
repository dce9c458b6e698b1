# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The demo's Amazon.fr seller account: a marketplace shop and its orders.

Loaded with the rest of the demo (demo/ecom_demo.py's ``load_demo``). Its orders
come as the Selling Partner API gives them (demo/amazon_orders.json: ``getOrders``'
``payload``, each order with the items ``getOrderItems`` returns embedded as
``OrderItems``, as the shop's pull stores them): one shipped by the seller (FBM),
one Fulfilled by Amazon (FBA: it leaves from the *Amazon FBA* warehouse), an
Amazon Business order with the buyer's VAT number, a promotion, and one placed
after the settlement the accounting demo books (still in transit).

Amazon collects the customers' money: the shop's ``amazon`` gateway is its own
journal, whose outstanding receipts account is Amazon's clearing receivable
(411710 *Amazon.fr à encaisser*); the settlement clears it.
"""

from odoo import Command
from odoo.tools.misc import file_path

from . import ecom_demo

AMAZON_DEMO_CODE = "DEMOAMZ"
AMAZON_FR_MARKETPLACE = "A13V1IB3VIYZZH"
ORDERS_FILE = "amazon_orders.json"
JOURNAL_CODE = "AMZFR"
CLEARING_CODE = "411710"


def amazon_journal(env):
    """The company's Amazon.fr journal, its payments waiting on 411710 (found or made)."""
    return ecom_demo.clearing_journal(
        env, "Amazon.fr", JOURNAL_CODE, CLEARING_CODE, "Amazon.fr à encaisser"
    )


def amazon_demo_shop(env, import_orders=True):
    """The demo Amazon.fr shop, with its orders imported (idempotent).

    :param import_orders: whether to import the demo orders into a shop that has
        none yet (the accounting demo makes the shop first, to give it its books)
    :return: the ``ecom.shop``
    """
    company = env.company
    Shop = env["ecom.shop"]
    shop = Shop.search([("code", "=", AMAZON_DEMO_CODE), ("company_id", "=", company.id)], limit=1)
    if not shop:
        warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        team = env["crm.team"].search([("company_id", "in", (company.id, False))], limit=1)
        shop = Shop.create(
            {
                "name": "Boutique Démo (Amazon.fr)",
                "code": AMAZON_DEMO_CODE,
                "platform": "amazon",
                "amazon_region": "eu",
                "amazon_marketplace_id": AMAZON_FR_MARKETPLACE,
                "company_id": company.id,
                "warehouse_id": warehouse.id,
                "team_id": team.id,
                "unknown_product_policy": "hold",
                "payment_map_ids": [
                    Command.create({"gateway": "amazon", "journal_id": amazon_journal(env).id})
                ],
            }
        )
    if import_orders and not env["ecom.payload"].search_count([("shop_id", "=", shop.id)], limit=1):
        with open(file_path(f"ecom_connector/demo/{ORDERS_FILE}"), "rb") as demo_file:
            content = demo_file.read()
        shop._ecom_receive_file(content, ORDERS_FILE)._ecom_process()
    return shop
