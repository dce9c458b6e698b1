"""From confirmed web orders to invoices, payments and entries, in batches.

For each order: guards first (no rule overrides them), then the first rule
that matches; then, per batch, one call per step: create the invoices, post
them, create and post the payments, reconcile. Summary-mode shops get one
entry per day instead. Orders already posted are skipped, so running the
engine twice changes nothing.
"""

import logging
from collections import defaultdict
from decimal import Decimal

from odoo import Command, _, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_repr

from odoo.addons.ecom_connector.const import (
    CHARGEBACK_PAYMENT_KINDS,
    CHARGEBACK_STATUSES,
    LOST_FULFILLMENT_STATUSES,
    REASON_CANCELLED_AFTER_INVOICE,
    REASON_CHARGEBACK,
    REASON_LOST_PARCEL,
    REASON_MISSING_ACCOUNT,
    REASON_POSTING_ERROR,
    REASON_REFUND,
    REASON_RULE,
    REASON_TOTAL_MISMATCH,
    REASON_UNKNOWN_PAYMENT,
    REFUND_STATUSES,
)

_logger = logging.getLogger(__name__)

POSTABLE_STATES = (False, "pending", "review")
DONE_STATES = ("invoiced", "posted", "summary")


def _decimal(amount, currency):
    return Decimal(float_repr(amount, currency.decimal_places))


