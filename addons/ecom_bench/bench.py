# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""`odoo ecom bench`: our batch import against Odoo's standard per-order flow.

Both import the same generated Shopify orders into the same database, in one
run, and everything is rolled back afterwards. The standard flow is what an
integration without batching does for each order: look up or create the
customer and products, create the sale order, confirm it, flush — one order
per transaction. Figures, not assertions: machines differ, ratios speak.
The posting part is bench_posting.py.

``--backfill``, ``--webhooks`` and ``--scale-out`` commit instead: the last two
drive a served Odoo in multi-process mode (bench_served.py).
"""

import contextlib
import importlib.util
import json
import resource
import time
from pathlib import Path

from odoo import Command
from odoo.tools.misc import file_path


def _connector_samples():
    """The connector's sample generators (its tests/samples.py), loaded as a plain module.

    Imported as ``odoo.addons.ecom_connector.tests.samples``, they would bring
    the connector's test modules, and Odoo's test framework, into the bench's
    process: Odoo logs an error when its test framework is imported outside a
    test run.
    """
    spec = importlib.util.spec_from_file_location(
        "ecom_bench_samples", file_path("ecom_connector/tests/samples.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shopify_order = _connector_samples().shopify_order

SKUS = [f"BENCH-{n:03d}" for n in range(40)]
# Every fourth product is a food product at the reduced rate: two tax rates in the mix.
RATES = {sku: "5.5" if n % 4 == 3 else "20" for n, sku in enumerate(SKUS)}


# One order in twenty is paid with a gift card, and one in twenty is refunded
# in full after it was booked (the second and third of every twenty: a mix of
# three orders already has one of each).
MIX_EVERY = 20
GIFT_CARD_AT = 1
REFUNDED_AT = 2


def is_gift_card_order(n):
    """Whether the bench's ``n``-th order is paid with a gift card."""
    return n % MIX_EVERY == GIFT_CARD_AT


def is_refunded_order(n):
    """Whether the bench's ``n``-th order is refunded in full after it was booked."""
    return n % MIX_EVERY == REFUNDED_AT


def bench_orders(count, start_id, domain="bench.example", currency="EUR"):
    """``count`` varied orders over a small catalogue and a few repeat customers.

    A realistic mix: 1 to 5 lines, two tax rates, a discount on every fourth
    order, shipping on every order, about three orders per customer, one order
    in twenty paid with a gift card (the Shopify ``gift_card`` gateway); one
    in twenty is refunded later (see :func:`bench_refunds`).
    """
    orders = []
    for n in range(count):
        lines = []
        for k in range(1 + n % 5):
            sku = SKUS[(n * 7 + k) % len(SKUS)]
            discount = "2.00" if n % 4 == 1 and k == 0 else "0.00"
            lines.append((sku, f"Produit {sku[-3:]}", 1 + k % 3, "19.90", discount, RATES[sku]))
        orders.append(
            shopify_order(
                order_id=start_id + n,
                lines=tuple(lines),
                email=f"client{n % (count // 3 + 1)}@{domain}",
                currency=currency,
            )
        )
        if is_gift_card_order(n):
            orders[-1]["payment_gateway_names"] = ["gift_card"]
    return orders


def _line_subtotal(item):
    """A Shopify line's amount after its discount, as a refund line states it."""
    discount = sum(float(d["amount"]) for d in item["discount_allocations"])
    return f"{item['quantity'] * float(item['price']) - discount:.2f}"


def bench_refunds(orders):
    """The shop's later revision of the mix's refunded orders: each refunded in
    full (every line, the shipping, the whole total back), as Shopify sends it.

    :param orders: what :func:`bench_orders` returned
    :return: the updated orders (Shopify order dicts)
    """
    updates = []
    for n, order in enumerate(orders):
        if not is_refunded_order(n):
            continue
        shipping = sum(float(line["price"]) for line in order["shipping_lines"])
        refund = {
            "id": order["id"] * 10 + 1,
            "created_at": "2026-11-06T10:00:00+01:00",
            "note": "Retour client",
            "refund_line_items": [
                {
                    "line_item_id": item["id"],
                    "quantity": item["quantity"],
                    "subtotal": _line_subtotal(item),
                    "restock_type": "return",
                }
                for item in order["line_items"]
            ],
            "transactions": [
                {"kind": "refund", "status": "success", "amount": order["total_price"]}
            ],
            "order_adjustments": [
                {"kind": "shipping_refund", "amount": f"-{shipping:.2f}", "tax_amount": "0.00"}
            ],
        }
        updates.append(
            {
                **order,
                "updated_at": refund["created_at"],
                "financial_status": "refunded",
                "refunds": [refund],
            }
        )
    return updates


