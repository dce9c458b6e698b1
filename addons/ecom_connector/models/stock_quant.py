# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class StockQuant(models.Model):
    _inherit = "stock.quant"

    def _update_available_quantity(self, product_id, location_id, *args, **kwargs):
        result = super()._update_available_quantity(product_id, location_id, *args, **kwargs)
        self._ecom_stock_changed(product_id, location_id)
        return result

    def _update_reserved_quantity(self, product_id, location_id, *args, **kwargs):
        result = super()._update_reserved_quantity(product_id, location_id, *args, **kwargs)
        self._ecom_stock_changed(product_id, location_id)
        return result

    def _ecom_stock_changed(self, product, location):
        """Note that the free quantity of ``product`` changed at ``location``.

        Every quantity and reservation change goes through the two methods
        above; the pairs are gathered per transaction and handed to the shops
        once, before the transaction is committed (see
        :meth:`_ecom_mark_changed_stock`), not one query per move line.
        """
        if not (product.is_storable and product.default_code):
            return
        precommit = self.env.cr.precommit
        changed = precommit.data.setdefault("ecom.stock.changed", set())
        if not changed:
            precommit.add(self._ecom_mark_changed_stock)
        changed.add((product.id, location.id))

    def _ecom_mark_changed_stock(self):
        changed = self.env.cr.precommit.data.pop("ecom.stock.changed", set())
        if not changed:
            return
        # The user who moved the stock need not see the shops.
        env_sudo = self.env(su=True)
        Location_sudo = env_sudo["stock.location"]
        warehouses = Location_sudo.browse({location for _product, location in changed}).warehouse_id
        if not warehouses:
            return
        for shop_sudo in env_sudo["ecom.shop"].search([("push_stock", "=", True)]):
            warehouse = shop_sudo._ecom_warehouse()
            if warehouse not in warehouses:
                continue
            product_ids = {
                product
                for product, location in changed
                if Location_sudo.browse(location).warehouse_id == warehouse
            }
            shop_sudo._ecom_mark_stock(env_sudo["product.product"].browse(product_ids))
        # Precommit runs after the ORM's last flush of the transaction.
        env_sudo.flush_all()
