# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import re
import unicodedata
from datetime import timedelta
from urllib.parse import urlparse

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..clients import ShopApiError
from ..tools import notification_action

# Addresses that may be reached over plain http: this machine (tests, tunnels).
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


class EcomShop(models.Model):
    """Connecting a shop: a safe address, a code suggested from the name, a connection test."""

    _inherit = "ecom.shop"  # pylint: disable=consider-merging-classes-inherited

    @api.constrains("api_url")
    def _check_api_url(self):
        for shop in self.sudo():
            url = (shop.api_url or "").strip()
            if not url.lower().startswith("http://"):
                continue
            if urlparse(url).hostname not in LOOPBACK_HOSTS:
                raise ValidationError(
                    _(
                        "%(shop)s: the shop's address %(url)s is not encrypted (http://). "
                        "Use https://, or credentials and customer data travel in clear.",
                        shop=shop.name,
                        url=url,
                    )
                )

    @api.onchange("name")
    def _onchange_name_suggest_code(self):
        """A new shop gets a code from its name (``Boutique Démo`` → ``BOUTIQUE-DEMO``)."""
        if self.name and not self.code:
            self.code = suggested_code(self.name)

    def action_test_connection(self):
        """Ask the shop for its orders of the last day and say what it answered."""
        success, message = self._ecom_test_connection()
        return self._ecom_connection_notification("success" if success else "danger", message)

    def _ecom_test_connection(self):
        """Ask the shop for its orders of the last day with its credentials.

        :return: ``(success, message)``: whether the shop answered as expected, and
            what it answered, in a sentence (secrets masked)
        """
        self.ensure_one()
        self._ecom_check_pullable()
        try:
            since = fields.Datetime.now() - timedelta(days=1)
            page = self._ecom_pull_client().fetch_page(since)
        except ShopApiError as error:
            return False, _(
                "%(shop)s did not answer as expected: %(error)s", shop=self.name, error=error
            )
        return True, _(
            "%(shop)s answered: connection and credentials work "
            "(%(count)s orders changed in the last 24 hours on the first page).",
            shop=self.name,
            count=len(page.documents),
        )

    def _ecom_connection_notification(self, kind, message):
        return notification_action(
            message, kind=kind, title=_("Connection Test"), sticky=kind == "danger"
        )


def suggested_code(name):
    """An upper-case code from a shop's name: letters and digits, words joined by ``-``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_name)
    return "-".join(words).upper()[:20].strip("-")
