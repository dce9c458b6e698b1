from odoo import fields, models


class EcomHoldReason(models.Model):
    """Why an imported order waits for a person (data, shipped with the addon)."""

    _name = "ecom.hold.reason"
    _description = "Order Hold Reason"
    _order = "sequence, id"

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)

    _sql_constraints = [("code_uniq", "unique(code)", "A hold reason code is unique.")]

    def _by_code(self, code):
        return self.search([("code", "=", code)], limit=1)
