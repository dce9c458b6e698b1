# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The demo's Amazon.fr settlement, booked, and its deposit on the bank statement.

Loaded with the rest of the demo (demo/ecom_demo.py). The connector's Amazon.fr
shop (its demo/ecom_demo_amazon.py) has its orders posted by the rules: their
payments wait on Amazon's clearing receivable (411710). Amazon's settlement
report of 2–16 November 2026 (demo/amazon_settlement.txt, the report V2 flat
file as Seller Central downloads it) then pays them out with:

- two orders of 2 November sold before the shop was connected (not in Odoo):
  booked from the report, in the shop's sales journal, on their day;
- a T-shirt of an October order (not in Odoo) refunded on 9 November;
- commissions, FBA fulfilment fees, October's FBA storage and the monthly
  subscription: one vendor bill of Amazon EU SARL, 20 % French VAT deductible;
- a reserve held (25.00 €, on 467500 until the next settlement releases it).

The deposit (108.13 €) is on the bank statement the next day, reconciled with
the settlement as soon as it is created. The order of 17 November is in the next
settlement: it stays in transit.
"""

from datetime import date

from odoo.tools.misc import file_path

from odoo.addons.ecom_connector.demo.ecom_demo_amazon import AMAZON_DEMO_CODE, amazon_demo_shop

SALE_JOURNAL = ("VTAMZ", "Ventes Amazon.fr")
SETTLEMENT_FILE = "amazon_settlement.txt"
SETTLEMENT_ID = "24105683011"
BANK_DATE = date(2026, 11, 19)
# The operator the settlement's bill names (payouts/amazon/const.py), as its invoices
# show it: Amazon EU SARL's French branch, which charges French VAT on its fees.
OPERATOR = {
    "name": "Amazon EU SARL",
    "is_company": True,
    "street": "67 boulevard du Général Leclerc",
    "zip": "92110",
    "city": "Clichy",
    "vat": "FR12487773327",
}


def amazon_books_demo(env):
    """The Amazon.fr shop made before the connector's demo imports its orders, with a
    sales journal of its own (Ventes Amazon.fr): its November invoices keep their own
    chronological sequence beside the other demo shops' (a shared journal would date
    them on the day the demo is loaded). Idempotent.

    :return: the ``ecom.shop`` (empty when the company is not French)
    """
    company = env.company
    if (company.account_fiscal_country_id or company.country_id).code != "FR":
        return env["ecom.shop"]
    shop = amazon_demo_shop(env, import_orders=False)
    if not shop.sale_journal_id and not shop.order_count:
        code, name = SALE_JOURNAL
        Journal = env["account.journal"]
        shop.sale_journal_id = Journal.search(
            [("company_id", "=", company.id), ("code", "=", code)], limit=1
        ) or Journal.create(
            {
                "name": name,
                "code": code,
                "type": "sale",
                "company_id": company.id,
                "refund_sequence": True,
            }
        )
    return shop


def amazon_settlement_demo(env):
    """The Amazon.fr shop's settlement, booked and its deposit reconciled.

    Only for a French seller (Amazon EU SARL charges French VAT on its fees to a
    French seller; the demo's VAT is the French chart's). Idempotent.
    :return: the ``ecom.payout`` (empty when there is nothing to book)
    """
    company = env.company
    Payout = env["ecom.payout"]
    if (company.account_fiscal_country_id or company.country_id).code != "FR":
        return Payout
    shop = env["ecom.shop"].search(
        [("code", "=", AMAZON_DEMO_CODE), ("company_id", "=", company.id)], limit=1
    )
    if not shop:
        return Payout
    payout = Payout.search(
        [
            ("company_id", "=", company.id),
            ("provider", "=", "amazon"),
            ("external_id", "=", SETTLEMENT_ID),
        ]
    )
    if payout:
        return payout
    # Orders imported while this addon was not installed yet go to the rules now.
    waiting = env["sale.order"].search(
        [("ecom_shop_id", "=", shop.id), ("ecom_posting_state", "=", False)]
    )
    waiting.ecom_posting_state = "pending"
    waiting._ecom_queue_posting()
    _operator(env)
    with open(file_path(f"ecom_accounting_rules/demo/{SETTLEMENT_FILE}"), "rb") as demo_file:
        content = demo_file.read()
    result = Payout._ecom_import_content("amazon", content, SETTLEMENT_FILE, shop=shop)
    payout = result["payouts"].filtered(lambda p: p.external_id == SETTLEMENT_ID)
    if payout.state == "booked":
        # The deposit as the bank's statement shows it.
        env["account.bank.statement.line"].create(
            {
                "journal_id": payout.account_set_id.bank_journal_id.id,
                "date": BANK_DATE,
                "amount": payout.amount,
                "payment_ref": f"VIR AMAZON PAYMENTS EUROPE SCA {SETTLEMENT_ID}",
            }
        )
    return payout


def _operator(env):
    """Amazon EU SARL as a supplier contact with its address and VAT number (found by
    name by the settlement's booking), where the company has none of that name."""
    Partner = env["res.partner"]
    found = Partner.search(
        [
            ("name", "=", OPERATOR["name"]),
            ("is_company", "=", True),
            ("company_id", "in", (False, env.company.id)),
        ],
        limit=1,
    )
    return found or Partner.create({**OPERATOR, "country_id": env.ref("base.fr").id})
