# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import hashlib
import logging
import os
import time

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import split_every

from odoo.addons.queue_job.job import identity_exact

from ..adapters.canonical import KIND_ORDER, KINDS, InboundDocument
from ..adapters.utils import storable_text
from ..const import JOB_BATCH_SIZE, PAYLOAD_SOURCES, PAYLOAD_STATES
from ..tools import notification_action, readable_body

_logger = logging.getLogger(__name__)
# Only code holding this object (the importer) writes a payload's raw fields:
# a context of the web client cannot carry it.
_STORE_SENTINEL = object()


# A sale order's state as the command line reports it.
ORDER_STATES = {
    "draft": "quotation",
    "sent": "quotation",
    "sale": "confirmed",
    "cancel": "cancelled",
}


class EcomPayload(models.Model):
    """The inbox: every payload a shop sent, stored raw before anything else.

    Processing reads from here and records its outcome on the record: done
    (with the sale order), failed (with a sentence a person understands),
    duplicate or skipped. Nothing is lost; everything can be replayed.
    """

    _name = "ecom.payload"
    _description = "Inbound Shop Payload"
    _order = "received_at desc, id desc"
    _rec_name = "display_name"
    _check_company_auto = True

    shop_id = fields.Many2one("ecom.shop", required=True, ondelete="restrict", index=True)
    # Precomputed: set in the INSERT, not by an UPDATE after it.
    company_id = fields.Many2one(
        related="shop_id.company_id", store=True, index=True, precompute=True
    )
    platform = fields.Selection(related="shop_id.platform")
    kind = fields.Selection([(k, k.capitalize()) for k in KINDS], required=True, default=KIND_ORDER)
    external_id = fields.Char(index=True, help="The object's id in the shop.")
    revision = fields.Datetime(help="The shop's last update time of the object.")
    source = fields.Selection(PAYLOAD_SOURCES, required=True, default="manual")
    filename = fields.Char()
    delivery_id = fields.Char(
        index=True, help="The platform's id for this webhook delivery (deduplication)."
    )
    received_at = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    processed_at = fields.Datetime(readonly=True)
    state = fields.Selection(PAYLOAD_STATES, required=True, default="new", index=True)
    error = fields.Text(readonly=True)
    note = fields.Text(readonly=True, help="Things noticed while importing that did not stop it.")
    reason = fields.Text(
        compute="_compute_reason",
        help="Why the order failed (its error) or is held (what to review).",
    )
    attempt_count = fields.Integer(readonly=True)
    body = fields.Text(required=True, readonly=True)
    body_hash = fields.Char(compute="_compute_body_hash", store=True, index=True, precompute=True)
    body_display = fields.Text(
        string="Content",
        compute="_compute_body_display",
        help="The payload as received, indented for reading (JSON) or as is (XML, CSV).",
    )
    content_type = fields.Char(default="application/json", readonly=True)
    sale_order_id = fields.Many2one(
        "sale.order", readonly=True, index=True, ondelete="set null", check_company=True
    )
    sync_run_id = fields.Many2one(
        "ecom.sync.run",
        string="Pull Run",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The pull that brought this payload from the shop's API.",
    )
    shop_reference = fields.Char(readonly=True)
    shop_total = fields.Monetary(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)

    #: What the shop sent, and when and how it came: written once, by the
    #: importer itself (``_ecom_store``); users retry or open a payload, they
    #: do not edit it (as queue_job protects its jobs' fields).
    _protected_fields = frozenset(
        {
            "shop_id",
            "company_id",
            "kind",
            "external_id",
            "revision",
            "source",
            "filename",
            "delivery_id",
            "sync_run_id",
            "received_at",
            "body",
            "body_hash",
            "content_type",
        }
    )
    #: Sources only the importer may create (the others come from a user's hand).
    _authenticated_sources = frozenset({"pull", "webhook", "command"})

    _sql_constraints = [
        (
            "delivery_uniq",
            "unique(shop_id, delivery_id)",
            "This webhook delivery was already received.",
        ),
    ]

    @api.depends("body")
    def _compute_body_hash(self):
        for payload in self:
            payload.body_hash = hashlib.sha256((payload.body or "").encode()).hexdigest()

    @api.depends("body", "content_type")
    def _compute_body_display(self):
        for payload in self:
            payload.body_display = readable_body(payload.body, payload.content_type)

    @api.depends("state", "error", "note")
    def _compute_reason(self):
        for payload in self:
            payload.reason = {"failed": payload.error, "held": payload.note}.get(
                payload.state, False
            )

    @api.depends("shop_id", "kind", "external_id", "shop_reference")
    def _compute_display_name(self):
        for payload in self:
            label = payload.shop_reference or payload.external_id or _("unidentified")
            payload.display_name = f"{payload.shop_id.code or ''}/{payload.kind}/{label}"

    # ------------------------------------------------------------ CRUD

    def _ecom_is_importer(self):
        return self.env.context.get("_ecom_store_sentinel") is _STORE_SENTINEL

    @api.model_create_multi
    def create(self, vals_list):
        if not self._ecom_is_importer() and any(
            vals.get("source") in self._authenticated_sources for vals in vals_list
        ):
            raise AccessError(
                _(
                    "Only the connector itself stores payloads that came from the shop "
                    "(pulls, webhooks, the command line): import a file instead."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        protected = self._protected_fields & set(vals)
        if protected and not self._ecom_is_importer():
            raise AccessError(
                _(
                    "What a shop sent cannot be changed (%(fields)s): retry the payload, "
                    "or import a corrected file.",
                    fields=", ".join(sorted(protected)),
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------ actions

    def action_retry(self):
        """Process these payloads again, now, and show what happened."""
        payloads = self.filtered(lambda p: p.state in ("failed", "new", "queued", "held"))
        if not payloads:
            raise UserError(_("Only new, queued, failed or held payloads can be retried."))
        held = payloads.filtered(lambda p: p.state == "held")
        (payloads - held)._ecom_process()
        held._ecom_reprocess()
        return payloads._ecom_outcome_notification()

    def _ecom_outcome_notification(self):
        """A notification saying what became of these payloads once processed.

        E.g. "2 orders imported, 1 held: Unknown product: no product with SKU
        TSHIRT-XL." Orders held or payloads failed make it a warning.
        """
        held = self.filtered(lambda p: p.state == "held")
        imported = self.filtered(lambda p: p.state == "done")
        failed = self.filtered(lambda p: p.state == "failed")
        parts = []
        # A sentence per count (Odoo has no plural forms): "1 commande importée", "2 ...ées".
        if imported:
            count = len(imported)
            parts.append(
                _("1 order imported") if count == 1 else _("%(count)s orders imported", count=count)
            )
        if held:
            first = held[0].sale_order_id
            why = first.ecom_problems or ", ".join(first.ecom_hold_reason_ids.mapped("name"))
            why = why.splitlines()[0].rstrip(".") if why else ""
            count = len(held)
            parts.append(
                _("1 order held: %(why)s", why=why)
                if count == 1
                else _("%(count)s orders held: %(why)s", count=count, why=why)
            )
        if failed:
            count, error = len(failed), (failed[0].error or "").rstrip(".")
            parts.append(
                _("1 order failed: %(error)s", error=error)
                if count == 1
                else _("%(count)s orders failed: %(error)s", count=count, error=error)
            )
        others = len(self) - len(imported) - len(held) - len(failed)
        if others:
            parts.append(
                _("1 order already known or waiting")
                if others == 1
                else _("%(count)s orders already known or waiting", count=others)
            )
        return notification_action(
            "; ".join(parts) + ".",
            kind="warning" if held or failed else "success",
            title=_("1 payload processed")
            if len(self) == 1
            else _("%(count)s payloads processed", count=len(self)),
            sticky=bool(held or failed),
            next_action={"type": "ir.actions.client", "tag": "soft_reload"},
        )

    def action_open_order(self):
        self.ensure_one()
        if not self.sale_order_id:
            raise UserError(_("This payload has not produced a sale order."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------ business

    @api.model
    def _ecom_store(
        self, shop, documents, source, filename=None, delivery_id=None, sync_run=None, queued=False
    ):
        """Write inbound documents to the inbox, raw, before any processing.

        :param shop: the ``ecom.shop`` they came from
        :param documents: a list of :class:`InboundDocument`
        :param source: ``file``, ``pull``, ``webhook`` or ``manual``
        :param delivery_id: the platform's id of the webhook delivery that
            brought the (one) document; unique per shop
        :param sync_run: the ``ecom.sync.run`` that pulled them, if any
        :param queued: store them ``queued`` (their job is queued right after,
            see :meth:`_ecom_enqueue` with ``stored=True``) instead of ``new``
        :return: the created payloads; those whose document carried an error
            are already ``failed`` with that error
        """
        state = "queued" if queued else "new"
        vals_list = []
        now = fields.Datetime.now()
        for document in documents:
            vals_list.append(
                {
                    "shop_id": shop.id,
                    "kind": document.kind,
                    "external_id": document.external_id,
                    "revision": document.revision,
                    "source": source,
                    "filename": filename,
                    "delivery_id": storable_text(delivery_id),
                    "sync_run_id": sync_run.id if sync_run else False,
                    "body": storable_text(document.body),
                    "content_type": document.content_type,
                    "state": "failed" if document.error else state,
                    "error": storable_text(document.error),
                    "processed_at": now if document.error else False,
                }
            )
        payloads = self.with_context(_ecom_store_sentinel=_STORE_SENTINEL).create(vals_list)
        return payloads.with_env(self.env)

    def _ecom_document(self):
        self.ensure_one()
        return InboundDocument(
            body=self.body,
            kind=self.kind,
            external_id=self.external_id,
            revision=self.revision,
            content_type=self.content_type,
        )

    def _ecom_enqueue(self, stored=False):
        """Queue these payloads for processing, in batches, one job per batch.

        :param stored: the payloads were just stored ``queued`` (see
            :meth:`_ecom_store`): no job can exist for them yet, so none is
            looked for, and their state is already written
        """
        for batch_ids in split_every(JOB_BATCH_SIZE, self.ids):
            batch = self.browse(batch_ids)
            if not stored:
                batch.write({"state": "queued"})
            batch.with_delay(
                description=_("Import %(count)s shop payloads", count=len(batch)),
                identity_key=None if stored else identity_exact,
            )._ecom_process_batch()
        return True

    def _ecom_process_batch(self):
        """Job: process a batch of payloads (see :meth:`_ecom_process`)."""
        todo = self.exists().filtered(lambda p: p.state in ("new", "queued", "failed"))
        return todo._ecom_process()

    def _ecom_process(self):
        """Turn these payloads into sale orders; each records its own outcome."""
        return self.env["ecom.order.importer"]._import_payloads(self)

    def _ecom_reprocess(self):
        """Process again, even payloads already done (held orders).

        Orders released from their hold this way record who released them: a
        person's work, which the automation rate does not count as automatic.
        """
        held_orders = self.sale_order_id.filtered("ecom_hold_reason_ids")
        self.write({"state": "new", "error": False})
        result = self.with_context(ecom_force_update=True)._ecom_process()
        released = held_orders.filtered(lambda order: not order.ecom_hold_reason_ids)
        released.write({"ecom_released_by_id": self.env.uid})
        return result

    def _related_action_payloads(self):
        """Related action of the job: open the payloads it processed."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Payloads"),
            "res_model": "ecom.payload",
            "view_mode": "list,form",
            "domain": [("id", "in", self.ids)],
        }

    def _ecom_fail(self, message):
        """Record a failure a person can act on; the payload stays replayable.

        Each payload counts one more attempt than it had: one write per
        attempt count among them.
        """
        _logger.info("ecom payload %s failed", self.ids)
        now = fields.Datetime.now()
        for count, payloads in self.grouped("attempt_count").items():
            payloads.write(
                {
                    "state": "failed",
                    "error": message,
                    "processed_at": now,
                    "attempt_count": (count or 0) + 1,
                }
            )

    # ------------------------------------------------------------ command line

    @api.model
    def _ecom_cli_import(self, shop, paths, progress, run_batch=None, on_batch=None):
        """Import files synchronously and report per order (``odoo ecom import``).

        Each file is read as a stream (NDJSON line by line, a large JSON array
        order by order: see the adapters' ``split_stream``), ``JOB_BATCH_SIZE``
        orders at a time: each batch is stored, then processed, each step
        through ``run_batch``: the command line commits there (a batch is all
        or nothing; finished batches stay when the command is killed) and
        retries a batch that lost a race with another import, as the job
        runner does. Payloads of the same files that an interrupted run
        stored but did not process are processed too, so the same command
        run again completes the rest. Memory stays flat: a batch's records
        leave the cache once it is done.

        :param shop: the ``ecom.shop``
        :param paths: ``pathlib.Path`` objects
        :param progress: a callable taking a line of progress text (after
            each batch: orders done, rate, how far in the file, time left)
        :param run_batch: a callable running a step (a callable without
            arguments) and returning its result; by default it just calls it
            (one transaction, the caller's)
        :param on_batch: called after each batch with the number of orders
            done so far (the benchmark measures memory there)
        :return: the JSON-ready report (counts and one entry per order)
        """
        run_batch = run_batch or (lambda step: step())
        on_batch = on_batch or (lambda done: None)
        shop = shop.with_company(shop.company_id)
        report = {"received": 0, "imported": 0, "updated": 0, "duplicates": 0, "failed": 0}
        run = {"orders": [], "first_id": None, "batches": 0, "done": 0}
        run["started"] = time.monotonic()
        for path in paths:
            try:
                with path.open("rb") as stream:
                    size = os.fstat(stream.fileno()).st_size
                    documents = shop._ecom_file_documents(stream, path.name)
                    for chunk in split_every(JOB_BATCH_SIZE, documents, list):
                        ids = run_batch(
                            lambda chunk=chunk, name=path.name: shop._ecom_store_file_documents(
                                chunk, name
                            ).ids
                        )
                        run["first_id"] = run["first_id"] or min(ids)
                        self._ecom_cli_batch(shop, ids, run_batch, report, run)
                        where = stream.tell() / size if size else 1
                        self._ecom_cli_progress(progress, run, path, where)
                        on_batch(run["done"])
            except (OSError, UserError) as error:
                progress(f"{path}: {error}")
                report["failed"] += 1
                continue
            progress(f"{path}: all orders stored")
        # Payloads of these files an interrupted run stored but never processed
        # (older than this run's): processed after this run's own, so that a
        # run still at work on them has done so meanwhile.
        leftover = self.search(
            [
                ("shop_id", "=", shop.id),
                ("state", "=", "new"),
                ("filename", "in", [path.name for path in paths]),
                ("id", "<", run["first_id"] or 0),
            ],
            order="id",
        )
        if leftover:
            progress(f"{len(leftover)} payloads left by an interrupted import: processed now")
            for batch_ids in split_every(JOB_BATCH_SIZE, leftover.ids):
                run_batch(lambda ids=batch_ids: self._ecom_cli_process(ids))
                run["batches"] += 1
                progress(f"processed batch {run['batches']} (left by an interrupted import)")
        report["orders"] = run["orders"]
        return report

    def _ecom_cli_process(self, ids):
        return self.browse(ids).filtered(lambda p: p.state == "new")._ecom_process().ids

    def _ecom_cli_batch(self, shop, ids, run_batch, report, run):
        """Process one stored batch of the command line and add it to the report."""
        payloads = self.browse(ids)
        todo = payloads.filtered(lambda p: p.state == "new")
        known = set(
            self.env["sale.order"]
            .search(
                [
                    ("ecom_shop_id", "=", shop.id),
                    ("ecom_external_id", "in", todo.mapped("external_id")),
                ]
            )
            .mapped("ecom_external_id")
        )
        run_batch(lambda: self._ecom_cli_process(todo.ids))
        payloads = self.browse(ids)
        report["received"] += len(payloads)
        for payload in payloads:
            if payload.state in ("done", "held"):
                key = "updated" if payload.external_id in known else "imported"
                report[key] += 1
            elif payload.state in ("duplicate", "skipped"):
                report["duplicates"] += 1
            elif payload.state == "failed":
                report["failed"] += 1
            run["orders"].append(payload._ecom_result())
        run["batches"] += 1
        run["done"] += len(payloads)
        # The batch is committed (or, in one transaction, flushed): its records
        # leave the cache, so that memory does not grow with the file.
        self.env.invalidate_all()

    @staticmethod
    def _ecom_cli_progress(progress, run, path, where):
        """One line after each batch: orders done, rate, how far in the file, time left."""
        elapsed = time.monotonic() - run["started"]
        rate = run["done"] / elapsed if elapsed else 0.0
        left = elapsed * (1 - where) / where if where else 0.0
        progress(
            f"processed batch {run['batches']}: {run['done']} orders done, "
            f"{rate:.1f} orders/s, {path.name} {100 * where:.0f} % read, "
            f"about {_duration(left)} left"
        )

    def _ecom_result(self):
        """One order's outcome, as the command line reports it (a dict)."""
        self.ensure_one()
        order = self.sale_order_id
        problems = []
        if self.error:
            problems.append(self.error)
        if order.ecom_problems:
            problems += order.ecom_problems.splitlines()
        return {
            "external_id": self.external_id,
            "reference": self.shop_reference or order.ecom_reference or None,
            "sale_order": order.name or None,
            "amount_total": order.amount_total if order else None,
            "shop_total": self.shop_total if self.state != "failed" else None,
            "currency": (order.currency_id or self.currency_id).name or None,
            "state": self.state,
            "order_state": ORDER_STATES.get(order.state) if order else None,
            "problems": problems,
        }


def _duration(seconds):
    """``seconds`` for a person: 45 s, 3 min 20 s, 1 h 05 min."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
