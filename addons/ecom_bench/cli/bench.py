# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""`odoo ecom bench`, registered into the connector's `odoo ecom` command.

See docs/performance.md for what each part measures.
"""

import tempfile
from pathlib import Path

from odoo.addons.ecom_connector.cli.ecom import committed_batches, register_subcommand

from ..bench import run_backfill, run_benchmark
from ..bench_served import run_scale_out, run_webhooks


def add_arguments(parser):
    """The arguments of ``odoo ecom bench``."""
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument(
        "--backfill",
        type=int,
        metavar="N",
        help="instead: import an N-order NDJSON file as `import` does (commits: "
        "use a database of its own), with resident memory at each quarter",
    )
    parser.add_argument(
        "--file", type=Path, help="--backfill: the NDJSON file (written if missing)"
    )
    parser.add_argument(
        "--webhooks",
        action="store_true",
        help="instead: signed deliveries to a served Odoo (--workers=2), acknowledgement "
        "latency and what was stored (commits: use a database of its own)",
    )
    parser.add_argument("--rate", type=float, default=200, help="--webhooks: per second")
    parser.add_argument("--seconds", type=float, default=30, help="--webhooks: how long")
    parser.add_argument(
        "--http-workers",
        type=int,
        default=2,
        help="--webhooks, --scale-out: the served Odoo's worker processes (--workers)",
    )
    parser.add_argument(
        "--scale-out",
        action="store_true",
        help="instead: --orders stored payloads imported by a served Odoo's job runner, "
        "channel root.ecom at capacity 1 then 2 (commits: use a database of its own)",
    )


def run(env, args, progress):
    """``odoo ecom bench``: the figures of the part asked for (a JSON-ready dict)."""
    if args.webhooks:
        return run_webhooks(env, args.rate, args.seconds, progress, args.http_workers)
    if args.scale_out:
        return run_scale_out(env, args.orders, progress, workers=args.http_workers)
    if args.backfill:
        path = args.file or Path(tempfile.gettempdir()) / f"ecom-backfill-{args.backfill}.ndjson"
        return run_backfill(env, args.backfill, progress, committed_batches(env.cr, progress), path)
    return run_benchmark(env, args.orders, progress)


register_subcommand(
    "bench",
    "ecom_bench",
    "batch import vs Odoo's per-order flow (rolled back)",
    add_arguments,
    run,
)
