# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The demo's Mirakl marketplace, booked: one Fnac-Darty payment cycle and its deposit.

The connector's *Boutique Démo (Fnac)* (ecom_connector/demo/ecom_demo_mirakl.py)
has three orders, paid on the marketplace's clearing receivable (411720). One
payment cycle (demo/mirakl_payment_cycle.json, as TL02 returns its transaction
lines) pays the two received orders out, less Fnac-Darty's commissions and the
month's subscription, each with its VAT: its payout clears the two order
payments, Fnac-Darty's vendor bill is paid from it, and the deposit's bank
statement line, in the company's bank journal, is reconciled with it as soon as
it is created. The order still to ship stays in transit. Idempotent: an
existing demo database gets it on its next upgrade.
"""

from datetime import date

from odoo.tools.misc import file_path

from odoo.addons.ecom_connector.demo.ecom_demo_mirakl import MIRAKL_DEMO_CODE

CYCLE_FILE = "mirakl_payment_cycle.json"
CYCLE_DOCUMENT = "000000000412"
BANK_DATE = date(2026, 11, 18)
BANK_LABEL = f"VIR SEPA FNAC DARTY PARTICIPATIONS {CYCLE_DOCUMENT}"


def mirakl_payout_demo(env):
    """The demo Mirakl shop's orders posted and its payment cycle booked.

    :param env: an environment posting synchronously (context ``ecom_post_sync``)
    :return: the ``ecom.payout``, or an empty recordset without the demo Mirakl shop
    """
    shop = env["ecom.shop"].search(
        [("code", "=", MIRAKL_DEMO_CODE), ("company_id", "=", env.company.id)], limit=1
    )
    Payout = env["ecom.payout"]
    if not shop:
        return Payout
    payout = Payout.search(
        [
            ("company_id", "=", shop.company_id.id),
            ("provider", "=", "mirakl"),
            ("external_id", "=", CYCLE_DOCUMENT),
        ]
    )
    if payout:
        return payout
    # Orders imported before this addon was installed go to the rules now.
    waiting = env["sale.order"].search(
        [("ecom_shop_id", "=", shop.id), ("ecom_posting_state", "=", False)]
    )
    waiting.ecom_posting_state = "pending"
    waiting._ecom_queue_posting()
    with open(file_path(f"ecom_accounting_rules/demo/{CYCLE_FILE}"), "rb") as demo_file:
        content = demo_file.read()
    result = Payout._ecom_import_content("mirakl", content, CYCLE_FILE, shop=shop)
    payout = result["payouts"].filtered(lambda p: p.external_id == CYCLE_DOCUMENT)
    if payout.state == "booked":
        # The deposit as the bank's statement shows it.
        env["account.bank.statement.line"].create(
            {
                "journal_id": payout.account_set_id.bank_journal_id.id,
                "date": BANK_DATE,
                "amount": payout.amount,
                "payment_ref": BANK_LABEL,
            }
        )
    return payout
