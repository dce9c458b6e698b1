# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""From confirmed web orders to invoices, payments and entries, in batches.

For each order: guards first (no rule overrides them), then the first rule
that matches; then, per batch, one call per step: create the invoices, post
them, create and post the payments, reconcile. Summary-mode shops get one
entry per day instead. Orders already posted are skipped, so running the
engine twice changes nothing.

The whole engine is here, in the order it runs: the entry points, the
planning (guards, rules: what will happen to each order, written nowhere;
the ``PostingPlan`` itself is plain logic in ``posting/plan.py``), the
dispatch of plans (each run isolated, so one failing order does not block
the others), the documents (invoices and their payments), the entries
without an invoice (daily summaries, gift cards), and the review items of
shop events after posting.
"""

import logging
from collections import defaultdict
from decimal import Decimal

from odoo import Command, _, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date, formatLang

from odoo.addons.ecom_connector import const
from odoo.addons.ecom_connector.const import (
    CHARGEBACK_STATUSES,
    LOST_FULFILLMENT_STATUSES,
    REASON_CANCELLED_AFTER_INVOICE,
    REASON_CHARGEBACK,
    REASON_LOST_PARCEL,
    REASON_REFUND,
)
from odoo.addons.ecom_connector.tools import QUIET_CREATE, batch_chatter, gateway_name

from ..posting import plan as planning
from ..posting.plan import PostingPlan, to_decimal
from ..tools import order_lang_env

_logger = logging.getLogger(__name__)

# The journal of the daily summaries when the shop names none (its entries: VTWEB/2026/11/0001).
SUMMARY_JOURNAL_CODE = "VTWEB"
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

    # ------------------------------------------------------------ planning

    def _plan(self, orders, rules=None, force=False):
        """Decide, without writing, what happens to each order.

        :param rules: ``ecom.posting.rule`` records to try (a dry run passes
            its own); the company's active rules by default
        :return: a list of :class:`PostingPlan`, one per order
        """
        if rules is None:
            rules = self.env["ecom.posting.rule"].search([("company_id", "=", self.env.company.id)])
        # The reasons are sentences for the accountant: in her language (see
        # ``tools.order_lang_env``), whoever runs the posting.
        plans = [
            self.with_env(order_lang_env(self.env, order))._plan_order(order, rules, force)
            for order in orders
        ]
        for plan in plans:
            if plan.rule is None:
                plan.rule = rules.browse()
        return plans

    def _plan_order(self, order, rules, force):
        """Read what the decision needs of ``order`` (only that), and let
        :func:`posting.plan.decide` decide; the sentences are written here."""
        cancelled = order.state == "cancel"
        confirmed = order.state in ("sale", "done")
        captured, reasons = [], []
        if not cancelled:
            captured = order._ecom_captured_payments()  # once per plan: guards and action read it
            reasons = self._guards(order, captured)
        rule, rule_action = None, None
        payment_trusted, unmapped, summary_eligible = True, False, False
        if not cancelled and (force or (confirmed and not reasons)):
            facts = self._facts(order)
            rule = rules._ecom_first_match(facts)
            rule_action = rule.action if rule else None
            if force:
                unmapped = bool(self._unmapped_gateways(order, captured))
            elif rule_action == "post":
                payment_trusted = not captured or rule._ecom_trusts_payment(facts["origin"])
                summary_eligible = payment_trusted and self._summary_eligible(order, captured)
        action, why = planning.decide(
            cancelled=cancelled,
            confirmed=confirmed,
            has_guard_reasons=bool(reasons),
            force=force,
            rule_action=rule_action,
            payment_trusted=payment_trusted,
            has_captured=bool(captured),
            unmapped_gateways=unmapped,
            summary_eligible=summary_eligible,
        )
        if action == "cancelled":
            return PostingPlan(order, "cancelled")
        if why == planning.WHY_NO_RULE:
            return PostingPlan(
                order,
                "review",
                reasons=[(const.REASON_RULE, _("No posting rule matches this order."))],
            )
        if why == planning.WHY_RULE_REVIEW:
            return PostingPlan(
                order,
                "review",
                rule=rule,
                reasons=[
                    (
                        rule.review_reason_id.code or const.REASON_RULE,
                        _("The rule %(rule)s sends such orders to review.", rule=rule.name),
                    )
                ],
            )
        if why == planning.WHY_UNVERIFIED_PAYMENT:
            return PostingPlan(
                order,
                "invoice",
                rule=rule,
                payment_reasons=[
                    (
                        const.REASON_UNVERIFIED_PAYMENT,
                        _(
                            "The order comes from a file uploaded by %(user)s, not from the "
                            "shop itself: it is invoiced, and its payment is registered once "
                            "you have checked that the money was received.",
                            user=order.ecom_payload_id.create_uid.name
                            or order.create_uid.name
                            or "?",
                        ),
                    )
                ],
            )
        if action in ("review", "wait") and rule is None:
            return PostingPlan(order, action, reasons=reasons)
        return PostingPlan(order, action, rule=rule)

    def _facts(self, order):
        """What the rules' conditions look at, for one order (a dict)."""
        commercial = order.partner_id.commercial_partner_id
        destination = order.partner_shipping_id or order.partner_id
        return {
            "shop_id": order.ecom_shop_id.id,
            "gateway": order.ecom_payment_gateway or "",
            "financial_status": order.ecom_financial_status or "",
            "business": bool(commercial.is_company or commercial.vat),
            "country_id": destination.country_id.id,
            "currency_id": order.currency_id.id,
            "amount": order.amount_total,
            "origin": order.ecom_origin,
        }

    def _guards(self, order, captured=None):
        """Reasons no rule may override, as (code, sentence) pairs.

        :param captured: the order's ``_ecom_captured_payments()``, when read already
        """
        if captured is None:
            captured = order._ecom_captured_payments()
        company = order.company_id
        reasons = []
        currency = order.currency_id
        difference = to_decimal(order.ecom_total_difference, currency)
        tolerance = to_decimal(company.ecom_rounding_tolerance, currency)
        kind = planning.difference_kind(difference, tolerance)
        # The reasons an order was held for at import that also send it to review;
        # a total mismatch is said below, with its likely causes.
        for reason in order.ecom_hold_reason_ids.sorted():
            if reason.applies_to != "both":
                continue
            if reason.code == const.REASON_TOTAL_MISMATCH and kind == planning.MISMATCH:
                continue
            reasons.append((reason.code, _("Held at import: %(reason)s.", reason=reason.name)))
        # A mismatch held at import by a reason for the import only is not the review's.
        held_for_import_only = order.ecom_hold_reason_ids.filtered(
            lambda reason: reason.code == const.REASON_TOTAL_MISMATCH
            and reason.applies_to != "both"
        )
        if kind == planning.MISMATCH and not held_for_import_only:
            reasons.append(
                (
                    const.REASON_TOTAL_MISMATCH,
                    self._mismatch_sentence(order, difference, tolerance, captured),
                )
            )
        elif kind == planning.ROUNDING and not company.ecom_rounding_account_id:
            reasons.append(
                (
                    const.REASON_MISSING_ACCOUNT,
                    _(
                        "A rounding difference of %(difference)s (within the tolerance of "
                        "%(tolerance)s) must be booked, but the company has no web shop "
                        "rounding account (Accounting settings).",
                        difference=self._amount(difference, currency),
                        tolerance=self._amount(tolerance, currency),
                    ),
                )
            )
        if order.ecom_refund_ids or order.ecom_financial_status in const.REFUND_STATUSES:
            reasons.append(
                (
                    const.REASON_REFUND,
                    _("The shop refunded (part of) this order: check the refund."),
                )
            )
        if order.ecom_financial_status in const.CHARGEBACK_STATUSES or any(
            payment.kind in const.CHARGEBACK_PAYMENT_KINDS for payment in order.ecom_payment_ids
        ):
            reasons.append(
                (const.REASON_CHARGEBACK, _("The customer's bank took the payment back."))
            )
        if (
            order.ecom_parcel_lost
            or order.ecom_fulfillment_status in const.LOST_FULFILLMENT_STATUSES
        ):
            reasons.append((const.REASON_LOST_PARCEL, _("The parcel was declared lost.")))
        for gateway in self._unmapped_gateways(order, captured):
            reasons.append(
                (
                    const.REASON_UNKNOWN_PAYMENT,
                    _(
                        "The payment gateway %(gateway)s has no journal: map it on the shop "
                        "%(shop)s.",
                        gateway=gateway,
                        shop=order.ecom_shop_id.name,
                    ),
                )
            )
        before_start = order._ecom_before_accounting_start()
        if before_start:
            reasons.append((const.REASON_BEFORE_ACCOUNTING_START, before_start))
        gift_products = self.env.ref("ecom_connector.product_gift_card").product_variant_ids
        uses_gift_cards = any(p["is_gift_card"] for p in captured)
        if (uses_gift_cards or order.order_line.product_id & gift_products) and (
            not company.ecom_gift_card_account_id
        ):
            reasons.append(
                (
                    const.REASON_MISSING_ACCOUNT,
                    _(
                        "Gift cards are involved, but the company has no gift card liability "
                        "account (Accounting settings)."
                    ),
                )
            )
        return reasons

    def _mismatch_sentence(self, order, difference, tolerance, captured):
        """Why the shop's total and Odoo's do not reconcile, with the likely causes the
        order shows (see :func:`posting.plan.likely_causes`), in the context's language.

        :param difference: shop's total minus Odoo's, a ``Decimal``
        :param captured: the order's ``_ecom_captured_payments()``
        """
        currency = order.currency_id
        lines = order.order_line.filtered(lambda line: not line.display_type)
        shipping = sum(lines.filtered("is_delivery").mapped("price_total"))
        discounts = 0.0
        for line in lines - lines.filtered("is_delivery"):
            if line.price_total < 0:
                discounts += -line.price_total  # a discount line
            elif line.discount and line.discount < 100:
                discounts += line.price_total / (1 - line.discount / 100) - line.price_total
        gift_cards = sum((p["amount"] for p in captured if p["is_gift_card"]), Decimal(0))
        causes = planning.likely_causes(
            difference,
            tolerance,
            tax=to_decimal(order.amount_tax, currency),
            shipping=to_decimal(shipping, currency),
            discounts=to_decimal(discounts, currency),
            gift_cards=gift_cards,
        )
        texts = {
            planning.CAUSE_GIFT_CARDS: _(
                "it equals the gift cards used (%(amount)s): a gift card the shop took from "
                "its total but did not send as a payment?"
            ),
            planning.CAUSE_TAX: _(
                "it equals the order's tax (%(amount)s): prices with tax on one side and "
                "without on the other, or a tax missing?"
            ),
            planning.CAUSE_SHIPPING: _(
                "it equals the shipping (%(amount)s): a shipping line missing or counted twice?"
            ),
            planning.CAUSE_DISCOUNTS: _(
                "it equals the discounts (%(amount)s): a discount applied on one side only?"
            ),
            planning.CAUSE_MISSING_IN_ODOO: _(
                "the shop's total is higher: lines, shipping, fees or taxes missing from "
                "Odoo's order?"
            ),
            planning.CAUSE_MISSING_IN_SHOP: _(
                "Odoo's total is higher: a discount, a gift card or a refund the shop "
                "deducted that Odoo's order does not show?"
            ),
        }
        sentence = _(
            "The totals do not reconcile: the shop's total is %(shop)s and Odoo's "
            "%(odoo)s, a difference of %(difference)s, more than the rounding tolerance "
            "of %(tolerance)s.",
            shop=self._amount(order.ecom_shop_total, currency),
            odoo=self._amount(order.amount_total, currency),
            difference=self._amount(abs(difference), currency),
            tolerance=self._amount(tolerance, currency),
        )
        likely = "; ".join(
            texts[cause] % {"amount": self._amount(figure, currency)} for cause, figure in causes
        )
        return " ".join([sentence, _("Likely cause: %(causes)s", causes=likely)])

    def _amount(self, amount, currency):
        """``amount`` as the context's language writes it (French: 1 234,50 €)."""
        return formatLang(self.env, float(amount), currency_obj=currency)

    def _unmapped_gateways(self, order, captured=None):
        if captured is None:
            captured = order._ecom_captured_payments()
        shop = order.ecom_shop_id
        return list(
            dict.fromkeys(
                p["gateway"]
                for p in captured
                if not p["is_gift_card"] and not shop._ecom_gateway_journal(p["gateway"])
            )
        )

    def _summary_eligible(self, order, captured=None):
        if order.ecom_shop_id.posting_mode != "summary":
            return False
        if order.ecom_customer_kind == const.CUSTOMER_KIND_B2B:
            # A sale to a business is an e-invoice (CGI art. 289 bis): its own
            # invoice with its payments, as in a per-order shop, never a line
            # of the day's summary entry (which is e-reported, B2C only).
            return False
        if order.currency_id != order.company_id.currency_id:
            return False
        if captured is None:
            captured = order._ecom_captured_payments()
        paid = sum((p["amount"] for p in captured), Decimal(0))
        tolerance = to_decimal(order.company_id.ecom_rounding_tolerance, order.currency_id)
        return abs(to_decimal(order.amount_total, order.currency_id) - paid) <= tolerance

    def _posting_failed(self, plan, error):
        _logger.info("ecom posting of sale order %s failed", plan.order.id)
        message = str(error.args[0] if error.args else error)
        failed = PostingPlan(
            plan.order,
            "review",
            rule=plan.rule,
            reasons=[(const.REASON_POSTING_ERROR, _("Posting failed: %(error)s", error=message))],
        )
        self._send_to_review([failed])

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
        """Record the outcome on the orders, close their open posting review items, and
        match the payouts that waited for the orders now paid."""
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
        orders = self._orders(plans)
        # Payouts waiting for these orders are matched and booked as soon as they are paid
        # (or their day summarised, its receipts line open to payouts).
        paid = orders.filtered(lambda order: state_by_order.get(order.id) in ("posted", "summary"))
        if paid and self.env["ecom.payout.line"].search_count(
            [("state", "=", "unmatched")], limit=1
        ):
            self.env["ecom.payout"]._ecom_rematch_orders(paid)
        return orders

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

    # ------------------------------------------------------------ invoices

    def _invoice_and_pay(self, plans, force=False, difference_account=None):
        orders = self._orders(plans)
        unconfirmed = orders.filtered(lambda o: o.state in ("draft", "sent"))
        if unconfirmed:
            # Posting settles what held the order (the rule or the accountant decided):
            # a release by the product's own code, recorded with whose request it was.
            # Its delivery follows as the connector's own work, so an accountant without
            # sales or inventory rights can decide it (sudo keeps the user as author).
            released = unconfirmed.filtered("ecom_hold_reason_ids")._ecom_as_product()
            stamp = self.env["account.move"]._ecom_stamp()
            if released and stamp:
                released.write({"ecom_released_by_id": stamp.uid})
            # As the import confirms them: no chatter nobody reads on the orders and deliveries.
            by_follow = unconfirmed.grouped(lambda o: o.ecom_shop_id.subscribe_customers)
            for follow, to_confirm in by_follow.items():
                batch_chatter(
                    to_confirm.sudo()._ecom_as_product(), follow, log_creation=False
                ).with_context(ecom_keep_date=True).action_confirm()
        # The invoices are created as they will be posted (dates, journal, accounts):
        # rewriting a draft invoice recomputes all its lines, once per write.
        invoice_vals, line_accounts, notes = self._invoice_values(plans)
        invoices = orders.with_context(
            **QUIET_CREATE,
            ecom_keep_date=True,
            ecom_invoice_vals=invoice_vals,
            ecom_invoice_line_accounts=line_accounts,
        )._create_invoices(grouped=True, final=True)
        invoice_by_order = {}
        for invoice in invoices:
            invoice_by_order[invoice.invoice_line_ids.sale_line_ids.order_id[:1].id] = invoice
        missing = orders.filtered(lambda o: o.id not in invoice_by_order)
        if missing:
            raise UserError(
                _("Nothing to invoice on %(orders)s.", orders=", ".join(missing.mapped("name")))
            )
        for order_id, lines in notes.items():
            invoice_by_order[order_id].message_post(body=" ".join(lines))
        invoices.action_post()
        to_pay = [
            (plan.order, invoice_by_order[plan.order.id]) for plan in plans if plan.action == "post"
        ]
        payment_moves = self._register_payments(to_pay, difference_account=difference_account)
        by_rule = defaultdict(lambda: self.env["account.move"])
        for plan in plans:
            if plan.order.id in payment_moves:
                by_rule[(plan.rule.id or False, plan.rule.version or 0)] |= payment_moves[
                    plan.order.id
                ]
        for (rule_id, version), moves in by_rule.items():
            moves.write({"ecom_posting_rule_id": rule_id, "ecom_posting_rule_version": version})
        state_by_order = {
            plan.order.id: "posted" if plan.order.id in payment_moves else "invoiced"
            for plan in plans
        }
        self._mark_posted(plans, state_by_order, force)
        return invoices

    def _invoice_values(self, plans):
        """What each order's invoice is created with: dates, journal, shop, rule, accounts.

        The invoice date keeps each journal's sequence chronological (see
        :meth:`_invoice_dates`); the shop's date stays as the delivery date.
        Without payment terms the invoice is due on its date (not on the day
        it was made). Shipping lines go to the shop's shipping income
        account, gift cards sold to the company's gift card account.

        :return: ``(invoice values by order id, account id by sale order line
            id, notes by order id)``: what ``sale.order._prepare_invoice`` and
            ``sale.order.line._prepare_invoice_line`` add (context
            ``ecom_invoice_vals``, ``ecom_invoice_line_accounts``), and the
            sentences to post on the invoices
        """
        journals = self._invoice_journals(plans)
        dates, notes = self._invoice_dates(plans, journals)
        invoice_vals = {}
        for plan in plans:
            order = plan.order
            date = dates[order.id]
            vals = {
                "invoice_date": date,
                "delivery_date": order._ecom_accounting_date(),
                "journal_id": journals[order.id].id,
                "ecom_shop_id": order.ecom_shop_id.id,
                "ecom_posting_rule_id": plan.rule.id or False,
                "ecom_posting_rule_version": plan.rule.version or 0,
                "payment_reference": order.ecom_reference or order.name,
            }
            if not order.payment_term_id:
                vals["invoice_date_due"] = date
            invoice_vals[order.id] = vals
        gift_account = self.env.company.ecom_gift_card_account_id
        gift_products = self.env.ref("ecom_connector.product_gift_card").product_variant_ids
        line_accounts = {}
        for line in self._orders(plans).order_line:
            if gift_account and line.product_id & gift_products:
                line_accounts[line.id] = gift_account.id
            elif line.is_delivery and line.order_id.ecom_shop_id.shipping_account_id:
                line_accounts[line.id] = line.order_id.ecom_shop_id.shipping_account_id.id
        return invoice_vals, line_accounts, notes

    def _invoice_journals(self, plans):
        """The sales journal of each order's invoice: its shop's, else the one Odoo
        would choose (the order's invoicing journal, else the company's first sales
        journal, in the invoice's currency where there is one).

        :return: a dict: order id → ``account.journal``
        """
        Journal = self.env["account.journal"]
        company = self.env.company
        domain = [*Journal._check_company_domain(company), ("type", "=", "sale")]
        default_of_currency = {}
        journals = {}
        for plan in plans:
            order = plan.order
            journal = order.ecom_shop_id.sale_journal_id or order.journal_id
            if not journal:
                currency = order.currency_id
                if currency not in default_of_currency:
                    found = Journal
                    if currency != company.currency_id:
                        found = Journal.search(
                            domain + [("currency_id", "=", currency.id)], limit=1
                        )
                    default_of_currency[currency] = found or Journal.search(domain, limit=1)
                journal = default_of_currency[currency]
            if not journal:
                raise UserError(Journal._build_no_journal_error_msg(company.display_name, ["sale"]))
            journals[order.id] = journal
        return journals

    def _invoice_dates(self, plans, journals):
        """The invoice date of each order: its sequence stays chronological, its period open.

        The shop's date, unless an invoice of the same journal dated later is
        already posted (or the company says "always the posting date"): then
        the posting date. A date in a locked period (fiscal, tax, sales lock
        dates) moves to the first open day, with a note for the invoice.
        :param journals: a dict: order id → the invoice's journal
        :return: ``(dates, notes)``: dicts order id → date, order id → sentences
        """
        company = self.env.company
        today = fields.Date.context_today(self)
        latest = dict(
            self.env["account.move"]._read_group(
                [
                    ("journal_id", "in", list({journal.id for journal in journals.values()})),
                    ("state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                ],
                ["journal_id"],
                ["invoice_date:max"],
            )
        )
        dates, notes = {}, defaultdict(list)
        open_dates = {}
        for plan in plans:
            order = plan.order
            journal = journals[order.id]
            sale_date = order._ecom_accounting_date()
            date = sale_date
            last = latest.get(journal)
            if company.ecom_invoice_date_policy == "posting" or (last and last > sale_date):
                date = max(today, sale_date)
            # Lock dates depend on the date and the journal only: asked once per pair.
            if (date, journal) not in open_dates:
                open_dates[(date, journal)] = company._ecom_first_open_date(date, journal)
            date, lock = open_dates[(date, journal)]
            if lock:
                notes[order.id].append(
                    _(
                        "The order of %(sale_date)s falls in a locked period (up to %(lock)s): "
                        "the invoice is dated %(date)s, the first open day.",
                        sale_date=format_date(self.env, sale_date),
                        lock=format_date(self.env, lock),
                        date=format_date(self.env, date),
                    )
                )
            dates[order.id] = date
        return dates, notes

    # ------------------------------------------------------------ payments

    def _register_payments(self, pairs, difference_account=None):
        """Pay invoices with the shop's captured payments and reconcile them.

        Each shop payment becomes an ``account.payment`` in the journal its
        gateway is mapped to, dated on the shop's transaction date (see
        :meth:`_entry_dates`) and labelled with the gateway's name, the shop's
        reference and the customer; a gift card payment is an entry taking the
        amount from the gift card liability. A difference within the company's
        tolerance is a rounding difference, booked to its rounding account (or,
        when given, to ``difference_account``); a larger one stays open on the
        invoice, said in its chatter, unless ``difference_account`` is given.

        :param pairs: a list of (sale order, posted invoice)
        :return: a dict: order id → the entries paying it (payments' and gift cards')
        """
        company = self.env.company
        # Labels and notes in the company's language: the books are the company's.
        books = self.with_context(lang=company.partner_id.lang or self.env.lang)
        todo = []
        for order, invoice in pairs:
            captured = order._ecom_captured_payments()
            if not captured:
                continue
            currency = invoice.currency_id
            receivable = invoice.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            ).account_id[:1]
            paid = sum((p["amount"] for p in captured), Decimal(0))
            difference = to_decimal(invoice.amount_total, currency) - paid
            tolerance = to_decimal(company.ecom_rounding_tolerance, currency)
            kind = planning.difference_kind(difference, tolerance)
            write_off_account = None
            if kind and difference_account:
                write_off_account = difference_account
            elif kind == planning.ROUNDING and company.ecom_rounding_account_id:
                write_off_account = company.ecom_rounding_account_id
            elif kind:
                invoice.message_post(
                    body=books._open_difference_note(kind, difference, tolerance, paid, invoice)
                )
            captured.sort(key=lambda p: p["is_gift_card"])  # the write-off rides on cash first
            reference = order.ecom_reference or order.name
            memo = " — ".join(part for part in (reference, invoice.partner_id.name) if part)
            for index, payment in enumerate(captured):
                if payment["is_gift_card"]:
                    journal = self._misc_journal()
                    label = memo
                else:
                    journal = order.ecom_shop_id._ecom_gateway_journal(payment["gateway"])
                    gateway = gateway_name(books.env, payment["gateway"])
                    label = " — ".join(part for part in (gateway, memo) if part)
                todo.append(
                    {
                        "order": order,
                        "invoice": invoice,
                        "receivable": receivable,
                        "payment": payment,
                        "journal": journal,
                        "label": label,
                        "memo": memo,
                        "reference": reference,
                        "write_off_account": index == 0 and write_off_account,
                        "rounding": kind == planning.ROUNDING and not difference_account,
                        "difference": difference,
                    }
                )
        dates = books._entry_dates(
            [
                (item["journal"], item["payment"]["date"], not item["payment"]["is_gift_card"])
                for item in todo
            ]
        )
        payment_vals, payment_orders, payment_notes = [], [], []
        entry_vals, entry_orders = [], []
        # Created in date order: each journal numbers its entries in the order of their dates.
        for item, (date, note) in sorted(
            zip(todo, dates, strict=True), key=lambda pair: pair[1][0]
        ):
            order, invoice, receivable = item["order"], item["invoice"], item["receivable"]
            payment = item["payment"]
            payment["date"] = date
            currency = invoice.currency_id
            write_off = None
            if item["write_off_account"]:
                write_off = books._write_off_line(
                    item["write_off_account"],
                    item["difference"],
                    currency,
                    date,
                    invoice,
                    item["memo"],
                    rounding=item["rounding"],
                )
            if payment["is_gift_card"]:
                vals = books._gift_card_entry_vals(
                    order, invoice, receivable, payment, item["memo"], write_off
                )
                vals["journal_id"] = item["journal"].id
                if note:
                    vals["narration"] = note
                entry_vals.append(vals)
                entry_orders.append((order, invoice, receivable))
                continue
            vals = {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": invoice.commercial_partner_id.id,
                "amount": float(payment["amount"]),
                "currency_id": currency.id,
                "journal_id": item["journal"].id,
                "date": date,
                "memo": item["label"],
                "payment_reference": payment["transaction_id"] or item["reference"],
                "destination_account_id": receivable.id,
            }
            if write_off:
                vals["write_off_line_vals"] = [write_off]
            payment_vals.append(vals)
            payment_orders.append((order, invoice, receivable))
            payment_notes.append(note)
        payments = (
            self.env["account.payment"]
            .with_context(**QUIET_CREATE, ecom_memo_label=True)
            .create(payment_vals)
            if payment_vals
            else None
        )
        entries = (
            self.env["account.move"].with_context(**QUIET_CREATE).create(entry_vals)
            if entry_vals
            else None
        )
        if payments:
            payments.action_post()
            for payment, note in zip(payments, payment_notes, strict=True):
                if note:
                    payment.move_id.narration = note
        if entries:
            entries.action_post()
        to_reconcile = defaultdict(lambda: self.env["account.move.line"])
        moves_by_order = defaultdict(lambda: self.env["account.move"])
        for (order, invoice, receivable), payment in zip(
            payment_orders, payments or [], strict=True
        ):
            to_reconcile[(invoice, receivable)] |= payment.move_id.line_ids
            moves_by_order[order.id] |= payment.move_id
        for (order, invoice, receivable), entry in zip(entry_orders, entries or [], strict=True):
            to_reconcile[(invoice, receivable)] |= entry.line_ids
            moves_by_order[order.id] |= entry
        by_shop = defaultdict(lambda: self.env["account.move"])
        for (order, _invoice, _receivable), payment in zip(
            payment_orders, payments or [], strict=True
        ):
            by_shop[order.ecom_shop_id] |= payment.move_id
        for shop, moves in by_shop.items():
            moves.ecom_shop_id = shop
        # One reconciliation plan for the batch: each invoice with its own payments,
        # as many reconciliations as one call per invoice would make, done together.
        self.env["account.move.line"]._reconcile_plan(
            [
                (lines | invoice.line_ids).filtered(
                    lambda line, account=receivable: line.account_id == account
                    and not line.reconciled
                )
                for (invoice, receivable), lines in to_reconcile.items()
            ]
        )
        return dict(moves_by_order)

    def _write_off_line(self, account, difference, currency, date, invoice, label, rounding=False):
        """A write-off line for ``account.payment``'s ``write_off_line_vals``.

        :param rounding: a rounding difference (within the tolerance), else a
            difference the accountant accepted
        """
        company = self.env.company
        amount = float(difference)
        if rounding:
            name = _("Rounding difference with the shop — %(label)s", label=label)
        else:
            name = _("Difference accepted with the shop — %(label)s", label=label)
        return {
            "name": name,
            "account_id": account.id,
            "partner_id": invoice.commercial_partner_id.id,
            "currency_id": currency.id,
            "amount_currency": amount,
            "balance": currency._convert(amount, company.currency_id, company, date),
        }

    def _open_difference_note(self, kind, difference, tolerance, paid, invoice):
        """The invoice's note when the shop's payments leave a difference nobody books.

        :param kind: ``planning.ROUNDING`` (no rounding account) or ``planning.MISMATCH``
        """
        currency = invoice.currency_id
        if kind == planning.ROUNDING:
            return _(
                "A rounding difference of %(difference)s stays open on the invoice: the "
                "company has no web shop rounding account (Accounting settings).",
                difference=self._amount(difference, currency),
            )
        return _(
            "The totals do not reconcile: the shop's payments (%(paid)s) and the invoice "
            "(%(total)s) differ by %(difference)s, more than the rounding tolerance of "
            "%(tolerance)s. The difference stays open on the customer's account.",
            paid=self._amount(paid, currency),
            total=self._amount(invoice.amount_total, currency),
            difference=self._amount(abs(difference), currency),
            tolerance=self._amount(tolerance, currency),
        )

    def _entry_dates(self, requests):
        """The dates of new payments and entries: each on its wanted date (the shop's),
        unless that breaks its journal's chronological numbering or falls in a locked
        period, as if they were posted in the order of their dates.

        A date before an entry already numbered in the journal becomes that entry's
        date (the nearest that keeps the numbers in date order); a date in a locked
        period becomes the one Odoo gives on posting (``account.move._get_accounting_date``).
        :param requests: a list of (journal, wanted date, is a payment): payments
            are numbered apart from the journal's other entries when the journal
            says so (``payment_sequence``)
        :return: a list of (date, note): the note says why the date moved, or is ``None``
        """
        Move = self.env["account.move"]
        latest = {}
        for journal, _wanted, is_payment in requests:
            key = (journal, is_payment and journal.payment_sequence)
            if key in latest:
                continue
            domain = [("journal_id", "=", journal.id), ("state", "=", "posted")]
            if journal.payment_sequence:
                domain.append(("origin_payment_id", "!=" if is_payment else "=", False))
            latest[key] = Move.search(domain, order="date desc", limit=1).date
        results = [None] * len(requests)
        for index in sorted(range(len(requests)), key=lambda i: requests[i][1]):
            journal, wanted, is_payment = requests[index]
            key = (journal, is_payment and journal.payment_sequence)
            date, note = wanted, None
            last = latest[key]
            if last and last > date:
                date = last
                note = _(
                    "Dated %(date)s, not on the shop's date %(wanted)s: an entry of %(date)s "
                    "is already numbered in the journal %(journal)s, whose numbers follow "
                    "the dates.",
                    date=format_date(self.env, date),
                    wanted=format_date(self.env, wanted),
                    journal=journal.name,
                )
            # No journal mapped to the gateway: the company's lock dates still apply.
            company = journal.company_id or self.env.company
            open_date, lock = company._ecom_accounting_date(
                date, journal, has_tax=False, is_payment=is_payment
            )
            if lock:
                note = _(
                    "The shop's date %(wanted)s falls in a locked period (up to %(lock)s): "
                    "dated %(date)s, the first open date Odoo gives such an entry (the "
                    "journal's numbers stay in date order).",
                    wanted=format_date(self.env, wanted),
                    lock=format_date(self.env, lock),
                    date=format_date(self.env, open_date),
                )
                date = open_date
            latest[key] = max(last, date) if last else date
            results[index] = (date, note)
        return results

    # ------------------------------------------------------------ gift cards

    def _gift_card_entry_vals(self, order, invoice, receivable, payment, memo, write_off):
        """An entry paying (part of) ``invoice`` from the gift card liability."""
        company = self.env.company
        currency = invoice.currency_id
        amount = float(payment["amount"])
        balance = currency._convert(amount, company.currency_id, company, payment["date"])
        settled_currency = amount + (write_off["amount_currency"] if write_off else 0.0)
        settled_balance = balance + (write_off["balance"] if write_off else 0.0)
        partner = invoice.commercial_partner_id.id
        lines = [
            {
                "name": _("Gift card used: %(memo)s", memo=memo),
                "account_id": company.ecom_gift_card_account_id.id,
                "partner_id": partner,
                "currency_id": currency.id,
                "amount_currency": amount,
                "balance": balance,
            },
            {
                "name": memo,
                "account_id": receivable.id,
                "partner_id": partner,
                "currency_id": currency.id,
                "amount_currency": -settled_currency,
                "balance": -settled_balance,
            },
        ]
        if write_off:
            lines.append(write_off)
        return {
            "move_type": "entry",
            "journal_id": self._misc_journal().id,
            "date": payment["date"],
            "ref": _("Gift card payment %(memo)s", memo=memo),
            "ecom_shop_id": order.ecom_shop_id.id,
            "line_ids": [Command.create(line) for line in lines],
        }

    def _misc_journal(self):
        journal = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", self.env.company.id)], limit=1
        )
        if not journal:
            raise UserError(_("The company has no miscellaneous journal."))
        return journal

    # ------------------------------------------------------------ summaries

    def _post_summary(self, plans):
        """One entry for one shop and day: a line per account and tax, per gateway.

        Each order's amounts are computed as its invoice would be (same taxes,
        same rounding per line), then added up, so the entry's totals are the
        sum of its orders' to the cent. The entry goes to the shop's summary
        journal (its own sequence, never an invoice number), on the company's
        generic web-customers partner, labelled in the company's language.
        """
        orders = self._orders(plans)
        shop = orders.ecom_shop_id
        company = self.env.company
        # Labels in the company's language: the books are the company's, not the user's.
        engine = self.with_context(lang=company.partner_id.lang or self.env.lang)
        date = orders[0]._ecom_accounting_date()
        journal = engine._summary_journal(shop)
        # A day summarised late keeps its label, but the journal's sequence stays
        # chronological: dated when posted if a later day is already in the journal.
        # Marketplace settlements' sales entries come days after their sales, on
        # their days: they do not move a summary off its day.
        last = (
            self.env["account.move"]
            .search(
                [
                    ("journal_id", "=", journal.id),
                    ("state", "=", "posted"),
                    ("ecom_settlement_id", "=", False),
                ],
                order="date desc",
                limit=1,
            )
            .date
        )
        if last and last > date:
            date = max(date, fields.Date.context_today(self))
        date, lock = company._ecom_first_open_date(date, journal)
        totals = defaultdict(float)
        labels = {}
        for order in orders:
            for key, label, balance in engine._order_entry_lines(order, summary=True):
                totals[key] += balance
                labels[key] = label
        currency = company.currency_id
        partner = company._ecom_web_customer_partner()
        line_vals = []
        for key, balance in totals.items():
            balance = currency.round(balance)
            if currency.is_zero(balance):
                continue
            account_id, tax_ids, repartition_id, tag_ids, operation = key
            line_vals.append(
                {
                    "name": labels[key],
                    "account_id": account_id,
                    "partner_id": partner.id,
                    "balance": balance,
                    "tax_ids": [Command.set(list(tax_ids))],
                    "tax_repartition_line_id": repartition_id or False,
                    "tax_tag_ids": [Command.set(list(tag_ids))],
                    "ecom_operation_category": operation or False,
                }
            )
        rule_versions = {(plan.rule.id, plan.rule.version) for plan in plans}
        rule_id, version = sorted(rule_versions)[0] if len(rule_versions) == 1 else (False, 0)
        day = orders[0]._ecom_accounting_date()
        move = (
            self.env["account.move"]
            .with_context(skip_invoice_sync=True)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": date,
                    "partner_id": partner.id,
                    "ref": engine._summary_ref(shop, day, len(orders)),
                    "ecom_shop_id": shop.id,
                    "ecom_posting_rule_id": rule_id,
                    "ecom_posting_rule_version": version,
                    "line_ids": [Command.create(vals) for vals in line_vals],
                }
            )
        )
        move.action_post()
        if lock:
            move.message_post(
                body=_(
                    "The sales of %(day)s fall in a locked period (up to %(lock)s): "
                    "the entry is dated %(date)s, the first open day.",
                    day=format_date(self.env, day),
                    lock=format_date(self.env, lock),
                    date=format_date(self.env, date),
                )
            )
        orders.write({"ecom_summary_move_id": move.id})
        self._mark_posted(plans, {order.id: "summary" for order in orders}, force=False)
        return move

    def _summary_ref(self, shop, day, count):
        """The summary entry's reference, in the context's language."""
        return self._summary_label(
            _("%(shop)s: web sales of %(date)s (%(count)s orders)"), shop, day, count=count
        )

    def _summary_label(self, template, shop, day, **values):
        """``template`` filled with the shop's name and ``day`` in the context's language."""
        return template % {"shop": shop.name, "date": format_date(self.env, day), **values}

    def _summary_journal(self, shop):
        """The shop's summary journal, else the company's VTWEB journal (made on first use).

        A sales journal (e-reporting modules read the VAT lines of sales
        journals), its entries numbered apart from the invoices' sequence
        (VTWEB/2026/00001; a VTWEB journal made before 18.0.2.7.0 keeps its
        monthly VTWEB/2026/11/0001).
        """
        if shop.summary_journal_id:
            return shop.summary_journal_id
        company = shop.company_id
        Journal = self.env["account.journal"]
        journal = Journal.search(
            [("company_id", "=", company.id), ("code", "=", SUMMARY_JOURNAL_CODE)], limit=1
        )
        if not journal:
            # Configuration, made once for whoever posts the first summary.
            journal = Journal.sudo().create(
                {
                    "name": _("Web sales (daily summaries)"),
                    "code": SUMMARY_JOURNAL_CODE,
                    "type": "sale",
                    "company_id": company.id,
                    "sequence": 90,
                }
            )
        return journal.sudo(False)

    def _order_entry_lines(self, order, summary=False, with_payments=True):
        """The lines one order brings to the books, in company currency.

        :param summary: lines for a summary entry (payments debited to the
            gateways' outstanding accounts, labels naming the day and shop);
            else as an invoice and its payments would make them, receivable
            included
        :param with_payments: include the shop's payments (else all is receivable)
        :return: a list of (grouping key, label, balance); a key is
            (account id, tax ids, tax repartition line id, tax tag ids,
            operation category): sales and their VAT say goods or services
            (shipping follows the goods it carries), other lines nothing
        """
        company = order.company_id
        currency = order.currency_id
        shop = order.ecom_shop_id
        gift_products = self.env.ref("ecom_connector.product_gift_card").product_variant_ids
        date = order._ecom_accounting_date()

        def to_company(amount):
            return currency._convert(amount, company.currency_id, company, date)

        def label(template, **values):
            return self._summary_label(template, shop, date, **values)

        lines = []
        total = 0.0
        sale_lines = order.order_line.filtered(lambda sol: not sol.display_type)
        carried = sale_lines.filtered(lambda sol: not sol.is_delivery).product_id.product_tmpl_id
        services_only = bool(carried) and set(carried.mapped("ecom_operation_category")) == {
            const.OPERATION_SERVICES
        }
        for line in sale_lines:
            if line.is_delivery:
                operation = const.OPERATION_SERVICES if services_only else const.OPERATION_GOODS
            else:
                operation = line.product_id.product_tmpl_id.ecom_operation_category or False
            if line.product_id & gift_products:
                operation = False
            taxes = ", ".join(line.tax_id.mapped("name")) or _("No tax")
            if line.product_id & gift_products:
                account = company.ecom_gift_card_account_id
                name = label(_("Gift cards sold on %(date)s — %(shop)s"))
            elif line.is_delivery and shop.shipping_account_id:
                account = shop.shipping_account_id
                name = label(
                    _("Web shipping charged on %(date)s — %(shop)s (%(taxes)s)"), taxes=taxes
                )
            else:
                account = (
                    line.product_id.product_tmpl_id.get_product_accounts(
                        fiscal_pos=order.fiscal_position_id
                    )["income"]
                    or self._sale_journal(shop).default_account_id
                )
                name = label(_("Web sales of %(date)s — %(shop)s (%(taxes)s)"), taxes=taxes)
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            result = line.tax_id.compute_all(
                price, currency, line.product_uom_qty, line.product_id, order.partner_invoice_id
            )
            key = (
                account.id,
                tuple(sorted(line.tax_id.ids)),
                False,
                tuple(result["base_tags"]),
                operation,
            )
            lines.append((key, name, -to_company(result["total_excluded"])))
            for tax in result["taxes"]:
                tax_account = tax["account_id"] or account.id
                key = (
                    tax_account,
                    (),
                    tax["tax_repartition_line_id"],
                    tuple(tax["tag_ids"]),
                    operation,
                )
                tax_name = label(_("%(tax)s on web sales of %(date)s — %(shop)s"), tax=tax["name"])
                lines.append((key, tax_name, -to_company(tax["amount"])))
            total += result["total_included"]
        paid = 0.0
        for payment in order._ecom_captured_payments() if with_payments else []:
            amount = float(payment["amount"])
            paid += amount
            if payment["is_gift_card"]:
                account = company.ecom_gift_card_account_id
                name = label(_("Gift cards used on %(date)s — %(shop)s"))
            else:
                account = self._outstanding_account(order, payment["gateway"])
                gateway = shop._ecom_gateway_journal(payment["gateway"]).name or payment["gateway"]
                name = label(_("%(gateway)s receipts of %(date)s — %(shop)s"), gateway=gateway)
            lines.append(((account.id, (), False, (), False), name, to_company(amount)))
        difference = currency.round(total - paid)
        if not currency.is_zero(difference):
            if summary:
                account = company.ecom_rounding_account_id
                name = label(_("Rounding differences of %(date)s — %(shop)s"))
                lines.append(((account.id, (), False, (), False), name, to_company(difference)))
            else:
                receivable = order.partner_invoice_id.commercial_partner_id.with_company(
                    company
                ).property_account_receivable_id
                lines.append(
                    ((receivable.id, (), False, (), False), _("Customer"), to_company(difference))
                )
        return lines

    def _sale_journal(self, shop):
        """The shop's sales journal, else the company's first."""
        return shop.sale_journal_id or self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", shop.company_id.id)], limit=1
        )

    def _outstanding_account(self, order, gateway):
        journal = order.ecom_shop_id._ecom_gateway_journal(gateway)
        method = journal.inbound_payment_method_line_ids[:1]
        account = method.payment_account_id or self.env["account.payment"].with_company(
            order.company_id
        )._get_outstanding_account("inbound")
        return account or journal.default_account_id

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
