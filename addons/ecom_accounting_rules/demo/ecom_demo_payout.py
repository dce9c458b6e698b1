# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The demo shop's Shopify Payments payout, booked, and its deposit on the bank statement.

Loaded with the rest of the demo (demo/ecom_demo.py). The demo orders paid by
Shopify Payments wait on the journal's own clearing account (511500); one
payout of the provider pays most of them out: their charges and fees, one
refund, one chargeback with its fee. Its entry clears the order payments, and
the bank statement line of the deposit, in the Banque journal, is reconciled
with it as soon as it is created. The last orders stay in transit.
"""

import json
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from odoo.tools.misc import file_path

from odoo.addons.ecom_connector.demo.ecom_demo import clearing_journal

JOURNAL_CODE = "SHPAY"
CLEARING_CODE = "511500"
PAYOUT_ID = 700100
PAYOUT_DATE = date(2026, 11, 12)
REFUND_ORDER_ID = 5105
DISPUTED_ORDER_ID = "5003"
# Shopify Payments' online rate in France (1.4 % + 0.25 €) and its chargeback fee.
FEE_RATE = Decimal("0.014")
FEE_FIXED = Decimal("0.25")
DISPUTE_FEE = Decimal("15.00")
# Orders paid after the payout's cut-off stay in transit.
IN_TRANSIT = 2


def receive_demo_file(shop, name):
    """The Shopify orders of the file demo/``name`` stored in ``shop``'s inbox.

    :return: the ``ecom.payload`` records, to process
    """
    with open(file_path(f"ecom_accounting_rules/demo/{name}"), "rb") as demo_file:
        return shop._ecom_receive_file(demo_file.read(), name)


def shopify_payments_journal(env):
    """The journal of the demo shop's Shopify Payments gateway, with its clearing account.

    Made before the connector's demo shop, in sequence before the chart's
    Banque journal (7): the connector maps the gateway to the first bank
    journal, which is then this one, and the deposits reach Banque.
    """
    return clearing_journal(
        env, "Shopify Payments", JOURNAL_CODE, CLEARING_CODE, "Shopify Payments à encaisser", 6
    )


def map_gateway(shop, journal):
    """The shop's Shopify Payments gateway on ``journal``, while no order of it is posted."""
    mapping = shop.payment_map_ids.filtered(lambda m: m.gateway == "shopify_payments")
    if mapping.journal_id == journal:
        return
    posted = shop.env["sale.order"].search_count(
        [("ecom_shop_id", "=", shop.id), ("ecom_posting_state", "=", "posted")], limit=1
    )
    if posted:
        return
    if mapping:
        mapping.journal_id = journal
    else:
        shop.env["ecom.payment.map"].create(
            {"shop_id": shop.id, "gateway": "shopify_payments", "journal_id": journal.id}
        )


def payout_demo(shop):
    """One paid Shopify Payments payout over the demo orders, booked and bank reconciled.

    Idempotent. :return: the ``ecom.payout``, or an empty recordset when the
    shop's Shopify Payments gateway has no journal of its own (a database
    whose demo shop was made before this).
    """
    env = shop.env
    payout = find_demo_payout(shop, PAYOUT_ID)
    journal = shop._ecom_gateway_journal("shopify_payments")
    if payout or journal.code != JOURNAL_CODE:
        return payout
    refund_payment = _refund_paid_back(shop)
    charges = _paid_orders(shop, journal)[:-IN_TRANSIT]
    transactions = [
        charge_transaction(PAYOUT_ID, order, payment.amount, payment.date)
        for order, payment in charges
    ]
    if refund_payment:
        order = env["sale.order"].search(
            [("ecom_shop_id", "=", shop.id), ("ecom_external_id", "=", str(REFUND_ORDER_ID))]
        )
        transactions.append(refund_transaction(PAYOUT_ID, order, refund_payment))
    disputed = next((o for o, _p in charges if o.ecom_external_id == DISPUTED_ORDER_ID), None)
    if disputed:
        transactions.append(
            _transaction(
                PAYOUT_ID,
                "dispute",
                disputed,
                -_decimal(disputed.amount_total),
                DISPUTE_FEE,
                date(2026, 11, 10),
            )
        )
    return book_demo_payout(
        shop,
        PAYOUT_ID,
        PAYOUT_DATE,
        transactions,
        date(2026, 11, 13),
        f"VIR SEPA SHOPIFY INTERNATIONAL LTD {PAYOUT_ID}",
    )


