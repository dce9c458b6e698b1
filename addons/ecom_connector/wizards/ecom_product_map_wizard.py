# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class EcomProductMapWizard(models.TransientModel):
    """Map the unknown SKUs of a held order to products, then reprocess what they held."""

    _name = "ecom.product.map.wizard"
    _description = "Map Unknown SKUs and Reprocess"
    _check_company_auto = True

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    shop_id = fields.Many2one(related="order_id.ecom_shop_id")
    company_id = fields.Many2one(related="order_id.company_id")
    line_ids = fields.One2many("ecom.product.map.wizard.line", "wizard_id", string="SKUs")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        order = self.env["sale.order"].browse(
            values.get("order_id") or self.env.context.get("active_id")
        )
        if order and "line_ids" in fields_list:
            values["order_id"] = order.id
            values["line_ids"] = [
                Command.create({"sku": sku, "name": name})
                for sku, name in order._ecom_unknown_skus().items()
            ]
        return values

    def action_map_and_reprocess(self):
        """Save a mapping per SKU and reprocess the shop's orders held for those SKUs."""
        self.ensure_one()
        lines = self.line_ids.filtered("product_id")
        if not lines:
            raise UserError(_("Choose the product of at least one SKU."))
        Map = self.env["ecom.product.map"]
        existing = Map.search(
            [("shop_id", "=", self.shop_id.id), ("sku", "in", lines.mapped("sku"))]
        )
        by_sku = {mapping.sku: mapping for mapping in existing}
        mappings = Map
        to_create = []
        for line in lines:
            if line.sku in by_sku:
                by_sku[line.sku].product_id = line.product_id
                mappings |= by_sku[line.sku]
            else:
                to_create.append(
                    {"shop_id": self.shop_id.id, "sku": line.sku, "product_id": line.product_id.id}
                )
        mappings |= Map.create(to_create)
        return mappings._ecom_reprocess_orders(mappings._ecom_held_orders() | self.order_id)


class EcomProductMapWizardLine(models.TransientModel):
    _name = "ecom.product.map.wizard.line"
    _description = "Unknown SKU to Map"

    wizard_id = fields.Many2one(
        "ecom.product.map.wizard", string="Assistant", required=True, ondelete="cascade"
    )
    sku = fields.Char(string="Shop SKU", required=True, readonly=True)
    name = fields.Char(string="Shop Description", readonly=True)
    product_id = fields.Many2one("product.product", string="Odoo Product")
