# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""How a review item is resolved: the entries each resolution writes.

A credit note (prepared from the sale order's lines, posted, reconciled, the
goods restocked), a lost-parcel write-off, accepting a difference, posting
anyway, posting then crediting, or what was done by hand. Each leaves
balanced entries and a trace in the chatter, and closes the item. Its queue
(states, assignment, activities, opening) is in ecom_review_item.py.
"""

from collections import defaultdict
from decimal import Decimal

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_repr

from odoo.addons.ecom_connector.const import REASON_CANCELLED_AFTER_INVOICE


class EcomReviewItem(models.Model):
    _inherit = "ecom.review.item"

    # ------------------------------------------------------------ credit notes

    def _ecom_prepare_credit_note(self):
        """A draft credit note for this item's refund (or the whole order).

        Lines come from the sale order's lines: same prices, discounts, taxes
        and accounts as the invoice; refund lines by their shop line id, the
        refunded shipping on the shipping line's taxes; a refund naming no
        line is one line on the order's main taxes.
        :return: the draft ``account.move``
        """
        self.ensure_one()
        order = self.sale_order_id.with_company(self.company_id)
        lines = self._credit_note_lines(order)
        if not lines:
            raise UserError(_("The refund of %(order)s names nothing to credit.", order=order.name))
        journal = order.ecom_shop_id.sale_journal_id
        vals = {
            "move_type": "out_refund",
            "partner_id": order.partner_invoice_id.id,
            "currency_id": order.currency_id.id,
            "invoice_date": self.refund_date or fields.Date.context_today(self),
            "invoice_origin": order.name,
            "ref": self.name,
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
        return self.env["account.move"].create(vals)

    def _credit_note_lines(self, order):
        gift_products = self.env.ref("ecom_connector.product_gift_card").product_variant_ids
        gift_account = self.company_id.ecom_gift_card_account_id
        sale_lines = order.order_line.filtered(lambda line: not line.display_type)

        def line_vals(sale_line, quantity, price=None):
            vals = {
                "product_id": sale_line.product_id.id,
                "name": sale_line.name,
                "quantity": quantity,
                "price_unit": sale_line.price_unit if price is None else price,
                "discount": sale_line.discount if price is None else 0.0,
                "tax_ids": [Command.set(sale_line.tax_id.ids)],
                "product_uom_id": sale_line.product_uom.id,
            }
            if sale_line.product_id & gift_products and gift_account:
                vals["account_id"] = gift_account.id
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
            result.append(vals)
        return result

    def _ecom_apply_credit_note(self, restock=False, journal=None, resolution="credit_note"):
        """Post the prepared credit note, settle it, and restock when asked.

        The credit note first settles what the customer still owes on the
        order; the rest is paid back in the gateway's journal (or ``journal``),
        dated as the shop dated the refund.
        :return: the entries made (credit note and payment)
        """
        self.ensure_one()
        order = self.sale_order_id.with_company(self.company_id)
        credit_note = self.credit_note_id or self._ecom_prepare_credit_note()
        self.credit_note_id = credit_note
        if credit_note.state == "draft":
            credit_note.action_post()
        moves = credit_note
        receivable = credit_note.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        open_invoice_lines = order.invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        ).line_ids.filtered(
            lambda line: line.account_id == receivable.account_id and not line.reconciled
        )
        if open_invoice_lines:
            (receivable | open_invoice_lines).reconcile()
        if not credit_note.currency_id.is_zero(credit_note.amount_residual):
            journal = journal or self._refund_journal()
            if not journal:
                raise UserError(
                    _(
                        "No journal to pay the refund back from: map the gateway %(gateway)s "
                        "on the shop, or choose a journal.",
                        gateway=order.ecom_payment_gateway or "-",
                    )
                )
            payment = self.env["account.payment"].create(
                {
                    "payment_type": "outbound",
                    "partner_type": "customer",
                    "partner_id": credit_note.commercial_partner_id.id,
                    "amount": credit_note.amount_residual,
                    "currency_id": credit_note.currency_id.id,
                    "journal_id": journal.id,
                    "date": self.refund_date or credit_note.invoice_date,
                    "memo": credit_note.ref,
                    "destination_account_id": receivable.account_id.id,
                }
            )
            payment.action_post()
            (payment.move_id.line_ids | receivable).filtered(
                lambda line: line.account_id == receivable.account_id and not line.reconciled
            ).reconcile()
            moves |= payment.move_id
        note = _("Credit note %(move)s posted.", move=credit_note.name)
        if restock:
            note += " " + self._restock(order)
        elif self.reason_code == REASON_CANCELLED_AFTER_INVOICE:
            open_pickings = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
            if open_pickings:
                open_pickings.action_cancel()
                note += " " + _("Deliveries not yet shipped were cancelled.")
        self._ecom_close(resolution, note, moves)
        return moves

    def _refund_journal(self):
        order = self.sale_order_id
        return order.ecom_shop_id._ecom_gateway_journal(order.ecom_payment_gateway)

    def _restock(self, order):
        """Return the refunded goods to stock (a return to receive), or cancel what is unshipped."""
        done = order.picking_ids.filtered(
            lambda p: p.state == "done" and p.picking_type_code == "outgoing"
        )
        if not done:
            open_pickings = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
            open_pickings.action_cancel()
            return _("The goods were not shipped: the delivery was cancelled.")
        quantities = {}
        for refund_line in self.refund_id.line_ids.filtered("sale_line_id"):
            product = refund_line.sale_line_id.product_id
            quantities[product] = quantities.get(product, 0.0) + refund_line.quantity
        returns = self.env["stock.picking"]
        for picking in done:
            wizard = (
                self.env["stock.return.picking"]
                .with_context(active_id=picking.id, active_model="stock.picking")
                .create({"picking_id": picking.id})
            )
            for line in wizard.product_return_moves:
                wanted = quantities.get(line.product_id) if quantities else line.move_quantity
                take = min(wanted or 0.0, line.move_quantity)
                line.quantity = take
                if quantities:
                    quantities[line.product_id] = (wanted or 0.0) - take
            if any(line.quantity for line in wizard.product_return_moves):
                returns |= wizard._create_return()
        if not returns:
            return _("Nothing to take back in stock.")
        return _(
            "Return %(pickings)s created, to receive.", pickings=", ".join(returns.mapped("name"))
        )

    # ------------------------------------------------------------ other resolutions

    def _ecom_write_off_lost(self, loss_account, amount, claim_partner=None, claim_amount=0.0):
        """Book a lost parcel's goods to the loss account, and the claim on the carrier.

        The goods' cost leaves the accounts it was expensed to (each product's
        expense account, see :meth:`_ecom_lost_goods_split`) for the loss
        account; a claim on the carrier is a receivable on the carrier that
        reduces the loss.
        :return: the posted entry
        """
        self.ensure_one()
        order = self.sale_order_id.with_company(self.company_id)
        company = self.company_id
        currency = company.currency_id
        if not loss_account:
            raise UserError(_("Choose the loss account (or set it in the Accounting settings)."))
        if currency.compare_amounts(amount, 0.0) <= 0:
            raise UserError(_("The value of the lost goods must be positive."))
        label = _("Lost parcel %(order)s", order=order.name)
        lines = [{"name": label, "account_id": loss_account.id, "balance": amount}]
        lines += [
            {"name": label, "account_id": expense.id, "balance": -share}
            for expense, share in self._ecom_lost_goods_split(order, amount)
        ]
        if claim_partner and currency.compare_amounts(claim_amount, 0.0) > 0:
            receivable = claim_partner.with_company(company).property_account_receivable_id
            claim_label = _(
                "Claim on %(carrier)s for %(order)s", carrier=claim_partner.name, order=order.name
            )
            lines += [
                {
                    "name": claim_label,
                    "account_id": receivable.id,
                    "partner_id": claim_partner.id,
                    "balance": claim_amount,
                },
                {"name": claim_label, "account_id": loss_account.id, "balance": -claim_amount},
            ]
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.env["ecom.posting.engine"]
                .with_company(company)
                ._misc_journal()
                .id,
                "date": fields.Date.context_today(self),
                "ref": label,
                "ecom_shop_id": order.ecom_shop_id.id,
                "line_ids": [Command.create(line) for line in lines],
            }
        )
        move.action_post()
        note = _("Lost goods of %(amount)s written off.", amount=currency.format(amount))
        if claim_partner and claim_amount:
            note += " " + _(
                "Claim of %(amount)s on %(carrier)s.",
                amount=currency.format(claim_amount),
                carrier=claim_partner.name,
            )
        self._ecom_close("lost_parcel", note, move)
        return move

    @api.model
    def _ecom_lost_goods_split(self, order, amount):
        """Share ``amount`` among the expense accounts of the order's goods.

        Each goods line weighs its product's cost times its quantity (its
        subtotal when no product has a cost); the last account takes the
        rounding remainder, so the shares add up to ``amount``.

        :return: a list of ``(account.account, amount)``, one per expense account
        :raises UserError: when a product has no expense account
        """
        currency = order.company_id.currency_id
        goods = order.order_line.filtered(lambda line: not line.is_delivery and line.product_id)
        weights = defaultdict(float)
        missing = self.env["product.product"]
        use_cost = any(line.product_id.standard_price for line in goods)
        for line in goods:
            product = line.product_id
            expense = product.product_tmpl_id.get_product_accounts()["expense"]
            if not expense:
                missing |= product
                continue
            weight = (
                product.standard_price * line.product_uom_qty if use_cost else line.price_subtotal
            )
            weights[expense] += weight
        if missing or not weights:
            raise UserError(
                _(
                    "The lost products have no expense account to take the cost from: "
                    "%(products)s. Set one on the product or its category.",
                    products=", ".join(missing.mapped("display_name")) or order.name,
                )
            )
        total = sum(weights.values())
        shares, left = [], amount
        for index, (account, weight) in enumerate(weights.items()):
            if index == len(weights) - 1:
                share = currency.round(left)
            elif total:
                share = currency.round(amount * weight / total)
            else:
                share = 0.0
            left -= share
            shares.append((account, share))
        return [(account, share) for account, share in shares if not currency.is_zero(share)]

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

    def _ecom_handled_by_hand(self, note):
        self.ensure_one()
        if not note:
            raise UserError(_("Say what was done by hand."))
        if self.stage == "posting":
            self.sale_order_id.write({"ecom_posting_state": "manual"})
        if self.credit_note_id.state == "draft":
            self.credit_note_id.button_cancel()
        self._ecom_close("manual", note)
        return True
