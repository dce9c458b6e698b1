# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""`odoo ecom bench --webhooks` and `--scale-out`: a served Odoo, measured from outside.

The bench commits its shop and payloads, starts `odoo --workers=N` on the same
database and a free port, drives it (signed webhook deliveries, or the job
runner at each channel capacity), stops it, and counts in the database. These
parts commit: give them a database of their own (-d).
"""

import contextlib
import json
import time
from pathlib import Path

from odoo import Command

from .bench import SKUS, bench_orders, bench_taxes

WEBHOOK_TOPIC = "orders/create"
RESEND_EVERY = 100  # one delivery in a hundred is sent twice, with the same id
# Odoo's own route that does nothing (auth none, no session, no query of its
# own): what the bench compares the acknowledgement with.
EMPTY_ROUTE = "/web/health"


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
    from odoo.addons.ecom_connector.adapters.webhook import sign

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


def latency_figures(results):
    """p50, p95, p99 and max of the 2xx answers' latencies (ms) in ``results``
    (as :func:`send_deliveries` returns them)."""
    latencies = [ms for _d, status, ms, _r in results if status and 200 <= status < 300]
    return {
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "max": max(latencies) if latencies else None,
    }


def empty_route_figures(results, seconds, ack_ms):
    """Odoo's own empty route (``/web/health``) at the deliveries' rate, on the
    same served Odoo: the latency no route of an Odoo server answers under
    (see :func:`run_webhooks`), and the deliveries' latency as a ratio of it.

    :param results: the ``/web/health`` requests, as :func:`send_deliveries` returns them
    :param ack_ms: the deliveries' :func:`latency_figures`
    """
    ms = latency_figures(results)
    return {
        "route": EMPTY_ROUTE,
        "requests_sent": len(results),
        "achieved_rate_per_second": round(len(results) / seconds, 1) if seconds else None,
        "ms": ms,
        "non_2xx": sum(1 for _d, status, _ms, _r in results if not status or status >= 300),
        "ack_over_empty_route": {
            name: round(ack_ms[name] / ms[name], 1) if ack_ms[name] and ms[name] else None
            for name in ("p50", "p95", "p99")
        },
    }


def webhook_figures(results, stored, seconds):
    """The webhook part's figures from what was sent and what the database holds.

    :param results: per request sent, ``(delivery_id, status or None, ms, resent)``
        (status None: no answer, the connection failed)
    :param stored: ``{delivery id: payloads}`` (see :func:`count_stored`)
    :param seconds: how long the sending took
    """
    acknowledged = {d for d, status, _ms, _r in results if status and 200 <= status < 300}
    deliveries = {d for d, _s, _ms, _r in results}
    return {
        "requests_sent": len(results),
        "deliveries": len(deliveries),
        "resent_same_id": sum(1 for *_rest, resent in results if resent),
        "achieved_rate_per_second": round(len(results) / seconds, 1) if seconds else None,
        "ack_ms": latency_figures(results),
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
        # One database, named and not filtered: as a single-database server is
        # set up (README, production). With a --db-filter, Odoo lists the
        # databases on every request without a session (each webhook
        # delivery), on a PostgreSQL connection of its own.
        f"--database={dbname}",
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


def send_deliveries(url, plan, rate, threads=32, method="POST"):
    """Send ``plan`` (see :func:`delivery_plan`) to ``url`` at ``rate`` requests
    per second from a pool of ``threads``, each with its own kept-alive connection
    (``method`` GET: bodies and headers of ``None`` and ``{}``, see :func:`empty_plan`).

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
                status = local.session.request(
                    method, url, data=body, headers=headers, timeout=30
                ).status_code
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


def empty_plan(count):
    """``count`` requests to :data:`EMPTY_ROUTE`, in :func:`delivery_plan`'s shape."""
    return [(f"empty-route-{n}", None, {}, False) for n in range(count)]


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

    Before them, on the same served Odoo and at the same rate, as many
    requests to Odoo's own empty route (:data:`EMPTY_ROUTE`): Odoo's HTTP stack
    alone, the latency under which no route of this server answers on this
    machine.
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
        progress(f"sending {len(plan)} requests to Odoo's empty route {EMPTY_ROUTE} at {rate}/s...")
        reference, reference_seconds = send_deliveries(
            f"{url}{EMPTY_ROUTE}", empty_plan(len(plan)), rate, method="GET"
        )
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
    figures = webhook_figures(results, stored, elapsed)
    return {
        "shop": shop.code,
        "rate_asked_per_second": rate,
        "seconds_asked": seconds,
        **figures,
        "odoo_empty_route": empty_route_figures(reference, reference_seconds, figures["ack_ms"]),
        "jobs_queued_then_cancelled": len(jobs),
        "http_workers": workers,
        "note": "acknowledgement latency from sending to answer, 2xx only; odoo --workers, "
        "job runner off; stored = deliveries with a payload; lost = acknowledged, not stored; "
        f"odoo_empty_route: {EMPTY_ROUTE} at the same rate on the same server, "
        "Odoo's HTTP stack alone",
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
