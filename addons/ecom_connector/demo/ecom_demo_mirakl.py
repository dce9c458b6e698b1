# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The demo's Mirakl marketplace shop: *Boutique Démo (Fnac)*, sold through Fnac-Darty.

Three orders as Mirakl's seller API returns them (OR11, demo/mirakl_orders.json):
two received by their buyers, one still to ship; two of them by the same
buyer through two different relay addresses (one customer in Odoo, found by
its Mirakl customer id). The marketplace collects the money: the orders are
paid through the ``mirakl`` gateway, in a Fnac-Darty journal whose clearing
account is the marketplace's receivable (``411720`` *Fnac-Darty à encaisser*),
as an accountant keeps each marketplace's money apart. Called from
``load_demo`` (demo/ecom_demo.py); idempotent, so an existing demo database
gets it on its next upgrade.
"""

from odoo import Command
from odoo.tools.misc import file_path

from . import ecom_demo

MIRAKL_DEMO_CODE = "DEMOFNAC"
ORDERS_FILE = "mirakl_orders.json"
JOURNAL_CODE = "FNAC"
CLEARING_CODE = "411720"


def mirakl_demo_shop(env):
    """The demo Mirakl shop of the current company, with its orders imported.

    Sets up first what its orders need and the main demo may not have made yet
    (the French seller's taxes, the catalogue): it is called before the main
    demo shop is made.
    :return: the ``ecom.shop``
    """
    Shop = env["ecom.shop"]
    shop = Shop.search(
        [("code", "=", MIRAKL_DEMO_CODE), ("company_id", "=", env.company.id)], limit=1
    )
    if shop:
        return shop
    ecom_demo._french_seller(env, env.company)
    ecom_demo._catalogue(env)
    shop = Shop.create(
        {
            "name": "Boutique Démo (Fnac)",
            "code": MIRAKL_DEMO_CODE,
            "platform": "mirakl",
            "company_id": env.company.id,
            "mirakl_operator": "Fnac-Darty",
            "unknown_product_policy": "hold",
            "payment_map_ids": [
                Command.create({"gateway": "mirakl", "journal_id": _marketplace_journal(env).id})
            ],
        }
    )
    with open(file_path(f"ecom_connector/demo/{ORDERS_FILE}"), "rb") as demo_file:
        shop._ecom_receive_file(demo_file.read(), ORDERS_FILE)._ecom_process()
    return shop


def _marketplace_journal(env):
    """The Fnac-Darty journal, its payments on the marketplace's clearing receivable."""
    # After the company's own bank journals: the demo's other shops map the first one.
    return ecom_demo.clearing_journal(
        env, "Fnac-Darty", JOURNAL_CODE, CLEARING_CODE, "Fnac-Darty à encaisser", sequence=20
    )
