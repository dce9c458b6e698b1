# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""`odoo ecom bench`: our batch import against Odoo's standard per-order flow.

Both import the same generated Shopify orders into the same database, in one
run, and everything is rolled back afterwards. The standard flow is what an
integration without batching does for each order: look up or create the
customer and products, create the sale order, confirm it, flush — one order
per transaction. Figures, not assertions: machines differ, ratios speak.
With ecom_accounting_rules installed, its cli/bench.py adds a posting part.

``--backfill``, ``--webhooks`` and ``--scale-out`` commit instead: the last two
drive a served Odoo in multi-process mode (see :func:`served_odoo`).
"""

import contextlib
import json
import resource
import time
from pathlib import Path

from odoo import Command

from ..demo.samples import shopify_order

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
    more = {}
    if env["ir.module.module"]._get("ecom_accounting_rules").state == "installed":
        # The accounting addon's part: posting imported orders both ways.
        from odoo.addons.ecom_accounting_rules.cli.bench import bench_end_to_end, bench_posting

        more["posting"] = bench_posting(shop, count, progress, _measure, bench_orders)
        more["end_to_end"] = bench_end_to_end(env, count, progress, _measure)
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


# ---------------------------------------------------------------- served Odoo
# `--webhooks` and `--scale-out` measure a served Odoo in multi-process mode:
# the bench commits its shop and payloads, starts `odoo --workers=2` on the
# same database and a free port, drives it, stops it, and counts in the
# database. These parts commit: give them a database of their own (-d).

WEBHOOK_TOPIC = "orders/create"
RESEND_EVERY = 100  # one delivery in a hundred is sent twice, with the same id


def percentile(values, pct):
    """The ``pct`` percentile of ``values`` (nearest rank), or None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil(n * pct / 100), at least 1
    return ordered[int(rank) - 1]


def signed_delivery(order, delivery_id, secret):
    """The body and headers of one Shopify ``orders/create`` delivery, signed as
    Shopify signs it (base64 HMAC-SHA256 of the raw body with the webhook secret)."""
    from ..adapters.webhook import sign

    body = json.dumps(order).encode()
    return body, {
        "Content-Type": "application/json",
        "X-Shopify-Topic": WEBHOOK_TOPIC,
        "X-Shopify-Webhook-Id": delivery_id,
        "X-Shopify-Hmac-Sha256": sign(body, secret),
    }


def delivery_plan(orders, secret, prefix, resend_every=RESEND_EVERY):
    """What the bench sends, in order: each order once with its own delivery id,
    and every ``resend_every``-th one sent again after the next two (same id, same body),
    as a platform that got no answer in time sends a delivery again.

    :return: a list of ``(delivery_id, body, headers, resent)``
    """
    plan, again = [], []
    for n, order in enumerate(orders):
        delivery_id = f"{prefix}-{n}"
        body, headers = signed_delivery(order, delivery_id, secret)
        plan.append((delivery_id, body, headers, False))
        if n % resend_every == resend_every - 1:
            again.append((n + 2, (delivery_id, body, headers, True)))
        while again and again[0][0] <= n:
            plan.append(again.pop(0)[1])
    plan.extend(entry for _n, entry in again)
    return plan


def count_stored(env, shop, delivery_ids):
    """``{delivery id: number of payloads}`` of ``shop`` for these delivery ids."""
    groups = env["ecom.payload"]._read_group(
        [("shop_id", "=", shop.id), ("delivery_id", "in", list(delivery_ids))],
        ["delivery_id"],
        ["__count"],
    )
    return dict(groups)