class PostingPlan:
    """What the engine will do with one order (nothing is written yet).

    ``action`` is one of post, invoice, summary, review, wait (not confirmed,
    nothing to book yet) or cancelled (cancelled before invoicing).
    """

    __slots__ = ("order", "action", "rule", "reasons")

    def __init__(self, order, action, rule=None, reasons=None):
        self.order = order
        self.action = action
        self.rule = rule
        self.reasons = reasons or []  # list of (code, sentence)

    @property
    def codes(self):
        return list(dict.fromkeys(code for code, _message in self.reasons))


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
        orders = orders.filtered("ecom_shop_id")
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

    def _plan(self, orders, rules=None, force=False):
        """Decide, without writing, what happens to each order.

        :param rules: ``ecom.posting.rule`` records to try (a dry run passes
            its own); the company's active rules by default
        :return: a list of :class:`PostingPlan`, one per order
        """
        if rules is None:
            rules = self.env["ecom.posting.rule"].search([("company_id", "=", self.env.company.id)])
        plans = [self._plan_order(order, rules, force) for order in orders]
        for plan in plans:
            if plan.rule is None:
                plan.rule = rules.browse()
        return plans

    # ------------------------------------------------------------ deciding

    def _plan_order(self, order, rules, force):
        if order.state == "cancel":
            return PostingPlan(order, "cancelled")
        reasons = self._guards(order)
        if order.state not in ("sale", "done") and not force:
            return PostingPlan(order, "review" if reasons else "wait", reasons=reasons)
        if reasons and not force:
            return PostingPlan(order, "review", reasons=reasons)
        rule = rules._ecom_first_match(self._facts(order))
        if not rule and not force:
            return PostingPlan(
                order,
                "review",
                reasons=[(REASON_RULE, _("No posting rule matches this order."))],
            )
        action = rule.action if rule else "post"
        if action == "review" and not force:
            return PostingPlan(
                order,
                "review",
                rule=rule,
                reasons=[
                    (
                        rule.review_reason_id.code or REASON_RULE,
                        _("The rule %(rule)s sends such orders to review.", rule=rule.name),
                    )
                ],
            )
        if force:
            action = "invoice" if self._unmapped_gateways(order) else "post"
        elif action == "post" and self._summary_eligible(order):
            action = "summary"
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
        }

    def _guards(self, order):
        """Reasons no rule may override, as (code, sentence) pairs."""
        company = order.company_id
        reasons = []
        held = set(order.ecom_hold_reason_ids.mapped("code"))
        # The reasons an order was held for at import that also send it to review.
        for reason in order.ecom_hold_reason_ids.sorted():
            if reason.applies_to == "both":
                reasons.append((reason.code, _("Held at import: %(reason)s.", reason=reason.name)))
        difference = _decimal(order.ecom_total_difference, order.currency_id)
        tolerance = _decimal(company.ecom_rounding_tolerance, order.currency_id)
        if abs(difference) > tolerance and REASON_TOTAL_MISMATCH not in held:
            reasons.append(
                (
                    REASON_TOTAL_MISMATCH,
                    _(
                        "The shop's total differs from Odoo's by %(difference)s %(currency)s, "
                        "more than the tolerance of %(tolerance)s.",
                        difference=difference,
                        currency=order.currency_id.name,
                        tolerance=tolerance,
                    ),
                )
            )
        elif difference and not company.ecom_rounding_account_id:
            reasons.append(
                (
                    REASON_MISSING_ACCOUNT,
                    _(
                        "A rounding difference of %(difference)s must be booked, but the "
                        "company has no web shop rounding account (Accounting settings).",
                        difference=difference,
                    ),
                )
            )
        if order.ecom_refund_ids or order.ecom_financial_status in REFUND_STATUSES:
            reasons.append(
                (REASON_REFUND, _("The shop refunded (part of) this order: check the refund."))
            )
        if order.ecom_financial_status in CHARGEBACK_STATUSES or any(
            payment.kind in CHARGEBACK_PAYMENT_KINDS for payment in order.ecom_payment_ids
        ):
            reasons.append((REASON_CHARGEBACK, _("The customer's bank took the payment back.")))
        if order.ecom_parcel_lost or order.ecom_fulfillment_status in LOST_FULFILLMENT_STATUSES:
            reasons.append((REASON_LOST_PARCEL, _("The parcel was declared lost.")))
        for gateway in self._unmapped_gateways(order):
            reasons.append(
                (
                    REASON_UNKNOWN_PAYMENT,
                    _(
                        "The payment gateway %(gateway)s has no journal: map it on the shop "
                        "%(shop)s.",
                        gateway=gateway,
                        shop=order.ecom_shop_id.name,
                    ),
                )
            )
        gift_products = self.env.ref("ecom_connector.product_gift_card").product_variant_ids
        uses_gift_cards = any(p["is_gift_card"] for p in order._ecom_captured_payments())
        if (uses_gift_cards or order.order_line.product_id & gift_products) and (
            not company.ecom_gift_card_account_id
        ):
            reasons.append(
                (
                    REASON_MISSING_ACCOUNT,
                    _(
                        "Gift cards are involved, but the company has no gift card liability "
                        "account (Accounting settings)."
                    ),
                )
            )
        return reasons

    def _unmapped_gateways(self, order):
        shop = order.ecom_shop_id
        return list(
            dict.fromkeys(
                p["gateway"]
                for p in order._ecom_captured_payments()
                if not p["is_gift_card"] and not shop._ecom_gateway_journal(p["gateway"])
            )
        )

    def _summary_eligible(self, order):
        if order.ecom_shop_id.posting_mode != "summary":
            return False
        if order.currency_id != order.company_id.currency_id:
            return False
        paid = sum((p["amount"] for p in order._ecom_captured_payments()), Decimal(0))
        tolerance = _decimal(order.company_id.ecom_rounding_tolerance, order.currency_id)
        return abs(_decimal(order.amount_total, order.currency_id) - paid) <= tolerance

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

    def _posting_failed(self, plan, error):
        _logger.info("ecom posting of sale order %s failed", plan.order.id)
        message = str(error.args[0] if error.args else error)
        failed = PostingPlan(
            plan.order,
            "review",
            rule=plan.rule,
            reasons=[(REASON_POSTING_ERROR, _("Posting failed: %(error)s", error=message))],
        )
        self._send_to_review([failed])

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

    # ------------------------------------------------------------ invoices

    def _invoice_and_pay(self, plans, force=False, difference_account=None):
        orders = self._orders(plans)
        unconfirmed = orders.filtered(lambda o: o.state in ("draft", "sent"))
        if unconfirmed:
            unconfirmed.with_context(ecom_keep_date=True).action_confirm()
        invoices = orders.with_context(ecom_keep_date=True)._create_invoices(
            grouped=True, final=True
        )
        invoice_by_order = {}
        for invoice in invoices:
            invoice_by_order[invoice.invoice_line_ids.sale_line_ids.order_id[:1].id] = invoice
        missing = orders.filtered(lambda o: o.id not in invoice_by_order)
        if missing:
            raise UserError(
                _("Nothing to invoice on %(orders)s.", orders=", ".join(missing.mapped("name")))
            )
        self._prepare_invoices(plans, invoice_by_order)
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

    def _prepare_invoices(self, plans, invoice_by_order):
        """Dates, journal, shop and rule on the draft invoices, grouped into few writes."""
        groups = defaultdict(lambda: self.env["account.move"])
        for plan in plans:
            order = plan.order
            key = (
                order._ecom_accounting_date(),
                order.ecom_shop_id.sale_journal_id.id,
                order.ecom_shop_id.id,
                plan.rule.id or False,
                plan.rule.version or 0,
            )
            groups[key] |= invoice_by_order[order.id]
        for (date, journal_id, shop_id, rule_id, version), moves in groups.items():
            vals = {
                "invoice_date": date,
                "ecom_shop_id": shop_id,
                "ecom_posting_rule_id": rule_id,
                "ecom_posting_rule_version": version,
            }
            if journal_id:
                vals["journal_id"] = journal_id
            moves.write(vals)
        gift_account = self.env.company.ecom_gift_card_account_id
        gift_products = self.env.ref("ecom_connector.product_gift_card").product_variant_ids
        invoices = self.env["account.move"].union(*groups.values())
        gift_lines = invoices.invoice_line_ids.filtered(
            lambda line: line.product_id & gift_products
        )
        if gift_lines:
            gift_lines.write({"account_id": gift_account.id})

    # ------------------------------------------------------------ payments

    def _register_payments(self, pairs, difference_account=None):
        """Pay invoices with the shop's captured payments and reconcile them.

        Each shop payment becomes an ``account.payment`` in the journal its
        gateway is mapped to, dated as the shop dated it; a gift card payment
        is an entry taking the amount from the gift card liability. A
        difference within the company's tolerance goes to its rounding
        account (or, when given, to ``difference_account``).

        :param pairs: a list of (sale order, posted invoice)
        :return: a dict: order id → the entries paying it (payments' and gift cards')
        """
        company = self.env.company
        payment_vals, payment_orders = [], []
        entry_vals, entry_orders = [], []
        for order, invoice in pairs:
            captured = order._ecom_captured_payments()
            if not captured:
                continue
            currency = invoice.currency_id
            receivable = invoice.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            ).account_id[:1]
            paid = sum((p["amount"] for p in captured), Decimal(0))
            difference = _decimal(invoice.amount_total, currency) - paid
            tolerance = _decimal(company.ecom_rounding_tolerance, currency)
            write_off_account = None
            if difference and difference_account:
                write_off_account = difference_account
            elif difference and abs(difference) <= tolerance:
                write_off_account = company.ecom_rounding_account_id
            captured.sort(key=lambda p: p["is_gift_card"])  # the write-off rides on cash first
            memo = f"{order.ecom_shop_id.code} {order.ecom_reference or order.name}"
            for index, payment in enumerate(captured):
                write_off = None
                if index == 0 and write_off_account:
                    write_off = self._write_off_line(
                        write_off_account, difference, currency, payment["date"], invoice, memo
                    )
                if payment["is_gift_card"]:
                    entry_vals.append(
                        self._gift_card_entry_vals(
                            order, invoice, receivable, payment, memo, write_off
                        )
                    )
                    entry_orders.append((order, invoice, receivable))
                    continue
                vals = {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": invoice.commercial_partner_id.id,
                    "amount": float(payment["amount"]),
                    "currency_id": currency.id,
                    "journal_id": order.ecom_shop_id._ecom_gateway_journal(payment["gateway"]).id,
                    "date": payment["date"],
                    "memo": memo,
                    "payment_reference": payment["transaction_id"] or memo,
                    "destination_account_id": receivable.id,
                }
                if write_off:
                    vals["write_off_line_vals"] = [write_off]
                payment_vals.append(vals)
                payment_orders.append((order, invoice, receivable))
        payments = self.env["account.payment"].create(payment_vals) if payment_vals else None
        entries = self.env["account.move"].create(entry_vals) if entry_vals else None
        if payments:
            payments.action_post()
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
        for (invoice, receivable), lines in to_reconcile.items():
            (lines | invoice.line_ids).filtered(
                lambda line, account=receivable: line.account_id == account and not line.reconciled
            ).reconcile()
        return dict(moves_by_order)

    def _write_off_line(self, account, difference, currency, date, invoice, label):
        """A write-off line for ``account.payment``'s ``write_off_line_vals``."""
        company = self.env.company
        amount = float(difference)
        return {
            "name": _("Difference with the shop: %(label)s", label=label),
            "account_id": account.id,
            "partner_id": invoice.commercial_partner_id.id,
            "currency_id": currency.id,
            "amount_currency": amount,
            "balance": currency._convert(amount, company.currency_id, company, date),
        }

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
        sum of its orders' to the cent.
        """
        orders = self._orders(plans)
        shop = orders.ecom_shop_id
        date = orders[0]._ecom_accounting_date()
        totals = defaultdict(float)
        labels = {}
        for order in orders:
            for key, label, balance in self._order_entry_lines(order, summary=True):
                totals[key] += balance
                labels[key] = label
        company = self.env.company
        currency = company.currency_id
        line_vals = []
        for key, balance in totals.items():
            balance = currency.round(balance)
            if currency.is_zero(balance):
                continue
            account_id, tax_ids, repartition_id, tag_ids = key
            line_vals.append(
                {
                    "name": labels[key],
                    "account_id": account_id,
                    "balance": balance,
                    "tax_ids": [Command.set(list(tax_ids))],
                    "tax_repartition_line_id": repartition_id or False,
                    "tax_tag_ids": [Command.set(list(tag_ids))],
                }
            )
        journal = self._sale_journal(shop)
        rule_versions = {(plan.rule.id, plan.rule.version) for plan in plans}
        rule_id, version = sorted(rule_versions)[0] if len(rule_versions) == 1 else (False, 0)
        move = (
            self.env["account.move"]
            .with_context(skip_invoice_sync=True)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": date,
                    "ref": _(
                        "%(shop)s sales of %(date)s (%(count)s orders)",
                        shop=shop.name,
                        date=date,
                        count=len(orders),
                    ),
                    "ecom_shop_id": shop.id,
                    "ecom_posting_rule_id": rule_id,
                    "ecom_posting_rule_version": version,
                    "line_ids": [Command.create(vals) for vals in line_vals],
                }
            )
        )
        move.action_post()
        orders.write({"ecom_summary_move_id": move.id})
        self._mark_posted(plans, {order.id: "summary" for order in orders}, force=False)
        return move

    def _order_entry_lines(self, order, summary=False, with_payments=True):
        """The lines one order brings to the books, in company currency.

        :param summary: lines for a summary entry (payments debited to the
            gateways' outstanding accounts); else as an invoice and its
            payments would make them, receivable included
        :param with_payments: include the shop's payments (else all is receivable)
        :return: a list of (grouping key, label, balance); a key is
            (account id, tax ids, tax repartition line id, tax tag ids)
        """
        company = order.company_id
        currency = order.currency_id
        gift_products = self.env.ref("ecom_connector.product_gift_card").product_variant_ids
        date = order._ecom_accounting_date()

        def to_company(amount):
            return currency._convert(amount, company.currency_id, company, date)

        lines = []
        total = 0.0
        for line in order.order_line.filtered(lambda sol: not sol.display_type):
            if line.product_id & gift_products:
                account = company.ecom_gift_card_account_id
                label = _("Gift cards sold")
            else:
                account = (
                    line.product_id.product_tmpl_id.get_product_accounts(
                        fiscal_pos=order.fiscal_position_id
                    )["income"]
                    or self._sale_journal(order.ecom_shop_id).default_account_id
                )
                label = ", ".join(line.tax_id.mapped("name")) or _("No tax")
                label = _("Sales (%(taxes)s)", taxes=label)
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            result = line.tax_id.compute_all(
                price, currency, line.product_uom_qty, line.product_id, order.partner_invoice_id
            )
            key = (account.id, tuple(sorted(line.tax_id.ids)), False, tuple(result["base_tags"]))
            lines.append((key, label, -to_company(result["total_excluded"])))
            for tax in result["taxes"]:
                tax_account = tax["account_id"] or account.id
                key = (tax_account, (), tax["tax_repartition_line_id"], tuple(tax["tag_ids"]))
                lines.append((key, tax["name"], -to_company(tax["amount"])))
            total += result["total_included"]
        paid = 0.0
        for payment in order._ecom_captured_payments() if with_payments else []:
            amount = float(payment["amount"])
            paid += amount
            if payment["is_gift_card"]:
                account = company.ecom_gift_card_account_id
                label = _("Gift cards used")
            else:
                account = self._outstanding_account(order, payment["gateway"])
                label = _("Payments %(gateway)s", gateway=payment["gateway"])
            lines.append(((account.id, (), False, ()), label, to_company(amount)))
        difference = currency.round(total - paid)
        if not currency.is_zero(difference):
            if summary:
                account = company.ecom_rounding_account_id
                lines.append(((account.id, (), False, ()), _("Rounding"), to_company(difference)))
            else:
                receivable = order.partner_invoice_id.commercial_partner_id.with_company(
                    company
                ).property_account_receivable_id
                lines.append(
                    ((receivable.id, (), False, ()), _("Customer"), to_company(difference))
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
        ReviewItem = self.env["ecom.review.item"]
        items = ReviewItem
        posted = orders.filtered(lambda o: o.ecom_posting_state in DONE_STATES)
        self._post_orders(orders - posted)
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
            for code, key, refund in events:
                items |= ReviewItem.with_company(order.company_id)._ecom_open_for_event(
                    order, code, key, refund
                )
        return items
