# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Payouts pulled from the providers' APIs, and Stripe's signed payout webhooks."""

import json
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ecom_connector.adapters.canonical import PayloadError
from odoo.addons.ecom_connector.clients.http import ShopApiError
from odoo.addons.ecom_connector.const import PAYPAL_MAX_WINDOW_DAYS, STRIPE_PAYOUT_EVENTS
from odoo.addons.ecom_connector.tools import in_company_lang, notification_action

from .. import payouts as parsers
from ..clients import get_payout_client
from ..payouts.stripe import verify_signature

_logger = logging.getLogger(__name__)


class EcomPayout(models.Model):
    _inherit = "ecom.payout"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _ecom_pull(self, provider, shop=None, since=None, session=None):
        """Pull ``provider``'s payouts since ``since`` (a date) and their transactions, then book.

        :param shop: the shop (Shopify Payments: its URL and token)
        :return: what :meth:`_ecom_receive` returns
        :raises UserError: when the provider refuses or cannot be reached
        """
        company = shop.company_id if shop else self.env.company
        accounts = self.env["ecom.payout.account.set"]._ecom_for(company, provider, shop)
        client = self._ecom_payout_client(provider, accounts, shop, session)
        merged = parsers.ParsedPayouts()
        try:
            if provider == "paypal":
                start = since or fields.Date.context_today(self) - timedelta(
                    days=PAYPAL_MAX_WINDOW_DAYS
                )
                for page in client.transactions(start):
                    self._ecom_merge(merged, parsers.parse(provider, page))
            else:
                for page in client.payouts(since):
                    self._ecom_merge(merged, parsers.parse(provider, page))
                booked = set(
                    self.search(
                        [
                            ("company_id", "=", company.id),
                            ("provider", "=", provider),
                            ("move_id", "!=", False),
                        ]
                    ).mapped("external_id")
                )
                for payout in list(merged.payouts):
                    if payout.status == "paid" and payout.external_id not in booked:
                        for page in client.transactions(payout.external_id):
                            parsed = parsers.parse(provider, page)
                            for txn in parsed.transactions:
                                txn.payout_external_id = payout.external_id
                            self._ecom_merge(merged, parsed)
        except ShopApiError as error:
            raise UserError(
                _("%(provider)s: %(error)s", provider=provider, error=error.sentence(self.env))
            ) from None
        except PayloadError as error:
            raise UserError(
                _(
                    "%(provider)s answered what it does not document: %(error)s",
                    provider=provider,
                    error=str(error),
                )
            ) from None
        return self._ecom_receive(provider, merged, company=company, shop=shop)

    @staticmethod
    def _ecom_merge(into, parsed):
        into.payouts += parsed.payouts
        into.transactions += parsed.transactions
        return into

    @api.model
    def _ecom_payout_client(self, provider, accounts, shop=None, session=None):
        # As the system: the credentials are readable by connector managers only,
        # and a pull runs for whoever starts it (a cron, the command line).
        if provider == "shopify_payments":
            shop_sudo = shop.sudo() if shop else shop
            if not shop_sudo or not shop_sudo.api_url or not shop_sudo.access_token:
                raise UserError(
                    _(
                        "Shopify Payments payouts are pulled with a Shopify shop's URL and token: "
                        "name a connected shop."
                    )
                )
            client = get_payout_client(
                provider,
                {"token": shop_sudo.access_token},
                shop_url=shop_sudo.api_url,
                session=session,
            )
        else:
            accounts_sudo = accounts.sudo()
            if not accounts_sudo.api_key:
                raise UserError(
                    _(
                        "Set the API key of %(provider)s in Accounting ▸ Configuration ▸ "
                        "Payout Accounts.",
                        provider=provider,
                    )
                )
            # The provider's own host (fixed in code): see clients.payouts.api_base_url.
            client = get_payout_client(
                provider,
                {"key": accounts_sudo.api_key, "secret": accounts_sudo.api_secret},
                sandbox=accounts_sudo.sandbox,
                session=session,
            )
        return client

    @api.model
    def _ecom_stripe_webhook(self, account_set_id, body, signature, now=None):
        """Handle one Stripe webhook call: verify, store the payout, pull its transactions.

        :return: (HTTP status, a short reason)
        """
        accounts_sudo = self.env["ecom.payout.account.set"].sudo().browse(account_set_id).exists()
        if not accounts_sudo or accounts_sudo.provider != "stripe":
            return 404, "unknown account set"
        problem = verify_signature(body, signature, accounts_sudo.webhook_secret, now=now)
        if problem:
            _logger.warning("Stripe payout webhook %s refused: %s", account_set_id, problem)
            return 401, problem
        try:
            event = json.loads(body)
        except ValueError:
            return 400, "not JSON"
        if event.get("type") not in STRIPE_PAYOUT_EVENTS:
            return 200, "event not taken"
        # As the system: Stripe, authenticated by its signature, is the caller.
        payout_model = in_company_lang(self.sudo().with_company(accounts_sudo.company_id))
        try:
            parsed = parsers.parse("stripe", body)
        except PayloadError as error:
            return 400, str(error)
        received = payout_model._ecom_receive("stripe", parsed, company=accounts_sudo.company_id)
        payouts = received["payouts"].filtered(lambda p: p.status == "paid" and not p.move_id)
        if payouts and accounts_sudo.api_key:
            payouts.with_delay(
                description=_(
                    "Pull the transactions of %(payouts)s",
                    payouts=", ".join(payouts.mapped("name")),
                )
            )._ecom_pull_transactions_job()
        return 200, "stored"

    def _ecom_pull_transactions_job(self, session=None):
        """Job: pull the balance transactions of these payouts, then book them."""
        for payout in self:
            accounts = payout.account_set_id or self.env["ecom.payout.account.set"]._ecom_for(
                payout.company_id, payout.provider, payout.shop_id
            )
            client = self._ecom_payout_client(payout.provider, accounts, payout.shop_id, session)
            merged = parsers.ParsedPayouts()
            for page in client.transactions(payout.external_id):
                parsed = parsers.parse(payout.provider, page)
                for txn in parsed.transactions:
                    txn.payout_external_id = payout.external_id
                self._ecom_merge(merged, parsed)
            self._ecom_receive(
                payout.provider, merged, company=payout.company_id, shop=payout.shop_id
            )
        return True


class EcomPayoutAccountSet(models.Model):
    _inherit = "ecom.payout.account.set"  # pylint: disable=consider-merging-classes-inherited

    def action_pull_payouts(self):
        """Pull this provider's payouts now, book them, and say what came in a notification.

        Shopify Payments is read through each Shopify shop of the company whose
        ``shopify_payments`` gateway is mapped; Stripe and PayPal with this set's key.
        :raises UserError: when the provider cannot be reached or refuses the credentials
        :raises AccessError: for a user who may not change this set (its
            credentials are sent): billing users read it, they do not pull
        """
        self.ensure_one()
        self.check_access("write")
        shops = [None]
        if self.provider == "shopify_payments":
            shops = self.env["ecom.shop"].search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("platform", "=", "shopify"),
                    ("payment_map_ids.gateway", "=", "shopify_payments"),
                ]
            )
            if not shops:
                raise UserError(
                    _(
                        "Shopify Payments payouts are read through a Shopify shop: map a shop's "
                        "shopify_payments gateway to the %(journal)s journal first.",
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
