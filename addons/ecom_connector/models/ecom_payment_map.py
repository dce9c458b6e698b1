from odoo import fields, models


class EcomPaymentMap(models.Model):
    """A shop's payment gateway and the journal its payments are booked in."""

    _name = "ecom.payment.map"
    _description = "Shop Payment Mapping"
    _order = "shop_id, gateway"

    shop_id = fields.Many2one("ecom.shop", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="shop_id.company_id", store=True)
    gateway = fields.Char(required=True, help="The gateway's name as the shop sends it.")
    journal_id = fields.Many2one(
        "account.journal",
        required=True,
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash', 'credit')), ('company_id', '=', company_id)]",
    )

    _sql_constraints = [
        ("gateway_uniq", "unique(shop_id, gateway)", "A gateway is mapped once per shop."),
    ]
