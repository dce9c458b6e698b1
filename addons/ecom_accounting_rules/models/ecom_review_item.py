# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The review queue: items, their states, assignment, activities, opening and closing.

How an item is resolved (the entries each resolution writes) is in
ecom_review_resolution.py.
"""

import logging

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

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
    sale_order_id = fields.Many2one(
        "sale.order", index=True, readonly=True, required=True, check_company=True
    )
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
        env = self._ecom_lang_env(order)
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
        env = self._ecom_lang_env(order)
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

    def _ecom_lang_env(self, order):
        """This environment in the language of ``order``'s accountant.

        What the system writes for people (item names, descriptions, activities)
        is read by the shop's accountant, or else by the company's people: in
        the accountant's language, else the company's partner's, whoever (or
        whichever job) posted the order.
        """
        return self._ecom_accountant_env(order.company_id, order.ecom_shop_id)

    @api.model
    def _ecom_accountant_env(self, company, shop=None):
        """This environment in the language of ``shop``'s accountant, else ``company``'s.

        :param shop: an ``ecom.shop`` or nothing (a payout of the whole company)
        :return: an environment whose ``_()`` writes in that language (this
            one when neither has a language)
        """
        lang = (shop.accountant_id.lang if shop else False) or company.partner_id.lang
        return self.env(context=dict(self.env.context, lang=lang)) if lang else self.env

    def _header_vals(self, order, reason):
        env = self._ecom_lang_env(order)
        return {
            "name": env._(
                "%(order)s: %(reason)s", order=order.name, reason=reason.with_env(env).name or "-"
            ),
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
        self.filtered("user_id")._ecom_schedule_todos(
            lambda item, env: env._("Review web order %(order)s", order=item.sale_order_id.name)
        )

    def _ecom_schedule_todos(self, summary):
        """Give each of these items' users a to-do activity, in that user's language.

        :param summary: a function of an item and an environment in its user's
            language that returns the activity's title (``env._(...)``)
        """
        for item in self:
            env = self.env(context=dict(self.env.context, lang=item.user_id.lang))
            item.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=item.user_id.id,
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
        if resolution and resolution != "automatic":
            # A credit note the rules prepared is the accountant's once applied.
            self.credit_note_id.filtered(lambda m: m.state == "posted")._ecom_stamp_trigger(
                "review"
            )
        label = dict(RESOLUTIONS).get(resolution) or _("Ignored")
        for item in self:
            item.message_post(
                body=_(
                    "Resolved: %(resolution)s. %(note)s", resolution=label, note=note or ""
                ).strip()
            )
            item._ecom_close_told().message_post(
                body=_(
                    "Review item %(item)s closed: %(resolution)s.", item=item.name, resolution=label
                )
            )
        self.activity_feedback(["mail.mail_activity_data_todo"], feedback=note or label)
        return True

    def _ecom_close_told(self):
        """The record whose chatter hears that this item closed: its order."""
        self.ensure_one()
        return self.sale_order_id
