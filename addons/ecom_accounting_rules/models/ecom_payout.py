# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Payouts and their balance transactions, as the providers report them.

How they are stored from a file or an API is in ecom_payout_import.py; how
they are matched to the order payments and booked, in ecom_payout_booking.py.
"""

from odoo import _, api, fields, models

from odoo.addons.ecom_connector.const import (
    PAYOUT_LINE_TYPES,
    PAYOUT_PROVIDERS,
    PAYOUT_STATUSES,
)

BOOKING_STATES = [
    ("pending", "To Book"),
    ("review", "In Review"),
    ("booked", "Booked"),
    ("reversed", "Reversed"),
    ("nothing", "Nothing to Book"),
]
LINE_STATES = [
    ("pending", "Waiting for its Payout"),
    ("todo", "To Match"),
    ("matched", "Matched"),
    ("unmatched", "Not Matched"),
    ("booked", "Booked"),
]
# Which figure of the payout each line type adds to.
FIGURE_OF_TYPE = {
    "charge": "charge_amount",
    "refund": "refund_amount",
    "dispute": "dispute_amount",
    "dispute_reversal": "dispute_amount",
    "reserve": "reserve_amount",
}


class EcomPayout(models.Model):
    """Money a payment provider paid out to the seller's bank, net of its fees."""

    _name = "ecom.payout"
    _description = "Payment Provider Payout"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    provider = fields.Selection(PAYOUT_PROVIDERS, required=True, index=True)
    shop_id = fields.Many2one("ecom.shop", string="Web Shop", index=True, check_company=True)
    account_set_id = fields.Many2one(
        "ecom.payout.account.set", string="Accounts", check_company=True, readonly=True
    )
    external_id = fields.Char(string="Provider Payout ID", required=True, readonly=True)
    status = fields.Selection(PAYOUT_STATUSES, required=True, tracking=True, readonly=True)
    date = fields.Date(readonly=True, help="The date the provider sends the money.")
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    amount = fields.Monetary(readonly=True, help="The deposit: what reaches the bank.")
    summary = fields.Json(readonly=True, help="The provider's own summary, as sent.")
    line_ids = fields.One2many("ecom.payout.line", "payout_id", string="Transactions")
    state = fields.Selection(
        BOOKING_STATES, default="pending", required=True, readonly=True, tracking=True, index=True
    )
    move_id = fields.Many2one(
        "account.move", string="Entry", readonly=True, copy=False, check_company=True
    )
    reversal_move_id = fields.Many2one(
        "account.move", string="Reversal", readonly=True, copy=False, check_company=True
    )
    deposit_line_id = fields.Many2one(
        "account.move.line",
        readonly=True,
        copy=False,
        help="The entry's line of the deposit, on the bank journal's outstanding receipts.",
    )
    statement_line_id = fields.Many2one("account.bank.statement.line", readonly=True, copy=False)
    bank_reconciled = fields.Boolean(compute="_compute_bank_reconciled", store=True)
    problems = fields.Text(readonly=True)
    review_item_ids = fields.One2many("ecom.review.item", "payout_id", string="Review Items")
    charge_amount = fields.Monetary(string="Charges", compute="_compute_figures", store=True)
    refund_amount = fields.Monetary(string="Refunds", compute="_compute_figures", store=True)
    fee_amount = fields.Monetary(string="Fees", compute="_compute_figures", store=True)
    adjustment_amount = fields.Monetary(
        string="Adjustments", compute="_compute_figures", store=True
    )
    dispute_amount = fields.Monetary(string="Disputes", compute="_compute_figures", store=True)
    reserve_amount = fields.Monetary(string="Reserves", compute="_compute_figures", store=True)
    lines_total = fields.Monetary(
        compute="_compute_figures",
        store=True,
        help="The lines' gross amounts less their fees, added up: what the entry books "
        "before the deposit.",
    )
    difference = fields.Monetary(
        compute="_compute_figures", store=True, help="The payout's amount less its lines' total."
    )
    balanced = fields.Boolean(compute="_compute_figures", store=True)
    line_count = fields.Integer(compute="_compute_figures", store=True, string="Lines")
    matched_count = fields.Integer(compute="_compute_figures", store=True, string="Matched")
    matched_rate = fields.Float(
        string="Matched (%)", compute="_compute_figures", store=True, digits=(5, 1)
    )

    _sql_constraints = [
        (
            "external_uniq",
            "unique(company_id, provider, external_id)",
            "A provider's payout is recorded once.",
        ),
    ]

    @api.depends("provider", "external_id")
    def _compute_name(self):
        labels = dict(PAYOUT_PROVIDERS)
        for payout in self:
            payout.name = f"{labels.get(payout.provider, '')} {payout.external_id or ''}".strip()

    @api.depends(
        "amount",
        "line_ids.type",
        "line_ids.amount",
        "line_ids.fee",
        "line_ids.net",
        "line_ids.state",
    )
    def _compute_figures(self):
        for payout in self:
            figures = dict.fromkeys(
                ("charge_amount", "refund_amount", "dispute_amount", "reserve_amount"), 0.0
            )
            fees = adjustments = total = 0.0
            lines = payout.line_ids.filtered(lambda line: line.type != "transfer")
            for line in lines:
                # What the entry books of the line (its gross and its fee), not the net
                # the provider says: a line whose net differs does not add up.
                total += line.amount - line.fee
                fees += line.fee
                figure = FIGURE_OF_TYPE.get(line.type)
                if figure:
                    figures[figure] += line.amount
                elif line.type == "fee":
                    fees -= line.amount
                else:
                    adjustments += line.amount
            currency = payout.currency_id or self.env.company.currency_id
            payout.update(figures)
            payout.fee_amount = fees
            payout.adjustment_amount = adjustments
            payout.lines_total = total
            payout.difference = currency.round(payout.amount - total)
            payout.balanced = bool(lines) and currency.is_zero(payout.difference)
            payout.line_count = len(lines)
            matched = lines.filtered(lambda line: line.state in ("matched", "booked"))
            payout.matched_count = len(matched)
            payout.matched_rate = 100.0 * len(matched) / len(lines) if lines else 0.0

    @api.depends("deposit_line_id.reconciled", "statement_line_id")
    def _compute_bank_reconciled(self):
        for payout in self:
            payout.bank_reconciled = bool(payout.deposit_line_id.reconciled)

    def action_open_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    def action_open_orders(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Orders of %(payout)s", payout=self.name),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("id", "in", self.line_ids.sale_order_id.ids)],
            "context": {"create": False},
        }