def webhook_figures(results, stored, seconds):
    """The webhook part's figures from what was sent and what the database holds.

    :param results: per request sent, ``(delivery_id, status or None, ms, resent)``
        (status None: no answer, the connection failed)
    :param stored: ``{delivery id: payloads}`` (see :func:`count_stored`)
    :param seconds: how long the sending took
    """
    acknowledged = {d for d, status, _ms, _r in results if status and 200 <= status < 300}
    latencies = [ms for _d, status, ms, _r in results if status and 200 <= status < 300]
    deliveries = {d for d, _s, _ms, _r in results}
    return {
        "requests_sent": len(results),
        "deliveries": len(deliveries),
        "resent_same_id": sum(1 for *_rest, resent in results if resent),
        "achieved_rate_per_second": round(len(results) / seconds, 1) if seconds else None,
        "ack_ms": {
            "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95),
            "p99": percentile(latencies, 99),
            "max": max(latencies) if latencies else None,
        },
        "stored": sum(1 for d in deliveries if stored.get(d)),
        "lost": len(acknowledged - {d for d, count in stored.items() if count}),
        "duplicates": sum(count - 1 for count in stored.values() if count > 1),
        "non_2xx": sum(1 for _d, status, _ms, _r in results if not status or status >= 300),
        "no_answer": sum(1 for _d, status, _ms, _r in results if status is None),
    }


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served_odoo(dbname, channels, progress, workers=2):
    """A served Odoo (``--workers``) on ``dbname`` and a free port; yields its URL.

    ``channels`` is queue_job's channel setting for its job runner
    (``root:0`` starts none). The server's log goes to a temporary file.
    """
    import os
    import signal
    import subprocess
    import sys
    import tempfile

    import requests

    from odoo.tools import config

    port = _free_port()
    log = tempfile.NamedTemporaryFile(prefix="ecom-bench-odoo-", suffix=".log", delete=False)
    command = [
        sys.executable,
        "-m",
        "odoo",
        "server",
        f"--addons-path={config['addons_path']}",
        f"--database={dbname}",
        f"--db-filter=^{dbname}$",
        f"--workers={workers}",
        "--max-cron-threads=0",
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        "--no-database-list",
        "--log-level=warn",
        f"--logfile={log.name}",
    ]
    if config.rcfile and Path(config.rcfile).exists():
        command[4:4] = ["-c", config.rcfile]
    environ = dict(os.environ, ODOO_QUEUE_JOB_CHANNELS=channels)
    progress(f"starting odoo --workers={workers} on port {port} (channels {channels})...")
    server = subprocess.Popen(command, env=environ, start_new_session=True, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"the served Odoo stopped at start: see {log.name}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{url}/web/health", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"the served Odoo did not answer in 120 s: see {log.name}")
            time.sleep(0.5)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def send_deliveries(url, plan, rate, threads=32):
    """Send ``plan`` (see :func:`delivery_plan`) to ``url`` at ``rate`` requests
    per second from a pool of ``threads``, each with its own kept-alive connection.

    Request ``n`` leaves at ``n / rate`` seconds after the start (or as soon
    as a thread is free); its latency runs from its sending to its answer.
    :return: ``(results, seconds)``, results as :func:`webhook_figures` reads them
    """
    import itertools
    import threading

    import requests

    counter = itertools.count()
    results = [None] * len(plan)
    local = threading.local()
    started = time.perf_counter()

    def worker():
        local.session = requests.Session()
        while (n := next(counter)) < len(plan):
            delay = started + n / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            delivery_id, body, headers, resent = plan[n]
            sent = time.perf_counter()
            try:
                status = local.session.post(url, data=body, headers=headers, timeout=30).status_code
            except requests.RequestException:
                status = None
            results[n] = (
                delivery_id,
                status,
                round((time.perf_counter() - sent) * 1000, 1),
                resent,
            )
        local.session.close()

    pool = [threading.Thread(target=worker, daemon=True) for _i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return results, time.perf_counter() - started


def _bench_shop(env, label, secret=None):
    """A Shopify shop of the bench's own, committed (its orders paid to a bank journal)."""
    journal = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", env.company.id)], limit=1
    )
    shop = env["ecom.shop"].create(
        {
            "name": f"{label} benchmark",
            "code": f"{label.upper()}-{int(time.time())}",
            "platform": "shopify",
            "unknown_product_policy": "create",
            "unknown_tax_policy": "create",
            "webhook_secret": secret,
            "payment_map_ids": [
                Command.create({"gateway": "shopify_payments", "journal_id": journal.id})
            ]
            if journal
            else [],
        }
    )
    bench_taxes(env)
    env.cr.commit()
    return shop


def run_webhooks(env, rate, seconds, progress, workers=2):
    """``rate`` signed deliveries a second for ``seconds`` to a served Odoo: the
    acknowledgement's latency, and what the database stored of them (commits).

    The job runner is off (channel root:0) while the deliveries arrive: the
    figures are those of the acknowledgement alone. The import jobs the
    deliveries queued are cancelled afterwards (the bench's orders are not
    imported).
    """
    import secrets

    secret = secrets.token_hex(16)
    shop = _bench_shop(env, "Webhooks", secret)
    count = int(rate * seconds)
    progress(f"signing {count} deliveries...")
    prefix = f"bench-{shop.code}"
    plan = delivery_plan(
        bench_orders(count, 5_000_000, f"{shop.code.lower()}.example"), secret, prefix
    )
    with served_odoo(env.cr.dbname, "root:0", progress, workers) as url:
        # Each worker loads the registry at its first request: not measured.
        warm_up = [(f"{prefix}-warm-up", b"{}", {"X-Shopify-Topic": WEBHOOK_TOPIC}, False)] * 8
        send_deliveries(f"{url}/ecom/webhook/{shop.id}", warm_up, rate=50, threads=4)
        progress(f"sending {len(plan)} requests at {rate}/s...")
        results, elapsed = send_deliveries(f"{url}/ecom/webhook/{shop.id}", plan, rate)
    env.cr.commit()  # a fresh snapshot: what the served Odoo committed
    env.invalidate_all()
    stored = count_stored(env, shop, {d for d, *_rest in results})
    payload_ids = set(env["ecom.payload"].search([("shop_id", "=", shop.id)]).ids)
    jobs = (
        env["queue.job"]
        .search([("model_name", "=", "ecom.payload"), ("state", "in", ("pending", "enqueued"))])
        .filtered(lambda job: payload_ids.intersection(job.records.ids))
    )
    jobs.button_cancelled()
    env.cr.commit()
    return {
        "shop": shop.code,
        "rate_asked_per_second": rate,
        "seconds_asked": seconds,
        **webhook_figures(results, stored, elapsed),
        "jobs_queued_then_cancelled": len(jobs),
        "http_workers": workers,
        "note": "acknowledgement latency from sending to answer, 2xx only; odoo --workers, "
        "job runner off; stored = deliveries with a payload; lost = acknowledged, not stored",
    }


