# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Pulling a shop's orders from its API, on a schedule or on demand.

A pull asks the platform for the orders updated since the shop's cursor,
page by page. Each page is stored in the inbox (``source="pull"``) and queued
for import before anything moves forward; what was already in the inbox
(the same body, or an equal or newer revision) is counted, not stored again.

Progress is kept on the shop: ``sync_resume`` holds the window in progress
(its start, the next page's token, the shop's clock when it began), updated
after each stored page. A job reads a batch of pages and hands over to the
next job, so each batch is committed by queue_job; a failure on page N keeps
pages 1..N-1 and the next attempt starts at page N. When the last page is
stored the cursor moves to the shop's clock at the window's start (less a
margin), and the next window starts there: overlapping windows are expected,
the inbox and the importer's revision check make them harmless.

Failures: a transient one (timeout, 429, 5xx) retries the job later
(``RetryableJobError``, or a delayed follow-up job when pages were already
stored); credentials refused (401/403) or any other refusal stop the shop's
automatic import and say why on the shop.
"""

import hashlib
import logging
import math
from datetime import timedelta

import requests
from urllib3.exceptions import NameResolutionError

from odoo import _, fields, models
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job, identity_exact

from ..adapters import get_adapter
from ..clients import (
    AuthError,
    ClientError,
    ShopApiError,
    TransientError,
    get_pull_client,
)
from ..const import PULL_CURSOR_MARGIN, PULL_PAGES_PER_JOB

_logger = logging.getLogger(__name__)

# First key of the per-shop advisory lock (the second is the shop's id).
PULL_LOCK_KEY = 0x45434F4D  # "ECOM"
LIVE_JOB_STATES = ("wait_dependencies", "pending", "enqueued", "started")


def retry_can_help(error):
    """Whether trying ``error``'s call again later may work.

    A timeout, a refused connection, a 429 or a 5xx may; a host name that
    does not resolve or a TLS certificate that does not verify will not:
    the address or the shop's set-up must change first. The client's error
    says so when it knows (``retryable``); else the cause it wraps does.
    """
    verdict = getattr(error, "retryable", None)
    if verdict is not None:
        return bool(verdict)
    if error.status is not None:
        return True
    cause = error.__cause__ or error.__context__
    while cause is not None:
        if isinstance(cause, requests.exceptions.SSLError):
            return False
        reason = getattr(cause.args[0], "reason", None) if cause.args else None
        if isinstance(cause, NameResolutionError) or isinstance(reason, NameResolutionError):
            return False
        cause = cause.__cause__ or cause.__context__
    return True


def _body_hash(body):
    # The same digest as ecom.payload.body_hash.
    return hashlib.sha256((body or "").encode()).hexdigest()


class EcomShop(models.Model):
    _inherit = "ecom.shop"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------ the pull job

    def _ecom_pull(self, run, max_pages=PULL_PAGES_PER_JOB):
        """Job: read up to ``max_pages`` pages of ``run``, store and queue them.

        Queues the next job when pages remain (at once, or after the time
        the shop asked when it failed transiently after some pages).

        :param run: the ``ecom.sync.run`` this job works for
        :return: a line saying what was done (shown on the job)
        :raises RetryableJobError: when the shop is unreachable before any page
        """
        self.ensure_one()
        shop = self.with_company(self.company_id)
        if run.state != "running":
            return _("Run %(run)s is already %(state)s.", run=run.id, state=run.state)
        if not shop._ecom_pull_lock():
            raise RetryableJobError(_("Another pull of this shop is running."), seconds=60)
        try:
            outcome, error = shop._ecom_pull_pages(run, max_pages)
        except TransientError as failure:
            if not retry_can_help(failure):
                shop._ecom_pull_failed(run, failure)
                return failure.sentence(self.env)
            seconds = max(1, math.ceil(failure.retry_after))
            # The run came as the job's argument: the job's own context is the shop's.
            job_uuid = self.env.context.get("job_uuid")
            if not run._ecom_say_retry(failure, seconds, job_uuid):
                # The job's last attempt: the run ends here, saying why.
                run._ecom_finish("failed", failure.sentence(self.env))
                return failure.sentence(self.env)
            raise RetryableJobError(failure.sentence(self.env), seconds=seconds) from None
        except ShopApiError as failure:
            shop._ecom_pull_failed(run, failure)
            return failure.sentence(self.env)
        if outcome == "more":
            shop._ecom_queue_pull(run)
        elif outcome == "retry":
            wait = max(1, math.ceil(error.retry_after))
            run._ecom_add_error(
                _(
                    "%(error)s Going on in %(seconds)s seconds.",
                    error=error.sentence(self.env),
                    seconds=wait,
                )
            )
            shop._ecom_queue_pull(run, eta=wait)
        return _(
            "%(pages)s pages, %(new)s new orders so far (%(outcome)s).",
            pages=run.page_count,
            new=run.new_count,
            outcome=outcome,
        )

    def _ecom_pull_lock(self, session=False):
        """Take this shop's pull lock; ``False`` when another pull holds it.

        :param session: hold it past commits, until :meth:`_ecom_pull_unlock`
            or the end of the connection (a command committing page by page;
            a killed command's lock goes with its connection); else it is
            held until the transaction ends (a job)
        """
        if session:
            query = SQL("SELECT pg_try_advisory_lock(%s, %s)", PULL_LOCK_KEY, self.id)
        else:
            query = SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", PULL_LOCK_KEY, self.id)
        self.env.cr.execute(query)
        return self.env.cr.fetchone()[0]

    def _ecom_pull_unlock(self):
        """Release the session lock of :meth:`_ecom_pull_lock`."""
        self.env.cr.execute(SQL("SELECT pg_advisory_unlock(%s, %s)", PULL_LOCK_KEY, self.id))

    def _ecom_pull_pages(self, run, max_pages):
        """Read, store and queue up to ``max_pages`` pages of the window in progress.

        :return: ``("done", None)`` when the window is complete (the cursor
            moved), ``("more", None)`` when pages remain, ``("retry", error)``
            when a transient error stopped it after at least one stored page
        :raises TransientError: when the first page failed so
        :raises AuthError, ClientError: refusals
        """
        self.ensure_one()
        resume = dict(self.sync_resume or {})
        if not resume:
            resume = {"since": fields.Datetime.to_string(run.since) if run.since else None}
        since = fields.Datetime.to_datetime(resume.get("since"))
        token = resume.get("token")
        client = self._ecom_pull_client()
        for count in range(max_pages):
            try:
                page = client.fetch_page(since, token)
            except TransientError as error:
                if not count:
                    raise
                return "retry", error
            except ClientError as error:
                if not count and token is not None:
                    # The shop no longer takes where we stopped (an expired Shopify
                    # cursor): read the window again, the inbox skips what it has.
                    run._ecom_add_error(
                        _(
                            "The shop refused to go on where the pull stopped (%(error)s): "
                            "the pull starts its window again.",
                            error=error.sentence(self.env),
                        )
                    )
                    token = resume["token"] = None
                    page = client.fetch_page(since, token)
                else:
                    raise
            payloads, duplicates = self._ecom_store_pulled(page.documents, run)
            payloads.filtered(lambda p: p.state == "new")._ecom_enqueue()
            run._ecom_add_page(len(page.documents), len(payloads), duplicates)
            failed = payloads.filtered(lambda p: p.state == "failed")
            if failed:
                run._ecom_add_error(
                    _(
                        "%(count)s orders could not be identified: see the failed payloads.",
                        count=len(failed),
                    )
                )
            resume.setdefault(
                "started", fields.Datetime.to_string(page.server_time or fields.Datetime.now())
            )
            token = page.next_token
            if token is None:
                self._ecom_pull_window_done(since, resume)
                run._ecom_finish("done")
                return "done", None
            resume["token"] = token
            self.sync_resume = resume
        return "more", None

    def _ecom_pull_window_done(self, since, resume):
        """Move the cursor past a complete window; the next one starts there."""
        started = fields.Datetime.to_datetime(resume["started"])
        cursor = started - timedelta(minutes=PULL_CURSOR_MARGIN)
        if since and since > cursor:
            cursor = since
        self.write(
            {
                "sync_cursor": cursor,
                "sync_resume": False,
                "sync_state": "ok",
                "sync_message": False,
            }
        )

    def _ecom_pull_failed(self, run, error):
        """A refusal a person must fix: stop the automatic import and say why."""
        self.ensure_one()
        auth = isinstance(error, AuthError)
        # The way back depends on how the pull started: the schedule, or a click.
        then = (
            _("then switch Automatic Import back on.")
            if self.sync_enabled
            else _("then click Import Now again.")
        )
        if auth:
            message = _(
                "The shop refused the connector's credentials: %(error)s Fix the API key or "
                "token (and its scopes) in the Connection tab, %(then)s",
                error=error.sentence(self.env),
                then=then,
            )
        elif isinstance(error, TransientError):
            # Unreachable for good (unknown host, certificate): not a refusal.
            message = _(
                "The shop could not be reached, and trying again will not help: %(error)s "
                "Check the shop's address in the Connection tab, %(then)s",
                error=error.sentence(self.env),
                then=then,
            )
        else:
            message = _(
                "The shop refused the pull: %(error)s Fix the shop's settings, %(then)s",
                error=error.sentence(self.env),
                then=then,
            )
        _logger.warning("ecom shop %s: pull stopped (%s)", self.id, type(error).__name__)
        self.write(
            {
                "sync_enabled": False,
                "sync_state": "auth_error" if auth else "error",
                "sync_message": message,
            }
        )
        run._ecom_finish("failed", error.sentence(self.env))
        self.message_post(body=message)

    def _ecom_pull_client(self):
        """The platform's pull client, with the shop's URL and credentials.

        The context keys ``ecom_pull_page_size`` and ``ecom_pull_timeout``
        (seconds) override the platform's page size and the call timeout.
        """
        self.ensure_one()
        shop_sudo = self.sudo()
        credentials = {
            "token": shop_sudo.access_token,
            "key": shop_sudo.api_key,
            "secret": shop_sudo.api_secret,
        }
        options = {"page_size": self.env.context.get("ecom_pull_page_size")}
        if self.env.context.get("ecom_pull_timeout"):
            options["timeout"] = self.env.context["ecom_pull_timeout"]
        adapter = get_adapter(self.platform, self._ecom_adapter_options())
        return get_pull_client(self.platform, shop_sudo.api_url, credentials, adapter, **options)

    def _ecom_store_pulled(self, documents, run=None):
        """Store the documents the inbox does not hold yet (source ``pull``).

        A document is a duplicate when a payload of this shop has the same
        body, or the same object at an equal or newer revision.

        :param documents: :class:`InboundDocument` of one page
        :param run: the ``ecom.sync.run`` reading them
        :return: ``(payloads, duplicate_count)``, the payloads just created
        """
        self.ensure_one()
        Payload = self.env["ecom.payload"]
        hashes = {_body_hash(document.body) for document in documents}
        known_hashes = {
            body_hash
            for (body_hash,) in Payload._read_group(
                [("shop_id", "=", self.id), ("body_hash", "in", list(hashes))], ["body_hash"]
            )
        }
        external_ids = [d.external_id for d in documents if d.external_id]
        latest = {
            (kind, external_id): revision
            for kind, external_id, revision in Payload._read_group(
                [
                    ("shop_id", "=", self.id),
                    ("external_id", "in", external_ids),
                    ("revision", "!=", False),
                ],
                ["kind", "external_id"],
                ["revision:max"],
            )
        }
        fresh, duplicates = [], 0
        for document in documents:
            body_hash = _body_hash(document.body)
            key = (document.kind, document.external_id)
            known = latest.get(key)
            if body_hash in known_hashes or (
                document.revision and known and known >= document.revision
            ):
                duplicates += 1
                continue
            known_hashes.add(body_hash)
            if document.external_id and document.revision:
                latest[key] = document.revision
            fresh.append(document)
        return Payload._ecom_store(self, fresh, "pull", sync_run=run), duplicates

    def _ecom_pull_now(self, since=None, progress=None, run_batch=None):
        """Pull synchronously, import included (``odoo ecom pull``).

        Runs the pages ``PULL_PAGES_PER_JOB`` at a time, each batch stored and
        imported through ``run_batch``, and stops at the first failure; what
        was stored stays, and the next pull goes on from there.

        :param datetime since: pull from this moment instead of the cursor
        :param progress: a callable taking a line of progress text
        :param run_batch: a callable running a step (a callable without
            arguments) and returning its result. The command line commits
            there: a batch of pages is all or nothing, finished batches stay
            when the command is killed, and the same command run again goes
            on from the next page. By default it just calls it (one
            transaction, the caller's).
        :return: the ``ecom.sync.run``
        """
        self.ensure_one()
        self._ecom_check_pullable()
        shop = self.with_company(self.company_id).with_context(queue_job__no_delay=True)
        committing = run_batch is not None
        run_batch = run_batch or (lambda step: step())
        run = run_batch(lambda: shop._ecom_start_pull("cli", since=since))
        if not shop._ecom_pull_lock(session=committing):
            run_batch(
                lambda: run._ecom_finish("failed", _("Another pull of this shop is running."))
            )
            return run
        try:
            # This pull holds the shop's lock: a command-line run still open
            # was interrupted (killed, its connection lost), and this one
            # takes over where it stopped.
            run_batch(lambda: shop._ecom_close_interrupted_runs(run))
            while run.state == "running":
                try:
                    outcome, error = run_batch(
                        lambda: shop._ecom_pull_pages(run, PULL_PAGES_PER_JOB)
                    )
                except TransientError as failure:
                    outcome, error = "retry", failure
                except ShopApiError as failure:
                    run_batch(lambda failure=failure: shop._ecom_pull_failed(run, failure))
                    break
                if progress:
                    progress(f"{run.page_count} pages, {run.new_count} new orders")
                if outcome == "retry":
                    run_batch(
                        lambda error=error: run._ecom_finish(
                            "failed",
                            _(
                                "%(error)s Run the pull again to go on from there.",
                                error=error.sentence(self.env),
                            ),
                        )
                    )
        finally:
            if committing:
                shop._ecom_pull_unlock()
        return run

    def _ecom_close_interrupted_runs(self, run):
        """Close this shop's other running command-line runs: their command is gone."""
        self.ensure_one()
        interrupted = self.env["ecom.sync.run"].search(
            [
                ("shop_id", "=", self.id),
                ("state", "=", "running"),
                ("trigger", "=", "cli"),
                ("id", "!=", run.id),
            ]
        )
        for old in interrupted:
            old._ecom_finish(
                "failed",
                _(
                    "The command stopped before its end (interrupted, or its database "
                    "connection lost); run %(run)s went on from where it stopped.",
                    run=run.id,
                ),
            )

    def _ecom_pull_job_alive(self, run):
        """Whether the pull job of ``run``, a run of this shop, is waiting or running.

        The job is found by the identity key :meth:`_ecom_queue_pull` gives it.
        """
        self.ensure_one()
        identity = identity_exact(Job(self._ecom_pull, args=(run,)))
        return bool(
            self.env["queue.job"]
            .sudo()
            .search_count(
                [("identity_key", "=", identity), ("state", "in", LIVE_JOB_STATES)],
                limit=1,
            )
        )
