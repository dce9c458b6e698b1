# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The posting part of `odoo ecom bench` (the connector's cli/bench.py calls it).

Odoo's per-order flow (create the invoice, post it, register its payment with
the payment wizard, one order at a time) against the rules' batch posting,
on orders imported in the same run. Figures, not assertions.
"""

import json

from odoo import Command

from odoo.addons.ecom_connector.cli.bench import compare_flows


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
