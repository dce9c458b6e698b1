# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The demo shop, posted: loaded by demo/ecom_demo.xml (the manifest's ``demo``).

Invoices and payments for the connector's demo orders, and review items of
several reasons. Plain functions, called through ``ecom.demo``.
"""

from odoo import Command, api, models

from odoo.addons.ecom_connector.tools import in_company_lang

from .ecom_demo_amazon import amazon_books_demo, amazon_settlement_demo
from .ecom_demo_ereporting import ereporting_demo
from .ecom_demo_mirakl import mirakl_payout_demo
from .ecom_demo_payout import (
    map_gateway,
    payout_demo,
    receive_demo_file,
    shopify_payments_journal,
)
from .ecom_demo_summary import summary_shop_demo

# Accounts a French seller adds for its web shops (code, name, type, company field);
# those the French chart has already (419100) are taken from it.
DEMO_ACCOUNTS = [
    ("658010", "Écarts d'arrondi boutique", "expense", "ecom_rounding_account_id"),
    ("658020", "Écarts acceptés boutique", "expense", "ecom_difference_account_id"),
    ("658030", "Colis perdus", "expense", "ecom_loss_account_id"),
    ("419100", "Cartes cadeaux émises", "liability_current", "ecom_gift_card_account_id"),
]
# The French chart's sale taxes a web shop needs that it leaves inactive (prices with
# tax included, the reduced rate), by their template ids.
FRENCH_SALE_TAXES = ("tva_reduite", "tva_normale_ttc", "tva_reduite_ttc")
# The first of the orders this part adds: when the shop has it, it is done.
FIRST_ORDER_ID = "5101"


def french_books(env):
    """The demo company as a French seller on Odoo's French chart (``l10n_fr_account``).

    Done only where it can be done cleanly: the localisation installed (``./ecom``
    installs it), no entry yet, no shop yet (a shop's journals and taxes would go
    with the chart being replaced). Otherwise the company keeps its chart.
    :return: whether the company now keeps French books
    """
    company = env.company
    if company.chart_template == "fr":
        return True
    installed = env["ir.module.module"]._get("l10n_fr_account").state == "installed"
    if (
        not installed
        or env["ecom.shop"].search_count([("company_id", "=", company.id)], limit=1)
        or company.root_id._existing_accounting()
    ):
        return False
    company.write({"country_id": env.ref("base.fr").id, "name": "Boutique Démo SAS"})
    env["account.chart.template"].try_loading("fr", company, install_demo=False)
    taxes = env["account.tax"]
    for xmlid in FRENCH_SALE_TAXES:
        taxes |= env.ref(f"account.{company.id}_{xmlid}", raise_if_not_found=False) or taxes
    taxes.active = True
    if env["res.lang"]._lang_get("fr_FR"):
        company.partner_id.lang = "fr_FR"
    return True


def set_up_books(env):
    """What the accountant sets up first: the web-shop accounts and the default rules."""
    french_books(env)
    company = env.company
    Account = env["account.account"]
    vals = {}
    for code, name, account_type, field in DEMO_ACCOUNTS:
        if company[field]:
            continue
        account = Account.search(
            [("code", "=", code), ("company_ids", "in", company.id)], limit=1
        ) or Account.create(
            {
                "code": code,
                "name": name,
                "account_type": account_type,
                "company_ids": [Command.set(company.ids)],
            }
        )
        vals[field] = account.id
    if vals:
        company.write(vals)
    # The post-init hook creates them too, but only after the demo data is loaded.
    env["ecom.posting.rule"]._ecom_create_default_rules(company)


def shop_orders(shop):
    """The web orders of ``shop``."""
    return shop.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])


def post_demo(shop):
    """The demo shop, posted: invoices and payments, and review items of several reasons.

    Posts the connector's demo orders (imported before this addon was
    installed, or just now), gives the queue to an accountant, then brings
    the rare cases: a gateway without journal, totals that do not match, a
    refund before posting, a refund after posting and a lost parcel.
    Idempotent.

    :param shop: the connector's demo shop, its environment posting
        synchronously (context ``ecom_post_sync``)
    :return: ``shop``
    """
    env = shop.env
    company = shop.company_id
    SaleOrder = env["sale.order"]
    if SaleOrder.search_count(
        [("ecom_shop_id", "=", shop.id), ("ecom_external_id", "=", FIRST_ORDER_ID)], limit=1
    ):
        return shop
    # Orders imported while this addon was not installed yet go to the rules now.
    waiting = SaleOrder.search([("ecom_shop_id", "=", shop.id), ("ecom_posting_state", "=", False)])
    waiting.ecom_posting_state = "pending"
    waiting._ecom_queue_posting()
    # The company's review accountant gets the activities; "handled by" stays empty
    # until someone takes an item.
    company.ecom_accountant_id = env.ref("base.user_admin")
    unassigned = env["ecom.review.item"].search(
        [("shop_id", "=", shop.id), ("state", "=", "todo"), ("activity_ids", "=", False)]
    )
    unassigned._ecom_schedule_activities()
    paypal = env["account.journal"].search(
        [("company_id", "=", company.id), ("code", "=", "PYPL")], limit=1
    ) or env["account.journal"].create(
        {"name": "PayPal", "code": "PYPL", "type": "bank", "company_id": company.id}
    )
    env["ecom.payment.map"].create(
        {"shop_id": shop.id, "gateway": "paypal", "journal_id": paypal.id}
    )
    # Orders of rare cases: Klarna (no journal), PayPal, a total that does not match
    # the lines, a refund before posting.
    receive_demo_file(shop, "demo_accounting.json")._ecom_process()
    # After posting: the shop refunds one T-shirt of order 5102, and a parcel is lost.
    receive_demo_file(shop, "refund.json")._ecom_process()
    lost = SaleOrder.search(
        [("ecom_shop_id", "=", shop.id), ("ecom_posting_state", "=", "posted")],
        order="id",
        limit=1,
    )
    # Goods lost are written off at cost: the seller's purchase prices (45 % of the
    # shop's prices here), which products created from a shop do not have.
    for line in shop_orders(shop).order_line.filtered(
        lambda line: line.product_id.type == "consu" and not line.product_id.standard_price
    ):
        line.product_id.standard_price = round(line.price_unit * 0.45, 2)
    lost.action_ecom_declare_lost()
    return shop


class EcomDemo(models.AbstractModel):
    _inherit = "ecom.demo"

    @api.model
    def _load(self):
        """The connector's demo shop, posted (see :func:`post_demo`), and its payout.

        See demo/ecom_demo_payout.py: the Shopify Payments journal is made
        before the shop, its payout after the orders are posted.
        """
        demo = self.with_context(ecom_post_sync=True)
        set_up_books(demo.env)
        # What the demo writes (orders, deliveries, chatter) in the French company's language.
        demo = in_company_lang(demo)
        journal = shopify_payments_journal(demo.env)
        amazon_books_demo(demo.env)
        shop = super(EcomDemo, demo)._load()
        map_gateway(shop, journal)
        post_demo(shop)
        payout_demo(shop)
        summary_shop_demo(shop.env)
        ereporting_demo(shop.env)
        amazon_settlement_demo(shop.env)
        mirakl_payout_demo(shop.env)  # demo/ecom_demo_mirakl.py
        return shop
