# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from collections import defaultdict

from odoo import Command, _, api, fields, models

from odoo.addons.ecom_connector.tools import reopen_wizard

OUTCOMES = [
    ("post", "Invoiced and paid"),
    ("invoice", "Invoiced"),
    ("summary", "In the daily summary"),
    ("review", "Review"),
    ("wait", "Not confirmed yet"),
    ("cancelled", "Cancelled"),
]


class EcomPostingDryRun(models.TransientModel):
    """Try rules on past or waiting orders: what they would post, and the rate reached.

    Nothing is written to the books: the rules are evaluated, and the entries
    each order would bring are shown.
    """

    _name = "ecom.posting.dry.run"
    _description = "Web Shop Posting Rules: Dry Run"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    rule_ids = fields.Many2many(
        "ecom.posting.rule",
        string="Rules to Try",
        required=True,
        default=lambda self: self._default_rule_ids(),
        context={"active_test": False},
        help="Archived rules can be tried too, before they are switched on.",
    )
    shop_ids = fields.Many2many("ecom.shop", string="Shops", help="Empty: every shop.")
    date_from = fields.Date(default=lambda self: fields.Date.add(fields.Date.today(), months=-1))
    date_to = fields.Date(default=fields.Date.today)
    include_posted = fields.Boolean(
        string="Include Orders Already Posted", default=True, help="Replay past orders too."
    )
    line_ids = fields.One2many("ecom.posting.dry.run.line", "wizard_id", readonly=True)
    order_count = fields.Integer(readonly=True)
    automated_count = fields.Integer(string="Would Be Automated", readonly=True)
    review_count = fields.Integer(string="Would Go to Review", readonly=True)
    automation_rate = fields.Float(string="Automation Rate (%)", digits=(5, 1), readonly=True)

    @api.model
    def _default_rule_ids(self):
        return self.env["ecom.posting.rule"].search([("company_id", "=", self.env.company.id)])

    def _orders(self):
        domain = [("ecom_shop_id", "!=", False), ("company_id", "=", self.company_id.id)]
        if self.shop_ids:
            domain.append(("ecom_shop_id", "in", self.shop_ids.ids))
        if self.date_from:
            domain.append(("date_order", ">=", fields.Datetime.to_datetime(self.date_from)))
        if self.date_to:
            domain.append(
                (
                    "date_order",
                    "<",
                    fields.Datetime.to_datetime(fields.Date.add(self.date_to, days=1)),
                )
            )
        if not self.include_posted:
            domain.append(("ecom_posting_state", "in", (False, "pending", "review")))
        return self.env["sale.order"].search(domain, order="date_order, id")

    def action_run(self):
        self.ensure_one()
        engine = self.env["ecom.posting.engine"].with_company(self.company_id)
        orders = self._orders().with_company(self.company_id)
        plans = engine._plan(orders, rules=self.rule_ids.sorted(lambda r: (r.sequence, r.id)))
        reasons = self.env["ecom.reason"]._by_code("review")
        line_vals = []
        for plan in plans:
            entries = ""
            if plan.action in ("post", "invoice", "summary"):
                entries = self._entries_text(engine, plan)
            line_vals.append(
                {
                    "sale_order_id": plan.order.id,
                    "outcome": plan.action,
                    "rule_id": plan.rule.id or False,
                    "rule_version": plan.rule.version or 0,
                    "reasons": ", ".join(
                        reasons[code].name if code in reasons else code for code in plan.codes
                    ),
                    "messages": "\n".join(message for _code, message in plan.reasons),
                    "amount_total": plan.order.amount_total,
                    "currency_id": plan.order.currency_id.id,
                    "entries": entries,
                }
            )
        automated = sum(1 for plan in plans if plan.action in ("post", "invoice", "summary"))
        self.line_ids.unlink()
        self.write(
            {
                "line_ids": [Command.create(vals) for vals in line_vals],
                "order_count": len(plans),
                "automated_count": automated,
                "review_count": sum(1 for plan in plans if plan.action == "review"),
                "automation_rate": 100.0 * automated / len(plans) if plans else 0.0,
            }
        )
        return reopen_wizard(self, _("Dry Run of the Posting Rules"))

    def _entries_text(self, engine, plan):
        """The lines the order would bring, one per account: “411000 Debit 120.00”."""
        balances = defaultdict(float)
        for (account_id, *_grouping), _label, balance in engine._order_entry_lines(
            plan.order,
            summary=plan.action == "summary",
            with_payments=plan.action != "invoice",
        ):
            balances[account_id] += balance
        currency = plan.order.company_id.currency_id
        accounts = self.env["account.account"].browse(list(balances))
        rows = []
        for account in accounts.sorted("code"):
            balance = currency.round(balances[account.id])
            if currency.is_zero(balance):
                continue
            side = _("Debit") if balance > 0 else _("Credit")
            rows.append(f"{account.code} {account.name}: {side} {currency.format(abs(balance))}")
        return "\n".join(rows)


class EcomPostingDryRunLine(models.TransientModel):
    _name = "ecom.posting.dry.run.line"
    _description = "Web Shop Posting Rules: Dry Run Line"
    _order = "id"

    wizard_id = fields.Many2one("ecom.posting.dry.run", required=True, ondelete="cascade")
    sale_order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    shop_id = fields.Many2one(related="sale_order_id.ecom_shop_id")
    outcome = fields.Selection(OUTCOMES, readonly=True)
    rule_id = fields.Many2one("ecom.posting.rule", readonly=True)
    rule_version = fields.Integer(readonly=True)
    reasons = fields.Char(readonly=True)
    messages = fields.Text(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount_total = fields.Monetary(readonly=True)
    entries = fields.Text(string="Entries It Would Make", readonly=True)
