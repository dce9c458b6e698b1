# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ecom_connector.tools import notification_action

from ..const import DISPUTE_RESOLUTIONS, PAYOUT_RESOLUTIONS, RESOLUTIONS, RESOLUTIONS_BY_REASON

CHOICES = [(code, label) for code, label in RESOLUTIONS if code != "automatic"]

# The accounts a carrier's claim goes to, by the chart's own ids (the French
# chart's: 467 "Autres comptes débiteurs", 758 "Indemnités et autres produits");
# a chart without them leaves the carrier's receivable and the loss account.
CLAIM_RECEIVABLE_XMLID = "pcg_467"
CLAIM_INCOME_XMLID = "pcg_758"


def fitting_resolutions(item):
    """The resolutions that fit ``item``'s reasons, its main reason's preferred first.

    A payout's dispute is won or lost; other items as their reason says.
    """
    if item.payout_line_id.type == "dispute":
        return list(DISPUTE_RESOLUTIONS)
    codes = []
    for reason in item.reason_id | item.reason_ids:
        for code in RESOLUTIONS_BY_REASON.get(reason.code, ("post_anyway", "manual")):
            if code not in codes:
                codes.append(code)
    if item.stage == "after":
        codes = [code for code in codes if code not in ("post_anyway", "accept_difference")]
    return codes or ["manual"]


