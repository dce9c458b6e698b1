# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The posting part of `odoo ecom bench` (bench.py's run_benchmark calls it).

Odoo's per-order flow (create the invoice, post it, register its payment with
the payment wizard, one order at a time) against the rules' batch posting,
on orders imported in the same run. Figures, not assertions.
"""

import json

from odoo import Command

from .bench import (
    bench_orders,
    bench_refunds,
    bench_taxes,
    compare_flows,
    is_gift_card_order,
    is_refunded_order,
    standard_order,
)

GIFT_CARD_CODE = "419900"


def bench_accounting_setup(env):
    """What the bench's mix needs of the books, set when missing (rolled back with the rest).

    A gift card liability account on the company (gift card payments are taken
    from it), and full refunds credited and paid back automatically by the rules
    that post (``refund_auto_post_max``, as a seller who trusts the shop's
    refunds sets it): ours then does for a refund what the standard flow does,
    with no accountant in between.
    """
    company = env.company
    if not company.ecom_gift_card_account_id:
        Account = env["account.account"]
        company.ecom_gift_card_account_id = Account.search(
            [("code", "=", GIFT_CARD_CODE), ("company_ids", "in", company.id)], limit=1
        ) or Account.create(
            {
                "name": "Cartes cadeaux (bench)",
                "code": GIFT_CARD_CODE,
                "account_type": "liability_current",
            }
        )
    env["ecom.posting.rule"].search(
        [("action", "=", "post"), ("refund_auto_post_max", "=", 0)]
    ).refund_auto_post_max = 1_000_000


def standard_payment(env, invoice, journal, gift_card=False):
    """Pay a posted invoice as an integration without batching does, per order.

    Paid through a gateway: Odoo's payment wizard in ``journal``. Paid with a
    gift card: an entry taking the amount from the company's gift card
    liability, posted and reconciled with the invoice (Odoo's reconcile).
    """
    if not gift_card:
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"journal_id": journal.id})._create_payments()
        return
    receivable = invoice.line_ids.filtered(
        lambda line: line.account_id.account_type == "asset_receivable"
    )
    common = {"partner_id": invoice.commercial_partner_id.id, "currency_id": invoice.currency_id.id}
    entry = env["account.move"].create(
        {
            "move_type": "entry",
            "journal_id": env["account.journal"]
            .search([("type", "=", "general"), ("company_id", "=", invoice.company_id.id)], limit=1)
            .id,
            "date": invoice.invoice_date,
            "ref": f"Gift card {invoice.name}",
            "line_ids": [
                Command.create(
                    {
                        **common,
                        "name": f"Gift card used: {invoice.name}",
                        "account_id": invoice.company_id.ecom_gift_card_account_id.id,
                        "amount_currency": receivable.amount_residual_currency,
                        "balance": receivable.amount_residual,
                    }
                ),
                Command.create(
                    {
                        **common,
                        "name": invoice.name,
                        "account_id": receivable.account_id.id,
                        "amount_currency": -receivable.amount_residual_currency,
                        "balance": -receivable.amount_residual,
                    }
                ),
            ],
        }
    )
    entry.action_post()
    (
        receivable | entry.line_ids.filtered(lambda line: line.account_id == receivable.account_id)
    ).reconcile()


def standard_refund(env, invoice, journal):
    """A full refund as Odoo's screens make it: the reversal wizard's credit note
    of the invoice, posted, and paid back with the payment wizard in ``journal``.

    :return: the credit note
    """
    reversal = (
        env["account.move.reversal"]
        .with_context(active_model="account.move", active_ids=invoice.ids)
        .create({"reason": "Retour client", "journal_id": invoice.journal_id.id})
    )
    reversal.refund_moves()
    credit_note = reversal.new_move_ids
    credit_note.action_post()
    standard_payment(env, credit_note, journal)
    return credit_note


def bench_posting(shop, count, progress, measure, make_orders):
    """Post ``count`` imported orders per order as Odoo's screens do, and ``count`` in batches.

    The standard flow, per order: create the invoice, post it, register its
    payment with Odoo's payment wizard, flush. Ours: the posting engine on
    batches of 50, as its queue jobs run it (guards, rules, invoices,
    payments and reconciliation). Same run, same kind of orders; the caller
    rolls everything back.

    :param shop: an ``ecom.shop`` that creates unknown products
    :param progress: ``progress(message)`` reports what is being done
    :param measure: ``measure(env, label, function)`` returns a flow's figures
    :param make_orders: ``make_orders(count, start_id)`` returns Shopify orders
    :return: the figures of both flows and their ratios (a dict)
    """
    env = shop.env
    bench_accounting_setup(env)
    journal = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", shop.company_id.id)], limit=1
    )
    shop.payment_map_ids = [
        Command.create({"gateway": "shopify_payments", "journal_id": journal.id})
    ]
    progress(f"importing {2 * count} orders to post...")
    payloads = shop._ecom_receive_file(
        json.dumps({"orders": make_orders(2 * count, 700000)}).encode(), "bench-post.json"
    )
    for start in range(0, len(payloads), 50):
        payloads[start : start + 50]._ecom_process()
    orders = payloads.sale_order_id.filtered(lambda o: o.state == "sale").sorted("id")
    standard_orders, batch_orders = orders[: len(orders) // 2], orders[len(orders) // 2 :]

    def standard():
        for order in standard_orders:
            with env.cr.savepoint():
                invoice = order._create_invoices()
                invoice.action_post()
                gift_card = any(order.ecom_payment_ids.mapped("is_gift_card"))
                standard_payment(env, invoice, journal, gift_card)
                env.flush_all()

    def batch():
        engine = env["ecom.posting.engine"]
        for start in range(0, len(batch_orders), 50):
            engine._post_orders(batch_orders[start : start + 50])

    progress(f"standard per-order posting: {len(standard_orders)} orders...")
    standard_figures = measure(env, "odoo_standard_per_order_posting", standard)
    progress(f"ecom batch posting: {len(batch_orders)} orders...")
    batch_figures = measure(env, "ecom_batch_posting", batch)
    posted = batch_orders.filtered(lambda o: o.ecom_posting_state == "posted")
    return {
        "orders": len(batch_orders),
        "ecom_orders_posted_and_paid": len(posted),
        **compare_flows(standard_figures, len(standard_orders), batch_figures, len(batch_orders)),
        "note": "ratio > 1: batch posting is faster; it also checks the guards and rules, "
        "dates each entry as the shop did and reconciles.",
    }


def _bench_shop(env, code, posting_mode, journal):
    """A shop of the bench: creates unknown products, its payments go to ``journal``."""
    return env["ecom.shop"].create(
        {
            "name": f"Benchmark {code}",
            "code": code,
            "platform": "shopify",
            "unknown_product_policy": "create",
            "posting_mode": posting_mode,
            "payment_map_ids": [
                Command.create({"gateway": "shopify_payments", "journal_id": journal.id})
            ],
        }
    )


def bench_end_to_end(env, count, progress, measure):
    """From the shop's order to the paid invoice (or the day's summary), three ways.

    - ``standard``: what an integration without batching does, one order per
      transaction: find or create the customer and products, create the sale
      order, confirm it (the delivery), create the invoice, post it, register
      its payment with Odoo's payment wizard;
    - ``per_order``: our import then our posting (an invoice and a payment per
      order), as ``odoo ecom import`` runs them, 50 orders a batch;
    - ``summary``: our import then the daily summary entries.

    Each flow has its own orders and customers (same mix); the caller rolls
    everything back.
    :return: the three flows' figures and ``per_order_ratio``, ``summary_ratio``
        (standard seconds ÷ ours)
    """
    company = env.company
    journal = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
    )
    taxes = bench_taxes(env)
    # In the company's currency: a daily summary is in that currency.
    currency = company.currency_id.name

    bench_accounting_setup(env)

    def standard():
        to_refund = []
        for n, order in enumerate(bench_orders(count, 600000, "standard.example", currency)):
            with env.cr.savepoint():
                sale_order = standard_order(env, order, taxes)
                invoice = sale_order._create_invoices()
                invoice.action_post()
                standard_payment(env, invoice, journal, is_gift_card_order(n))
                env.flush_all()
            if is_refunded_order(n):
                to_refund.append(invoice)
        # The refunds come later, as the shop's revisions do in ours.
        for invoice in to_refund:
            with env.cr.savepoint():
                standard_refund(env, invoice, journal)
                env.flush_all()

    def ours(shop, start_id, domain):
        def run():
            shop_c = shop.with_company(company).with_context(ecom_post_sync=True)
            orders = bench_orders(count, start_id, domain, currency)
            # The orders, then the shop's revisions of the refunded ones.
            for name, batch in (("orders", orders), ("refunds", bench_refunds(orders))):
                payloads = shop_c._ecom_receive_file(
                    json.dumps({"orders": batch}).encode(), f"bench-{shop.code}-{name}.json"
                )
                for start in range(0, len(payloads), 50):
                    payloads[start : start + 50]._ecom_process()

        return run

    per_order_shop = _bench_shop(env, "BENCH-E2E-INV", "invoice", journal)
    summary_shop = _bench_shop(env, "BENCH-E2E-SUM", "summary", journal)
    figures = {}
    progress(f"end to end, standard per-order flow: {count} orders...")
    figures["standard"] = measure(env, "standard", standard)
    progress(f"end to end, ecom import and per-order posting: {count} orders...")
    figures["per_order"] = measure(
        env, "per_order", ours(per_order_shop, 500000, "per-order.example")
    )
    progress(f"end to end, ecom import and daily summaries: {count} orders...")
    figures["summary"] = measure(env, "summary", ours(summary_shop, 400000, "summary.example"))
    for flow in figures.values():
        flow.pop("flow")
        flow.pop("process_peak_rss_mb")
        flow["orders_per_second"] = round(count / flow["seconds"], 1) if flow["seconds"] else None
    outcomes = {}
    for key, shop in (("per_order", per_order_shop), ("summary", summary_shop)):
        states = env["sale.order"]._read_group(
            [("ecom_shop_id", "=", shop.id)], ["ecom_posting_state"], ["__count"]
        )
        outcomes[key] = {state or "none": n for state, n in states}
    credited = {
        key: env["account.move"].search_count(
            [("move_type", "=", "out_refund"), ("state", "=", "posted"), *domain]
        )
        for key, domain in (
            ("standard", [("partner_id.email", "=like", "%@standard.example")]),
            ("per_order", [("ecom_shop_id", "=", per_order_shop.id)]),
            ("summary", [("ecom_shop_id", "=", summary_shop.id)]),
        )
    }
    standard_seconds = figures["standard"]["seconds"]
    return {
        "orders": count,
        "mix": {
            "gift_card_orders": sum(1 for n in range(count) if is_gift_card_order(n)),
            "refunded_orders": sum(1 for n in range(count) if is_refunded_order(n)),
        },
        "credit_notes_posted": credited,
        **figures,
        "posting_states": outcomes,
        "per_order_ratio": round(standard_seconds / figures["per_order"]["seconds"], 2),
        "summary_ratio": round(standard_seconds / figures["summary"]["seconds"], 2),
        "note": "ratio > 1: ours is faster, from the shop's order to the paid invoice "
        "(per_order) or the day's summary entry (summary); ours also stores every "
        "payload, checks totals, guards and rules, and reconciles.",
    }