class EcomPayoutLine(models.Model):
    """One balance transaction: a charge, refund, fee, dispute... of a payout.

    Received before its payout, it waits (``pending``) and attaches when the
    payout comes; received twice, it is stored once.
    """

    _name = "ecom.payout.line"
    _description = "Payout Balance Transaction"
    _order = "date, id"
    _check_company_auto = True

    payout_id = fields.Many2one(
        "ecom.payout", ondelete="cascade", index=True, readonly=True, check_company=True
    )
    payout_external_id = fields.Char(string="Provider Payout ID", readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    provider = fields.Selection(PAYOUT_PROVIDERS, required=True, readonly=True)
    shop_id = fields.Many2one("ecom.shop", string="Web Shop", readonly=True, check_company=True)
    external_id = fields.Char(string="Provider Transaction ID", required=True, readonly=True)
    type = fields.Selection(PAYOUT_LINE_TYPES, required=True, readonly=True)
    provider_type = fields.Char(
        string="Provider's Type", readonly=True, help="The type as the provider names it."
    )
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    amount = fields.Monetary(string="Gross", readonly=True)
    fee = fields.Monetary(readonly=True)
    net = fields.Monetary(readonly=True)
    exchange_rate = fields.Float(digits=(16, 8), readonly=True)
    date = fields.Date(readonly=True)
    description = fields.Char(readonly=True)
    order_external_id = fields.Char(string="Shop Order ID", readonly=True)
    order_reference = fields.Char(string="Shop Order Reference", readonly=True)
    transaction_refs = fields.Char(
        string="Payment References",
        readonly=True,
        help="The provider's charge, payment intent or order transaction ids, space-separated.",
    )
    sale_order_id = fields.Many2one(
        "sale.order", readonly=True, index="btree_not_null", check_company=True
    )
    payment_id = fields.Many2one(
        "account.payment",
        string="Order Payment",
        readonly=True,
        index="btree_not_null",
        check_company=True,
        help="The payment or refund in Odoo this transaction clears.",
    )
    cleared_line_id = fields.Many2one(
        "account.move.line", string="Cleared Item", readonly=True, index="btree_not_null"
    )
    move_line_id = fields.Many2one("account.move.line", string="Entry Item", readonly=True)
    state = fields.Selection(LINE_STATES, default="todo", required=True, readonly=True, index=True)
    matched_automatically = fields.Boolean(readonly=True)
    problem = fields.Char(readonly=True)

    _sql_constraints = [
        (
            "external_uniq",
            "unique(company_id, provider, external_id)",
            "A provider's balance transaction is recorded once.",
        ),
    ]
