# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class EcomOrderImporter(models.AbstractModel):
    _inherit = "ecom.order.importer"

    def _finalize(self, shop, results, problems):
        """After each import batch, its orders go to the posting rules.

        As a queue job by default (channel root.ecom); synchronously when the
        command line asks (context ``ecom_post_sync``).
        """
        result = super()._finalize(shop, results, problems)
        orders = self.env["sale.order"].browse([sale_order.id for _p, _o, sale_order in results])
        # Part of the import, as the orders' creation: not tracked in their chatter.
        orders.filtered(lambda o: not o.ecom_posting_state).with_context(mail_notrack=True).write(
            {"ecom_posting_state": "pending"}
        )
        orders._ecom_queue_posting()
        return result

    def _record_late_changes(self, late):
        """Refunds, cancellations and chargebacks on posted orders open review items,
        for the batch's orders together (their credit notes too).

        As the system: whoever imports (shop staff, a webhook) may have no
        accounting rights; the rules, not the importer, write the books.
        """
        result = super()._record_late_changes(late)
        orders = self.env["sale.order"].browse([sale_order.id for _p, _o, sale_order in late])
        if orders:
            self.env["ecom.posting.engine"].sudo()._review_after_posting(orders.sudo())
        return result

    def _taxes_created(self, tax_maps, sale_orders):
        """One review item per tax the import created from the shop (not one per order).

        As the system, as for the events above: the importer may have no
        accounting rights.
        """
        first_order = super()._taxes_created(tax_maps, sale_orders)
        # As the system: the review queue is the accountant's, not the importer's.
        review_items_sudo = self.env["ecom.review.item"].sudo()
        for tax_map in tax_maps:
            order = first_order.get(tax_map.id)
            if order:
                review_items_sudo._ecom_open_for_created_tax(tax_map.sudo(), order.sudo())
        return first_order
