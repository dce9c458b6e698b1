# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""How a review item is resolved: the entries each resolution writes.

A credit note (prepared from the sale order's lines and linked to them, posted,
reconciled; the refunded goods taken out of the delivery or returned),
accepting a difference, posting anyway, posting then crediting, marking as
already in the books, or what was done by hand. Each leaves balanced entries
and a trace in the chatter, and closes the item. The lost-parcel write-off is
in ecom_review_lost_parcel.py; the queue (states, assignment, activities,
opening) in ecom_review_item.py.
"""

from collections import defaultdict
from decimal import Decimal

from odoo import Command, _, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_repr

from odoo.addons.ecom_connector.const import REASON_CANCELLED_AFTER_INVOICE


class EcomReviewItem(models.Model):
    _inherit = "ecom.review.item"

    # ------------------------------------------------------------ credit notes

    def _ecom_prepare_credit_note(self):
        """A draft credit note for this item's refund (or the whole order).

        :return: the draft ``account.move`` (see :meth:`_ecom_prepare_credit_notes`)
        """
        self.ensure_one()
        return self._ecom_prepare_credit_notes()

    def _ecom_prepare_credit_notes(self):
        """Draft credit notes for these items' refunds (or whole orders), made together.

        Lines come from the sale order's lines: same prices, discounts, taxes
        and accounts as the invoice; refund lines by their shop line id, the
        refunded shipping on the shipping line's taxes; a refund naming no
        line is one line on the order's main taxes. Each is dated as the shop
        dated its refund, unless that breaks its journal's chronological
        sequence or falls in a locked period (dated as if the credit notes were
        posted one after the other, in the order of the items).
        :return: the draft ``account.move`` records, one per item, in the items' order
        """
        vals_list = [item._credit_note_vals() for item in self]
        wanted = [vals["invoice_date"] for vals in vals_list]
        dates = self._ecom_chronological_dates(
            [
                (item, vals.get("journal_id"), day)
                for item, vals, day in zip(self, vals_list, wanted, strict=True)
            ]
        )
        for vals, date in zip(vals_list, dates, strict=True):
            if date:
                vals["invoice_date"] = date
        credit_notes = self.env["account.move"].create(vals_list)
        if not all(dates):
            # No invoice and no shop journal: dated once Odoo has chosen the journal.
            undated = [
                (item, credit_note, day)
                for item, credit_note, day, date in zip(
                    self, credit_notes, wanted, dates, strict=True
                )
                if not date
            ]
            later = self._ecom_chronological_dates(
                [(item, credit_note.journal_id.id, day) for item, credit_note, day in undated]
            )
            for (_item, credit_note, day), date in zip(undated, later, strict=True):
                if date != day:
                    credit_note.invoice_date = date
        return credit_notes

    def _credit_note_vals(self):
        """The values of this item's credit note, dated on its refund (see
        :meth:`_ecom_prepare_credit_notes`)."""
        self.ensure_one()
        order = self.sale_order_id.with_company(self.company_id)
        lines = self._credit_note_lines(order)
        if not lines:
            raise UserError(_("The refund of %(order)s names nothing to credit.", order=order.name))
        journal = order.ecom_shop_id.sale_journal_id
        refund_date = self.refund_date or fields.Date.context_today(self)
        reference = order.ecom_reference or order.name
        if self.refund_id.external_id:
            reference = f"{reference} {self.refund_id.external_id}"
        vals = {
            "move_type": "out_refund",
            "partner_id": order.partner_invoice_id.id,
            "currency_id": order.currency_id.id,
            "invoice_date": refund_date,
            "delivery_date": refund_date,
            "invoice_origin": order.name,
            "ref": self.name,
            "payment_reference": reference,
            "ecom_shop_id": order.ecom_shop_id.id,
            "fiscal_position_id": order.fiscal_position_id.id,
            "invoice_line_ids": [Command.create(line) for line in lines],
        }
        invoice = order.invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        )[:1]
        if invoice:
            vals["reversed_entry_id"] = invoice.id
            vals["journal_id"] = invoice.journal_id.id
        elif journal:
            vals["journal_id"] = journal.id
        return vals

    def _ecom_chronological_dates(self, requests):
        """The dates of new credit notes: each the wanted date, or the first date that
        keeps its journal's sequence chronological and its period open (the rules of
        the invoices), as if they were posted one after the other (a credit note is
        never dated before one earlier in ``requests`` in the same journal).

        :param requests: a list of (review item, journal id or ``False``, wanted date)
        :return: the list of dates (``False`` where no journal was given)
        """
        journal_ids = list({journal_id for _item, journal_id, _date in requests if journal_id})
        last = dict(
            self.env["account.move"]._read_group(
                [
                    ("journal_id", "in", journal_ids),
                    ("state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                ],
                ["journal_id"],
                ["invoice_date:max"],
            )
        )
        last = {journal.id: date for journal, date in last.items()}
        today = fields.Date.context_today(self)
        open_dates = {}
        dates = []
        for item, journal_id, date in requests:
            if not journal_id:
                dates.append(False)
                continue
            company = item.company_id
            latest = last.get(journal_id)
            if company.ecom_invoice_date_policy == "posting" or (latest and latest > date):
                date = max(date, today)
            # Lock dates depend on the date and the journal only: asked once per pair.
            if (company, date, journal_id) not in open_dates:
                journal = self.env["account.journal"].browse(journal_id)
                open_dates[(company, date, journal_id)] = company._ecom_first_open_date(
                    date, journal
                )[0]
            date = open_dates[(company, date, journal_id)]
            last[journal_id] = max(latest, date) if latest else date
            dates.append(date)
        return dates

    def _credit_note_lines(self, order):
        gift_products = self.env.ref("ecom_connector.product_gift_card").product_variant_ids
        gift_account = self.company_id.ecom_gift_card_account_id
        shipping_account = order.ecom_shop_id.shipping_account_id
        sale_lines = order.order_line.filtered(lambda line: not line.display_type)

        def line_vals(sale_line, quantity, price=None):
            # Linked to the sale line, as a credit note made from the order: Odoo's
            # invoiced quantities and the order's Invoices button count it.
            vals = {
                "product_id": sale_line.product_id.id,
                "name": sale_line.name,
                "quantity": quantity,
                "price_unit": sale_line.price_unit if price is None else price,
                "discount": sale_line.discount if price is None else 0.0,
                "tax_ids": [Command.set(sale_line.tax_id.ids)],
                "product_uom_id": sale_line.product_uom.id,
                "sale_line_ids": [Command.set(sale_line.ids)],
            }
            if sale_line.product_id & gift_products and gift_account:
                vals["account_id"] = gift_account.id
            elif sale_line.is_delivery and shipping_account:
                vals["account_id"] = shipping_account.id
            return vals

        refund = self.refund_id
        if not refund:
            return [line_vals(line, line.product_uom_qty) for line in sale_lines]
        result = []
        for refund_line in refund.line_ids:
            sale_line = refund_line.sale_line_id & sale_lines
            if sale_line:
                result.append(line_vals(sale_line, refund_line.quantity))
        shipping = refund.shipping_amount
        shipping_line = sale_lines.filtered("is_delivery")[:1]
        if shipping and shipping_line:
            result.append(line_vals(shipping_line, 1.0, price=shipping))
        if not result and refund.amount:
            main = sale_lines.filtered(lambda line: not line.is_delivery)[:1]
            amount = Decimal(float_repr(refund.amount, refund.currency_id.decimal_places))
            taxes = main.tax_id
            if taxes and not all(taxes.mapped("price_include")):
                amount = amount / (1 + sum(Decimal(str(t.amount)) for t in taxes) / 100)
            vals = line_vals(main, 1.0, price=float(round(amount, 6)))
            vals["name"] = _("Refund %(refund)s", refund=refund.external_id)
            del vals["sale_line_ids"]  # an amount, not goods given back
            result.append(vals)
        return result

    def _ecom_apply_credit_note(self, restock=False, journal=None, resolution="credit_note"):
        """Post the prepared credit notes of these items, settle them, and restock when asked.

        Each credit note first settles what the customer still owes on its
        order; the rest is paid back in the gateway's journal (or ``journal``),
        dated as the shop dated the refund. The items' credit notes are posted
        in one call, reconciled in one plan, their refund payments created and
        posted in one call and reconciled in one plan; each item closes with
        its own note. Two items of one order are settled one after the other.
        :return: the entries made (credit notes and payments)
        """
        if not self:
            return self.env["account.move"]
        first, later = self.browse(), self.browse()
        for item in self:
            if item.sale_order_id in first.sale_order_id:
                later |= item
            else:
                first |= item
        moves = first._ecom_apply_credit_notes_once(restock, journal, resolution)
        return moves | later._ecom_apply_credit_note(restock, journal, resolution)

    def _ecom_apply_credit_notes_once(self, restock, journal, resolution):
        """:meth:`_ecom_apply_credit_note` for items of different orders."""
        missing = self.filtered(lambda item: not item.credit_note_id)
        for item, credit_note in zip(missing, missing._ecom_prepare_credit_notes(), strict=True):
            item.credit_note_id = credit_note
        self.credit_note_id.filtered(lambda move: move.state == "draft").action_post()
        receivables, plan = {}, []
        for item in self:
            order = item.sale_order_id.with_company(item.company_id)
            receivable = item.credit_note_id.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            )
            receivables[item] = receivable
            open_invoice_lines = order.invoice_ids.filtered(
                lambda m: m.move_type == "out_invoice" and m.state == "posted"
            ).line_ids.filtered(
                lambda line, account=receivable.account_id: line.account_id == account
                and not line.reconciled
            )
            if open_invoice_lines:
                plan.append(receivable | open_invoice_lines)
        if plan:
            self.env["account.move.line"]._reconcile_plan(plan)
        payment_vals, paid_items = [], []
        for item in self:
            credit_note = item.credit_note_id
            if credit_note.currency_id.is_zero(credit_note.amount_residual):
                continue
            payment_vals.append(item._refund_payment_vals(receivables[item], journal))
            paid_items.append(item)
        payments = self.env["account.payment"]
        if payment_vals:
            payments = payments.with_context(ecom_memo_label=True).create(payment_vals)
            payments.action_post()
            self.env["account.move.line"]._reconcile_plan(
                [
                    (payment.move_id.line_ids | receivables[item]).filtered(
                        lambda line, account=receivables[item].account_id: line.account_id
                        == account
                        and not line.reconciled
                    )
                    for item, payment in zip(paid_items, payments, strict=True)
                ]
            )
        payment_of = dict(zip(paid_items, payments, strict=True))
        moves = self.env["account.move"]
        for item in self:
            item_moves = item.credit_note_id
            if item in payment_of:
                item_moves |= payment_of[item].move_id
            item._ecom_close(resolution, item._credit_note_applied(restock), item_moves)
            moves |= item_moves
        return moves

    def _refund_payment_vals(self, receivable, journal=None):
        """The refund payment paying back what this item's posted credit note leaves open.

        :param receivable: the credit note's receivable line
        :param journal: the journal to pay from; else the gateway's
        """
        self.ensure_one()
        order = self.sale_order_id
        credit_note = self.credit_note_id
        journal = journal or self._refund_journal()
        if not journal:
            raise UserError(
                _(
                    "No journal to pay the refund back from: map the gateway %(gateway)s "
                    "on the shop, or choose a journal.",
                    gateway=order.ecom_payment_gateway or "-",
                )
            )
        date = credit_note.invoice_date
        return {
            "payment_type": "outbound",
            "partner_type": "customer",
            "partner_id": credit_note.commercial_partner_id.id,
            "amount": credit_note.amount_residual,
            "currency_id": credit_note.currency_id.id,
            "journal_id": journal.id,
            "date": max(self.refund_date or date, date),
            "memo": " ".join(
                part for part in (order.ecom_payment_gateway, credit_note.payment_reference) if part
            ),
            "destination_account_id": receivable.account_id.id,
        }

    def _credit_note_applied(self, restock):
        """What happens to the goods once this item's credit note is posted.

        :return: the sentence of the item's closing note
        """
        self.ensure_one()
        order = self.sale_order_id.with_company(self.company_id)
        note = _("Credit note %(move)s posted.", move=self.credit_note_id.name)
        if self.refund_id.line_ids.sale_line_id:
            note += " " + self._ecom_refund_goods(order, restock)
        elif restock:
            note += " " + self._restock(order)
        elif self.reason_code == REASON_CANCELLED_AFTER_INVOICE:
            open_pickings = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
            if open_pickings:
                open_pickings.action_cancel()
                note += " " + _("Deliveries not yet shipped were cancelled.")
        return note

    def _ecom_refund_goods(self, order, restock):
        """The refunded goods: out of the delivery when not shipped, else back by a return.

        What was not refunded stays to ship. Goods already shipped come back
        through a return only when the shop says they were restocked.
        :return: a sentence for the chatter
        """
        quantities = defaultdict(float)
        for refund_line in self.refund_id.line_ids.filtered("sale_line_id"):
            if not refund_line.sale_line_id.is_delivery:
                quantities[refund_line.sale_line_id] += refund_line.quantity
        removed = order.picking_ids._ecom_remove_quantities(quantities)
        notes = []
        if removed:
            notes.append(
                _(
                    "Not shipped yet, taken out of the delivery: %(goods)s; the rest stays "
                    "to ship.",
                    goods=", ".join(
                        f"{qty:g} × {line.product_id.display_name}" for line, qty in removed.items()
                    ),
                )
            )
        shipped = {
            line: qty - removed.get(line, 0.0)
            for line, qty in quantities.items()
            if qty - removed.get(line, 0.0) > 0
        }
        if shipped and restock:
            notes.append(self._return_shipped(order, shipped))
        elif shipped:
            notes.append(_("Goods already shipped are not taken back (not restocked by the shop)."))
        return " ".join(notes)

    def _return_shipped(self, order, quantities):
        """A return to receive of ``quantities`` (sale line → qty) from the done deliveries."""
        by_product = defaultdict(float)
        for line, qty in quantities.items():
            by_product[line.product_id] += qty
        done = order.picking_ids.filtered(
            lambda p: p.state == "done" and p.picking_type_code == "outgoing"
        )
        return self._return_pickings(done, by_product)

    def _refund_journal(self):
        order = self.sale_order_id
        # Accountants resolve items without reading the connector's shops (their mappings
        # are the connector's users'): only the mapped journal is read as superuser.
        shop_sudo = order.ecom_shop_id.sudo()
        return shop_sudo._ecom_gateway_journal(order.ecom_payment_gateway).sudo(False)

    def _restock(self, order):
        """Return the refunded goods to stock (a return to receive), or cancel what is unshipped."""
        done = order.picking_ids.filtered(
            lambda p: p.state == "done" and p.picking_type_code == "outgoing"
        )
        if not done and self.refund_id:
            # A refund of an amount, naming no goods: what was sold still ships.
            return _("The refund names no goods: the delivery is kept.")
        if not done:
            # The whole order is credited (cancellation, chargeback): nothing ships.
            open_pickings = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
            open_pickings.action_cancel()
            return _("The goods were not shipped: the delivery was cancelled.")
        quantities = {}
        for refund_line in self.refund_id.line_ids.filtered("sale_line_id"):
            product = refund_line.sale_line_id.product_id
            quantities[product] = quantities.get(product, 0.0) + refund_line.quantity
        return self._return_pickings(done, quantities or None)

    def _return_pickings(self, pickings, quantities=None):
        """Returns to receive from the done deliveries ``pickings``.

        :param quantities: product → quantity to take back, used up as it is
            taken; ``None`` takes back everything delivered
        :return: a sentence for the chatter
        """
        returns = self.env["stock.picking"]
        for picking in pickings:
            wizard = (
                self.env["stock.return.picking"]
                .with_context(active_id=picking.id, active_model="stock.picking")
                .create({"picking_id": picking.id})
            )
            for line in wizard.product_return_moves:
                if quantities is None:
                    line.quantity = line.move_quantity
                    continue
                wanted = quantities.get(line.product_id, 0.0)
                take = min(wanted, line.move_quantity)
                line.quantity = take
                quantities[line.product_id] = wanted - take
            if any(line.quantity for line in wizard.product_return_moves):
                returns |= wizard._create_return()
        if not returns:
            return _("Nothing to take back in stock.")
        return _(
            "Return %(pickings)s created, to receive.", pickings=", ".join(returns.mapped("name"))
        )

    # ------------------------------------------------------------ other resolutions

    def _ecom_register_payment(self):
        """The money of an invoiced order came in: register the shop's payments and reconcile.

        For orders whose payment waited for the accountant (a file a user
        uploaded says "paid"): the shop's captured payments, in their
        gateways' journals, as the rules would have registered them.
        :return: the payment entries
        """
        self.ensure_one()
        order = self.sale_order_id.with_company(self.company_id)
        if order.ecom_posting_state != "invoiced":
            raise UserError(
                _(
                    "%(order)s is not an invoiced order waiting for its payment: choose "
                    "another resolution.",
                    order=order.name,
                )
            )
        invoice = order.invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice"
            and m.state == "posted"
            and m.payment_state in ("not_paid", "partial")
        )[:1]
        if not invoice:
            raise UserError(_("%(order)s has no open invoice to pay.", order=order.name))
        engine = self.env["ecom.posting.engine"].with_company(self.company_id)
        payments = engine._register_payments([(order, invoice)]).get(order.id)
        if not payments:
            raise UserError(_("The shop gave no received payment for %(order)s.", order=order.name))
        payments.write(
            {
                "ecom_posting_rule_id": order.ecom_posting_rule_id.id,
                "ecom_posting_rule_version": order.ecom_posting_rule_version,
            }
        )
        order._ecom_as_product().write(
            {"ecom_posting_state": "posted", "ecom_posted_automatically": False}
        )
        self._ecom_close(
            "register_payment",
            _(
                "Payment of %(amount)s registered by %(user)s, who checked it was received.",
                amount=self.currency_id.format(sum(payments.mapped("amount_total"))),
                user=self.env.user.name,
            ),
            payments,
        )
        return payments

    def _ecom_accept_difference(self, account):
        """Post the order with the shop's payment, the difference to ``account``."""
        self.ensure_one()
        if not account:
            raise UserError(
                _("Choose the difference account (or set it in the Accounting settings).")
            )
        return self._ecom_post_anyway(difference_account=account, resolution="accept_difference")

    def _ecom_post_anyway(self, difference_account=None, resolution="post_anyway"):
        """Post the order as if no guard had stopped it; the accountant takes responsibility."""
        self.ensure_one()
        order = self.sale_order_id.with_company(self.company_id)
        if self.stage != "posting":
            raise UserError(_("This order is already in the books: choose another resolution."))
        before = order.invoice_ids | order.ecom_summary_move_id
        self.env["ecom.posting.engine"].with_company(self.company_id)._post_orders(
            order, force=True, difference_account=difference_account
        )
        if order.ecom_posting_state not in ("posted", "invoiced", "summary"):
            raise UserError(
                _("The order could not be posted: %(why)s", why=self.description or "-")
            )
        invoices = order.invoice_ids - before
        moves = (
            invoices | self._reconciled_entries(invoices) | (order.ecom_summary_move_id - before)
        )
        note = _("Posted by %(user)s.", user=self.env.user.name)
        if difference_account:
            note = _(
                "Difference of %(amount)s accepted to %(account)s.",
                amount=self.currency_id.format(self.difference),
                account=difference_account.display_name,
            )
        self._ecom_close(resolution, note, moves)
        return moves

    @staticmethod
    def _reconciled_entries(invoices):
        lines = invoices.line_ids.matched_credit_ids.credit_move_id
        return lines.move_id.filtered(lambda move: move.move_type == "entry")

    def _ecom_post_and_credit(self, restock=False, journal=None):
        """A refund before posting: post the order, then credit each of its refunds."""
        self.ensure_one()
        order = self.sale_order_id.with_company(self.company_id)
        engine = self.env["ecom.posting.engine"].with_company(self.company_id)
        engine._post_orders(order, force=True)
        if order.ecom_posting_state not in ("posted", "invoiced", "summary"):
            raise UserError(
                _("The order could not be posted: %(why)s", why=self.description or "-")
            )
        events = engine._review_after_posting(order).filtered(lambda i: i.state == "todo")
        moves = order.invoice_ids | self._reconciled_entries(order.invoice_ids)
        for event in events.filtered("credit_note_id"):
            moves |= event._ecom_apply_credit_note(restock=restock, journal=journal)
        self._ecom_close(
            "credit_note",
            _("Order posted, then credited from the shop's refunds."),
            moves | events.move_ids,
        )
        return moves

    def _ecom_already_booked(self, note=None):
        """The order was booked before the accounting start: no entry at all, nothing to invoice."""
        self.ensure_one()
        if self.stage != "posting":
            raise UserError(_("This order is already in the books: choose another resolution."))
        self.sale_order_id._ecom_as_product().write({"ecom_posting_state": "booked_before"})
        self._ecom_close(
            "already_booked",
            note or _("Already in the books before the accounting start: no entry made."),
        )
        return True

    def _ecom_handled_by_hand(self, note):
        self.ensure_one()
        if not note:
            raise UserError(_("Say what was done by hand."))
        if self.stage == "posting":
            self.sale_order_id._ecom_as_product().write({"ecom_posting_state": "manual"})
        if self.credit_note_id.state == "draft":
            self.credit_note_id.button_cancel()
        self._ecom_close("manual", note)
        return True