def find_demo_payout(shop, payout_id):
    """The company's Shopify Payments payout ``payout_id``, if the demo made it already."""
    return shop.env["ecom.payout"].search(
        [
            ("company_id", "=", shop.company_id.id),
            ("provider", "=", "shopify_payments"),
            ("external_id", "=", str(payout_id)),
        ]
    )


def book_demo_payout(shop, payout_id, payout_date, transactions, bank_date, bank_label):
    """Shopify Payments' paid payout ``payout_id`` of ``transactions``, received and booked,
    and the bank statement line of its deposit on ``bank_date`` (reconciled with it as
    soon as it is created).

    :param transactions: balance transactions as :func:`charge_transaction` makes them
    :return: the ``ecom.payout``
    """
    env = shop.env
    for index, transaction in enumerate(transactions, start=1):
        transaction["id"] = payout_id * 100 + index
    net = sum(Decimal(t["net"]) for t in transactions)
    content = {
        "payouts": [
            {
                "id": payout_id,
                "status": "paid",
                "date": payout_date.isoformat(),
                "currency": shop.company_id.currency_id.name,
                "amount": str(net),
            }
        ],
        "transactions": transactions,
    }
    result = env["ecom.payout"]._ecom_import_content(
        "shopify_payments", json.dumps(content).encode(), "demo_payout.json", shop=shop
    )
    payout = result["payouts"].filtered(lambda p: p.external_id == str(payout_id))
    if payout.state == "booked":
        # The deposit as the bank's statement shows it.
        env["account.bank.statement.line"].create(
            {
                "journal_id": payout.account_set_id.bank_journal_id.id,
                "date": bank_date,
                "amount": payout.amount,
                "payment_ref": bank_label,
            }
        )
    return payout


def charge_transaction(payout_id, order, amount, when):
    """The charge of ``amount`` of ``order``, less Shopify Payments' fee, in ``payout_id``."""
    amount = _decimal(amount)
    fee = (amount * FEE_RATE + FEE_FIXED).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return _transaction(payout_id, "charge", order, amount, fee, when)


def refund_transaction(payout_id, order, refund_payment):
    """The refund of ``order`` paid back by ``refund_payment``, in ``payout_id`` (no fee)."""
    return _transaction(
        payout_id,
        "refund",
        order,
        -_decimal(refund_payment.amount),
        Decimal(0),
        refund_payment.date,
    )


def _paid_orders(shop, journal):
    """The shop's posted orders and their payment in ``journal``, oldest first."""
    orders = shop.env["sale.order"].search(
        [("ecom_shop_id", "=", shop.id), ("ecom_posting_state", "=", "posted")],
        order="date_order, id",
    )
    pairs = []
    for order in orders:
        payment = (
            order.invoice_ids.filtered(lambda m: m.move_type == "out_invoice")
            ._get_reconciled_payments()
            .filtered(lambda p, j=journal: p.journal_id == j and p.payment_type == "inbound")[:1]
        )
        if payment:
            pairs.append((order, payment))
    return pairs


def _refund_paid_back(shop):
    """Order 5105, paid by Shopify Payments and posted; one T-shirt refunded and paid back."""
    env = shop.env
    receive_demo_file(shop, "demo_5105.json")._ecom_process()
    receive_demo_file(shop, "demo_5105_refund.json")._ecom_process()
    sale = env["sale.order"].search(
        [("ecom_shop_id", "=", shop.id), ("ecom_external_id", "=", str(REFUND_ORDER_ID))]
    )
    item = sale.ecom_review_item_ids.filtered(
        lambda i: i.reason_code == "refund" and i.state == "todo"
    )
    if not item:
        return env["account.payment"]
    wizard = (
        env["ecom.review.resolve"]
        .with_context(default_item_id=item.id)
        .create({"item_id": item.id, "resolution": "credit_note"})
    )
    wizard.action_apply()
    return item.credit_note_id._get_reconciled_payments()


def _transaction(payout_id, kind, order, amount, fee, when):
    """A Shopify Payments balance transaction of ``order``, signed as Shopify signs it."""
    moment = datetime.combine(when, time(9, 0)).isoformat() + "+01:00"
    return {
        "type": kind,
        "test": False,
        "payout_id": payout_id,
        "payout_status": "paid",
        "currency": order.currency_id.name,
        "amount": str(amount),
        "fee": str(fee),
        "net": str(amount - fee),
        "source_type": "Payments::Dispute" if kind == "dispute" else kind,
        "source_order_id": int(order.ecom_external_id),
        "processed_at": moment,
    }


def _decimal(value):
    return Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)
