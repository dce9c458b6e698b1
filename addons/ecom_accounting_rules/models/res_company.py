# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ecom_rounding_tolerance = fields.Monetary(
        string="Web Shop Rounding Tolerance",
        currency_field="currency_id",
        default=0.02,
        help="Largest difference between a shop's total and Odoo's that is booked "
        "automatically to the rounding account; larger ones go to review.",
    )
    ecom_rounding_account_id = fields.Many2one(
        "account.account",
        string="Web Shop Rounding Account",
        check_company=True,
        help="Where differences within the tolerance are booked.",
    )
    ecom_difference_account_id = fields.Many2one(
        "account.account",
        string="Web Shop Difference Account",
        check_company=True,
        help="Where the accountant books a difference accepted in the review queue.",
    )
    ecom_loss_account_id = fields.Many2one(
        "account.account",
        string="Lost Parcel Account",
        check_company=True,
        help="Expense account for the goods of parcels the carrier lost.",
    )
    ecom_gift_card_account_id = fields.Many2one(
        "account.account",
        string="Gift Card Liability Account",
        check_company=True,
        help="Gift cards sold are owed to their holder: booked here, not as revenue; "
        "gift cards used to pay are taken from here.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["ecom.posting.rule"].sudo()._ecom_create_default_rules(companies)
        return companies
