# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""From confirmed web orders to invoices, payments and entries, in batches.

For each order: guards first (no rule overrides them), then the first rule
that matches; then, per batch, one call per step: create the invoices, post
them, create and post the payments, reconcile. Summary-mode shops get one
entry per day instead. Orders already posted are skipped, so running the
engine twice changes nothing.

What will happen to an order (guards, rules, the ``PostingPlan``):
ecom_posting_plan.py. Invoices and their payments: ecom_posting_documents.py.
Daily summary entries and gift card entries: ecom_posting_entries.py. Here:
the entry points, the dispatch of plans to those steps (each run isolated, so
one failing order does not block the others), the posting state of the
orders, and the review items of shop events after posting.
"""

from collections import defaultdict

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.ecom_connector.const import (
    CHARGEBACK_STATUSES,
    LOST_FULFILLMENT_STATUSES,
    REASON_CANCELLED_AFTER_INVOICE,
    REASON_CHARGEBACK,
    REASON_LOST_PARCEL,
    REASON_REFUND,
)

POSTABLE_STATES = (False, "pending", "review")
DONE_STATES = ("invoiced", "posted", "summary")


class EcomPostingEngine(models.AbstractModel):
    _name = "ecom.posting.engine"
    _description = "Web Shop Posting Engine"

    # ------------------------------------------------------------ entry points

    def _post_orders(self, orders, force=False, difference_account=None):
        """Post web orders as their rules say; orders already in the books are skipped.

        :param orders: ``sale.order`` records (any shops and companies)
        :param force: post even where guards or rules would send to review
            (the accountant's "post anyway"); what cannot be paid is invoiced
        :param difference_account: where a difference between the shop's
            payments and the invoice is written off (the accountant's
            "accept the difference"); else only differences within the
            company's tolerance are, to its rounding account
        :return: the list of :class:`PostingPlan` carried out
        """
        if not self.env["account.move"]._ecom_stamp():
            # The entries say who made them: the rules, unless the caller said otherwise.
            stamp = self.env["account.move"]._ecom_trigger_context("rules")
            return self.with_context(**stamp)._post_orders(
                orders.with_context(**stamp), force=force, difference_account=difference_account
            )
        orders = self.env["account.move"]._ecom_with_stamp(orders).filtered("ecom_shop_id")
        if orders:
            # Two workers posting the same order: the second waits here, then
            # fails to serialize and is retried by queue_job, and then sees
            # the order posted. Never two invoices.
            self.env["sale.order"].flush_model(["ecom_posting_state"])
            self.env.cr.execute(
                "SELECT id FROM sale_order WHERE id IN %s ORDER BY id FOR UPDATE",
                [tuple(orders.ids)],
            )
            orders.invalidate_recordset(["ecom_posting_state"])
        orders = orders.filtered(lambda o: o.ecom_posting_state in POSTABLE_STATES)
        done = []
        for company in orders.company_id:
            engine = self.with_company(company)
            company_orders = orders.filtered(lambda o, c=company: o.company_id == c)
            plans = engine._plan(company_orders.with_company(company), force=force)
            engine._execute(plans, force=force, difference_account=difference_account)
            done += plans
        return done

    # ------------------------------------------------------------ doing

    def _execute(self, plans, force=False, difference_account=None):
        by_action = defaultdict(list)
        for plan in plans:
            by_action[plan.action].append(plan)
        if by_action["review"]:
            self._send_to_review(by_action["review"])
        waiting = [p for p in by_action["wait"] if p.order.ecom_posting_state != "pending"]
        if waiting:
            # Nothing wrong any more (a held order fixed), but not confirmed yet.
            self._orders(waiting).write({"ecom_posting_state": "pending"})
            self._close_posting_items(
                waiting, _("The order no longer needs review; it waits for its payment.")
            )
        if by_action["cancelled"]:
            self._orders(by_action["cancelled"]).write({"ecom_posting_state": "cancelled"})
            self._close_posting_items(
                by_action["cancelled"], _("The shop cancelled the order before it was booked.")
            )
        to_invoice = by_action["post"] + by_action["invoice"]
        if to_invoice:
            self._isolated(
                to_invoice,
                lambda chunk: self._invoice_and_pay(chunk, force, difference_account),
            )
            held = [
                plan
                for plan in by_action["invoice"]
                if plan.payment_reasons and plan.order.ecom_posting_state == "invoiced"
            ]
            if held:
                self.env["ecom.review.item"]._ecom_open_for_payment(held)
        if by_action["summary"]:
            groups = defaultdict(list)
            for plan in by_action["summary"]:
                key = (plan.order.ecom_shop_id, plan.order._ecom_accounting_date())
                groups[key].append(plan)
            for chunk in groups.values():
                self._isolated(chunk, self._post_summary)

    def _isolated(self, plans, step):
        """Run ``step`` on all plans at once; if it fails, one by one.

        An order that still fails goes to review with the error in a sentence,
        so one bad order never blocks the others, nor is lost.
        """
        try:
            with self.env.cr.savepoint():
                step(plans)
            return
        except (UserError, ValueError) as error:
            if len(plans) == 1:
                self._posting_failed(plans[0], error)
                return
        for plan in plans:
            try:
                with self.env.cr.savepoint():
                    step([plan])
            except (UserError, ValueError) as error:
                self._posting_failed(plan, error)

    @staticmethod
    def _orders(plans):
        orders = plans[0].order.browse([plan.order.id for plan in plans])
        return orders.with_env(plans[0].order.env)

    def _mark_posted(self, plans, state_by_order, force):
        """Record the outcome on the orders and close their open posting review items."""
        groups = defaultdict(list)
        for plan in plans:
            key = (state_by_order[plan.order.id], plan.rule.id or False, plan.rule.version or 0)
            groups[key].append(plan.order.id)
        SaleOrder = self.env["sale.order"]
        now = fields.Datetime.now()
        for (state, rule_id, version), order_ids in groups.items():
            SaleOrder.browse(order_ids).write(
                {
                    "ecom_posting_state": state,
                    "ecom_posting_rule_id": rule_id,
                    "ecom_posting_rule_version": version,
                    "ecom_posted_automatically": not force,
                    "ecom_posted_at": now,
                }
            )
        if not force:
            self._close_posting_items(plans, _("The rules posted the order on a later run."))
        return self._orders(plans)

    def _close_posting_items(self, plans, note):
        items = self.env["ecom.review.item"].search(
            [
                ("sale_order_id", "in", [plan.order.id for plan in plans]),
                ("state", "=", "todo"),
                ("stage", "=", "posting"),
            ]
        )
        if items:
            items._ecom_close("automatic", note)

    # ------------------------------------------------------------ review

    def _send_to_review(self, plans):
        """Open (or update) one posting review item per order."""
        orders = self._orders(plans)
        self.env["ecom.review.item"]._ecom_open_for_posting(plans)
        orders.write({"ecom_posting_state": "review", "ecom_posted_automatically": False})
        return orders

    def _review_after_posting(self, orders):
        """Shop events after the books were written: refunds, cancellations, chargebacks, loss.

        Orders not yet posted are simply (re)planned: their guards catch these.
        :return: the review items opened
        """
        if not self.env["account.move"]._ecom_stamp():
            stamp = self.env["account.move"]._ecom_trigger_context("rules")
            return self.with_context(**stamp)._review_after_posting(orders.with_context(**stamp))
        orders = self.env["account.move"]._ecom_with_stamp(orders)
        ReviewItem = self.env["ecom.review.item"]
        items = ReviewItem
        posted = orders.filtered(lambda o: o.ecom_posting_state in DONE_STATES)
        self._post_orders(orders - posted)
        # The items of a company's events are opened together (their credit notes too).
        events_by_company = defaultdict(list)
        for order in posted:
            order = order.with_company(order.company_id)
            events = []
            for refund in order.ecom_refund_ids:
                events.append((REASON_REFUND, f"refund:{refund.external_id}", refund))
            # A cancellation with refunds is credited through its refunds only.
            cancelled = order.ecom_cancelled_at or order.state == "cancel"
            if cancelled and not order.ecom_refund_ids:
                events.append((REASON_CANCELLED_AFTER_INVOICE, "cancel", None))
            if order.ecom_financial_status in CHARGEBACK_STATUSES:
                events.append((REASON_CHARGEBACK, "chargeback", None))
            if order.ecom_parcel_lost or order.ecom_fulfillment_status in LOST_FULFILLMENT_STATUSES:
                events.append((REASON_LOST_PARCEL, "lost", None))
            events_by_company[order.company_id] += [
                (order, code, key, refund) for code, key, refund in events
            ]
        for company, events in events_by_company.items():
            items |= ReviewItem.with_company(company)._ecom_open_for_events(events)
        return items
