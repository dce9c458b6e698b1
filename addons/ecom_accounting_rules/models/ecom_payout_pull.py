# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The pull of payouts: from the providers' APIs, announced by their signed webhooks.

What differs from one provider to the next (reached through a shop or with
the account set's keys, payouts listed or found among the transactions, a
webhook or not) is declared in its folder, ``payouts/<provider>/``.
"""

import json
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ecom_connector.adapters.canonical import PayloadError
from odoo.addons.ecom_connector.clients.http import ShopApiError, TransientError
from odoo.addons.ecom_connector.platforms import get_platform
from odoo.addons.ecom_connector.tools import in_company_lang
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from .. import payouts as parsers

_logger = logging.getLogger(__name__)


class EcomPayout(models.Model):
    _inherit = "ecom.payout"

    @api.model
    def _ecom_pull(self, provider, shop=None, since=None, session=None):
        """Pull ``provider``'s payouts since ``since`` (a date) and their transactions, then book.

        :param shop: the shop (a provider reached through a shop: its URL and token)
        :return: what :meth:`_ecom_receive` returns
        :raises UserError: when the provider refuses or cannot be reached
        """
        spec = parsers.get_provider(provider)
        company = shop.company_id if shop else self.env.company
        accounts = self.env["ecom.payout.account.set"]._ecom_for(company, provider, shop)
        client = self._ecom_payout_client(provider, accounts, shop, session)
        merged = parsers.ParsedPayouts()
        try:
            if not spec.lists_payouts:
                # No payout object: the parser finds the payouts among the transactions.
                start = since or fields.Date.context_today(self) - timedelta(
                    days=spec.first_pull_days
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
                        self._ecom_merge(
                            merged, self._ecom_payout_pages(provider, client, payout.external_id)
                        )
        except ShopApiError as error:
            raise UserError(
                _("%(provider)s: %(error)s", provider=spec.label, error=error.sentence(self.env))
            ) from None
        except PayloadError as error:
            raise UserError(
                _(
                    "%(provider)s answered what it does not document: %(error)s",
                    provider=spec.label,
                    error=error.sentence(self.env),
                )
            ) from None
        return self._ecom_receive(provider, merged, company=company, shop=shop)

    @api.model
    def _ecom_payout_pages(self, provider, client, payout_id):
        """The transactions of payout ``payout_id``, read page by page, as one parsed whole."""
        merged = parsers.ParsedPayouts()
        for page in client.transactions(payout_id):
            parsed = parsers.parse(provider, page)
            for txn in parsed.transactions:
                txn.payout_external_id = payout_id
            self._ecom_merge(merged, parsed)
        return merged

    @staticmethod
    def _ecom_merge(into, parsed):
        into.payouts += parsed.payouts
        into.transactions += parsed.transactions
        return into

    @api.model
    def _ecom_payout_client(self, provider, accounts, shop=None, session=None):
        """The API client of ``provider``: with the shop's address and token, or the set's keys.

        :raises UserError: when the shop or the account set lacks what the provider needs
        """
        spec = parsers.get_provider(provider)
        # As the system: the credentials are readable by connector managers only,
        # and a pull runs for whoever starts it (a cron, the command line).
        if spec.through_shop:
            shop_sudo = shop.sudo() if shop else shop
            # The shop's own API secret: the first credential its platform declares
            # (a Shopify shop's access token, a Mirakl shop's API key).
            token_field = get_platform(spec.platform).credential_fields[0]
            if (
                not shop_sudo
                or shop_sudo.platform != spec.platform
                or not shop_sudo.api_url
                or not shop_sudo[token_field]
            ):
                raise UserError(
                    _(
                        "%(provider)s payouts are pulled with a %(platform)s shop's URL and "
                        "token: name a connected shop.",
                        provider=spec.label,
                        platform=dict(
                            self.env["ecom.shop"]
                            ._fields["platform"]
                            ._description_selection(self.env)
                        ).get(spec.platform, spec.platform),
                    )
                )
            return parsers.get_payout_client(
                provider,
                {"token": shop_sudo[token_field]},
                shop_url=shop_sudo.api_url,
                session=session,
            )
        accounts_sudo = accounts.sudo()
        if not accounts_sudo.api_key:
            raise UserError(
                _(
                    "Set the API key of %(provider)s in Accounting ▸ Configuration ▸ "
                    "Payout Accounts.",
                    provider=spec.label,
                )
            )
        # The provider's own host (fixed in its folder): see clients.payouts.api_base_url.
        return parsers.get_payout_client(
            provider,
            {
                "key": accounts_sudo.api_key,
                "secret": accounts_sudo.api_secret,
                "refresh_token": accounts_sudo.refresh_token,
            },
            sandbox=accounts_sudo.sandbox,
            session=session,
        )

    @api.model
    def _ecom_webhook(self, provider, account_set_id, body, headers, now=None):
        """Handle one payout webhook call: verify, store the payout, queue its transactions' pull.

        :param str provider: the provider named by the route
        :param headers: the call's headers (a mapping)
        :return: (HTTP status, a short reason)
        """
        spec = parsers.PROVIDERS.get(provider)
        accounts_sudo = self.env["ecom.payout.account.set"].sudo().browse(account_set_id).exists()
        if not spec or not spec.webhook or not accounts_sudo or accounts_sudo.provider != spec.code:
            return 404, "unknown account set"
        signature = headers.get(spec.webhook.signature_header)
        problem = spec.webhook.verify(body, signature, accounts_sudo.webhook_secret, now=now)
        if problem:
            _logger.warning("%s payout webhook %s refused: %s", provider, account_set_id, problem)
            return 401, problem
        try:
            event = json.loads(body)
        except ValueError:
            return 400, "not JSON"
        if not spec.webhook.takes(event):
            return 200, "event not taken"
        # As the system: the provider, authenticated by its signature, is the caller.
        payout_model = in_company_lang(self.sudo().with_company(accounts_sudo.company_id))
        try:
            parsed = parsers.parse(provider, body)
        except PayloadError as error:
            return 400, str(error)
        received = payout_model._ecom_receive(provider, parsed, company=accounts_sudo.company_id)
        payouts = received["payouts"].filtered(lambda p: p.status == "paid" and not p.move_id)
        if payouts and accounts_sudo.api_key:
            payouts._ecom_delay_pull_transactions()
        return 200, "stored"

    def _ecom_delay_pull_transactions(self):
        """Queue the pull of these payouts' transactions: once while such a job waits.

        :return: the delayed job (``queue.job`` machinery's result of ``with_delay``)
        """
        return self.with_delay(
            description=_(
                "Pull the transactions of %(payouts)s",
                payouts=", ".join(self.mapped("name")),
            ),
            identity_key=identity_exact,
        )._ecom_pull_transactions_job()

    def _ecom_pull_transactions_job(self, session=None):
        """Job: pull the balance transactions of these payouts, then book them.

        A second run changes nothing: the transactions already stored are
        duplicates, and a booked payout stays booked.
        :raises RetryableJobError: when the provider cannot answer now
        """
        for payout in self:
            accounts = payout.account_set_id or self.env["ecom.payout.account.set"]._ecom_for(
                payout.company_id, payout.provider, payout.shop_id
            )
            client = self._ecom_payout_client(payout.provider, accounts, payout.shop_id, session)
            try:
                merged = self._ecom_payout_pages(payout.provider, client, payout.external_id)
            except TransientError as error:
                raise RetryableJobError(
                    error.sentence(self.env), seconds=int(error.retry_after)
                ) from error
            except ShopApiError as error:
                raise UserError(error.sentence(self.env)) from None
            self._ecom_receive(
                payout.provider, merged, company=payout.company_id, shop=payout.shop_id
            )
        return True
