# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

from ..const import REASON_APPLIES_TO


class EcomReason(models.Model):
    """Why a web order waits for a person: held at import, sent to review, or both.

    Shipped as data; the code is what the importer, the rules and the guards use.
    """

    _name = "ecom.reason"
    _description = "Web Shop Order Reason"
    _order = "sequence, id"

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    applies_to = fields.Selection(
        REASON_APPLIES_TO,
        required=True,
        default="review",
        help="Holds the import: the imported order stays a quotation until the cause is "
        "fixed. Sends to review: the accountant decides before it reaches the books.",
    )

    _sql_constraints = [("code_uniq", "unique(code)", "A reason code is unique.")]

    @api.model
    def _by_code(self, stage):
        """The reasons that apply at ``stage`` (``hold`` or ``review``), as a dict code → reason."""
        return {
            reason.code: reason for reason in self.search([("applies_to", "in", (stage, "both"))])
        }
