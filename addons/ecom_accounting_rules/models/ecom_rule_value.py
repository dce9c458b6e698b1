# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

from odoo.addons.ecom_connector.const import FINANCIAL_STATUS_SELECTION, ORDER_ORIGINS

# What a posting rule can be conditioned on, beside records of their own (shops,
# payment mappings, currencies): the connector's codes, each a record with its label.
RULE_VALUE_KINDS = {
    "financial_status": FINANCIAL_STATUS_SELECTION,
    "origin": ORDER_ORIGINS,
}


class EcomRuleValue(models.Model):
    """A shop payment status or an order origin, as a tag a posting rule can name.

    One record per code of the connector's vocabulary (``const.py``), shipped as
    data (``data/ecom_rule_value_data.xml``) with a translatable label.
    """

    _name = "ecom.rule.value"
    _description = "Posting Rule Condition Value"
    _order = "kind, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, readonly=True)
    kind = fields.Selection(
        [("financial_status", "Shop Payment Status"), ("origin", "Order Origin")],
        required=True,
        readonly=True,
    )
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_uniq", "unique(kind, code)", "A code is listed once per kind."),
    ]

    @api.model
    def _ecom_get(self, kind, codes):
        """The values of ``kind`` for ``codes`` (codes unknown to the vocabulary are left out)."""
        return self.search([("kind", "=", kind), ("code", "in", list(codes))])
