# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class EcomProductMap(models.Model):
    """A shop's SKU and the Odoo product its lines are imported as.

    For a SKU the shop sends that is no product's internal reference (a
    variant named differently in the shop, an old reference): the import
    takes the mapped product before looking for one by reference.
    """

    _name = "ecom.product.map"
    _inherit = "ecom.shop.map.mixin"
    _description = "Shop SKU Mapping"
    _order = "shop_id, sku"
    _rec_name = "sku"

    sku = fields.Char(
        string="Shop SKU", required=True, help="The SKU exactly as the shop sends it."
    )
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        ondelete="cascade",
        help="The product the shop's lines with this SKU are imported as.",
    )
    held_order_count = fields.Integer(
        compute="_compute_held_order_count",
        string="Held Orders",
        help="Orders of the shop still held for an unknown product on a line with this SKU.",
    )

    _sql_constraints = [
        ("sku_uniq", "unique(shop_id, sku)", "A SKU is mapped once per shop."),
    ]

    def _compute_held_order_count(self):
        held = self._ecom_held_orders()
        for mapping in self:
            mapping.held_order_count = len(
                held.filtered(
                    lambda order, m=mapping: order.ecom_shop_id == m.shop_id
                    and m.sku in order.order_line.mapped("ecom_sku")
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("sku"):
                vals["sku"] = vals["sku"].strip()
        return super().create(vals_list)

    def action_reprocess_held(self):
        """Import again the held orders that named these SKUs, with a notification."""
        orders = self._ecom_held_orders()
        if not orders:
            raise UserError(_("No order is held for these SKUs: nothing to reprocess."))
        return self._ecom_reprocess_orders(orders)

    def _ecom_held_orders(self):
        """The orders of these mappings' shops held for an unknown product on one of their SKUs."""
        if not self:
            return self.env["sale.order"]
        reason = self.env.ref("ecom_connector.reason_unknown_product")
        return self.env["sale.order"].search(
            [
                ("ecom_shop_id", "in", self.shop_id.ids),
                ("ecom_hold_reason_ids", "in", reason.ids),
                ("order_line.ecom_sku", "in", self.mapped("sku")),
            ]
        )

    def _ecom_reprocess_orders(self, orders):
        """Reprocess ``orders``' payloads; the notification says what the mappings did.

        :return: a ``display_notification`` client action
        """
        payloads = orders.ecom_payload_id
        payloads._ecom_reprocess()
        action = payloads._ecom_outcome_notification()
        skus = ", ".join(self.mapped("sku"))
        action["params"]["title"] = (
            _("%(skus)s mapped: 1 held order reprocessed", skus=skus)
            if len(orders) == 1
            else _(
                "%(skus)s mapped: %(count)s held orders reprocessed", skus=skus, count=len(orders)
            )
        )
        return action
