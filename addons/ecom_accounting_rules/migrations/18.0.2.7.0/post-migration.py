# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The web sales summary journals (VTWEB) become sales journals (18.0.2.7.0).

E-reporting modules read the VAT lines of sales journals: a daily summary
entry in a miscellaneous journal was invisible to them. Odoo lets a journal
with entries change its type (through the ORM, which keeps its mail alias
coherent); the entries already there keep their numbers, and the journal goes
on in their monthly format (VTWEB/2026/11/0001). A shop's own summary journal
is the accountant's choice and is left as it is.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    journals = (
        env["account.journal"]
        .with_context(active_test=False)
        .search([("code", "=", "VTWEB"), ("type", "=", "general")])
    )
    if not journals:
        return
    journals.write({"type": "sale"})
    _logger.info("Summary journals %s are sales journals now.", journals.ids)
