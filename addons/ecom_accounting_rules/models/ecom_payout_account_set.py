# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ecom_connector.tools import notification_action

from .. import payouts as parsers
from ..payouts import PAYOUT_PROVIDERS

# Default accounts made when a company has none: (field, code prefix searched,
# code created, account type); their names are in _ecom_default_account_names.
DEFAULT_ACCOUNTS = (
    ("fee_account_id", "627", "627800", "expense"),
    ("dispute_account_id", None, "658500", "expense"),
    ("reserve_account_id", None, "467500", "asset_current"),
    ("adjustment_account_id", None, "658600", "expense"),
)


class EcomPayoutAccountSet(models.Model):
    """Where one provider's payouts are booked, in one company.

    Made with working defaults the first time a payout of the provider comes
    (accounts found by their French chart codes, or created), and editable in
    Accounting ▸ Configuration ▸ Payout Accounts.
    """

    _name = "ecom.payout.account.set"
    _description = "Payout Accounts"
    _order = "company_id, provider"
    _check_company_auto = True
    _rec_name = "provider"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    provider = fields.Selection(PAYOUT_PROVIDERS, required=True)
    has_sandbox = fields.Boolean(
        compute="_compute_has_sandbox", help="The provider has a sandbox to try the connection."
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Provider Journal",
        required=True,
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash', 'credit')), ('company_id', '=', company_id)]",
        help="The gateway's journal: the order payments wait on its outstanding receipts "
        "account, and each payout's entry is written in it.",
    )
    bank_journal_id = fields.Many2one(
        "account.journal",
        required=True,
        check_company=True,
        domain="[('type', '=', 'bank'), ('company_id', '=', company_id)]",
        help="The bank account the payouts are deposited on; its statement line of each "
        "deposit is matched to the payout.",
    )
    fee_account_id = fields.Many2one(
        "account.account", string="Fees Account", required=True, check_company=True
    )
    dispute_account_id = fields.Many2one(
        "account.account", string="Disputes Account", required=True, check_company=True
    )
    reserve_account_id = fields.Many2one(
        "account.account", string="Reserves Account", required=True, check_company=True
    )
    adjustment_account_id = fields.Many2one(
        "account.account", string="Adjustments Account", required=True, check_company=True
    )
    match_days = fields.Integer(
        string="Deposit Window (days)",
        default=5,
        help="A bank statement line is matched to a payout of the same amount dated at most "
        "this many days before or after it.",
    )
    # Where the credentials go is fixed in code (payouts/<provider>/const.py): the
    # only choice left to a person is PayPal's sandbox, which is PayPal's too.
    sandbox = fields.Boolean(
        string="PayPal Sandbox",
        groups="ecom_connector.group_ecom_manager",
        help="PayPal: call its sandbox (api-m.sandbox.paypal.com) with a sandbox app's "
        "credentials, to try the connection. Stripe's test keys need no switch; Shopify "
        "Payments uses the shop's address.",
    )
    api_key = fields.Char(
        string="API Key / Client ID",
        groups="ecom_connector.group_ecom_manager",
        help="Stripe: a restricted key with read access to payouts and balance; "
        "PayPal: the REST app's client id.",
    )
    api_secret = fields.Char(
        string="Client Secret", groups="ecom_connector.group_ecom_manager", help="PayPal only."
    )
    webhook_secret = fields.Char(
        groups="ecom_connector.group_ecom_manager",
        help="Stripe: the signing secret (whsec_...) of the payouts webhook endpoint.",
    )
    # Marketplaces (a provider that books settlements: payouts/settlement.py).
    refresh_token = fields.Char(
        groups="ecom_connector.group_ecom_manager",
        help="Amazon: the Login with Amazon refresh token of the seller's authorisation "
        "(API Key / Client ID and Client Secret are the app's).",
    )
    books_settlement = fields.Boolean(
        compute="_compute_books_settlement",
        help="A marketplace: each payout is a settlement, booked with its sales and fees.",
    )
    operator_partner_id = fields.Many2one(
        "res.partner",
        string="Marketplace Operator",
        check_company=True,
        help="Who invoices the marketplace's fees: one vendor bill per settlement (a Mirakl "
        "shop's own operator, set on the shop, comes first).",
    )
    sale_account_id = fields.Many2one(
        "account.account",
        string="Marketplace Sales Account",
        check_company=True,
        help="Sales of orders not imported in Odoo, booked from the settlement.",
    )
    withheld_tax_account_id = fields.Many2one(
        "account.account",
        string="VAT Withheld by the Marketplace",
        check_company=True,
        help="VAT the marketplace collected and pays itself (marketplace facilitator).",
    )
    accrual_account_id = fields.Many2one(
        "account.account",
        string="Fees Accrual Account",
        check_company=True,
        help="A settlement spanning two months: the first month's fees are accrued here at "
        "its end, and the accrual reversed the next day.",
    )

    _sql_constraints = [
        (
            "provider_uniq",
            "unique(company_id, provider)",
            "A company has one set of payout accounts per provider.",
        ),
    ]

    @api.depends("provider")
    def _compute_display_name(self):
        labels = dict(self._fields["provider"]._description_selection(self.env))
        for accounts in self:
            accounts.display_name = labels.get(accounts.provider) or ""

    @api.depends("provider")
    def _compute_books_settlement(self):
        for accounts in self:
            spec = parsers.PROVIDERS.get(accounts.provider)
            accounts.books_settlement = bool(spec and spec.books_settlement)

    @api.depends("provider")
    def _compute_has_sandbox(self):
        for accounts in self:
            spec = parsers.PROVIDERS.get(accounts.provider)
            accounts.has_sandbox = bool(spec and spec.has_sandbox)

    def action_pull_payouts(self):
        """Pull this provider's payouts now, book them, and say what came in a notification.

        A provider reached through a shop is read through each shop of its
        platform in the company whose gateway of the provider's code is mapped;
        the others with this set's keys.
        :raises UserError: when the provider cannot be reached or refuses the credentials
        :raises AccessError: for a user who may not change this set (its
            credentials are sent): billing users read it, they do not pull
        """
        self.ensure_one()
        self.check_access("write")
        spec = parsers.get_provider(self.provider)
        shops = [None]
        if spec.through_shop:
            shops = self.env["ecom.shop"].search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("platform", "=", spec.platform),
                    ("payment_map_ids.gateway", "=", spec.code),
                ]
            )
            if not shops:
                raise UserError(
                    _(
                        "%(provider)s payouts are read through a %(platform)s shop: map a "
                        "shop's %(gateway)s gateway to the %(journal)s journal first.",
                        provider=self._provider_label(),
                        platform=dict(
                            self.env["ecom.shop"]
                            ._fields["platform"]
                            ._description_selection(self.env)
                        ).get(spec.platform, spec.platform),
                        gateway=spec.code,
                        journal=self.journal_id.name,
                    )
                )
        Payout = self.env["ecom.payout"].with_company(self.company_id)
        payouts = Payout
        counts = dict.fromkeys(("received", "booked", "pending", "review", "duplicates"), 0)
        for shop in shops:
            result = Payout._ecom_pull(self.provider, shop=shop)
            payouts |= result["payouts"]
            for key in counts:
                counts[key] += result["counts"][key]
        in_review = payouts.filtered(lambda p: p.state == "review")
        message = _(
            "%(payouts)s payouts, %(received)s transactions: %(booked)s booked, "
            "%(review)s in review, %(pending)s waiting for their payout, "
            "%(duplicates)s already received.",
            payouts=len(payouts),
            **counts,
        )
        if in_review:
            message += " " + _("To review: %(names)s.", names=", ".join(in_review.mapped("name")))
        return notification_action(
            message,
            kind="warning" if in_review else "success",
            title=_("%(provider)s payouts pulled", provider=self._provider_label()),
            sticky=bool(in_review),
        )

    def _provider_label(self):
        return dict(self._fields["provider"]._description_selection(self.env))[self.provider]

    @api.model
    def _ecom_for(self, company, provider, shop=None):
        """The account set of ``provider`` in ``company``, made with defaults if missing.

        :raises UserError: when no journal can be found for the provider
        """
        found = self.search([("company_id", "=", company.id), ("provider", "=", provider)], limit=1)
        if found:
            return found
        Journal = self.env["account.journal"].with_company(company)
        gateway_journal = shop and shop._ecom_gateway_journal(provider)
        if not gateway_journal:
            maps = self.env["ecom.payment.map"].search(
                [("company_id", "=", company.id), ("gateway", "=ilike", provider)], limit=1
            )
            gateway_journal = maps.journal_id
        if not gateway_journal:
            raise UserError(
                _(
                    "No journal for %(provider)s payouts in %(company)s: map the shop's "
                    "%(provider)s gateway to its journal, or set the payout accounts in "
                    "Accounting ▸ Configuration ▸ Payout Accounts.",
                    provider=dict(self._fields["provider"]._description_selection(self.env))[
                        provider
                    ],
                    company=company.name,
                )
            )
        bank = Journal.search(
            [
                ("type", "=", "bank"),
                ("company_id", "=", company.id),
                ("id", "!=", gateway_journal.id),
                (
                    "id",
                    "not in",
                    self.env["ecom.payment.map"]
                    .search([("company_id", "=", company.id)])
                    .journal_id.ids,
                ),
            ],
            limit=1,
        )
        vals = {
            "company_id": company.id,
            "provider": provider,
            "journal_id": gateway_journal.id,
            "bank_journal_id": (bank or gateway_journal).id,
        }
        names = self._ecom_default_account_names()
        for field, prefix, code, account_type in DEFAULT_ACCOUNTS:
            vals[field] = self._ecom_default_account(
                company, prefix, code, account_type, names[field]
            ).id
        return self.sudo().create(vals).sudo(False)  # the rules' defaults, made for anyone booking

    @api.model
    def _ecom_default_account(self, company, prefix, code, account_type, name):
        Account = self.env["account.account"].with_company(company)
        domain = [*Account._check_company_domain(company), ("deprecated", "=", False)]
        account = Account.search([*domain, ("code", "=", code)], limit=1)
        if not account and prefix:
            account = Account.search(
                [*domain, ("code", "=like", f"{prefix}%"), ("account_type", "=", account_type)],
                order="code",
                limit=1,
            )
        if account:
            return account
        return Account.sudo().create(
            {
                "code": code,
                "name": name,
                "account_type": account_type,
                "reconcile": account_type == "asset_current",
                "company_ids": [Command.set(company.ids)],
            }
        )

    def _ecom_default_account_names(self):
        return {
            "fee_account_id": _("Payment provider fees"),
            "dispute_account_id": _("Payment disputes (chargebacks)"),
            "reserve_account_id": _("Funds held by payment providers"),
            "adjustment_account_id": _("Payment provider adjustments"),
        }

    def _ecom_clearing_account(self):
        """The provider journal's outstanding receipts account (where order payments wait)."""
        return self._ecom_outstanding_account(self.journal_id)

    def _ecom_deposit_account(self):
        """The bank journal's outstanding receipts account (where the deposit waits)."""
        return self._ecom_outstanding_account(self.bank_journal_id)

    def _ecom_outstanding_account(self, journal):
        """The journal's outstanding receipts account, else the company's transfer account.

        Odoo 18 has no company-wide outstanding receipts account: a journal whose
        payment method sets none sends the deposit through the liquidity transfer
        account, which its bank statement line is then reconciled with.
        """
        method = journal.inbound_payment_method_line_ids.filtered("payment_account_id")[:1]
        return method.payment_account_id or journal.company_id.transfer_account_id
