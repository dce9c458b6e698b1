import logging
from collections import defaultdict
from decimal import Decimal

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_repr

from odoo.addons.ecom_connector.const import (
    REASON_CANCELLED_AFTER_INVOICE,
    REASON_CHARGEBACK,
    REASON_LOST_PARCEL,
    REASON_REFUND,
    REASON_TOTAL_MISMATCH,
)

from ..const import RESOLUTIONS, REVIEW_STATES

_logger = logging.getLogger(__name__)

# Events after posting whose review item comes with a credit note prepared.
CREDIT_NOTE_REASONS = (REASON_REFUND, REASON_CANCELLED_AFTER_INVOICE, REASON_CHARGEBACK)


class EcomReviewItem(models.Model):
    """A web order the rules would not post, or a shop event after posting.

    It waits for the accountant, who resolves it with one of the resolutions
    (each leaves balanced entries and a trace in the chatter), or ignores it.
    """

    _name = "ecom.review.item"
    _description = "Web Shop Review Item"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(required=True)
    key = fields.Char(
        required=True,
        readonly=True,
        help="What this item is about on its order (posting, refund:ID, cancel, lost...): "
        "one item per order and key.",
    )
    stage = fields.Selection(
        [("posting", "Before Posting"), ("after", "After Posting")],
        required=True,
        default="posting",
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    sale_order_id = fields.Many2one("sale.order", index=True, readonly=True, required=True)
    shop_id = fields.Many2one("ecom.shop", index=True, readonly=True)
    payload_id = fields.Many2one(
        related="sale_order_id.ecom_payload_id", string="Payload", store=True
    )
    reason_id = fields.Many2one("ecom.reason", readonly=True, index=True)
    reason_code = fields.Char(related="reason_id.code", store=True)
    reason_ids = fields.Many2many("ecom.reason", string="All Reasons", readonly=True)
    description = fields.Text(readonly=True, help="What the rules saw, in sentences.")
    currency_id = fields.Many2one("res.currency", readonly=True)
    shop_amount = fields.Monetary(readonly=True, help="The shop's total for the order.")
    odoo_amount = fields.Monetary(readonly=True, help="The sale order's total in Odoo.")
    difference = fields.Monetary(readonly=True, help="Shop amount minus Odoo amount.")
    amount_at_stake = fields.Monetary(
        readonly=True, help="What this item decides: the difference, the refund or the order."
    )
    refund_id = fields.Many2one(
        "ecom.order.refund",
        string="Shop Refund",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The shop's refund this item credits.",
    )
    refund_amount = fields.Monetary(readonly=True)
    refund_date = fields.Date(readonly=True)
    restock = fields.Boolean(readonly=True, help="The shop put the goods back in stock.")
    credit_note_id = fields.Many2one(
        "account.move", string="Prepared Credit Note", readonly=True, copy=False
    )
    user_id = fields.Many2one("res.users", string="Handled By", tracking=True)
    state = fields.Selection(
        REVIEW_STATES, required=True, default="todo", tracking=True, index=True
    )
    resolution = fields.Selection(RESOLUTIONS, readonly=True, tracking=True)
    resolution_note = fields.Text(readonly=True)
    resolved_at = fields.Datetime(readonly=True)
    resolved_by_id = fields.Many2one("res.users", readonly=True)
    move_ids = fields.Many2many("account.move", string="Entries", readonly=True, copy=False)
    move_count = fields.Integer(compute="_compute_move_count")
    age_days = fields.Integer(string="Age (days)", compute="_compute_age_days")

    _sql_constraints = [
        (
            "order_key_uniq",
            "unique(sale_order_id, key)",
            "An order has one review item per event.",
        ),
    ]

    def _compute_move_count(self):
        for item in self:
            item.move_count = len(item.move_ids)

    @api.depends("create_date", "resolved_at")
    def _compute_age_days(self):
        now = fields.Datetime.now()
        for item in self:
            end = item.resolved_at or now
            item.age_days = (end - item.create_date).days if item.create_date else 0

    # ------------------------------------------------------------ actions

    def action_resolve(self):
        self.ensure_one()
        if self.state != "todo":
            raise UserError(_("This review item is already closed."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Resolve %(name)s", name=self.name),
            "res_model": "ecom.review.resolve",
            "view_mode": "form",
            "target": "new",
            "context": {"default_item_id": self.id},
        }

    def action_ignore(self):
        items = self.filtered(lambda item: item.state == "todo")
        items._ecom_close(None, _("Ignored: nothing to book."), state="ignored")
        items.filtered(lambda i: i.stage == "posting").sale_order_id.write(
            {"ecom_posting_state": "manual"}
        )
        return True

    def action_reopen(self):
        self.filtered(lambda item: item.state == "ignored").write(
            {"state": "todo", "resolution": False}
        )
        orders = self.filtered(lambda i: i.stage == "posting").sale_order_id
        orders.filtered(lambda o: o.ecom_posting_state == "manual").write(
            {"ecom_posting_state": "review"}
        )
        return True

    def action_recheck(self):
        """Run the rules again on these orders (after a mapping was fixed, say)."""
        orders = self.filtered(lambda i: i.state == "todo" and i.stage == "posting").sale_order_id
        self.env["ecom.posting.engine"]._post_orders(orders)
        return True

    def action_open_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
        }

    def action_open_moves(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Entries"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", (self.move_ids | self.credit_note_id).ids)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------ opening

    @api.model
    def _ecom_open_for_posting(self, plans):
        """Open or update the posting item of each planned order (one per order).

        :param plans: ``PostingPlan`` objects with their reasons
        :return: the items
        """
        reasons_by_code = self.env["ecom.reason"]._by_code("review")
        orders = self.env["sale.order"].browse([plan.order.id for plan in plans])
        existing = {
            item.sale_order_id.id: item
            for item in self.search([("sale_order_id", "in", orders.ids), ("key", "=", "posting")])
        }
        items = self.browse()
        create_vals = []
        for plan in plans:
            order = plan.order
            reasons = self.env["ecom.reason"].union(
                *(reasons_by_code[code] for code in plan.codes if code in reasons_by_code)
            )
            vals = {
                "reason_id": reasons[:1].id,
                "reason_ids": [Command.set(reasons.ids)],
                "description": "\n".join(
                    [message for _code, message in plan.reasons]
                    + ([order.ecom_problems] if order.ecom_problems else [])
                ),
                **self._amount_vals(order, reasons[:1].code),
            }
            item = existing.get(order.id)
            if item:
                if item.state != "todo" or item.reason_ids != reasons:
                    item.write({**vals, "state": "todo", "resolution": False})
                items |= item
                continue
            create_vals.append(
                {
                    **vals,
                    **self._header_vals(order, reasons[:1]),
                    "key": "posting",
                    "stage": "posting",
                }
            )
        if create_vals:
            created = self.create(create_vals)
            created._ecom_schedule_activities()
            items |= created
        return items

    @api.model
    def _ecom_open_for_event(self, order, code, key, refund=None):
        """Open the item of a shop event on a posted order (once per event).

        Refunds, cancellations and chargebacks come with their credit note
        prepared; a full refund within the order's rule's limit is credited
        and paid back at once.
        :param refund: the ``ecom.order.refund`` of a refund event, else None
        :return: the new item, or an empty recordset when it already exists
        """
        if self.search_count([("sale_order_id", "=", order.id), ("key", "=", key)], limit=1):
            return self.browse()
        reason = self.env["ecom.reason"]._by_code("review")[code]
        vals = {
            **self._header_vals(order, reason),
            **self._amount_vals(order, code),
            "key": key,
            "stage": "after",
            "reason_id": reason.id,
            "reason_ids": [Command.set(reason.ids)],
            "description": reason.description or reason.name,
        }
        if refund:
            vals.update(
                {
                    "refund_id": refund.id,
                    "refund_amount": refund.amount,
                    "amount_at_stake": refund.amount,
                    "refund_date": refund.created_at and refund.created_at.date(),
                    "restock": refund.restock or any(refund.line_ids.mapped("restock")),
                    "name": _(
                        "%(order)s: refund %(refund)s",
                        order=order.name,
                        refund=refund.external_id,
                    ),
                }
            )
        item = self.create(vals)
        # What cannot be prepared or posted is said on the item, which stays
        # to do: the shop's change itself is never lost for it.
        steps = []
        if code in CREDIT_NOTE_REASONS:
            steps.append(
                lambda: item.write({"credit_note_id": item._ecom_prepare_credit_note().id})
            )
        steps.append(
            lambda: item._ecom_auto_refund_allowed()
            and item._ecom_apply_credit_note(restock=item.restock, resolution="automatic")
        )
        for step in steps:
            try:
                with self.env.cr.savepoint():
                    step()
            except UserError as error:
                item.description = "\n".join([item.description or "", str(error.args[0])]).strip()
                break
        if item.state == "done":
            return item
        item._ecom_schedule_activities()
        return item

    def _header_vals(self, order, reason):
        return {
            "name": _("%(order)s: %(reason)s", order=order.name, reason=reason.name or "-"),
            "company_id": order.company_id.id,
            "sale_order_id": order.id,
            "shop_id": order.ecom_shop_id.id,
            "currency_id": order.currency_id.id,
            "user_id": order.ecom_shop_id.accountant_id.id or False,
        }

    def _amount_vals(self, order, code):
        difference = order.ecom_total_difference
        if code == REASON_TOTAL_MISMATCH:
            at_stake = abs(difference)
        elif code == REASON_LOST_PARCEL:
            at_stake = order.amount_untaxed
        else:
            at_stake = order.amount_total
        return {
            "shop_amount": order.ecom_shop_total,
            "odoo_amount": order.amount_total,
            "difference": difference,
            "amount_at_stake": at_stake,
        }

    def _ecom_schedule_activities(self):
        for item in self.filtered("user_id"):
            item.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=item.user_id.id,
                summary=_("Review web order %(order)s", order=item.sale_order_id.name),
                note=item.description,
            )

    def _ecom_auto_refund_allowed(self):
        """A full refund within the limit of the rule that posted the order."""
        self.ensure_one()
        rule = self.sale_order_id.ecom_posting_rule_id
        if self.reason_code != REASON_REFUND or not rule.refund_auto_post_max:
            return False
        if not self.credit_note_id or not self.refund_amount:
            return False
        currency = self.currency_id
        full = currency.compare_amounts(self.refund_amount, self.sale_order_id.amount_total) >= 0
        matches = currency.is_zero(self.credit_note_id.amount_total - self.refund_amount)
        return full and matches and self.refund_amount <= rule.refund_auto_post_max

    # ------------------------------------------------------------ closing

    def _ecom_close(self, resolution, note, moves=None, state="done"):
        """Close these items with a resolution, its note and its entries."""
        vals = {
            "state": state,
            "resolution": resolution or False,
            "resolution_note": note,
            "resolved_at": fields.Datetime.now(),
            "resolved_by_id": self.env.user.id,
        }
        if moves:
            vals["move_ids"] = [Command.link(move.id) for move in moves]
        self.write(vals)
        label = dict(RESOLUTIONS).get(resolution) or _("Ignored")
        for item in self:
            item.message_post(
                body=_(
                    "Resolved: %(resolution)s. %(note)s", resolution=label, note=note or ""
                ).strip()
            )
            item.sale_order_id.message_post(
                body=_(
                    "Review item %(item)s closed: %(resolution)s.", item=item.name, resolution=label
                )
            )
        self.activity_feedback(["mail.mail_activity_data_todo"], feedback=note or label)
        return True

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