def bench_taxes(env):
    """The sale taxes of the bench's two rates in the company's fiscal country,
    created when the company has none."""
    country = env.company.account_fiscal_country_id
    taxes = {}
    for rate in sorted(set(RATES.values())):
        amount = float(rate)
        tax = env["account.tax"].search(
            [
                ("type_tax_use", "=", "sale"),
                ("amount_type", "=", "percent"),
                ("amount", "=", amount),
                ("price_include", "=", False),
                ("company_id", "=", env.company.id),
                # Not a tax an import created for another country (OSS).
                ("country_id", "=", country.id),
            ],
            limit=1,
        ) or env["account.tax"].create(
            {
                "name": f"TVA {rate}% (bench)",
                "amount": amount,
                "type_tax_use": "sale",
                "country_id": country.id,
            }
        )
        taxes[rate] = tax
    return taxes


def standard_order(env, order, taxes):
    """One order as an integration without batching creates it: customer, products,
    the sale order, its confirmation (the delivery). Returns the sale order."""
    Partner, Product = env["res.partner"], env["product.product"]
    partner = Partner.search([("email", "=", order["email"])], limit=1) or Partner.create(
        {"name": order["billing_address"]["name"], "email": order["email"]}
    )
    lines = []
    for item in order["line_items"]:
        product = Product.search([("default_code", "=", item["sku"])], limit=1) or Product.create(
            {"name": item["title"], "default_code": item["sku"], "is_storable": True}
        )
        discount = (
            float(item["discount_allocations"][0]["amount"])
            if item["discount_allocations"]
            else 0.0
        )
        rate = RATES.get(item["sku"], "20")
        lines.append(
            Command.create(
                {
                    "product_id": product.id,
                    "product_uom_qty": item["quantity"],
                    "price_unit": float(item["price"]),
                    "discount": 100 * discount / (item["quantity"] * float(item["price"])),
                    "tax_id": [Command.set(taxes[rate].ids)],
                }
            )
        )
    shipping = order["shipping_lines"][0]
    lines.append(
        Command.create(
            {
                "product_id": env.ref("ecom_connector.product_shipping").id,
                "price_unit": float(shipping["price"]),
                "tax_id": [Command.set(taxes["20"].ids)],
            }
        )
    )
    sale_order = env["sale.order"].create({"partner_id": partner.id, "order_line": lines})
    sale_order.action_confirm()
    return sale_order


def _standard_flow(env, orders):
    """One order at a time, as the ORM is used without batching."""
    taxes = bench_taxes(env)
    for order in orders:
        with env.cr.savepoint():
            standard_order(env, order, taxes)
            env.flush_all()


def _reset_peak_rss():
    """Start a new peak resident memory measure (Linux: /proc/self/clear_refs, 5).

    Elsewhere the figure stays the process's peak so far.
    """
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w", encoding="ascii") as file:
        file.write("5")


def _status_mb(key):
    """A memory figure of /proc/self/status (``VmHWM``, ``VmRSS``) in MiB, or None."""
    with contextlib.suppress(OSError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{key}:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def _peak_rss_mb():
    """The peak resident memory since the last reset (VmHWM), in MiB."""
    return _status_mb("VmHWM") or round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )


