# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The posting part of `odoo ecom bench` (the connector's cli/bench.py calls it).

Odoo's per-order flow (create the invoice, post it, register its payment with
the payment wizard, one order at a time) against the rules' batch posting,
on orders imported in the same run. Figures, not assertions.
"""

import json

from odoo import Command

from odoo.addons.ecom_connector.cli.bench import (
    bench_orders,
    bench_taxes,
    compare_flows,
    standard_order,
)


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
                env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=invoice.ids
                ).create({"journal_id": journal.id})._create_payments()
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

    def standard():
        Register = env["account.payment.register"]
        for order in bench_orders(count, 600000, "standard.example", currency):
            with env.cr.savepoint():
                sale_order = standard_order(env, order, taxes)
                invoice = sale_order._create_invoices()
                invoice.action_post()
                Register.with_context(active_model="account.move", active_ids=invoice.ids).create(
                    {"journal_id": journal.id}
                )._create_payments()
                env.flush_all()

    def ours(shop, start_id, domain):
        def run():
            shop_c = shop.with_company(company).with_context(ecom_post_sync=True)
            payloads = shop_c._ecom_receive_file(
                json.dumps({"orders": bench_orders(count, start_id, domain, currency)}).encode(),
                f"bench-{shop.code}.json",
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
    standard_seconds = figures["standard"]["seconds"]
    return {
        "orders": count,
        **figures,
        "posting_states": outcomes,
        "per_order_ratio": round(standard_seconds / figures["per_order"]["seconds"], 2),
        "summary_ratio": round(standard_seconds / figures["summary"]["seconds"], 2),
        "note": "ratio > 1: ours is faster, from the shop's order to the paid invoice "
        "(per_order) or the day's summary entry (summary); ours also stores every "
        "payload, checks totals, guards and rules, and reconciles.",
    }
