from odoo import fields, models


class EcomReviewItem(models.Model):
    """An imported order the rules would not post: it waits for the accountant."""

    _name = "ecom.review.item"
    _description = "Web Shop Review Item"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    sale_order_id = fields.Many2one("sale.order", index=True)
    shop_id = fields.Many2one("ecom.shop", index=True)
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done"), ("ignored", "Ignored")],
        required=True,
        default="todo",
        tracking=True,
    )