class EcomReviewResolve(models.TransientModel):
    """The accountant's decision on a review item; each choice leaves balanced entries."""

    _name = "ecom.review.resolve"
    _description = "Resolve a Web Shop Review Item"

    item_id = fields.Many2one("ecom.review.item", required=True, readonly=True)
    company_id = fields.Many2one(related="item_id.company_id")
    currency_id = fields.Many2one(related="item_id.currency_id")
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    reason_id = fields.Many2one(related="item_id.reason_id")
    description = fields.Text(related="item_id.description")
    allowed_resolutions = fields.Char(compute="_compute_allowed_resolutions")
    resolution = fields.Selection(
        "_selection_resolution",
        required=True,
        compute="_compute_resolution",
        store=True,
        readonly=False,
    )
    credit_amount = fields.Monetary(
        string="Amount Credited",
        compute="_compute_credit_amount",
        help="The total of the credit note that will be posted (prepared from the order's "
        "lines and the shop's refund).",
    )
    # credit note
    credit_note_id = fields.Many2one(related="item_id.credit_note_id")
    refund_amount = fields.Monetary(related="item_id.refund_amount")
    restock = fields.Boolean(
        compute="_compute_restock", store=True, readonly=False, help="Take the goods back in stock."
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Refund Journal",
        domain="[('type', 'in', ('bank', 'cash', 'credit')), ('company_id', '=', company_id)]",
        help="Where the money goes back to the customer; the gateway's journal if empty.",
    )
    # lost parcel
    loss_account_id = fields.Many2one(
        "account.account",
        compute="_compute_accounts",
        store=True,
        readonly=False,
        domain="[('company_ids', 'in', company_id)]",
    )
    lost_amount = fields.Monetary(
        string="Value of the Lost Goods",
        currency_field="company_currency_id",
        compute="_compute_lost_amount",
        store=True,
        readonly=False,
        help="At cost: the products' cost times the quantities that left with the carrier "
        "(never the sale price, never the shipping).",
    )
    lost_outcome = fields.Selection(
        [
            ("reship", "Send the order again (a new delivery)"),
            ("refund", "Refund the customer (credit note and refund payment)"),
        ],
        string="For the Customer",
        default="reship",
        required=True,
    )
    claim_partner_id = fields.Many2one("res.partner", string="Claim on Carrier")
    claim_amount = fields.Monetary(currency_field="company_currency_id")
    claim_account_id = fields.Many2one(
        "account.account",
        string="Claim Receivable",
        compute="_compute_accounts",
        store=True,
        readonly=False,
        domain="[('company_ids', 'in', company_id)]",
        help="What the carrier owes; the carrier's receivable account if empty.",
    )
    claim_income_account_id = fields.Many2one(
        "account.account",
        string="Claim Income",
        compute="_compute_accounts",
        store=True,
        readonly=False,
        domain="[('company_ids', 'in', company_id)]",
        help="The compensation the carrier owes, as income; the loss account if empty.",
    )
    # difference
    difference = fields.Monetary(related="item_id.difference")
    difference_account_id = fields.Many2one(
        "account.account",
        compute="_compute_accounts",
        store=True,
        readonly=False,
        domain="[('company_ids', 'in', company_id)]",
    )
    note = fields.Text()

    @api.model
    def _selection_resolution(self):
        """The radio offers what fits the item the wizard was opened on (every choice else)."""
        item = self.env["ecom.review.item"].browse(self.env.context.get("default_item_id"))
        labels = self._ecom_resolution_labels()
        if not item.exists():
            return [(code, labels[code]) for code, _label in CHOICES]
        return [(code, labels[code]) for code in fitting_resolutions(item)]

    @api.model
    def _ecom_resolution_labels(self):
        """Resolution code -> label in the user's language.

        A selection given by a method is not translated by the ORM: the labels
        are those of the review item's (static) resolution field.
        """
        field = self.env["ecom.review.item"]._fields["resolution"]
        return dict(field._description_selection(self.env))

    @api.depends("item_id")
    def _compute_allowed_resolutions(self):
        for wizard in self:
            codes = fitting_resolutions(wizard.item_id)
            wizard.allowed_resolutions = ",".join(codes)

    @api.depends("item_id")
    def _compute_resolution(self):
        for wizard in self:
            wizard.resolution = (wizard.allowed_resolutions or "manual").split(",")[0]

    @api.depends("item_id")
    def _compute_credit_amount(self):
        for wizard in self:
            item = wizard.item_id
            wizard.credit_amount = item.credit_note_id.amount_total or item.refund_amount

    @api.depends("item_id")
    def _compute_restock(self):
        for wizard in self:
            wizard.restock = wizard.item_id.restock

    @api.depends("item_id")
    def _compute_accounts(self):
        for wizard in self:
            company = wizard.item_id.company_id
            wizard.loss_account_id = company.ecom_loss_account_id
            wizard.difference_account_id = company.ecom_difference_account_id
            chart = self.env["account.chart.template"].with_company(company)
            wizard.claim_account_id = company and chart.ref(
                CLAIM_RECEIVABLE_XMLID, raise_if_not_found=False
            )
            wizard.claim_income_account_id = company and chart.ref(
                CLAIM_INCOME_XMLID, raise_if_not_found=False
            )

    @api.depends("item_id")
    def _compute_lost_amount(self):
        Item = self.env["ecom.review.item"]
        for wizard in self:
            order = wizard.item_id.sale_order_id
            wizard.lost_amount = Item._ecom_lost_value(order) if order else 0.0

    def action_apply(self):
        self.ensure_one()
        # The entries this resolution makes say it made them, and at whose request.
        stamp = self.env["account.move"]._ecom_trigger_context("review")
        item = self.item_id.with_context(**stamp)
        if item.state != "todo":
            raise UserError(_("This review item is already closed."))
        allowed = (self.allowed_resolutions or "").split(",")
        if self.resolution not in allowed:
            labels = self._ecom_resolution_labels()
            raise UserError(
                _(
                    "“%(choice)s” does not resolve this item; choose one of: %(allowed)s.",
                    choice=labels[self.resolution],
                    allowed=", ".join(labels[code] for code in allowed if code in labels),
                )
            )
        if self.resolution in PAYOUT_RESOLUTIONS:
            item._ecom_resolve_payout(
                self.resolution, account=self.difference_account_id, note=self.note
            )
            return {"type": "ir.actions.act_window_close"}
        if self.resolution == "register_payment":
            item._ecom_register_payment()
        elif self.resolution == "credit_note" and item.stage == "posting":
            item._ecom_post_and_credit(restock=self.restock, journal=self.journal_id or None)
        elif self.resolution == "credit_note":
            item._ecom_apply_credit_note(restock=self.restock, journal=self.journal_id or None)
        elif self.resolution == "lost_parcel":
            item._ecom_write_off_lost(
                self.loss_account_id,
                self.lost_amount,
                self.claim_partner_id,
                self.claim_amount,
                outcome=self.lost_outcome,
                claim_account=self.claim_account_id,
                claim_income_account=self.claim_income_account_id,
                journal=self.journal_id or None,
            )
        elif self.resolution == "accept_difference":
            item._ecom_accept_difference(self.difference_account_id)
        elif self.resolution == "already_booked":
            item._ecom_already_booked(self.note)
        elif self.resolution == "post_anyway":
            item._ecom_post_anyway()
        else:
            item._ecom_handled_by_hand(self.note)
        if self.note and self.resolution != "manual":
            item._message_log(body=self.note)
        labels = self._ecom_resolution_labels()
        return notification_action(
            _(
                "%(item)s resolved: %(resolution)s.",
                item=item.name,
                resolution=labels[self.resolution],
            ),
            next_action={"type": "ir.actions.act_window_close"},
        )
