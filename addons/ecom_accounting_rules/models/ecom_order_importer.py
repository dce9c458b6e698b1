from odoo import _, models


class EcomOrderImporter(models.AbstractModel):
    _inherit = "ecom.order.importer"

    def _finalize(self, shop, results, problems):
        """After each import batch, its orders go to the posting rules.

        As a queue job by default (channel root.ecom); synchronously when the
        command line asks (context ``ecom_post_sync``).
        """
        result = super()._finalize(shop, results, problems)
        orders = self.env["sale.order"].browse([sale_order.id for _p, _o, sale_order in results])
        orders.filtered(lambda o: not o.ecom_posting_state).write({"ecom_posting_state": "pending"})
        orders._ecom_queue_posting()
        return result

    def _record_late_change(self, sale_order, payload, order):
        """Refunds, cancellations and chargebacks on posted orders open review items."""
        result = super()._record_late_change(sale_order, payload, order)
        self.env["ecom.posting.engine"]._review_after_posting(sale_order)
        return result


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _ecom_queue_posting(self):
        """Post these orders now (``ecom_post_sync`` in context) or in a queue job."""
        todo = self.filtered(lambda o: o.ecom_posting_state in ("pending", "review"))
        if not todo:
            return
        if self.env.context.get("ecom_post_sync"):
            self.env["ecom.posting.engine"]._post_orders(todo)
            return
        todo.with_delay(
            description=_("Post %(count)s web orders", count=len(todo)),
            identity_key=f"ecom.post:{','.join(map(str, todo.ids))}",
        )._ecom_post_job()

    def _ecom_post_job(self):
        """Job: post these orders as the rules say (does nothing for orders already posted)."""
        self.env["ecom.posting.engine"]._post_orders(self.exists())
        return True

    def _cron_ecom_post_pending(self):
        """Post web orders still waiting (confirmed later, or their mapping fixed since)."""
        orders = self.search(
            [
                ("ecom_shop_id", "!=", False),
                ("ecom_posting_state", "=", "pending"),
                ("state", "in", ("sale", "done", "cancel")),
            ],
            limit=5000,
        )
        self.env["ecom.posting.engine"]._post_orders(orders)
        return True
