# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_repr

from odoo.addons.ecom_connector.const import CAPTURED_PAYMENT_KINDS
from odoo.addons.ecom_connector.models.sale_order import WEB_SHOP_STAFF, has_product_authority
from odoo.addons.ecom_connector.tools import count_by, in_company_lang, window_action
from odoo.addons.queue_job.job import identity_exact

from ..const import BOOKED_WITHOUT_INVOICE, POSTING_CRON_BATCH, POSTING_STATES


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_posting_state = fields.Selection(
        POSTING_STATES,
        string="Posting",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        groups=WEB_SHOP_STAFF,
        help="Where this web order stands with the books.",
    )
    ecom_posting_rule_id = fields.Many2one(
        "ecom.posting.rule",
        string="Posted by Rule",
        readonly=True,
        copy=False,
        groups=WEB_SHOP_STAFF,
    )
    ecom_posting_rule_version = fields.Integer(
        string="Rule Version", readonly=True, copy=False, groups=WEB_SHOP_STAFF
    )
    ecom_posted_automatically = fields.Boolean(
        string="Posted Automatically",
        readonly=True,
        copy=False,
        groups=WEB_SHOP_STAFF,
        help="Posted by the rules, without a person.",
    )
    ecom_posted_at = fields.Datetime(
        string="Posted On", readonly=True, copy=False, groups=WEB_SHOP_STAFF
    )
    ecom_summary_move_id = fields.Many2one(
        "account.move",
        string="Daily Summary Entry",
        readonly=True,
        copy=False,
        index=True,
        groups=WEB_SHOP_STAFF,
    )
    ecom_parcel_lost = fields.Boolean(
        string="Parcel Lost", readonly=True, copy=False, tracking=True, groups=WEB_SHOP_STAFF
    )
    ecom_parcel_lost_date = fields.Date(
        string="Parcel Declared Lost On", readonly=True, copy=False, groups=WEB_SHOP_STAFF
    )
    ecom_review_item_ids = fields.One2many(
        "ecom.review.item", "sale_order_id", groups="account.group_account_invoice"
    )
    ecom_review_open_count = fields.Integer(
        compute="_compute_ecom_review_open_count",
        compute_sudo=True,
        groups="account.group_account_invoice",
    )

    def _compute_ecom_review_open_count(self):
        # As superuser (compute_sudo), counted in the order's own company only.
        counts = count_by(
            self, "ecom.review.item", "sale_order_id", [("state", "=", "todo")], own_company=True
        )
        for order in self:
            order.ecom_review_open_count = counts.get(order, 0)

    # ------------------------------------------------------------ actions

    def action_ecom_post(self):
        """Post these web orders now, as the rules say (a second click does nothing)."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(_("Only the accountant's users post web orders to the books."))
        orders = self.filtered("ecom_shop_id")
        if not orders:
            raise UserError(_("Only orders imported from a web shop are posted by the rules."))
        held = orders.filtered("ecom_hold_reason_ids")
        if held:
            raise UserError(
                _(
                    "%(orders)s is held at import: reprocess it once what is missing is mapped "
                    "(the rules post it then), or resolve it in the review queue.",
                    orders=", ".join(held.mapped("name")),
                )
            )
        stamp = self.env["account.move"]._ecom_trigger_context("button")
        self.env["ecom.posting.engine"].with_context(**stamp)._post_orders(
            orders.with_context(**stamp)
        )
        return True

    def action_ecom_declare_lost(self):
        """The carrier lost the parcel: the order goes to review for a write-off.

        The web-shop staff's decision (the posting then runs as the system):
        the chatter's tracking says who declared it.
        """
        if not self.env.user.has_group("ecom_connector.group_ecom_user"):
            raise AccessError(_("Only the web-shop staff declare a parcel lost."))
        orders = self.filtered("ecom_shop_id")
        if not orders:
            raise UserError(_("Only orders imported from a web shop can be declared lost."))
        orders.filtered(lambda o: not o.ecom_parcel_lost)._ecom_as_product().write(
            {"ecom_parcel_lost": True, "ecom_parcel_lost_date": fields.Date.context_today(self)}
        )
        # Shop staff declare it; the review item and its entries are the rules' work.
        self.env["ecom.posting.engine"].sudo()._review_after_posting(orders.sudo())
        return True

    def action_open_ecom_review_items(self):
        self.ensure_one()
        return window_action(
            self.env,
            "ecom_accounting_rules.ecom_review_item_action",
            domain=[("sale_order_id", "=", self.id)],
            context={"create": False},
        )

    def _prepare_invoice(self):
        """What the posting engine decided for this order's invoice (context
        ``ecom_invoice_vals``: order id → values): dates, journal, shop, rule."""
        vals = super()._prepare_invoice()
        if has_product_authority(self.env):
            vals.update(self.env.context.get("ecom_invoice_vals", {}).get(self.id, {}))
        return vals

    def _create_invoices(self, grouped=False, final=False, date=None):
        """Refuse orders already in the books without an invoice (daily summary, booked before).

        Invoicing them would book their sale twice; their *Create Invoice*
        button is hidden (nothing left to invoice), this is the server's check.
        """
        # Read as the system: a salesperson invoicing an order does not read its posting state.
        booked = self.sudo().filtered(lambda o: o.ecom_posting_state in BOOKED_WITHOUT_INVOICE)
        if booked:
            raise UserError(
                _(
                    "%(orders)s are already in the books (daily summary entry, or booked "
                    "before the accounting start): they cannot be invoiced again. To correct "
                    "one, reverse its summary entry line by hand.",
                    orders=", ".join(booked.mapped("name")),
                )
            )
        return super()._create_invoices(grouped=grouped, final=final, date=date)

    # ------------------------------------------------------------ business

    def _ecom_queue_posting(self):
        """Post these orders now (``ecom_post_sync`` in context) or in a queue job."""
        todo = self.filtered(lambda o: o.ecom_posting_state in ("pending", "review"))
        if not todo:
            return
        if self.env.context.get("ecom_post_sync"):
            self.env["ecom.posting.engine"].sudo()._post_orders(todo.sudo())
            return
        in_company_lang(todo).with_delay(
            description=_("Post %(count)s web orders", count=len(todo)),
            identity_key=identity_exact,
        )._ecom_post_job()

    def _ecom_post_job(self):
        """Job: post these orders as the rules say (does nothing for orders already posted).

        As the system: the job runs as whoever imported the orders, who may
        have no accounting rights; the rules, not that person, post.
        """
        self.env["ecom.posting.engine"].sudo()._post_orders(self.sudo().exists())
        return True

    def _cron_ecom_post_pending(self, batch_size=POSTING_CRON_BATCH):
        """Post web orders still waiting (confirmed later, or their mapping fixed since).

        One batch per call, as Odoo's schedule batches its work: the batch is
        committed, and the schedule calls again at once while some remain
        (``ir.cron._notify_progress``); a crash keeps the batches done.
        """
        domain = [
            ("ecom_shop_id", "!=", False),
            ("ecom_posting_state", "=", "pending"),
            ("state", "in", ("sale", "done", "cancel")),
        ]
        orders = self.search(domain, limit=batch_size, order="id")
        for company in orders.company_id:
            # In the language of the company's people, as the posting job.
            of_company = in_company_lang(orders.filtered(lambda o, c=company: o.company_id == c))
            of_company.env["ecom.posting.engine"]._post_orders(of_company)
        remaining = 0
        if len(orders) == batch_size:
            # None of the batch moved on (they all still wait): stop here
            # rather than take the same batch again.
            if orders.filtered(lambda o: o.ecom_posting_state != "pending"):
                remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(orders), remaining=remaining)
        return True

    def _ecom_is_locked(self):
        """Orders in the books (invoiced, paid, or in a daily summary) are locked too."""
        return super()._ecom_is_locked() or self.ecom_posting_state in (
            "invoiced",
            "posted",
            "summary",
            "booked_before",
        )

    def _ecom_captured_payments(self):
        """The shop payments that moved money, as dicts with Decimal amounts.

        Built from the order's ``ecom.order.payment`` records (read once, then
        from the cache).
        :return: a list of dicts: gateway, amount, is_gift_card, transaction_id, date
        """
        self.ensure_one()
        places = self.currency_id.decimal_places
        return [
            {
                "gateway": payment.gateway or "",
                "amount": Decimal(float_repr(payment.amount, places)),
                "is_gift_card": payment.is_gift_card,
                "transaction_id": payment.transaction_id or False,
                "date": (
                    payment.processed_at.date()
                    if payment.processed_at
                    else self._ecom_accounting_date()
                ),
            }
            for payment in self.ecom_payment_ids
            if payment.status == "success" and payment.kind in CAPTURED_PAYMENT_KINDS
        ]

    def _ecom_accounting_date(self):
        """The date the shop dated the order, in the company's time zone."""
        self.ensure_one()
        return fields.Date.context_today(self, self.date_order)

    def _ecom_before_accounting_start(self):
        """Whether this order predates the books kept here (shop's start date, horizon).

        :return: a sentence saying why, or an empty string
        """
        self.ensure_one()
        day = self._ecom_accounting_date()
        start = self.ecom_shop_id.accounting_start_date
        if start and day < start:
            return _(
                "The order of %(date)s predates the shop's accounting start (%(start)s).",
                date=day,
                start=start,
            )
        horizon = self.company_id.ecom_backfill_days
        today = fields.Date.context_today(self)
        if horizon > 0 and (today - day).days > horizon:
            return _(
                "The order of %(date)s is older than the backfill horizon of %(days)s days.",
                date=day,
                days=horizon,
            )
        return ""


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.depends("order_id.ecom_shop_id", "order_id.ecom_posting_state")
    def _compute_qty_to_invoice(self):
        """Web orders are paid when ordered: they are invoiced on what was ordered, once.

        Products invoiced on delivery would otherwise wait for the parcel, while
        the shop has already taken the money. What a credit note gave back was
        refunded by the shop: it is not to invoice again. Orders booked without
        an invoice (daily summary, booked before) have nothing to invoice.
        """
        result = super()._compute_qty_to_invoice()
        for line in self:
            order = line.order_id
            if (
                not order.ecom_shop_id
                or line.state != "sale"
                or line.display_type
                or line.product_id.type == "combo"
            ):
                continue
            if order.ecom_posting_state in BOOKED_WITHOUT_INVOICE:
                line.qty_to_invoice = 0.0
                continue
            credited = sum(
                aml.product_uom_id._compute_quantity(aml.quantity, line.product_uom)
                for aml in line.invoice_lines
                if aml.move_id.move_type == "out_refund" and aml.move_id.state != "cancel"
            )
            line.qty_to_invoice = max(line.product_uom_qty - line.qty_invoiced - credited, 0.0)
        return result

    def _prepare_invoice_line(self, **optional_values):
        """The shop's line name once (Odoo prefixes the product's name otherwise).

        The posting engine gives some lines their income account (context
        ``ecom_invoice_line_accounts``: line id → account id): shipping, gift cards.
        """
        vals = super()._prepare_invoice_line(**optional_values)
        if self.order_id.ecom_shop_id and not self.display_type and self.name:
            vals["name"] = self.name
        account_id = has_product_authority(self.env) and self.env.context.get(
            "ecom_invoice_line_accounts", {}
        ).get(self.id)
        if account_id:
            vals["account_id"] = account_id
        return vals