def _measure(env, label, function):
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    _reset_peak_rss()
    started = time.perf_counter()
    function()
    env.flush_all()
    seconds = time.perf_counter() - started
    return {
        "flow": label,
        "seconds": round(seconds, 3),
        "queries": env.cr.sql_log_count - queries,
        # The peak resident memory while this flow ran.
        "peak_rss_mb": _peak_rss_mb(),
        # The process's peak resident memory so far (KiB on Linux): it only grows.
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
    bench_taxes(env)
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
    # The posting rules' part: posting imported orders both ways. Imported here:
    # bench_posting.py builds on this module's generators.
    from .bench_posting import bench_end_to_end, bench_posting

    more = {
        "posting": bench_posting(shop, count, progress, _measure, bench_orders),
        "end_to_end": bench_end_to_end(env, count, progress, _measure),
    }
    env.cr.rollback()
    return {
        "orders": count,
        "ecom_orders_confirmed": imported,
        **compare_flows(standard, count, batch, count),
        "note": "ratio > 1: the batch import is faster than the standard flow; "
        "the batch also stores every payload and checks totals.",
        **more,
    }


def _rss_mb():
    """The resident memory now (VmRSS), in MiB."""
    return _status_mb("VmRSS")


def write_backfill_file(path, count, start_id=1_000_000):
    """A ``count``-order NDJSON file at ``path``, written order by order."""
    with open(path, "w", encoding="utf-8") as file:
        for first in range(0, count, 500):
            for order in bench_orders(
                min(500, count - first), start_id + first, "backfill.example"
            ):
                file.write(json.dumps(order) + "\n")
    return path


def run_backfill(env, count, progress, run_batch, path):
    """``odoo ecom import`` of a ``count``-order NDJSON file, with memory at each quarter.

    The file is generated at ``path`` (unless it exists), then imported as the
    command imports it: streamed, stored and processed 50 orders at a time,
    each batch committed by ``run_batch``, into a shop of its own (this part
    is not rolled back: run it on a database made for the benchmark). The
    resident memory is read at every quarter of the orders (5k, 10k, 15k,
    20k for 20,000): flat means the import does not grow with the file.
    """
    path = Path(path)
    if not path.exists():
        progress(f"writing {count} orders to {path}...")
        write_backfill_file(path, count)
    code = f"BACKFILL-{int(time.time())}"
    # The bench's orders are paid through shopify_payments: mapped to a bank
    # journal, so that (with the accounting rules) they are posted and paid.
    journal = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", env.company.id)], limit=1
    )
    shop = env["ecom.shop"].create(
        {
            "name": f"Backfill benchmark {count}",
            "code": code,
            "platform": "shopify",
            "unknown_product_policy": "create",
            "unknown_tax_policy": "create",
            "payment_map_ids": [
                Command.create({"gateway": "shopify_payments", "journal_id": journal.id})
            ],
        }
    )
    run_batch(lambda: None)  # the shop is kept whatever happens next
    quarter = max(count // 4, 1)
    marks = {}
    next_mark = [quarter]

    def on_batch(done):
        while done >= next_mark[0]:
            marks[str(next_mark[0])] = _rss_mb()
            progress(
                f"backfill: {next_mark[0]} orders, resident memory {marks[str(next_mark[0])]} MiB"
            )
            next_mark[0] += quarter

    rss_before = _rss_mb()
    _reset_peak_rss()
    started = time.perf_counter()
    report = env["ecom.payload"]._ecom_cli_import(
        shop, [path], progress, run_batch=run_batch, on_batch=on_batch
    )
    seconds = time.perf_counter() - started
    # With the accounting rules installed: where the orders stand with the books.
    states = (
        env["sale.order"]._read_group(
            [("ecom_shop_id", "=", shop.id)], ["ecom_posting_state"], ["__count"]
        )
        if "ecom_posting_state" in env["sale.order"]._fields
        else []
    )
    return {
        "orders": count,
        "file": str(path),
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "shop": code,
        "seconds": round(seconds, 1),
        "orders_per_second": round(count / seconds, 1) if seconds else None,
        "rss_mb_before": rss_before,
        "rss_mb_at": marks,
        "peak_rss_mb": _peak_rss_mb(),
        **{key: report[key] for key in ("received", "imported", "updated", "duplicates", "failed")},
        "posting_states": {state or "none": n for state, n in states},
        "note": "committed per batch as `odoo ecom import` does (not rolled back)",
    }