def run_scale_out(env, count, progress, capacities=(1, 2), workers=2):
    """The import jobs of ``count`` stored payloads run by a served Odoo's job runner,
    channel root.ecom at each capacity in turn (commits): orders per second.

    Each capacity gets its own ``count`` payloads (the same mix, customers of its
    own, the same catalogue, created first), one job per payload as webhooks queue
    them; time runs from the first job's start to the last job's end, the
    posting jobs the imports queue included.
    """
    shop = _bench_shop(env, "Scale")
    Product = env["product.product"]
    known = set(Product.search([("default_code", "in", SKUS)]).mapped("default_code"))
    Product.create(
        [
            {"name": f"Produit {sku[-3:]}", "default_code": sku, "is_storable": True}
            for sku in SKUS
            if sku not in known
        ]
    )
    env.cr.commit()
    runs = []
    for run, capacity in enumerate(capacities):
        Payload = env["ecom.payload"]
        since = env.cr.now()
        orders = bench_orders(count, 6_000_000 + run * count, f"{shop.code.lower()}-{run}.example")
        adapter = shop._ecom_webhook_adapter()
        payloads = Payload.browse()
        for n, order in enumerate(orders):
            # As the webhook endpoint stores and queues a delivery: one job each.
            payloads |= shop._ecom_receive_webhook(
                adapter,
                json.dumps(order).encode(),
                WEBHOOK_TOPIC,
                f"scale-{shop.code}-{run}-{n}",
            )[3]
        env.cr.commit()
        progress(f"scale-out: {count} payloads queued, root.ecom capacity {capacity}...")
        domain = [("date_created", ">=", since), ("channel", "=like", "root.ecom%")]
        with served_odoo(
            env.cr.dbname, f"root:{capacity + 1},root.ecom:{capacity}", progress, workers
        ):
            deadline = time.monotonic() + max(600, count * 10)
            while time.monotonic() < deadline:
                time.sleep(1)
                env.cr.commit()
                env.invalidate_all()
                todo = env["queue.job"].search_count(
                    [
                        *domain,
                        ("state", "in", ("wait_dependencies", "pending", "enqueued", "started")),
                    ]
                )
                if not todo:
                    break
        env.cr.commit()
        env.invalidate_all()
        # This run's jobs only: its payloads' imports and their orders' postings
        # (jobs queued before the run may run meanwhile and queue jobs of their own).
        ours = {"ecom.payload": set(payloads.ids), "sale.order": set(payloads.sale_order_id.ids)}
        jobs = (
            env["queue.job"]
            .search(domain)
            .filtered(
                lambda job, ours=ours: ours.get(job.model_name, set()).intersection(job.records.ids)
            )
        )
        done = jobs.filtered(lambda job: job.state == "done")
        started = min(jobs.filtered("date_started").mapped("date_started"), default=None)
        ended = max(done.mapped("date_done"), default=None)
        elapsed = (ended - started).total_seconds() if started and ended else None
        imported = (
            env["sale.order"].search_count(
                [("ecom_shop_id", "=", shop.id), ("ecom_payload_id", "in", payloads.ids)]
            )
            if "ecom_payload_id" in env["sale.order"]._fields
            else None
        )
        runs.append(
            {
                "capacity": capacity,
                "orders": count,
                "orders_imported": imported,
                "jobs": len(jobs),
                "jobs_done": len(done),
                "seconds": round(elapsed, 1) if elapsed else None,
                "orders_per_second": round(count / elapsed, 2) if elapsed else None,
                # queue_job counts a job's tries (1: done at the first); the
                # tries it silently repeats after a PostgreSQL concurrency error
                # are not counted by queue_job.
                "jobs_retried": len(jobs.filtered(lambda job: job.retry > 1)),
                "retries": sum(max(job.retry - 1, 0) for job in jobs),
                "failed": len(jobs.filtered(lambda job: job.state == "failed")),
                "not_finished": len(jobs)
                - len(done)
                - len(jobs.filtered(lambda j: j.state == "failed")),
            }
        )
    first, last = runs[0], runs[-1]
    return {
        "shop": shop.code,
        "runs": runs,
        "ratio": round(last["orders_per_second"] / first["orders_per_second"], 2)
        if first["orders_per_second"] and last["orders_per_second"]
        else None,
        "note": "odoo --workers=2 (each job runs in an HTTP worker); one job per payload; "
        "seconds from the first job's start to the last job's end, posting jobs included",
    }
