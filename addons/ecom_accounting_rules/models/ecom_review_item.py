# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The review queue: items, their states, assignment, activities, opening,
closing, and how each resolution resolves them.

A web order the rules would not post, a shop event after posting (refund,
cancellation, chargeback, lost parcel), or a payout that does not add up.
Resolving writes balanced entries: a credit note (prepared from the sale
order's lines and linked to them, posted, reconciled; the refunded goods taken
out of the delivery or returned), accepting a difference, posting anyway,
posting then crediting, marking as already in the books, the write-off of a
lost parcel, a payout's resolutions, or what was done by hand.
"""

import logging
from collections import defaultdict
from decimal import Decimal

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_repr, format_date

from odoo.addons.ecom_connector.const import (
    REASON_CANCELLED_AFTER_INVOICE,
    REASON_CHARGEBACK,
    REASON_LOST_PARCEL,
    REASON_REFUND,
    REASON_TAX_CREATED,
    REASON_TOTAL_MISMATCH,
)
from odoo.addons.ecom_connector.tools import QUIET_CREATE

from ..const import RESOLUTIONS, REVIEW_STATES
from ..tools import order_lang_env

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
    _check_company_auto = True

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
    # A payout's item has no order.
    sale_order_id = fields.Many2one("sale.order", index=True, readonly=True, check_company=True)
    shop_id = fields.Many2one("ecom.shop", index=True, readonly=True, check_company=True)
    payload_id = fields.Many2one(
        related="sale_order_id.ecom_payload_id", string="Payload", store=True
    )
    partner_id = fields.Many2one(related="sale_order_id.partner_id", string="Customer")
    shop_reference = fields.Char(related="sale_order_id.ecom_reference", string="Shop Reference")
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
    user_id = fields.Many2one(
        "res.users",
        string="Handled By",
        tracking=True,
        help="Who took or closed this item: empty until someone handles it. The "
        "responsible accountant (of the shop, else of the company) gets the activity.",
    )
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
    payout_id = fields.Many2one(
        "ecom.payout", index="btree_not_null", readonly=True, ondelete="cascade"
    )
    payout_line_id = fields.Many2one(
        "ecom.payout.line", string="Payout Transaction", readonly=True, ondelete="set null"
    )
    # The transaction as people know it (the provider's id), not as a record.
    payout_transaction = fields.Char(
        related="payout_line_id.external_id", string="Payout Transaction ID"
    )

    _sql_constraints = [
        (
            "order_key_uniq",
            "unique(sale_order_id, key)",
            "An order has one review item per event.",
        ),
        ("payout_key_uniq", "unique(payout_id, key)", "A payout has one review item per event."),
        (
            "order_or_payout",
            "check(sale_order_id IS NOT NULL OR payout_id IS NOT NULL)",
            "A review item is about an order or a payout.",
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

    # ------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        """Every item of an order shows the shop's and Odoo's amounts of the order.

        Items opened by a payout (a chargeback) name their order but not its amounts.
        """
        orders = self.env["sale.order"].browse(
            [vals["sale_order_id"] for vals in vals_list if vals.get("sale_order_id")]
        )
        by_id = {order.id: order for order in orders}
        for vals in vals_list:
            order = by_id.get(vals.get("sale_order_id"))
            if order and "shop_amount" not in vals:
                amounts = self._amount_vals(order, False)
                del amounts["amount_at_stake"]
                for key, value in amounts.items():
                    vals.setdefault(key, value)
        return super().create(vals_list)

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
        items.filtered(lambda i: i.stage == "posting").sale_order_id._ecom_as_product().write(
            {"ecom_posting_state": "manual"}
        )
        return True

    def action_reopen(self):
        self.filtered(lambda item: item.state == "ignored").write(
            {"state": "todo", "resolution": False}
        )
        orders = self.filtered(lambda i: i.stage == "posting").sale_order_id
        orders.filtered(lambda o: o.ecom_posting_state == "manual")._ecom_as_product().write(
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

    def action_open_payout(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ecom.payout",
            "res_id": self.payout_id.id,
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

        :return: the new item, or an empty recordset when it already exists
            (see :meth:`_ecom_open_for_events`)
        """
        return self._ecom_open_for_events([(order, code, key, refund)])

    @api.model
    def _ecom_open_for_events(self, events):
        """Open the items of shop events on posted orders (once per order and event).

        Refunds, cancellations and chargebacks come with their credit note
        prepared; a full refund within the order's rule's limit is credited
        and paid back at once. Together for all the events: one create of the
        items, one of their credit notes, and the automatic ones posted and
        paid back together (see :meth:`_ecom_apply_credit_note`).
        :param events: a list of (sale order, reason code, key, the
            ``ecom.order.refund`` of a refund event or None)
        :return: the new items (none for an event that already has one)
        """
        if not events:
            return self.browse()
        orders = self.env["sale.order"].union(*(order for order, _code, _key, _refund in events))
        seen = {
            (item.sale_order_id.id, item.key)
            for item in self.search(
                [
                    ("sale_order_id", "in", orders.ids),
                    ("key", "in", list({key for _order, _code, key, _refund in events})),
                ]
            )
        }
        reasons = self.env["ecom.reason"]._by_code("review")
        vals_list = []
        for order, code, key, refund in events:
            if (order.id, key) in seen:
                continue
            seen.add((order.id, key))
            vals_list.append(self._event_vals(order, reasons[code], key, refund))
        items = self.create(vals_list) if vals_list else self.browse()
        # What cannot be prepared or posted is said on the item, which stays
        # to do: the shop's change itself is never lost for it.
        # The credit notes and refund payments are the system's, as the rules' invoices.
        to_credit = items.filtered(lambda item: item.reason_code in CREDIT_NOTE_REASONS)
        to_credit = to_credit.with_context(**QUIET_CREATE)
        failed = to_credit._ecom_together(
            lambda batch: batch._ecom_attach_credit_notes(batch._ecom_prepare_credit_notes())
        )
        automatic = (to_credit - failed).filtered(lambda item: item._ecom_auto_refund_allowed())
        for restock, group in automatic.grouped("restock").items():
            group._ecom_together(
                lambda batch, restock=restock: batch._ecom_apply_credit_note(
                    restock=restock, resolution="automatic"
                )
            )
        items.filtered(lambda item: item.state != "done")._ecom_schedule_activities()
        return items

    def _event_vals(self, order, reason, key, refund=None):
        """The values of the item of a shop event on ``order``."""
        env = order_lang_env(self.env, order)
        vals = {
            **self._header_vals(order, reason),
            **self._amount_vals(order, reason.code),
            "key": key,
            "stage": "after",
            "reason_id": reason.id,
            "reason_ids": [Command.set(reason.ids)],
            "description": reason.with_env(env).description or reason.with_env(env).name,
        }
        if refund:
            vals.update(
                {
                    "refund_id": refund.id,
                    "refund_amount": refund.amount,
                    "amount_at_stake": refund.amount,
                    "refund_date": refund.created_at and refund.created_at.date(),
                    "restock": refund.restock or any(refund.line_ids.mapped("restock")),
                    "name": env._(
                        "%(order)s: refund %(refund)s",
                        order=order.name,
                        refund=refund.external_id,
                    ),
                }
            )
        return vals

    def _ecom_attach_credit_notes(self, credit_notes):
        """Link each of these items to its credit note (``credit_notes``, in the items' order)."""
        for item, credit_note in zip(self, credit_notes, strict=True):
            item.credit_note_id = credit_note

    def _ecom_together(self, step):
        """Run ``step`` on all these items at once; if it fails, item by item.

        An item whose step still fails keeps the error in its description (it
        stays to do, for a person).
        :param step: a function of a recordset of items
        :return: the items whose step failed
        """
        if not self:
            return self
        try:
            with self.env.cr.savepoint():
                step(self)
            return self.browse()
        except UserError as error:
            if len(self) == 1:
                self._ecom_add_description(error)
                return self
        failed = self.browse()
        for item in self:
            try:
                with self.env.cr.savepoint():
                    step(item)
            except UserError as error:
                item._ecom_add_description(error)
                failed |= item
        return failed

    def _ecom_add_description(self, error):
        self.ensure_one()
        self.description = "\n".join([self.description or "", str(error.args[0])]).strip()

    @api.model
    def _ecom_open_for_payment(self, plans):
        """One item per invoiced order whose payment waits for the accountant.

        :param plans: ``PostingPlan`` objects with their ``payment_reasons``
        :return: the new items (none for an order that already has one)
        """
        reasons_by_code = self.env["ecom.reason"]._by_code("review")
        orders = self.env["sale.order"].browse([plan.order.id for plan in plans])
        existing = set(
            self.search([("sale_order_id", "in", orders.ids), ("key", "=", "payment")])
            .mapped("sale_order_id")
            .ids
        )
        create_vals = []
        for plan in plans:
            order = plan.order
            if order.id in existing:
                continue
            codes = [code for code, _message in plan.payment_reasons]
            reasons = self.env["ecom.reason"].union(
                *(reasons_by_code[code] for code in codes if code in reasons_by_code)
            )
            paid = sum(p["amount"] for p in order._ecom_captured_payments())
            create_vals.append(
                {
                    **self._header_vals(order, reasons[:1]),
                    **self._amount_vals(order, reasons[:1].code),
                    "amount_at_stake": float(paid),
                    "key": "payment",
                    "stage": "after",
                    "reason_id": reasons[:1].id,
                    "reason_ids": [Command.set(reasons.ids)],
                    "description": "\n".join(message for _code, message in plan.payment_reasons),
                }
            )
        created = self.create(create_vals) if create_vals else self.browse()
        created._ecom_schedule_activities()
        return created

    @api.model
    def _ecom_open_for_created_tax(self, tax_map, order):
        """The one item of a tax the import created from the shop (on its first order).

        :param tax_map: the ``ecom.tax.map`` recorded with the tax
        :param order: the first sale order that uses the tax
        :return: the new item, or an empty recordset when the tax has one already
        """
        key = f"tax_created:{tax_map.tax_id.id}"
        if self.search_count([("key", "=", key), ("company_id", "=", order.company_id.id)]):
            return self.browse()
        reason = self.env["ecom.reason"]._by_code("review")[REASON_TAX_CREATED]
        tax = tax_map.tax_id
        accounts = tax.invoice_repartition_line_ids.account_id
        env = order_lang_env(self.env, order)
        item = self.create(
            {
                **self._header_vals(order, reason),
                **self._amount_vals(order, REASON_TAX_CREATED),
                "name": env._("%(tax)s: tax created from the shop", tax=tax.name),
                "key": key,
                "stage": "posting",
                "reason_id": reason.id,
                "reason_ids": [Command.set(reason.ids)],
                "description": env._(
                    "Tax created from the shop: check its accounts and tax report tags.\n"
                    "Tax %(tax)s (%(rate)s %%, %(basis)s), from the shop's tax "
                    "%(title)s%(country)s. Tax account: %(accounts)s.",
                    tax=tax.name,
                    rate=tax.amount,
                    basis=env._("price included") if tax.price_include else env._("price excluded"),
                    title=tax_map.title or "-",
                    country=f" ({tax_map.country_id.name})" if tax_map.country_id else "",
                    accounts=", ".join(accounts.mapped("display_name")) or env._("none"),
                ),
            }
        )
        item._ecom_schedule_activities()
        return item

    def _header_vals(self, order, reason):
        env = order_lang_env(self.env, order)
        return {
            "name": env._(
                "%(order)s: %(reason)s", order=order.name, reason=reason.with_env(env).name or "-"
            ),
            "company_id": order.company_id.id,
            "sale_order_id": order.id,
            "shop_id": order.ecom_shop_id.id,
            "currency_id": order.currency_id.id,
        }

    def _amount_vals(self, order, code):
        difference = order.ecom_total_difference
        if code == REASON_TOTAL_MISMATCH:
            at_stake = abs(difference)
        elif code == REASON_LOST_PARCEL:
            at_stake = self._ecom_lost_value(order)
        else:
            at_stake = order.amount_total
        return {
            "shop_amount": order.ecom_shop_total,
            "odoo_amount": order.amount_total,
            "difference": difference,
            "amount_at_stake": at_stake,
        }

    def _ecom_responsible(self):
        """The accountant who gets this item's activity: the shop's, else the company's.

        :return: a ``res.users`` record, empty when neither names one
        """
        self.ensure_one()
        return self.shop_id.accountant_id or self.company_id.ecom_accountant_id

    def _ecom_schedule_activities(self):
        self._ecom_schedule_todos(
            lambda item, env: env._("Review web order %(order)s", order=item.sale_order_id.name)
        )

    def _ecom_schedule_todos(self, summary):
        """Give each of these items' responsible accountant a to-do activity, in her language.

        Items without a responsible accountant get none (see :meth:`_ecom_responsible`).
        :param summary: a function of an item and an environment in its user's
            language that returns the activity's title (``env._(...)``)
        """
        for item in self:
            user = item._ecom_responsible()
            if not user:
                continue
            env = self.env(context=dict(self.env.context, lang=user.lang))
            item.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=summary(item, env),
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
        if resolution != "automatic" and not self.env.user._is_superuser():
            # Handled by whoever closed it, unless someone had already taken it.
            self.filtered(lambda item: not item.user_id).user_id = self.env.user
        if resolution and resolution != "automatic":
            # A credit note the rules prepared is the accountant's once applied.
            self.credit_note_id.filtered(lambda m: m.state == "posted")._ecom_stamp_trigger(
                "review"
            )
        labels = dict(self._fields["resolution"]._description_selection(self.env))
        label = labels.get(resolution) or _("Ignored")
        # Logged, not sent: closing never depends on the user having an e-mail address.
        for item in self:
            item._message_log(
                body=_(
                    "Resolved: %(resolution)s. %(note)s", resolution=label, note=note or ""
                ).strip()
            )
            item._ecom_close_told()._message_log(
                body=_(
                    "Review item %(item)s closed: %(resolution)s.", item=item.name, resolution=label
                )
            )
        self.activity_feedback(["mail.mail_activity_data_todo"], feedback=note or label)
        return True

    def _ecom_close_told(self):
        """The record whose chatter hears that this item closed: its order, else its payout."""
        self.ensure_one()
        return self.sale_order_id or self.payout_id

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
        credit_notes = self.env["account.move"].create([item._credit_note_vals() for item in self])
        for item, credit_note in zip(self, credit_notes, strict=True):
            item.credit_note_id = credit_note
        self._ecom_date_credit_notes()
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

    def _ecom_date_credit_notes(self):
        """Date these items' draft credit notes as the shop dated its refund, if it can be.

        Otherwise the first date that keeps the credit notes' sequence
        chronological and the period open (the invoices' rules, see
        :meth:`_ecom_chronological_dates`); the credit note's narration and the
        item say why. Called when a credit note is prepared and again right
        before it is posted: a refund of November resolved in December stays in
        November, unless November was locked meanwhile.
        """
        drafts = self.filtered(lambda item: item.credit_note_id.state == "draft")
        today = fields.Date.context_today(self)
        requests = [
            (
                item,
                item.credit_note_id.journal_id.id,
                item.refund_date or item.credit_note_id.invoice_date or today,
            )
            for item in drafts
        ]
        dated = self._ecom_chronological_dates(requests)
        for (item, _journal, wanted), (day, why) in zip(requests, dated, strict=True):
            credit_note = item.credit_note_id
            if credit_note.invoice_date != day:
                credit_note.invoice_date = day
            if not why:
                continue
            env = order_lang_env(self.env, item.sale_order_id)
            sentence = why(env, wanted, day)
            credit_note.narration = sentence
            if sentence not in (item.description or ""):
                item.description = "\n".join([item.description or "", sentence]).strip()

    def _ecom_chronological_dates(self, requests):
        """The dates of new credit notes: each the wanted date, or the first date that
        keeps its sequence chronological and its period open (the rules of the
        invoices), as if they were posted one after the other (a credit note is
        never dated before one earlier in ``requests`` in the same sequence).

        A journal with a separate credit-note sequence (Odoo's default) numbers
        its credit notes apart from its invoices: only posted credit notes
        dated later push a credit note's date.
        :param requests: a list of (review item, journal id, wanted date)
        :return: a list of ``(date, why)``; ``why`` is ``None`` for the wanted
            date, else a function of an environment, the wanted date and the
            date that returns the sentence saying why
        """
        journals = self.env["account.journal"].browse(
            list({journal_id for _item, journal_id, _date in requests if journal_id})
        )
        last = {}
        for refund_sequence, group in journals.grouped("refund_sequence").items():
            types = ("out_refund",) if refund_sequence else ("out_invoice", "out_refund")
            latest = self.env["account.move"]._read_group(
                [
                    ("journal_id", "in", group.ids),
                    ("state", "=", "posted"),
                    ("move_type", "in", types),
                ],
                ["journal_id"],
                ["invoice_date:max"],
            )
            last.update({journal.id: day for journal, day in latest})
        today = fields.Date.context_today(self)
        open_dates = {}
        dated = []
        for item, journal_id, wanted in requests:
            company = item.company_id
            latest = last.get(journal_id)
            date, why = wanted, None
            if company.ecom_invoice_date_policy == "posting" and date < today:
                date, why = today, self._why_posting_date
            elif latest and latest > date:
                date, why = latest, self._why_chronological
            # Lock dates depend on the date and the journal only: asked once per pair.
            if (company, date, journal_id) not in open_dates:
                journal = self.env["account.journal"].browse(journal_id)
                open_dates[(company, date, journal_id)] = company._ecom_first_open_date(
                    date, journal
                )[0]
            if open_dates[(company, date, journal_id)] != date:
                date, why = open_dates[(company, date, journal_id)], self._why_locked
            if journal_id:
                last[journal_id] = max(latest, date) if latest else date
            dated.append((date, why))
        return dated

    @api.model
    def _ecom_chronological_payment_dates(self, vals_list):
        """Keep refund payments in their journal's date order: each dated as wanted (its
        credit note's date), or on the last posted payment's date of its sequence when
        that is later, as if they were posted one after the other.

        :param vals_list: ``account.payment`` values with ``journal_id`` and ``date``,
            changed in place
        """
        journals = self.env["account.journal"].browse({vals["journal_id"] for vals in vals_list})
        last = {}
        for journal in journals:
            # A journal with a payment sequence numbers its payments apart.
            domain = [("journal_id", "=", journal.id), ("state", "=", "posted")]
            if journal.payment_sequence:
                domain.append(("origin_payment_id", "!=", False))
            latest = self.env["account.move"].search(domain, order="date desc", limit=1).date
            if latest:
                last[journal.id] = latest
        for vals in vals_list:
            latest = last.get(vals["journal_id"])
            if latest and latest > vals["date"]:
                vals["date"] = latest
            last[vals["journal_id"]] = vals["date"]

    @staticmethod
    def _why_locked(env, wanted, day):
        return env._(
            "The shop refunded on %(wanted)s, in a locked period: dated %(date)s, the first "
            "open day.",
            wanted=format_date(env, wanted),
            date=format_date(env, day),
        )

    @staticmethod
    def _why_chronological(env, wanted, day):
        return env._(
            "The shop refunded on %(wanted)s, but a later credit note is already posted: dated "
            "%(date)s to keep the credit notes numbered in date order.",
            wanted=format_date(env, wanted),
            date=format_date(env, day),
        )

    @staticmethod
    def _why_posting_date(env, wanted, day):
        return env._(
            "The shop refunded on %(wanted)s: dated %(date)s, the posting date, as the company's "
            "settings ask.",
            wanted=format_date(env, wanted),
            date=format_date(env, day),
        )

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
        missing._ecom_prepare_credit_notes()
        # Prepared earlier: dated again, as periods may have been locked since.
        (self - missing)._ecom_date_credit_notes()
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
            self._ecom_reconcile(plan)
        payment_vals, paid_items = [], []
        for item in self:
            credit_note = item.credit_note_id
            if credit_note.currency_id.is_zero(credit_note.amount_residual):
                continue
            payment_vals.append(item._refund_payment_vals(receivables[item], journal))
            paid_items.append(item)
        payments = self.env["account.payment"]
        if payment_vals:
            self._ecom_chronological_payment_dates(payment_vals)
            payments = payments.with_context(ecom_memo_label=True).create(payment_vals)
            payments.action_post()
            self._ecom_reconcile(
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

    @api.model
    def _ecom_reconcile(self, plan):
        """Reconcile each group of lines of ``plan`` (see ``_reconcile_plan``).

        Settling an invoice makes Odoo's sale post "Invoice paid" on the order,
        as the current user: without an e-mail address the user cannot post, and
        the resolution would fail for a chatter line. These lines only are
        reconciled as superuser; the messages keep the user as their author.
        :param plan: a list of ``account.move.line`` recordsets
        """
        lines_sudo = self.env["account.move.line"].sudo()
        lines_sudo._reconcile_plan([lines.sudo() for lines in plan])

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
        return {
            "payment_type": "outbound",
            "partner_type": "customer",
            "partner_id": credit_note.commercial_partner_id.id,
            "amount": credit_note.amount_residual,
            "currency_id": credit_note.currency_id.id,
            "journal_id": journal.id,
            # Paid back when credited: the shop's refund date, or the credit note's open day.
            "date": credit_note.date,
            # The gateway's name as people read it (the payment map's), not its code.
            "memo": " ".join(
                part
                for part in (order.ecom_payment_gateway_name, credit_note.payment_reference)
                if part
            ),
            "destination_account_id": receivable.account_id.id,
        }

    def _credit_note_applied(self, restock):
        """What happens to the goods once this item's credit note is posted.

        :return: the sentence of the item's closing note
        """
        self.ensure_one()
        # The goods' moves are the warehouse's work once the accountant has decided:
        # done as superuser on this order's deliveries only. Odoo's stock logs each
        # change in the pickings' chatter as the user, which a user without an
        # e-mail address cannot do.
        order = self.sale_order_id.with_company(self.company_id).sudo()
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
                .sudo()
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

    # ------------------------------------------------------------ lost parcels

    def _ecom_write_off_lost(
        self,
        loss_account,
        amount,
        claim_partner=None,
        claim_amount=0.0,
        outcome="reship",
        claim_account=None,
        claim_income_account=None,
        journal=None,
    ):
        """Write off a lost parcel's goods at cost, take them out of stock, and serve the customer.

        The goods that left with the carrier leave Odoo's stock for the
        inventory-loss location (see :meth:`_ecom_move_lost_goods`), so that
        the quantity on hand and the books agree. Their cost (``amount``, at
        cost, never the sale price nor the shipping) leaves the accounts it
        was expensed to for ``loss_account`` (see :meth:`_ecom_lost_goods_split`);
        a claim on the carrier is a receivable on the carrier against
        ``claim_income_account``. The customer's order is then sent again (a
        new delivery) or refunded (the order's credit note, paid back).
        :param outcome: ``"reship"`` or ``"refund"``
        :param claim_account: the receivable of the claim; the carrier's receivable if empty
        :param claim_income_account: the income of the claim; ``loss_account`` if empty
        :param journal: the journal to pay a refund back from; the gateway's if empty
        :return: the entries made (the write-off, and the credit note and its payment)
        """
        self.ensure_one()
        order = self.sale_order_id.with_company(self.company_id)
        company = self.company_id
        currency = company.currency_id
        if not loss_account:
            raise UserError(_("Choose the loss account (or set it in the Accounting settings)."))
        if currency.compare_amounts(amount, 0.0) <= 0:
            raise UserError(
                _(
                    "The value of the lost goods must be positive: set the products' cost, "
                    "or type the value of the goods at cost."
                )
            )
        quantities = self._ecom_lost_quantities(order)
        if not quantities:
            raise UserError(_("%(order)s has no goods to declare lost.", order=order.name))
        customer = order.partner_invoice_id.commercial_partner_id
        carrier = order.carrier_id or order.picking_ids.carrier_id[:1]
        # Labels in the company's language: the books are the company's, not the user's.
        labels = self.with_context(lang=company.partner_id.lang or self.env.lang)._lost_labels(
            order, carrier, claim_partner
        )
        lines = [
            {
                "name": labels["loss"],
                "account_id": loss_account.id,
                "partner_id": customer.id,
                "balance": amount,
            }
        ]
        lines += [
            {
                "name": labels["loss"],
                "account_id": expense.id,
                "partner_id": customer.id,
                "balance": -share,
            }
            for expense, share in self._ecom_lost_goods_split(order, amount, quantities)
        ]
        if claim_partner and currency.compare_amounts(claim_amount, 0.0) > 0:
            receivable = (
                claim_account or claim_partner.with_company(company).property_account_receivable_id
            )
            lines += [
                {
                    "name": labels["claim"],
                    "account_id": receivable.id,
                    "partner_id": claim_partner.id,
                    "balance": claim_amount,
                },
                {
                    "name": labels["claim"],
                    "account_id": (claim_income_account or loss_account).id,
                    "partner_id": claim_partner.id,
                    "balance": -claim_amount,
                },
            ]
        misc_journal = self.env["ecom.posting.engine"].with_company(company)._misc_journal()
        declared = order.ecom_parcel_lost_date or fields.Date.context_today(self)
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": misc_journal.id,
                "date": company._ecom_first_open_date(declared, misc_journal)[0],
                "ref": labels["loss"],
                "partner_id": customer.id,
                "ecom_shop_id": order.ecom_shop_id.id,
                "line_ids": [Command.create(line) for line in lines],
            }
        )
        move.action_post()
        notes = [_("Lost goods of %(amount)s written off at cost.", amount=currency.format(amount))]
        if claim_partner and claim_amount:
            notes.append(
                _(
                    "Claim of %(amount)s on %(carrier)s.",
                    amount=currency.format(claim_amount),
                    carrier=claim_partner.name,
                )
            )
        notes.append(self._ecom_move_lost_goods(order, quantities))
        moves = move
        if outcome == "refund":
            # The credit note of the whole order, paid back as a refund; the item
            # closes with the write-off, not as a credit note.
            moves |= self._ecom_refund_lost(journal)
            notes.append(
                _(
                    "The customer is refunded: credit note %(move)s.",
                    move=self.credit_note_id.name,
                )
            )
        else:
            notes.append(self._ecom_reship_lost(order))
        self._ecom_close("lost_parcel", " ".join(notes), moves)
        return moves

    def _ecom_refund_lost(self, journal=None):
        """Credit the whole order of this lost parcel and pay it back (no goods come back).

        :return: the credit note and its refund payment
        """
        if not self.credit_note_id:
            self._ecom_prepare_credit_notes()
        else:
            self._ecom_date_credit_notes()
        credit_note = self.credit_note_id
        if credit_note.state == "draft":
            credit_note.action_post()
        receivable = credit_note.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        order = self.sale_order_id.with_company(self.company_id)
        open_invoice_lines = order.invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        ).line_ids.filtered(
            lambda line: line.account_id == receivable.account_id and not line.reconciled
        )
        if open_invoice_lines:
            self._ecom_reconcile([receivable | open_invoice_lines])
        moves = credit_note
        if not credit_note.currency_id.is_zero(credit_note.amount_residual):
            vals = self._refund_payment_vals(receivable, journal)
            self._ecom_chronological_payment_dates([vals])
            payment = self.env["account.payment"].with_context(ecom_memo_label=True).create(vals)
            payment.action_post()
            self._ecom_reconcile(
                [
                    (payment.move_id.line_ids | receivable).filtered(
                        lambda line: line.account_id == receivable.account_id
                        and not line.reconciled
                    )
                ]
            )
            moves |= payment.move_id
        return moves

    def _lost_labels(self, order, carrier, claim_partner):
        """The write-off's labels in the context's language: the loss and the claim."""
        reference = order.ecom_reference or order.name
        if carrier:
            loss = _(
                "Lost parcel %(order)s (%(reference)s), carrier %(carrier)s",
                order=order.name,
                reference=reference,
                carrier=carrier.name,
            )
        else:
            loss = _("Lost parcel %(order)s (%(reference)s)", order=order.name, reference=reference)
        claim = _(
            "Claim on %(carrier)s for %(order)s",
            carrier=claim_partner.name if claim_partner else "",
            order=order.name,
        )
        return {"loss": loss, "claim": claim}

    @api.model
    def _ecom_lost_quantities(self, order):
        """The goods of ``order`` that left with the carrier: sale line → quantity.

        What was delivered (and not returned) plus what its open deliveries
        still hold: a lost parcel left the warehouse, whether or not its
        delivery was validated in Odoo.
        """
        quantities = {}
        outgoing = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        open_moves = outgoing.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        for line in order.order_line.filtered(
            lambda line: not line.is_delivery and not line.display_type and line.product_id
        ):
            if line.product_id.type != "consu":
                continue
            qty = line.qty_delivered + sum(
                open_moves.filtered(lambda m, line=line: m.sale_line_id == line).mapped(
                    "product_uom_qty"
                )
            )
            if qty > 0:
                quantities[line] = qty
        return quantities

    @api.model
    def _ecom_lost_value(self, order, quantities=None):
        """The cost of ``order``'s lost goods: each product's cost times its quantity.

        The product's cost (its standard price, the valuation's unit cost), in
        the company's currency; never the sale price, never the shipping.
        """
        quantities = self._ecom_lost_quantities(order) if quantities is None else quantities
        currency = order.company_id.currency_id
        return currency.round(
            sum(
                line.product_id.with_company(order.company_id).standard_price
                * line.product_uom._compute_quantity(qty, line.product_id.uom_id)
                for line, qty in quantities.items()
            )
        )

    def _ecom_move_lost_goods(self, order, quantities):
        """Take the lost goods out of Odoo's stock, as they are out of the warehouse.

        A delivery still open left with the carrier: validated as shipped.
        Then the lost quantities go from the customer's location to the
        inventory-loss location (Odoo's "Inventory adjustment"), as a return
        the customer never received: the order's delivered quantities go back
        down, and the goods stay out of stock.
        :return: a sentence for the chatter
        """
        # The accountant decides the loss; the goods' moves are the warehouse's
        # work: done as superuser on this order's deliveries only.
        order_sudo = order.sudo()
        outgoing = order_sudo.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        still_open = outgoing.filtered(lambda p: p.state not in ("done", "cancel"))
        notes = []
        if still_open:
            for move in still_open.move_ids.filtered(lambda m: m.state not in ("done", "cancel")):
                move.quantity = move.product_uom_qty
                move.picked = True
            still_open.with_context(cancel_backorder=True)._action_done()
            notes.append(
                _(
                    "The delivery %(pickings)s had left with the carrier: validated as shipped.",
                    pickings=", ".join(still_open.mapped("name")),
                )
            )
        customers = (outgoing.filtered(lambda p: p.state == "done").location_dest_id)[:1]
        customers = customers or self.env.ref("stock.stock_location_customers")
        vals_list = []
        for line, qty in quantities.items():
            line_sudo = line.sudo()
            product = line_sudo.product_id.with_company(order.company_id)
            vals_list.append(
                {
                    "name": _("Lost parcel %(order)s", order=order.name),
                    "origin": order.name,
                    "company_id": order.company_id.id,
                    "product_id": product.id,
                    "product_uom": line_sudo.product_uom.id,
                    "product_uom_qty": qty,
                    "location_id": customers.id,
                    "location_dest_id": product.property_stock_inventory.id,
                    "sale_line_id": line_sudo.id,
                    "to_refund": True,
                    "partner_id": order_sudo.partner_shipping_id.id,
                }
            )
        lost_moves = self.env["stock.move"].sudo().create(vals_list)
        lost_moves._action_confirm()
        for move in lost_moves:
            move.quantity = move.product_uom_qty
            move.picked = True
        lost_moves._action_done()
        notes.append(
            _(
                "Out of stock, lost in transit: %(goods)s.",
                goods=", ".join(
                    f"{qty:g} × {line.product_id.display_name}" for line, qty in quantities.items()
                ),
            )
        )
        return " ".join(notes)

    def _ecom_reship_lost(self, order):
        """Send the lost goods to the customer again: a new delivery of the order.

        :return: a sentence for the chatter
        """
        order_sudo = order.sudo()
        before = order_sudo.picking_ids
        # The order's own procurement: a new delivery for what was not delivered.
        order_sudo.order_line._action_launch_stock_rule()
        new = order_sudo.picking_ids - before
        if not new:
            return _("Nothing left to send again.")
        return _(
            "The order is sent again: new delivery %(pickings)s.",
            pickings=", ".join(new.mapped("name")),
        )

    @api.model
    def _ecom_lost_goods_split(self, order, amount, quantities=None):
        """Share ``amount`` among the expense accounts of the order's lost goods.

        Each goods line weighs its product's cost times its lost quantity (its
        subtotal when no product has a cost); the last account takes the
        rounding remainder, so the shares add up to ``amount``.

        :param quantities: sale line → lost quantity; every goods line's
            ordered quantity if not given
        :return: a list of ``(account.account, amount)``, one per expense account
        :raises UserError: when a product has no expense account
        """
        currency = order.company_id.currency_id
        if quantities is None:
            goods = order.order_line.filtered(lambda line: not line.is_delivery and line.product_id)
            quantities = {line: line.product_uom_qty for line in goods}
        weights = defaultdict(float)
        missing = self.env["product.product"]
        use_cost = any(line.product_id.standard_price for line in quantities)
        for line, qty in quantities.items():
            product = line.product_id
            accounts = product.product_tmpl_id.get_product_accounts()
            # With automated stock valuation the goods' cost left through the stock
            # output account; else it was expensed to the product's expense account.
            if product.categ_id.property_valuation == "real_time" and accounts.get("stock_output"):
                expense = accounts["stock_output"]
            else:
                expense = accounts["expense"]
            if not expense:
                missing |= product
                continue
            weight = (
                product.standard_price * qty
                if use_cost
                else line.price_subtotal * qty / (line.product_uom_qty or 1.0)
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

    # ------------------------------------------------------------ payouts

    def _ecom_resolve_payout(self, resolution, account=None, note=None):
        """Apply a payout resolution to this item, then close it.

        :param account: the account of the difference (``payout_difference``)
        :raises UserError: when the payout still cannot be booked
        """
        self.ensure_one()
        payout = self.payout_id.with_company(self.company_id)
        moves = self.env["account.move"]
        if resolution == "payout_difference":
            if payout.line_ids.filtered(lambda line: line.state == "unmatched"):
                raise UserError(
                    _(
                        "Match or book the unmatched transactions of %(payout)s first.",
                        payout=payout.name,
                    )
                )
            moves = payout._ecom_book(
                difference_account=account or payout.account_set_id.adjustment_account_id
            )
        elif resolution == "payout_rematch":
            payout.state = "pending"
            payout._ecom_process()
            if payout.state != "booked":
                raise UserError(
                    _(
                        "%(payout)s still cannot be booked:\n%(problems)s",
                        payout=payout.name,
                        problems=payout.problems or "",
                    )
                )
            moves = payout.move_id
            return True  # booking closed the payout's items
        elif resolution == "payout_book_unmatched":
            if not payout.balanced:
                raise UserError(
                    _("%(payout)s does not add up: book its difference first.", payout=payout.name)
                )
            moves = payout._ecom_book(
                unmatched_account=payout.account_set_id._ecom_clearing_account()
            )
        elif resolution == "payout_reverse":
            moves = payout._ecom_reverse()
            if not payout.move_id:
                payout.state = "nothing"
        elif resolution == "dispute_lost":
            note = note or _("The dispute is lost: its amount stays on the disputes account.")
        elif resolution == "dispute_won":
            note = note or _(
                "The dispute is won: the provider pays the amount back in a later payout, "
                "booked on the disputes account."
            )
        if self.state == "todo":
            self._ecom_close(resolution, note or "", moves=moves)
        return True
