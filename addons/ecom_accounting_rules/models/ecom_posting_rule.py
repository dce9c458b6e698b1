from odoo import fields, models


class EcomPostingRule(models.Model):
    """How imported orders reach the books: ordered, first match wins."""

    _name = "ecom.posting.rule"
    _description = "Web Shop Posting Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    shop_ids = fields.Many2many("ecom.shop", string="Shops", help="Empty: every shop.")
    action = fields.Selection(
        [
            ("post", "Invoice, post and register the payment"),
            ("invoice", "Invoice only (payment expected later)"),
            ("review", "Send to review"),
        ],
        required=True,
        default="post",
    )
