# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models
from odoo.http import request

from ..const import WEBHOOK_ROUTE


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        """A webhook delivery asks for no language, or one not installed: it gets
        the first installed language (a cached list) rather than the company's,
        which Odoo would read through the superuser, its company and partner
        (three queries in a request that only stores and queues)."""
        if rule.rule.startswith(f"{WEBHOOK_ROUTE}/"):
            installed = [code for code, _name in request.env["res.lang"].get_installed()]
            if request.env.context.get("lang") not in installed:
                request.update_context(lang=installed[0])
        return super()._pre_dispatch(rule, args)
