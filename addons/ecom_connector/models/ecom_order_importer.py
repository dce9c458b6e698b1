# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""From canonical shop orders to Odoo sale orders, in batches.

The sequence for each batch of one shop:
parse → lock (shop, external id) → look up existing orders → skip what is not
newer → resolve partners, products, taxes for the whole batch → create or
rewrite the orders → check totals → confirm → record each payload's outcome.

Who the customer is and which products and taxes: orders/resolver.py (business
or consumer, and the hold of a business that cannot be identified:
orders/customer_kind.py; taxes created from the shop: orders/tax_creation.py).
What the sale order and its lines look like: orders/values.py. The shop's
payments and refunds, written as records in one batch per import batch: the
end of this file.
"""

import hashlib
import json
import logging
from decimal import Decimal

import psycopg2

from odoo import Command, _, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_repr, formatLang
from odoo.tools.translate import LazyTranslate

from odoo.addons.queue_job.exception import RetryableJobError

from ..adapters import get_adapter
from ..adapters.canonical import PayloadError
from ..adapters.checks import check_order
from ..adapters.totals import order_difference, rebuild_from_totals
from ..adapters.utils import CENT, money
from ..const import REASON_TOTAL_MISMATCH, WARNING_ROUNDING_DIFFERENCE
from ..orders.problems import ImportProblems
from ..orders.resolver import OrderResolver
from ..orders.values import prepare_order_vals, prepare_status_vals
from ..sentences import env_sentence
from ..tools import batch_chatter, in_company_lang
from .sale_order import product_authority_context

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

# Errors of a batch that met another import of the same orders: never a
# payload's failure, the batch is retried (by queue_job, or by the command).
RACE_ERRORS = (psycopg2.errors.UniqueViolation, psycopg2.extensions.TransactionRollbackError)
CONFIRMABLE_STATUSES = ("paid", "partially_paid", "authorized", "partially_refunded", "refunded")


class EcomOrderImporter(models.AbstractModel):
    _name = "ecom.order.importer"
    _description = "Shop Order Importer"

    # ------------------------------------------------------------ entry point

    def _import_payloads(self, payloads):
        """Process inbound payloads; each one records its outcome.

        :param payloads: ``ecom.payload`` records, any shops
        :return: the same payloads
        """
        # The importer writes the fields the posting rules trust, and releases
        # the holds it finds settled: the product's own authority, whoever runs it.
        importer = self.with_context(**product_authority_context())
        for shop in payloads.shop_id:
            shop = shop.with_company(shop.company_id)
            shop_payloads = payloads.filtered(lambda p, s=shop: p.shop_id == s)
            importer.with_company(shop.company_id)._import_shop_payloads(shop, shop_payloads)
        return payloads

    def _import_shop_payloads(self, shop, payloads):
        adapter = get_adapter(shop.platform, shop._ecom_adapter_options())
        # The payloads' failures are read by the company's people: in their language.
        readers = in_company_lang(shop).env
        parsed = []
        for payload in payloads:
            order = None
            try:
                order = rebuild_from_totals(adapter.parse(payload._ecom_document()))
                refusals = check_order(order)
                if refusals:
                    payload._ecom_fail(
                        "\n".join(env_sentence(readers, sentence) for _code, sentence in refusals)
                    )
                    self._keep_reference(payload, order)
                    continue
                self._check_order(order)
            except PayloadError as error:
                payload._ecom_fail(error.sentence(readers))
                self._keep_reference(payload, order)
                continue
            except Exception as error:  # an adapter bug must not stop the batch
                _logger.exception("ecom payload %s: cannot be read", payload.id)
                payload._ecom_fail(
                    _(
                        "The order could not be read: %(error)s (%(kind)s). Check the payload "
                        "against the shop's export format, then retry it.",
                        error=error,
                        kind=type(error).__name__,
                    )
                )
                continue
            parsed.append((payload, order))
        parsed = self._drop_superseded(parsed)
        if not parsed:
            return
        try:
            with self.env.cr.savepoint():
                self._import_orders(shop, parsed)
            return
        except RACE_ERRORS as error:
            # Another worker created or changed the same order meanwhile: a retry sees it.
            raise RetryableJobError(str(error), seconds=10) from error
        except Exception:  # noqa: BLE001 - isolate the payload at fault below
            _logger.info("ecom batch of %s payloads: retrying one by one", len(parsed))
        for payload, order in parsed:
            try:
                with self.env.cr.savepoint():
                    self._import_orders(shop, [(payload, order)])
            except RACE_ERRORS as error:
                raise RetryableJobError(str(error), seconds=10) from error
            except PayloadError as error:
                payload._ecom_fail(error.sentence(readers))
                self._keep_reference(payload, order)
            except (UserError, ValidationError) as error:
                payload._ecom_fail(str(error.args[0] if error.args else error))
                self._keep_reference(payload, order)
            except Exception as error:
                _logger.exception("ecom payload %s: unexpected error", payload.id)
                payload._ecom_fail(_("Unexpected error while importing: %(error)s", error=error))
                self._keep_reference(payload, order)

    def _keep_reference(self, payload, order):
        """A failed payload still shows the shop's order name ("#1099") when it was read."""
        reference = order.reference if order else None
        if reference and payload.shop_reference != reference:
            payload.shop_reference = reference

    def _check_order(self, order):
        """Checks that need the database (the adapter checked the rest)."""
        currency = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search([("name", "=", order.currency)], limit=1)
        )
        if not currency:
            raise PayloadError(_lt("Unknown currency %(code)s.", code=order.currency))

    def _drop_superseded(self, parsed):
        """Keep the newest payload per external id; older ones are duplicates."""
        newest = {}
        for payload, order in parsed:
            kept = newest.get(order.external_id)
            revision = order.updated_at or payload.received_at
            if kept is None or revision >= (kept[1].updated_at or kept[0].received_at):
                if kept:
                    self._mark_duplicate(kept[0], None, _("A newer copy came in the same batch."))
                newest[order.external_id] = (payload, order)
            else:
                self._mark_duplicate(payload, None, _("A newer copy came in the same batch."))
        return list(newest.values())

    # ------------------------------------------------------------ the batch

    def _import_orders(self, shop, parsed):
        SaleOrder = self.env["sale.order"]
        external_ids = sorted(order.external_id for _payload, order in parsed)
        self._lock(shop, external_ids)
        existing = SaleOrder.search(
            [("ecom_shop_id", "=", shop.id), ("ecom_external_id", "in", external_ids)]
        )
        by_external_id = {so.ecom_external_id: so for so in existing}
        force = self.env.context.get("ecom_force_update")

        to_create, to_rewrite, late = [], [], []
        for payload, order in parsed:
            sale_order = by_external_id.get(order.external_id)
            if not sale_order:
                if self._before_start(shop, order):
                    payload.write(
                        {
                            "state": "skipped",
                            "processed_at": fields.Datetime.now(),
                            "note": _("Created in the shop before the shop's import start date."),
                        }
                    )
                    continue
                to_create.append((payload, order))
            elif not force and not self._is_newer(sale_order, payload, order):
                self._mark_duplicate(payload, sale_order, _("Already imported: nothing newer."))
            elif sale_order._ecom_is_locked():
                late.append((payload, order, sale_order))
            else:
                to_rewrite.append((payload, order, sale_order))

        todo = [(p, o) for p, o in to_create] + [(p, o) for p, o, _so in to_rewrite]
        if not todo:
            self._write_shop_payments([(so, o) for _p, o, so in late])
            self._record_late_changes(late)
            self._follow_platform_shipments(shop, late)
            return
        resolver = OrderResolver(self.env, shop, [order for _payload, order in todo])
        problems = {payload.id: ImportProblems() for payload, _order in todo}

        tolerance = self._total_tolerance(shop)

        def order_vals(payload, order):
            # Taxes are created from the shop only for orders whose amounts reconcile.
            reconciles = abs(order_difference(order)) <= tolerance
            return prepare_order_vals(resolver, payload, order, problems[payload.id], reconciles)

        create_vals = [order_vals(payload, order) for payload, order in to_create]
        created = SaleOrder
        if create_vals:
            # Without Odoo's chatter nobody reads (the import message stays); the
            # orders are handed on without that context.
            created = batch_chatter(SaleOrder, shop.subscribe_customers).create(create_vals)
            created = created.with_env(SaleOrder.env)

        for payload, order, sale_order in to_rewrite:
            self._rewrite_order(sale_order, order_vals(payload, order), force)

        results = list(
            zip([p for p, _o in to_create], [o for _p, o in to_create], created, strict=True)
        )
        results += [(p, o, so) for p, o, so in to_rewrite]
        # One batch of payments and refunds for the whole import batch.
        self._write_shop_payments([(so, o) for _p, o, so in late + results])
        self._record_late_changes(late)
        if resolver.created_tax_maps:
            self._taxes_created(resolver.created_tax_maps, [so for _p, _o, so in results])
        self._finalize(shop, results, problems)
        self._follow_platform_shipments(shop, late + results)

    def _taxes_created(self, tax_maps, sale_orders):
        """Hook: the import created taxes from the shop (its unknown tax policy).

        Says so on the shop; the accounting addon also opens one review item
        per created tax, on the first order that uses it.
        :param tax_maps: the ``ecom.tax.map`` records created, each with its tax
        :param sale_orders: the batch's sale orders (a list)
        :return: ``{tax map id: the first sale order using its tax}``
        """
        first_order = {}
        for tax_map in tax_maps:
            tax_map.shop_id.message_post(
                body=_(
                    "Tax %(tax)s created from the shop's tax %(title)s (%(rate)s %%): "
                    "check its accounts and tax report tags.",
                    tax=tax_map.tax_id.display_name,
                    title=tax_map.title or "-",
                    rate=tax_map.rate,
                )
            )
            for sale_order in sale_orders:
                if tax_map.tax_id in sale_order.order_line.tax_id:
                    first_order[tax_map.id] = sale_order
                    break
        return first_order

    def _rewrite_order(self, sale_order, vals, force=False):
        """Bring an existing (not invoiced, not delivered) order to ``vals``.

        Header fields are written only where they changed, and before the
        lines: a new partner or address recomputes the fiscal position, which
        would otherwise replace the shop's taxes on the lines with the
        products' default ones. Lines are rebuilt only when they changed.
        """
        lines = vals.pop("order_line")
        header = {}
        for name, value in vals.items():
            current = sale_order[name]
            if sale_order._fields[name].type == "many2one":
                current = current.id
            if current != value and (current or value):
                header[name] = value
        if header:
            sale_order.write(header)
        addresses = {"partner_id", "partner_invoice_id", "partner_shipping_id"}
        if force or "ecom_lines_digest" in header or header.keys() & addresses:
            if sale_order.state == "sale":
                sale_order._action_cancel()
            if sale_order.state == "cancel":
                sale_order.action_draft()
            sale_order.write({"order_line": [Command.clear()] + lines})

    def _lock(self, shop, external_ids):
        """Serialize workers on the same shop orders (transaction-scoped locks).

        One query for the batch; the keys are taken in sorted order so that two
        workers on overlapping batches cannot deadlock.
        """
        keys = sorted(f"ecom.order:{shop.id}:{external_id}" for external_id in external_ids)
        self.env.cr.execute(
            "SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest(%s::text[]) AS k ORDER BY k",
            (keys,),
        )

    def _before_start(self, shop, order):
        return bool(
            shop.import_start_date
            and order.created_at
            and order.created_at < shop.import_start_date
        )

    def _is_newer(self, sale_order, payload, order):
        """Whether ``order`` should change ``sale_order`` (revision, else content)."""
        if order.updated_at and sale_order.ecom_revision:
            return order.updated_at > sale_order.ecom_revision
        return payload.body_hash != sale_order.ecom_payload_id.body_hash

    def _mark_duplicate(self, payload, sale_order, note):
        """The payload repeats what is known: it keeps the order's reference and total."""
        sale_order = sale_order or payload.sale_order_id
        payload.write(
            {
                "state": "duplicate",
                "sale_order_id": sale_order.id,
                "processed_at": fields.Datetime.now(),
                "error": False,
                "note": note,
                "shop_reference": payload.shop_reference or sale_order.ecom_reference,
                "shop_total": payload.shop_total or sale_order.ecom_shop_total,
                "currency_id": payload.currency_id.id or sale_order.currency_id.id,
            }
        )

    def _record_late_changes(self, late):
        """:param late: a list of (payload, canonical order, locked sale order)"""
        for payload, order, sale_order in late:
            self._record_late_change(sale_order, payload, order)

    def _record_late_change(self, sale_order, payload, order):
        """The shop changed an order that is already invoiced or delivered.

        The order's lines stay as they are (they are facts in the books or the
        warehouse); its shop status and cancellation are recorded (its payments
        and refunds already are, with the batch's) so the accounting rules can
        act on them.
        """
        sale_order.write(prepare_status_vals(payload, order))
        message = _(
            "The shop sent a newer version of this order after it was invoiced or "
            "delivered: its lines were not changed. Shop status: %(status)s%(cancelled)s.",
            status=order.financial_status,
            cancelled=_(", cancelled") if order.is_cancelled else "",
        )
        sale_order.message_post(body=message)
        payload.write(
            {
                "state": "done",
                "sale_order_id": sale_order.id,
                "processed_at": fields.Datetime.now(),
                "error": False,
                "note": message,
                "shop_reference": order.reference,
                "shop_total": float(order.totals.total),
            }
        )

    # ------------------------------------------------------------ totals

    def _total_tolerance(self, shop):
        """The shop's tolerance on totals, as a ``Decimal`` of cents."""
        return Decimal(float_repr(shop._ecom_total_tolerance(), 2))

    def _check_total(self, order, sale_order, tolerance, problems):
        """Compare the shop's total with the sale order's, and say what a difference is.

        Within ``tolerance``: a rounding difference, listed with its amount
        (it holds nothing). Above it: the totals do not reconcile, which holds
        the order, with the causes the order's amounts point to. When the
        tolerance is 0 and the difference is what rounding the tax of each
        unit gives (a cent per unit at most), the sentence suggests a tolerance.

        :param order: the canonical ``ShopOrder``
        :param sale_order: its ``sale.order``, lines written
        :param tolerance: a ``Decimal``, see :meth:`_total_tolerance`
        :param problems: the order's ``ImportProblems``, added to
        """
        currency = sale_order.currency_id
        shop_total = money(order.totals.total)
        odoo_total = Decimal(float_repr(sale_order.amount_total, currency.decimal_places))
        difference = shop_total - odoo_total
        if not difference:
            return

        def amount(value):
            return formatLang(self.env, float(value), currency_obj=currency)

        if abs(difference) <= tolerance:
            problems.add(
                WARNING_ROUNDING_DIFFERENCE,
                _(
                    "Rounding difference of %(diff)s: the shop charged %(shop)s, the order "
                    "totals %(odoo)s (within the shop's tolerance of %(tolerance)s).",
                    diff=amount(difference),
                    shop=amount(shop_total),
                    odoo=amount(odoo_total),
                    tolerance=amount(tolerance),
                ),
                holds=False,
            )
            return
        sentences = [
            _(
                "The shop charged %(shop)s but the order totals %(odoo)s: the totals do not "
                "reconcile (difference %(diff)s).",
                shop=amount(shop_total),
                odoo=amount(odoo_total),
                diff=amount(difference),
            )
        ]
        sentences += self._likely_causes(order, sale_order, difference, amount)
        units = sum((line.quantity for line in order.lines), Decimal(0))
        if not tolerance and abs(difference) <= CENT * max(units, 1) and sale_order.amount_tax:
            sentences.append(
                _(
                    "The shop may round the tax of each unit, where Odoo rounds each line: "
                    "a rounding tolerance of %(diff)s on the shop would accept this "
                    "difference as rounding.",
                    diff=amount(abs(difference)),
                )
            )
        problems.add(REASON_TOTAL_MISMATCH, " ".join(sentences))

    def _likely_causes(self, order, sale_order, difference, amount):
        """Sentences naming what the order's amounts point to as the cause of ``difference``.

        :param difference: the shop's total less the sale order's (a ``Decimal``)
        :param amount: formats an amount in the order's currency
        :return: a list of sentences (one general sentence when nothing points anywhere)
        """

        def near(value):
            return bool(value) and abs(abs(difference) - abs(value)) <= CENT

        causes = []
        gift_cards = sum((p.amount for p in order.payments if p.is_gift_card), Decimal(0))
        gift_cards_sold = sum(
            (money(line.quantity * line.unit_price) for line in order.lines if line.is_gift_card),
            Decimal(0),
        )
        if near(gift_cards):
            causes.append(
                _(
                    "It equals the gift cards the customer paid with (%(amount)s): check "
                    "whether the shop's total leaves them out.",
                    amount=amount(gift_cards),
                )
            )
        if near(gift_cards_sold):
            causes.append(
                _(
                    "It equals the gift cards sold in the order (%(amount)s).",
                    amount=amount(gift_cards_sold),
                )
            )
        totals = order.totals
        shipping = sum((line.price - line.discount for line in order.shipping_lines), Decimal(0))
        if totals.shipping and near(totals.shipping - shipping):
            causes.append(
                _(
                    "It equals the shipping the shop gives as a total (%(amount)s) beside the "
                    "order's shipping lines (%(lines)s).",
                    amount=amount(totals.shipping),
                    lines=amount(shipping),
                )
            )
        if totals.discount and near(totals.discount):
            causes.append(
                _(
                    "It equals the order's discount (%(amount)s): check whether the lines "
                    "already include it.",
                    amount=amount(totals.discount),
                )
            )
        currency = sale_order.currency_id
        odoo_tax = Decimal(float_repr(sale_order.amount_tax, currency.decimal_places))
        if totals.tax is not None and totals.tax != odoo_tax and near(totals.tax - odoo_tax):
            causes.append(
                _(
                    "It equals the difference between the shop's tax (%(shop)s) and the tax "
                    "Odoo computes (%(odoo)s): check the lines' taxes and rates.",
                    shop=amount(totals.tax),
                    odoo=amount(odoo_tax),
                )
            )
        if not causes and difference > 0:
            causes.append(
                _(
                    "The shop charged more than the order's lines, shipping and fees add up "
                    "to: a line, a fee or a shipping charge may be missing from the payload."
                )
            )
        if not causes:
            causes.append(
                _(
                    "Likely causes: gift cards the shop's total leaves out, a discount the "
                    "lines do not show, or taxes computed differently."
                )
            )
        return causes

    # ------------------------------------------------------------ finalize

    def _finalize(self, shop, results, problems):
        """Totals check, hold reasons, confirmation, and each payload's outcome."""
        reasons = self.env["ecom.reason"]._by_code("hold")
        tolerance = self._total_tolerance(shop)
        to_confirm = self.env["sale.order"]
        to_cancel = self.env["sale.order"]
        for payload, order, sale_order in results:
            order_problems = problems[payload.id]
            currency = sale_order.currency_id
            self._check_total(order, sale_order, tolerance, order_problems)
            codes = sorted(order_problems.codes)
            sale_order.write(
                {
                    "ecom_hold_reason_ids": [
                        Command.set([reasons[c].id for c in codes if c in reasons])
                    ],
                    "ecom_problems": "\n".join(order_problems.messages) or False,
                }
            )
            if order.is_cancelled:
                to_cancel |= sale_order
            elif (
                shop.confirm_orders
                and not codes
                and sale_order.state == "draft"
                and (
                    order.financial_status in CONFIRMABLE_STATUSES
                    or order.fulfillment_status != "unfulfilled"
                )
            ):
                to_confirm |= sale_order
            payload.write(
                {
                    "state": "held" if codes else "done",
                    "sale_order_id": sale_order.id,
                    "processed_at": fields.Datetime.now(),
                    "error": False,
                    "note": "\n".join(order_problems.messages) or False,
                    "shop_reference": order.reference,
                    "shop_total": float(order.totals.total),
                    "currency_id": currency.id,
                    "attempt_count": payload.attempt_count + 1,
                }
            )
        if to_confirm:
            # Their deliveries too: no origin note, no customer following unless the shop says.
            to_confirm = batch_chatter(to_confirm, shop.subscribe_customers, log_creation=False)
            to_confirm.with_context(ecom_keep_date=True)._ecom_as_product().action_confirm()
        if to_cancel:
            to_cancel.filtered(lambda so: so.state != "cancel")._action_cancel()

    def _follow_platform_shipments(self, shop, results):
        """The deliveries the platform ships itself (Fulfilled by Amazon) follow it:
        those of the orders it reports shipped are validated (see
        ``stock.picking._ecom_done_by_platform``), in one batch.

        :param results: a list of (payload, canonical order, sale order)
        """
        platform = shop._ecom_platform()
        shipped = self.env["sale.order"].union(
            *(
                sale_order
                for _payload, order, sale_order in results
                if order.fulfilled_by_platform
                and order.fulfillment_status == "fulfilled"
                and not order.is_cancelled
                and sale_order.state == "sale"
            )
        )
        pickings = shipped.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
            and p.picking_type_code == "outgoing"
            and platform.ships_itself(shop, p)
        )
        if pickings:
            pickings._ecom_done_by_platform()

    # ------------------------------------------------------------ payments and refunds

    def _prepare_payment_vals(self, sale_order, payment):
        """Values of the ``ecom.order.payment`` for a canonical ``Payment``."""
        return {
            "sale_order_id": sale_order.id,
            "shop_id": sale_order.ecom_shop_id.id,
            "gateway": payment.gateway,
            "kind": payment.kind,
            "status": payment.status,
            "amount": float(payment.amount),
            "transaction_id": payment.transaction_id or False,
            "processed_at": payment.processed_at or False,
            "is_gift_card": payment.is_gift_card,
        }

    def _prepare_refund_vals(self, sale_order, refund, sale_line_ids):
        """Values of the ``ecom.order.refund`` for a canonical ``Refund``.

        :param sale_line_ids: the order's sale line ids by shop line id
        """
        lines = [
            {
                "line_external_id": line.line_external_id,
                "sale_line_id": sale_line_ids.get(line.line_external_id, False),
                "quantity": float(line.quantity),
                "amount": float(line.amount),
                "restock": line.restock,
            }
            for line in refund.lines
        ]
        vals = {
            "sale_order_id": sale_order.id,
            "shop_id": sale_order.ecom_shop_id.id,
            "external_id": refund.external_id,
            "amount": float(refund.amount),
            "shipping_amount": float(refund.shipping_amount),
            "reason": refund.reason or False,
            "restock": refund.restock,
            "created_at": refund.created_at or False,
        }
        vals["digest"] = hashlib.sha256(
            json.dumps([vals, lines], sort_keys=True, default=str).encode()
        ).hexdigest()
        vals["line_ids"] = [Command.create(line) for line in lines]
        return vals

    def _write_shop_payments(self, pairs):
        """Record the shop's payments and refunds of sale orders, in one batch.

        The orders' payments are replaced; their refunds are kept by refund id
        (others may point at them), rewritten only when the shop changed them,
        and dropped when the shop no longer lists them. As the system: they
        are the shop's facts, which users read and never write.

        :param pairs: a list of (sale order, canonical ``ShopOrder``)
        """
        if not pairs:
            return
        payments_sudo = self.env["ecom.order.payment"].sudo()
        refunds_sudo = self.env["ecom.order.refund"].sudo()
        order_ids = [sale_order.id for sale_order, _order in pairs]
        payment_vals = [
            self._prepare_payment_vals(sale_order, payment)
            for sale_order, order in pairs
            for payment in order.payments
        ]
        self._check_transactions(payment_vals, order_ids)
        self._check_refund_ids(pairs, order_ids)
        payments_sudo.search([("sale_order_id", "in", order_ids)]).unlink()
        existing = refunds_sudo.search([("sale_order_id", "in", order_ids)])
        by_key = {(refund.sale_order_id.id, refund.external_id): refund for refund in existing}
        kept, refund_vals = refunds_sudo, []
        for sale_order, order in pairs:
            sale_line_ids = {
                line.ecom_external_id: line.id
                for line in sale_order.order_line
                if line.ecom_external_id
            }
            refunds = {refund.external_id: refund for refund in order.refunds}
            for refund in refunds.values():
                vals = self._prepare_refund_vals(sale_order, refund, sale_line_ids)
                record = by_key.get((sale_order.id, refund.external_id))
                if not record:
                    refund_vals.append(vals)
                    continue
                kept |= record
                if record.digest != vals["digest"]:
                    record.write({**vals, "line_ids": [Command.clear(), *vals["line_ids"]]})
        (existing - kept).unlink()
        payments_sudo.create(payment_vals)
        refunds_sudo.create(refund_vals)

    def _check_transactions(self, payment_vals, order_ids):
        """A shop transaction belongs to one order: say which, rather than fail on the index.

        :raise UserError: when a transaction id of ``payment_vals`` is on another order
            (recorded, or in the same batch)
        """
        taken = {}
        for vals in payment_vals:
            if vals["transaction_id"]:
                key = (vals["shop_id"], vals["gateway"], vals["transaction_id"])
                if taken.setdefault(key, vals["sale_order_id"]) != vals["sale_order_id"]:
                    self._raise_transaction_taken(key, self.env["sale.order"].browse(taken[key]))
        if not taken:
            return
        recorded = (
            self.env["ecom.order.payment"]
            .sudo()
            .search(
                [
                    ("shop_id", "in", list({key[0] for key in taken})),
                    ("transaction_id", "in", list({key[2] for key in taken})),
                    ("sale_order_id", "not in", order_ids),
                ]
            )
        )
        for payment in recorded:
            key = (payment.shop_id.id, payment.gateway, payment.transaction_id)
            if key in taken:
                self._raise_transaction_taken(key, payment.sale_order_id)

    def _check_refund_ids(self, pairs, order_ids):
        """A shop refund belongs to one order: say which, rather than fail on the index.

        Refunds are unique by (shop, refund id); refunds without an id have
        one of their order (adapters/checks.py), so a clash is two orders the
        shop says were refunded by the same refund.
        :param pairs: a list of (sale order, canonical ``ShopOrder``)
        :raise UserError: when a refund id of these orders is on another order
            (recorded, or in the same batch)
        """
        taken = {}
        for sale_order, order in pairs:
            for refund in order.refunds:
                key = (sale_order.ecom_shop_id.id, refund.external_id)
                if taken.setdefault(key, sale_order) != sale_order:
                    self._raise_refund_taken(key[1], sale_order, taken[key])
        if not taken:
            return
        # As the system: a refund of an order the importing user cannot read clashes too.
        recorded_sudo = (
            self.env["ecom.order.refund"]
            .sudo()
            .search(
                [
                    ("shop_id", "in", list({key[0] for key in taken})),
                    ("external_id", "in", list({key[1] for key in taken})),
                    ("sale_order_id", "not in", order_ids),
                ]
            )
        )
        for refund in recorded_sudo:
            sale_order = taken.get((refund.shop_id.id, refund.external_id))
            if sale_order:
                self._raise_refund_taken(refund.external_id, sale_order, refund.sale_order_id)

    def _raise_refund_taken(self, refund_id, sale_order, other_order):
        raise UserError(
            _(
                "Refund %(refund)s of %(order)s is already recorded on %(other)s: a shop "
                "refund belongs to one order. Check both orders in the shop.",
                refund=refund_id,
                order=sale_order.ecom_reference or sale_order.name,
                other=other_order.ecom_reference or other_order.name,
            )
        )

    def _raise_transaction_taken(self, key, sale_order):
        raise UserError(
            _(
                "Transaction %(transaction)s of %(gateway)s is already recorded on "
                "%(order)s: a shop transaction pays one order.",
                transaction=key[2],
                gateway=key[1],
                order=sale_order.name,
            )
        )
