# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import re
import unicodedata
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..clients import ShopApiError, TransientError
from ..clients.http import check_url
from ..tools import notification_action


class EcomShop(models.Model):
    """Connecting a shop: a safe address, a code suggested from the name, a connection test."""

    _inherit = "ecom.shop"  # pylint: disable=consider-merging-classes-inherited

    @api.constrains("api_url")
    def _check_api_url(self):
        """A public https address only (checked again before each call: DNS can change).

        A shop address without a scheme gets ``https://`` when called.
        """
        # As the system: the URL is readable by connector managers only, and the
        # check must hold whoever saves the shop.
        for shop_sudo in self.sudo():
            url = (shop_sudo.api_url or "").strip()
            if not url:
                continue
            if "://" not in url:
                url = f"https://{url}"
            try:
                check_url(url)
            except TransientError:
                continue  # not found in the DNS now: the call will say so
            except ShopApiError as error:
                raise ValidationError(
                    _(
                        "%(shop)s: the shop's address cannot be used. %(error)s",
                        shop=shop_sudo.name,
                        error=error.sentence(self.env),
                    )
                ) from None

    @api.onchange("name")
    def _onchange_name_suggest_code(self):
        """A new shop gets a code from its name (``Boutique Démo`` → ``BOUTIQUE-DEMO``)."""
        if self.name and not self.code:
            self.code = suggested_code(self.name)

    def action_test_connection(self):
        """Ask the shop for its orders of the last day and say what it answered.

        :raises AccessError: for a user who may not change the shop (its
            credentials are sent)
        """
        self.check_access("write")
        success, message = self._ecom_test_connection()
        return self._ecom_connection_notification("success" if success else "danger", message)

    def _ecom_test_connection(self):
        """Ask the shop for its orders of the last day with its credentials.

        :return: ``(success, message)``: whether the shop answered as expected, and
            what it answered, in a sentence (secrets masked)
        """
        self.ensure_one()
        self.check_access("write")
        self._ecom_check_pullable()
        try:
            since = fields.Datetime.now() - timedelta(days=1)
            page = self._ecom_pull_client().fetch_page(since)
        except ShopApiError as error:
            return False, _(
                "%(shop)s did not answer as expected: %(error)s",
                shop=self.name,
                error=error.sentence(self.env),
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
