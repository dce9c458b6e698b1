# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import split_every

from odoo.addons.ecom_connector.const import TRUSTED_ORIGINS
from odoo.addons.ecom_connector.tools import count_by, window_action

from ..const import RULE_ACTIONS

# Fields whose change makes a new version of the rule (what it matches, what it does).
VERSIONED_FIELDS = {
    "shop_ids",
    "gateway_map_ids",
    "financial_status_ids",
    "customer_type",
    "country_group_id",
    "currency_ids",
    "amount_min",
    "amount_max",
    "action",
    "review_reason_id",
    "refund_auto_post_max",
    "origin_ids",
}


class EcomPostingRule(models.Model):
    """How imported orders reach the books: ordered, first match wins.

    Every condition left empty matches everything. Each change of what a rule
    matches or does makes a new version; entries record the version that
    posted them.
    """

    _name = "ecom.posting.rule"
    _description = "Web Shop Posting Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    version = fields.Integer(default=1, readonly=True, copy=False, tracking=True)
    # Conditions
    shop_ids = fields.Many2many(
        "ecom.shop", string="Shops", check_company=True, help="Empty: every shop."
    )
    gateway_map_ids = fields.Many2many(
        "ecom.payment.map",
        string="Payment Gateways",
        check_company=True,
        domain="[('company_id', '=', company_id)]",
        help="The shops' payment gateways (their Payments tab) the order must be paid with. "
        "Empty: any.",
    )
    financial_status_ids = fields.Many2many(
        "ecom.rule.value",
        "ecom_posting_rule_financial_status_rel",
        "rule_id",
        "value_id",
        string="Shop Payment Statuses",
        domain=[("kind", "=", "financial_status")],
        help="The order's payment status in the shop must be one of these. Empty: any.",
    )
    customer_type = fields.Selection(
        [("any", "Any"), ("business", "Business"), ("individual", "Individual")],
        default="any",
        required=True,
        help="Business: the customer is a company or has a VAT number.",
    )
    country_group_id = fields.Many2one(
        "res.country.group", help="The delivery country must be in this group. Empty: any."
    )
    currency_ids = fields.Many2many("res.currency", string="Currencies", help="Empty: any.")
    origin_ids = fields.Many2many(
        "ecom.rule.value",
        "ecom_posting_rule_origin_rel",
        "rule_id",
        "value_id",
        string="Order Origins",
        domain=[("kind", "=", "origin")],
        help="Where the order came from. Empty: any. Whatever it says, a rule posts the "
        "payment of an order from a file a user uploaded (File, Manual) only when it names "
        "that origin here: otherwise the payment waits for the accountant in the review queue.",
    )
    amount_min = fields.Float(string="Minimum Total", help="Order total, in its currency.")
    amount_max = fields.Float(string="Maximum Total", help="0: no maximum.")
    # Action
    action = fields.Selection(RULE_ACTIONS, required=True, default="post", tracking=True)
    review_reason_id = fields.Many2one(
        "ecom.reason",
        domain=[("applies_to", "in", ("review", "both"))],
        default=lambda self: self.env.ref("ecom_connector.reason_rule", raise_if_not_found=False),
        help="The reason shown in the review queue for orders this rule sends there.",
    )
    refund_auto_post_max = fields.Float(
        string="Post Full Refunds Up To",
        help="A full refund of an order this rule posted, up to this amount, is credited "
        "and paid back automatically; larger or partial refunds go to review. 0: never.",
    )
    posted_move_count = fields.Integer(compute="_compute_posted_move_count")

    @api.constrains("amount_min", "amount_max")
    def _check_amounts(self):
        for rule in self:
            if rule.amount_max and rule.amount_max < rule.amount_min:
                raise ValidationError(
                    _("Rule %(rule)s: the maximum total is below the minimum.", rule=rule.name)
                )

    @api.constrains("financial_status_ids", "origin_ids")
    def _check_values(self):
        for rule in self:
            if set(rule.financial_status_ids.mapped("kind")) - {"financial_status"} or set(
                rule.origin_ids.mapped("kind")
            ) - {"origin"}:
                raise ValidationError(
                    _(
                        "Rule %(rule)s: payment statuses and order origins are each chosen "
                        "from their own list.",
                        rule=rule.name,
                    )
                )

    @api.constrains("gateway_map_ids", "shop_ids")
    def _check_gateway_shops(self):
        for rule in self:
            strays = rule.gateway_map_ids.filtered(
                lambda mapping, r=rule: r.shop_ids and mapping.shop_id not in r.shop_ids
            )
            if strays:
                raise ValidationError(
                    _(
                        "Rule %(rule)s names gateways of shops it does not apply to: %(gateways)s.",
                        rule=rule.name,
                        gateways=", ".join(strays.mapped("display_name")),
                    )
                )

    def _compute_posted_move_count(self):
        counts = count_by(self, "account.move", "ecom_posting_rule_id")
        for rule in self:
            rule.posted_move_count = counts.get(rule, 0)

    def write(self, vals):
        if VERSIONED_FIELDS & set(vals) and "version" not in vals:
            for rule in self:
                super(EcomPostingRule, rule).write({**vals, "version": rule.version + 1})
            return True
        return super().write(vals)

    def action_open_moves(self):
        self.ensure_one()
        return window_action(
            self.env,
            "account.action_move_journal_line",
            domain=[("ecom_posting_rule_id", "=", self.id)],
            context={"create": False},
        )

    # ------------------------------------------------------------ business

    def _ecom_matches(self, facts):
        """Whether this rule's conditions hold for an order.

        :param facts: a dict with ``shop_id``, ``gateway``, ``financial_status``,
            ``business`` (bool), ``country_id``, ``currency_id``, ``amount`` and
            ``origin`` (a code of ``ORDER_ORIGINS``, or ``False``)
        """
        self.ensure_one()
        if self.shop_ids and facts["shop_id"] not in self.shop_ids.ids:
            return False
        if self.gateway_map_ids:
            gateway = (facts["gateway"] or "").strip().lower()
            if not any(
                mapping.shop_id.id == facts["shop_id"]
                and mapping.gateway.strip().lower() == gateway
                for mapping in self.gateway_map_ids
            ):
                return False
        statuses = set(self.financial_status_ids.mapped("code"))
        if statuses and (facts["financial_status"] or "").lower() not in statuses:
            return False
        if self.customer_type != "any" and facts["business"] != (self.customer_type == "business"):
            return False
        if (
            self.country_group_id
            and facts["country_id"] not in self.country_group_id.country_ids.ids
        ):
            return False
        if self.currency_ids and facts["currency_id"] not in self.currency_ids.ids:
            return False
        origins = set(self.origin_ids.mapped("code"))
        if origins and (facts.get("origin") or "") not in origins:
            return False
        if facts["amount"] < self.amount_min:
            return False
        return not (self.amount_max and facts["amount"] > self.amount_max)

    def _ecom_trusts_payment(self, origin):
        """Whether this rule may post the payment of an order of ``origin``.

        Orders the shop itself sent (pulled, a signed webhook, a file the
        server's operator imported) and orders of before origins were kept
        (``False``): yes. An order from a file a user uploaded says it is paid
        only on that user's word: only a rule that names the origin posts it.
        """
        self.ensure_one()
        return not origin or origin in TRUSTED_ORIGINS or origin in self.origin_ids.mapped("code")

    def _ecom_first_match(self, facts):
        """The first of these rules (in order) matching ``facts``, or an empty recordset."""
        for rule in self.sorted(lambda r: (r.sequence, r.id)):
            if rule._ecom_matches(facts):
                return rule
        return self.browse()

    @api.model
    def _ecom_create_default_rules(self, companies):
        """The rules a new company starts with: post paid orders, invoice the others."""
        vals_list = []
        paid_name, other_name = self.with_context(lang="en_US")._ecom_default_rule_names()
        paid = self.env["ecom.rule.value"]._ecom_get(
            "financial_status", ("paid", "partially_refunded", "refunded")
        )
        for company in companies:
            if self.with_context(active_test=False).search_count(
                [("company_id", "=", company.id)], limit=1
            ):
                continue
            vals_list += [
                {
                    "name": paid_name,
                    "sequence": 90,
                    "company_id": company.id,
                    "financial_status_ids": [Command.set(paid.ids)],
                    "action": "post",
                },
                {
                    "name": other_name,
                    "sequence": 100,
                    "company_id": company.id,
                    "action": "invoice",
                },
            ]
        rules = self.with_context(lang="en_US").create(vals_list)
        # The names in every language installed, as the terms of the other records are.
        for lang, _name in self.env["res.lang"].get_installed():
            if lang != "en_US":
                names = self.with_context(lang=lang)._ecom_default_rule_names()
                for pair in split_every(2, rules.with_context(lang=lang)):
                    for rule, name in zip(pair, names, strict=True):
                        rule.name = name
        return rules

    def _ecom_default_rule_names(self):
        """The names of the two default rules (paid, others), in this environment's language."""
        return (
            _("Paid orders: invoice, post and register the payment"),
            _("Other orders: invoice, payment expected later"),
        )
