# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import hashlib
import json
import logging
import os
import time
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import format_date, split_every

from odoo.addons.queue_job.job import identity_exact

from ..adapters.canonical import KIND_ORDER, KIND_REFUND, KINDS, InboundDocument
from ..adapters.redaction import redact_body
from ..adapters.utils import storable_text
from ..const import (
    JOB_BATCH_SIZE,
    PAYLOAD_SOURCES,
    PAYLOAD_STATES,
    REDACTABLE_STATES,
    REDACTION_BATCH,
)
from ..sentences import env_sentence
from ..tools import in_company_lang, notification_action, readable_body

_logger = logging.getLogger(__name__)
# Only code holding this object (the importer) writes a payload's raw fields:
# a context of the web client cannot carry it.
_STORE_SENTINEL = object()
# Only the redaction (``_ecom_redact``) holds this one: it may replace the body
# with its masked copy, keeping the hash of what was received.
_REDACT_SENTINEL = object()
MANAGER = "ecom_connector.group_ecom_manager"


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
    # The raw body holds the customer's personal data: connector managers
    # read it; web-shop users read ``body_masked``.
    body = fields.Text(required=True, readonly=True, groups=MANAGER)
    # The hash of the body as received: it stays when the body is redacted, so
    # that the same order sent again is still known.
    body_hash = fields.Char(compute="_compute_body_hash", store=True, index=True, precompute=True)
    body_display = fields.Text(
        string="Content",
        compute="_compute_body_display",
        groups=MANAGER,
        help="The payload as received, indented for reading (JSON) or as is (XML, CSV).",
    )
    body_masked = fields.Text(
        string="Content (personal data masked)",
        compute="_compute_body_masked",
        # As the system: web-shop users may not read the raw body this is made from.
        compute_sudo=True,
        help="The payload without the customer's names, addresses, e-mails, phones, IP "
        "addresses and notes: what stays of it once the shop's retention period is over.",
    )
    redacted_on = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the customer's personal data was masked in this payload (retention period "
        "over, or customer erased). It cannot be processed again.",
    )
    webhook_body_hash = fields.Char(
        readonly=True,
        copy=False,
        help="SHA-256 of the webhook request's body, as received: the same body "
        "received again for this shop is a duplicate, whatever its delivery id.",
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
        check_company=True,
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
            "webhook_body_hash",
            "content_type",
            "redacted_on",
        }
    )
    #: What the redaction writes (``_ecom_redact``), and nothing else.
    _redaction_fields = frozenset({"body", "redacted_on"})
    #: Sources only the importer may create (the others come from a user's hand).
    _authenticated_sources = frozenset({"pull", "webhook", "command"})

    _sql_constraints = [
        (
            "delivery_uniq",
            "unique(shop_id, delivery_id)",
            "This webhook delivery was already received.",
        ),
        (
            "webhook_body_uniq",
            "unique(shop_id, webhook_body_hash)",
            "This webhook body was already received.",
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

    @api.depends("body", "content_type", "shop_id")
    def _compute_body_masked(self):
        for shop, payloads in self.grouped("shop_id").items():
            personal_keys = shop._ecom_personal_keys()
            for payload in payloads:
                masked = redact_body(payload.body, payload.content_type, personal_keys)
                payload.body_masked = readable_body(masked, payload.content_type)

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

    def _ecom_is_redaction(self):
        return self.env.context.get("_ecom_redact_sentinel") is _REDACT_SENTINEL

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
        if self._ecom_is_redaction():
            protected -= self._redaction_fields
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
        payloads._ecom_check_not_redacted()
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
        self,
        shop,
        documents,
        source,
        filename=None,
        delivery_id=None,
        sync_run=None,
        queued=False,
        webhook_body_hash=None,
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
        :param webhook_body_hash: the SHA-256 of the webhook request's raw
            body that brought the (one) document; unique per shop
        :return: the created payloads; those whose document carried an error
            are already ``failed`` with that error
        """
        state = "queued" if queued else "new"
        vals_list = []
        now = fields.Datetime.now()
        # The documents' errors are read by the company's people: in their language.
        readers = in_company_lang(shop).env
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
                    "webhook_body_hash": webhook_body_hash,
                    "sync_run_id": sync_run.id if sync_run else False,
                    "body": storable_text(document.body),
                    "content_type": document.content_type,
                    "state": "failed" if document.error else state,
                    "error": storable_text(env_sentence(readers, document.error) or None),
                    "processed_at": now if document.error else False,
                }
            )
        payloads = self.with_context(_ecom_store_sentinel=_STORE_SENTINEL).create(vals_list)
        return payloads.with_env(self.env)

    def _ecom_document(self):
        self.ensure_one()
        # As the system: the importer reads what the shop sent for whoever runs
        # it, and web-shop users may not read the raw body themselves.
        payload_sudo = self.sudo()
        return InboundDocument(
            body=payload_sudo.body,
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
            in_company_lang(batch).with_delay(
                description=_("Import %(count)s shop payloads", count=len(batch)),
                identity_key=None if stored else identity_exact,
            )._ecom_process_batch()
        return True

    def _ecom_process_batch(self):
        """Job: process a batch of payloads (see :meth:`_ecom_process`)."""
        todo = self.exists().filtered(lambda p: p.state in ("new", "queued", "failed"))
        return todo._ecom_process()

    def _ecom_process(self):
        """Turn these payloads into sale orders; each records its own outcome.

        Refund notices of webhooks (a refund, not an order) are settled
        first (:meth:`_ecom_settle_refund_notices`); the other payloads are
        imported as orders. A redacted payload is not read again: it fails
        with the sentence of :meth:`_ecom_check_not_redacted`.
        """
        notices = self.filtered(lambda p: p.kind == KIND_REFUND and p.source == "webhook")
        notices._ecom_settle_refund_notices()
        orders = self - notices
        redacted = orders.filtered("redacted_on")
        for payload in redacted:
            payload._ecom_fail(payload._ecom_redacted_sentence())
        self.env["ecom.order.importer"]._import_payloads(orders - redacted)
        return self

    def _ecom_settle_refund_notices(self):
        """Record what a refund webhook (a refund, not an order) tells about its order.

        The order carries its refunds, and the shop sends the changed order
        (orders/updated) with every refund: that order payload is what updates
        the sale order. A notice whose refund the sale order already shows is a
        duplicate; otherwise it is skipped with a note saying what to expect.
        """
        if not self:
            return
        orders = self.env["sale.order"].search(
            [
                ("ecom_shop_id", "in", self.shop_id.ids),
                ("ecom_external_id", "in", [p.external_id for p in self if p.external_id]),
            ]
        )
        order_of = {(o.ecom_shop_id.id, o.ecom_external_id): o for o in orders}
        now = fields.Datetime.now()
        for payload in self:
            try:
                refund_id = str(json.loads(payload.body).get("id") or "")
            except (ValueError, AttributeError):
                refund_id = ""
            order = order_of.get((payload.shop_id.id, payload.external_id))
            known = order and refund_id in order.ecom_refund_ids.mapped("external_id")
            if known:
                state = "duplicate"
                note = _(
                    "Refund %(refund)s is already on %(order)s.", refund=refund_id, order=order.name
                )
            else:
                state = "skipped"
                note = _(
                    "Refund %(refund)s of shop order %(order)s: the shop sends the order with "
                    "its refunds as an order update, which updates the sale order.",
                    refund=refund_id or "?",
                    order=payload.external_id,
                )
            payload.write(
                {
                    "state": state,
                    "note": note,
                    "error": False,
                    "sale_order_id": order.id if order else False,
                    "processed_at": now,
                }
            )

    def _ecom_reprocess(self):
        """Process again, even payloads already done (held orders).

        Orders released from their hold this way record who released them: a
        person's work, which the automation rate does not count as automatic.
        """
        self._ecom_check_not_redacted()
        held_orders = self.sale_order_id.filtered("ecom_hold_reason_ids")
        self.write({"state": "new", "error": False})
        result = self.with_context(ecom_force_update=True)._ecom_process()
        released = held_orders.filtered(lambda order: not order.ecom_hold_reason_ids)
        released._ecom_as_product().write({"ecom_released_by_id": self.env.uid})
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

    # ------------------------------------------------------------ personal data

    def _ecom_redacted_sentence(self):
        self.ensure_one()
        return _(
            "Payload %(payload)s was redacted on %(date)s: the customer's personal data in it "
            "was erased (the shop's retention period was over, or the customer was erased), "
            "so it cannot be imported again. Import the order again from the shop (Import "
            "Now, or a new file) if it must be read again.",
            payload=self.display_name,
            date=format_date(self.env, self.redacted_on),
        )

    def _ecom_check_not_redacted(self):
        """Refuse to read again payloads whose personal data was masked.

        :raises UserError: naming the first such payload, and what to do instead
        """
        redacted = self.filtered("redacted_on")
        if redacted:
            raise UserError(redacted[0]._ecom_redacted_sentence())

    def _ecom_redact(self):
        """Mask the personal parts of these payloads' bodies (see adapters/redaction.py).

        The masked body replaces the raw one; the hash of what was received
        stays (the same order sent again is still a duplicate), and
        ``redacted_on`` says when. Payloads already redacted are left alone.

        :return: the payloads redacted now
        """
        todo = self.filtered(lambda p: not p.redacted_on)
        # As the system: redacting is the product's own act, whoever triggered
        # it (the schedule, or a user archiving a customer, who may not read
        # raw bodies); the sentinel lets it past the protection of the body.
        todo_sudo = todo.sudo().with_context(_ecom_redact_sentinel=_REDACT_SENTINEL)
        now = fields.Datetime.now()
        # The hash stays the one of what was received: not computed again from
        # the masked body.
        with self.env.protecting([self._fields["body_hash"]], todo_sudo):
            for shop, payloads in todo_sudo.grouped("shop_id").items():
                personal_keys = shop._ecom_personal_keys()
                for payload in payloads:
                    payload.write(
                        {
                            "body": redact_body(payload.body, payload.content_type, personal_keys),
                            "redacted_on": now,
                        }
                    )
        _logger.info("ecom payloads %s redacted", todo.ids)
        return todo

    @api.model
    def _ecom_retention_domain(self, now):
        """The payloads whose shop's retention period is over at ``now``.

        The period runs from the moment the connector is done with a payload:
        when it was last processed (done, held, duplicate, skipped, failed),
        or when its sale order last changed, whichever is later; a payload
        waiting to be processed, or whose order is held, waits. Modules add
        their own conditions (the accounting rules: the order is in the books).

        :return: a domain on ``ecom.payload``
        """
        shops = self.env["ecom.shop"].with_context(active_test=False).search([])
        per_shop = []
        for days, days_shops in shops.grouped("payload_retention_days").items():
            cutoff = now - timedelta(days=days)
            per_shop.append(
                [
                    ("shop_id", "in", days_shops.ids),
                    ("processed_at", "<", cutoff),
                    "|",
                    ("sale_order_id", "=", False),
                    ("sale_order_id.write_date", "<", cutoff),
                ]
            )
        return expression.AND(
            [
                [("redacted_on", "=", False), ("state", "in", REDACTABLE_STATES)],
                expression.OR(per_shop) if per_shop else expression.FALSE_DOMAIN,
                [
                    "|",
                    ("sale_order_id", "=", False),
                    ("sale_order_id.ecom_hold_reason_ids", "=", False),
                ],
            ]
        )

    @api.model
    def _cron_redact_payloads(self, batch_size=REDACTION_BATCH):
        """Mask the personal data of payloads past their shop's retention period.

        One batch per call, as Odoo's schedule batches its work (see
        ``ir.cron._notify_progress``): the batch is committed, and the
        schedule calls again at once while some remain.
        """
        domain = self._ecom_retention_domain(fields.Datetime.now())
        payloads = self.search(domain, limit=batch_size, order="id")
        for ids in split_every(JOB_BATCH_SIZE, payloads.ids):
            self.browse(ids)._ecom_redact()
            # Redacted bodies leave the cache: memory stays flat over a batch.
            self.env.flush_all()
            self.env.invalidate_all()
        remaining = self.search_count(domain) if len(payloads) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(payloads), remaining=remaining)
        return True

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
                reason = error.args[0] if isinstance(error, UserError) else str(error)
                progress(self.env._("%(file)s: %(error)s", file=str(path), error=reason))
                report["failed"] += 1
                continue
            progress(self.env._("%(file)s: all orders stored", file=str(path)))
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
            progress(
                self.env._(
                    "%(count)s payloads left by an interrupted import: processed now",
                    count=len(leftover),
                )
            )
            for batch_ids in split_every(JOB_BATCH_SIZE, leftover.ids):
                run_batch(lambda ids=batch_ids: self._ecom_cli_process(ids))
                run["batches"] += 1
                progress(
                    self.env._(
                        "processed batch %(batch)s (left by an interrupted import)",
                        batch=run["batches"],
                    )
                )
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

    def _ecom_cli_progress(self, progress, run, path, where):
        """One line after each batch: orders done, rate, how far in the file, time left."""
        elapsed = time.monotonic() - run["started"]
        rate = run["done"] / elapsed if elapsed else 0.0
        left = elapsed * (1 - where) / where if where else 0.0
        progress(
            self.env._(
                "processed batch %(batch)s: %(done)s orders done, %(rate)s orders/s, %(file)s "
                "%(read)s %% read, about %(left)s left",
                batch=run["batches"],
                done=run["done"],
                rate=f"{rate:.1f}",
                file=path.name,
                read=f"{100 * where:.0f}",
                left=_duration(left),
            )
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
