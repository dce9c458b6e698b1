# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""`odoo ecom bench`: our batch import against Odoo's standard per-order flow.

Both import the same generated Shopify orders into the same database, in one
run, and everything is rolled back afterwards. The standard flow is what an
integration without batching does for each order: look up or create the
customer and products, create the sale order, confirm it, flush — one order
per transaction. Figures, not assertions: machines differ, ratios speak.
With ecom_accounting_rules installed, its cli/bench.py adds a posting part.
"""

import json
import resource
import time

from odoo import Command

from ..demo.samples import shopify_order

SKUS = [f"BENCH-{n:03d}" for n in range(40)]


def bench_orders(count, start_id):
    """``count`` varied orders over a small catalogue and a few repeat customers."""
    orders = []
    for n in range(count):
        lines = tuple(
            (
                SKUS[(n * 7 + k) % len(SKUS)],
                f"Produit {(n * 7 + k) % len(SKUS)}",
                1 + k % 3,
                "19.90",
                "0.00",
                "20",
            )
            for k in range(1 + n % 4)
        )
        orders.append(
            shopify_order(
                order_id=start_id + n,
                lines=lines,
                email=f"client{n % (count // 3 + 1)}@bench.example",
            )
        )
    return orders


def _standard_flow(env, orders):
    """One order at a time, as the ORM is used without batching."""
    Partner, Product, SaleOrder = env["res.partner"], env["product.product"], env["sale.order"]
    tax = env["account.tax"].search([("type_tax_use", "=", "sale"), ("amount", "=", 20)], limit=1)
    for order in orders:
        with env.cr.savepoint():
            partner = Partner.search([("email", "=", order["email"])], limit=1) or Partner.create(
                {"name": order["billing_address"]["name"], "email": order["email"]}
            )
            lines = []
            for item in order["line_items"]:
                product = Product.search(
                    [("default_code", "=", item["sku"])], limit=1
                ) or Product.create(
                    {"name": item["title"], "default_code": item["sku"], "is_storable": True}
                )
                lines.append(
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": item["quantity"],
                            "price_unit": float(item["price"]),
                            "tax_id": [Command.set(tax.ids)],
                        }
                    )
                )
            shipping = order["shipping_lines"][0]
            lines.append(
                Command.create(
                    {
                        "product_id": env.ref("ecom_connector.product_shipping").id,
                        "price_unit": float(shipping["price"]),
                        "tax_id": [Command.set(tax.ids)],
                    }
                )
            )
            sale_order = SaleOrder.create({"partner_id": partner.id, "order_line": lines})
            sale_order.action_confirm()
            env.flush_all()


def _measure(env, label, function):
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    function()
    env.flush_all()
    seconds = time.perf_counter() - started
    return {
        "flow": label,
        "seconds": round(seconds, 3),
        "queries": env.cr.sql_log_count - queries,
        # The process's peak resident memory so far (KiB on Linux): it only grows,
        # so the second flow's figure bounds both.
        "process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def compare_flows(standard, standard_count, batch, batch_count):
    """Both flows' figures with their orders per second, and how many times the batch
    flow was faster (``speed_ratio``) and made fewer queries (``query_ratio``)."""
    for figures, count in ((standard, standard_count), (batch, batch_count)):
        figures["orders_per_second"] = (
            round(count / figures["seconds"], 1) if figures["seconds"] else None
        )
    return {
        "flows": [standard, batch],
        "speed_ratio": round(standard["seconds"] / batch["seconds"], 2)
        if batch["seconds"]
        else None,
        "query_ratio": round(standard["queries"] / batch["queries"], 2)
        if batch["queries"]
        else None,
    }


def run_benchmark(env, count, progress):
    """Import ``count`` orders both ways; returns the figures (a dict). Rolls back."""
    shop = env["ecom.shop"].create(
        {
            "name": "Benchmark",
            "code": "BENCH",
            "platform": "shopify",
            "unknown_product_policy": "create",
        }
    )
    if not env["account.tax"].search_count([("type_tax_use", "=", "sale"), ("amount", "=", 20)]):
        env["account.tax"].create({"name": "TVA 20% (bench)", "amount": 20, "type_tax_use": "sale"})
    standard_orders = bench_orders(count, 800000)
    ours_orders = bench_orders(count, 900000)
    progress(f"standard per-order flow: {count} orders...")
    standard = _measure(
        env, "odoo_standard_per_order", lambda: _standard_flow(env, standard_orders)
    )

    def ours():
        payloads = shop._ecom_receive_file(
            json.dumps({"orders": ours_orders}).encode(), "bench.json"
        )
        for start in range(0, len(payloads), 50):
            payloads[start : start + 50]._ecom_process()

    progress(f"ecom batch import: {count} orders...")
    batch = _measure(env, "ecom_batch_import", ours)
    imported = env["sale.order"].search_count(
        [("ecom_shop_id", "=", shop.id), ("state", "=", "sale")]
    )
    more = {}
    if env["ir.module.module"]._get("ecom_accounting_rules").state == "installed":
        # The accounting addon's part: posting imported orders both ways.
        from odoo.addons.ecom_accounting_rules.cli.bench import bench_posting

        more["posting"] = bench_posting(shop, count, progress, _measure, bench_orders)
    env.cr.rollback()
    return {
        "orders": count,
        "ecom_orders_confirmed": imported,
        **compare_flows(standard, count, batch, count),
        "note": "ratio > 1: the batch import is faster than the standard flow; "
        "the batch also stores every payload and checks totals.",
        **more,
    }
