from odoo import fields, models


class EcomReviewReason(models.Model):
    """Why an order waits in the review queue (data, shipped with the addon)."""

    _name = "ecom.review.reason"
    _description = "Web Shop Review Reason"
    _order = "sequence, id"

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)

    _sql_constraints = [("code_uniq", "unique(code)", "A review reason code is unique.")]

    def _by_codes(self):
        """All reasons, as a dict code → reason."""
        return {reason.code: reason for reason in self.search([])}
