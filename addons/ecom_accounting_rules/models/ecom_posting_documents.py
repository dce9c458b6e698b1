# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Which documents are written for an order: its invoice and its payments.

Per batch, one call per step: create the invoices, post them, create and post
the payments (one ``account.payment`` per shop payment, in the journal of its
gateway; a gift card payment is an entry, see ecom_posting_entries.py), and
reconcile them with the invoices.
"""

from collections import defaultdict
from decimal import Decimal

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.ecom_connector.tools import QUIET_CREATE, batch_chatter

from ..posting.plan import _decimal


class EcomPostingEngine(models.AbstractModel):
    _inherit = "ecom.posting.engine"  # pylint: disable=consider-merging-classes-inherited

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
                        sale_date=sale_date,
                        lock=lock,
                        date=date,
                    )
                )
            dates[order.id] = date
        return dates, notes

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
            reference = order.ecom_reference or order.name
            memo = f"{order.ecom_shop_id.code} {reference}"
            journal = invoice.journal_id
            for index, payment in enumerate(captured):
                # Dated when the shop captured it, never before its invoice, never locked.
                date = max(payment["date"], invoice.invoice_date)
                date = company._ecom_first_open_date(date, journal, has_tax=False)[0]
                payment["date"] = date
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
                parts = (payment["gateway"], reference, payment["transaction_id"])
                label = " ".join(part for part in parts if part)
                vals = {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": invoice.commercial_partner_id.id,
                    "amount": float(payment["amount"]),
                    "currency_id": currency.id,
                    "journal_id": order.ecom_shop_id._ecom_gateway_journal(payment["gateway"]).id,
                    "date": payment["date"],
                    "memo": label,
                    "payment_reference": payment["transaction_id"] or memo,
                    "destination_account_id": receivable.id,
                }
                if write_off:
                    vals["write_off_line_vals"] = [write_off]
                payment_vals.append(vals)
                payment_orders.append((order, invoice, receivable))
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
