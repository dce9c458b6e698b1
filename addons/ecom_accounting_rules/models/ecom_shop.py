# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, fields, models

from odoo.addons.ecom_connector.tools import count_by, window_action

from ..const import POSTING_MODES
from ..ereporting import calendar as ereporting_calendar

SHIPPING_ACCOUNT_CODE = "708500"


class EcomShop(models.Model):
    _inherit = "ecom.shop"

    def _default_shipping_account(self):
        # The French chart's 7085 "Ports et frais accessoires facturés", where there is one.
        return self.env["account.account"].search(
            [("code", "=", SHIPPING_ACCOUNT_CODE), ("company_ids", "in", self.env.company.id)],
            limit=1,
        )

    marketplace_operator_id = fields.Many2one(
        "res.partner",
        string="Operator Invoicing the Fees",
        check_company=True,
        help="A marketplace shop (Mirakl): who invoices its fees; one vendor bill per "
        "settlement is made to this partner.",
    )
    posting_mode = fields.Selection(
        POSTING_MODES,
        default="invoice",
        required=True,
        help="One invoice per order, or, for high-volume consumer sales where the country "
        "allows it, one summary entry per day with a line per tax rate and payment gateway.",
    )
    sale_journal_id = fields.Many2one(
        "account.journal",
        string="Sales Journal",
        check_company=True,
        domain="[('type', '=', 'sale'), ('company_id', '=', company_id)]",
        help="Journal of this shop's invoices and credit notes; the company's default if empty. "
        "Daily summaries go to the Summary Journal.",
    )
    summary_journal_id = fields.Many2one(
        "account.journal",
        check_company=True,
        domain="[('type', 'in', ('sale', 'general')), ('company_id', '=', company_id)]",
        help="Journal of the daily summary entries, with its own sequence: they never take "
        "an invoice number. The company's web sales summary journal (VTWEB) if empty.",
    )
    settlement_journal_id = fields.Many2one(
        "account.journal",
        string="Marketplace Sales Journal",
        check_company=True,
        domain="[('type', '=', 'sale'), ('company_id', '=', company_id)]",
        help="A marketplace: where the sales its settlements report for orders not in Odoo "
        "are booked, one entry per day. A journal of their own, so that its numbers follow "
        "the dates as settlements come one after the other; made on the first settlement "
        "if empty.",
    )
    shipping_account_id = fields.Many2one(
        "account.account",
        string="Shipping Income Account",
        check_company=True,
        default=_default_shipping_account,
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        help="Shipping charged to the customers (in the French chart: 7085 Ports et frais "
        "accessoires facturés); the shipping product's income account if empty.",
    )
    company_rounding_tolerance = fields.Monetary(
        related="company_id.ecom_rounding_tolerance",
        string="Posting Tolerance",
        currency_field="company_currency_id",
        help="Set for the company in the Accounting settings: a difference with the shop's "
        "total up to it is booked to the rounding account when the order is posted. The "
        "import also accepts it, so the larger of the two tolerances holds no order.",
    )
    accounting_start_date = fields.Date(
        help="Orders of this shop dated before this day are not posted: they go to review "
        "(Before the accounting start), where they can be marked as already in the books.",
    )
    accountant_id = fields.Many2one(
        "res.users",
        help="Gets an activity for each order of this shop sent to the review queue.",
    )
    posted_auto_count = fields.Integer(
        compute="_compute_posting_figures", string="Posted Automatically"
    )
    review_open_count = fields.Integer(compute="_compute_posting_figures", string="To Review")
    review_open_amount = fields.Monetary(
        compute="_compute_posting_figures",
        string="Amount to Review",
        currency_field="company_currency_id",
        help="What the open review items in the company's currency decide: differences, "
        "refunds, orders (items in other currencies are counted, not summed).",
    )
    automation_rate = fields.Float(
        compute="_compute_posting_figures",
        string="Automation Rate (%)",
        digits=(5, 1),
        help="Orders posted automatically ÷ orders imported.",
    )

    payout_figure_ids = fields.One2many(
        "ecom.payout.figures", "shop_id", string="Payouts by Provider", readonly=True
    )
    payout_in_transit = fields.Monetary(
        compute="_compute_payout_in_transit",
        string="Money in Transit",
        currency_field="company_currency_id",
        help="Paid by this shop's customers through payment providers, not paid out yet.",
    )
    payout_count = fields.Integer(compute="_compute_payout_in_transit", string="Payouts")
    ereporting_due_date = fields.Date(
        compute="_compute_ereporting_due_date",
        string="Next E-reporting",
        help="When the company's next e-reporting of web sales is due (its VAT regime's "
        "calendar): the transaction data of the period that ended last.",
    )

    def _compute_posting_figures(self):
        imported = count_by(self, "sale.order", "ecom_shop_id")
        automatic = count_by(
            self,
            "sale.order",
            "ecom_shop_id",
            [("ecom_posted_automatically", "=", True), ("ecom_released_by_id", "=", False)],
        )
        open_items = count_by(self, "ecom.review.item", "shop_id", [("state", "=", "todo")])
        open_amounts = dict(
            self.env["ecom.review.item"]._read_group(
                [
                    ("shop_id", "in", self.ids),
                    ("state", "=", "todo"),
                    ("currency_id", "in", self.company_id.currency_id.ids),
                ],
                ["shop_id"],
                ["amount_at_stake:sum"],
            )
        )
        for shop in self:
            total = imported.get(shop, 0)
            shop.posted_auto_count = automatic.get(shop, 0)
            shop.review_open_count = open_items.get(shop, 0)
            shop.review_open_amount = open_amounts.get(shop, 0.0)
            shop.automation_rate = 100.0 * shop.posted_auto_count / total if total else 0.0

    def _compute_payout_in_transit(self):
        in_transit = dict(
            self.env["ecom.payout.figures"]._read_group(
                [("shop_id", "in", self.ids)], ["shop_id"], ["in_transit:sum"]
            )
        )
        payouts = count_by(self, "ecom.payout", "shop_id")
        for shop in self:
            shop.payout_in_transit = in_transit.get(shop, 0.0)
            shop.payout_count = payouts.get(shop, 0)

    def _compute_ereporting_due_date(self):
        today = fields.Date.context_today(self)
        for shop in self:
            regime = shop.company_id.ecom_vat_regime
            shop.ereporting_due_date = (
                regime and ereporting_calendar.next_due(regime, today).due_date
            )

    def action_open_ereporting(self):
        self.ensure_one()
        return window_action(self.env, "ecom_accounting_rules.ecom_ereporting_period_action")

    def _ecom_status_figures(self):
        """Open review items and the automation rate (as on the shop's form)."""
        figures = super()._ecom_status_figures()
        for shop in self:
            figures[shop.id].update(
                review_open=shop.review_open_count,
                automation_rate=round(shop.automation_rate, 1),
            )
        return figures

    def action_open_review_items(self):
        self.ensure_one()
        return window_action(
            self.env,
            "ecom_accounting_rules.ecom_review_item_action",
            context={"search_default_shop_id": self.id, "search_default_todo": 1},
        )

    def action_open_automation_report(self):
        self.ensure_one()
        return window_action(
            self.env,
            "ecom_accounting_rules.ecom_automation_report_action",
            context={"search_default_shop_id": self.id, "fill_temporal": False},
        )

    def action_open_payouts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecom_accounting_rules.ecom_payout_action"
        )
        action["domain"] = [("shop_id", "=", self.id)]
        action["context"] = {"create": False}
        action["name"] = _("Payouts of %(shop)s", shop=self.name)
        return action

    def _ecom_gateway_journal(self, gateway):
        """The journal this shop's payment gateway is mapped to (names compared loosely).

        :param str gateway: the gateway's name as the shop sends it
        :return: an ``account.journal`` record, empty when the gateway is not mapped
        """
        self.ensure_one()
        wanted = (gateway or "").strip().lower()
        return self.payment_map_ids.filtered(lambda m: m.gateway.strip().lower() == wanted)[
            :1
        ].journal_id

    def _ecom_total_tolerance(self):
        """The company's posting tolerance also stops the import from holding an order."""
        return max(super()._ecom_total_tolerance(), self.company_id.ecom_rounding_tolerance)
