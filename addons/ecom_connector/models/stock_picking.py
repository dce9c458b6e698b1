# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from collections import defaultdict

from odoo import SUPERUSER_ID, _, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from ..clients import ShopApiError, TransientError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    ecom_shipped_at = fields.Datetime(
        string="Shipped in the Shop",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="When the shop was told this delivery left, with its tracking number.",
    )
    ecom_shipment_error = fields.Char(
        string="Shop Refused the Shipment",
        compute="_compute_ecom_shipment_error",
        groups="base.group_user",
        help="Why the shop did not take this delivery's shipment (the last failed try), in a "
        "sentence that says what to check.",
    )

    def _compute_ecom_shipment_error(self):
        # Read as superuser: the warehouse user who validated need not see the job queue.
        failed_sudo = (
            self.env["queue.job"]
            .sudo()
            .search(
                [
                    ("model_name", "=", "stock.picking"),
                    ("method_name", "=", "_ecom_push_shipment"),
                    ("state", "=", "failed"),
                ],
                order="date_created desc",
            )
            if self.filtered(lambda p: p.state == "done" and not p.ecom_shipped_at)
            else self.env["queue.job"]
        )
        for picking in self:
            job = next(
                (
                    job
                    for job in failed_sudo
                    if not picking.ecom_shipped_at and picking.id in job.records.ids
                ),
                None,
            )
            picking.ecom_shipment_error = job.exc_message if job else False

    def _action_done(self):
        result = super()._action_done()
        self._ecom_queue_shipment_push()
        return result

    def _ecom_queue_shipment_push(self):
        """Queue one job per validated delivery of an imported order whose shop wants it.

        Read as superuser: the warehouse user validating need not see the shops.
        """
        for picking_sudo in self.sudo():
            shop_sudo = picking_sudo.sale_id.ecom_shop_id
            if (
                picking_sudo.state == "done"
                and picking_sudo.picking_type_code == "outgoing"
                and shop_sudo.push_shipments
                and picking_sudo.sale_id.ecom_external_id
                and not picking_sudo.ecom_shipped_at
            ):
                picking_sudo.with_user(SUPERUSER_ID).with_delay(
                    description=_(
                        "Tell %(shop)s that %(picking)s shipped",
                        shop=shop_sudo.name,
                        picking=picking_sudo.name,
                    ),
                    identity_key=identity_exact,
                )._ecom_push_shipment()

    def _ecom_push_shipment(self):
        """Job: mark the shop order shipped, with the carrier and the tracking number.

        Re-checks first that the delivery is done and not yet reported: a job
        run twice tells the shop once. The shop lines shipped are those of the
        delivery's moves (a partial delivery fulfils part of the order).
        :return: a sentence on what was sent
        """
        self.ensure_one()
        order = self.sale_id
        shop = order.ecom_shop_id.with_company(order.company_id)
        if self.state != "done" or self.ecom_shipped_at or not shop.push_shipments:
            return "Nothing to send."
        lines = defaultdict(float)
        for move in self.move_ids.filtered(lambda m: m.state == "done"):
            sale_line = move.sale_line_id
            if sale_line.ecom_external_id:
                lines[sale_line.ecom_external_id] += move.product_uom._compute_quantity(
                    move.quantity, sale_line.product_uom
                )
        # The order is complete in the shop when no other delivery is still to go.
        complete = not order.picking_ids.filtered(
            lambda p: p != self
            and p.picking_type_code == "outgoing"
            and p.state not in ("done", "cancel")
        )
        try:
            sent = shop._ecom_pull_client().mark_shipped(
                order.ecom_external_id,
                {line: qty for line, qty in lines.items() if qty > 0},
                carrier=self.carrier_id.name or "",
                tracking_number=self.carrier_tracking_ref or "",
                tracking_url=self.carrier_tracking_url or "",
                complete=complete,
            )
        except TransientError as error:
            raise RetryableJobError(
                error.sentence(self.env), seconds=int(error.retry_after)
            ) from error
        except ShopApiError as error:
            raise UserError(error.sentence(self.env)) from None
        self.ecom_shipped_at = fields.Datetime.now()
        self.message_post(
            body=_(
                "Marked as shipped in %(shop)s (tracking number: %(tracking)s).",
                shop=shop.name,
                tracking=self.carrier_tracking_ref or _("none"),
            )
        )
        return sent

    def _ecom_remove_quantities(self, quantities):
        """Take refunded goods out of these deliveries, where they have not left yet.

        The rest of each delivery stays to ship: a move is reduced, or
        cancelled when nothing of it is left (a delivery without moves left is
        cancelled with them); what remains is reserved again.

        :param quantities: dict ``sale.order.line`` → quantity, in the sale line's unit
        :return: dict ``sale.order.line`` → quantity taken out (sale line's unit)
        """
        left = {line: qty for line, qty in quantities.items() if qty > 0}
        removed = defaultdict(float)
        open_pickings = self.filtered(
            lambda p: p.state not in ("done", "cancel") and p.picking_type_code == "outgoing"
        )
        moves = open_pickings.move_ids.filtered(
            lambda m: m.state not in ("done", "cancel") and m.sale_line_id in left
        )
        to_cancel, to_reduce = self.env["stock.move"], []
        for move in moves:
            sale_line = move.sale_line_id
            wanted = sale_line.product_uom._compute_quantity(left[sale_line], move.product_uom)
            take = min(wanted, move.product_uom_qty)
            rounding = move.product_uom.rounding
            if float_compare(take, 0.0, precision_rounding=rounding) <= 0:
                continue
            if float_compare(take, move.product_uom_qty, precision_rounding=rounding) >= 0:
                to_cancel |= move
            else:
                to_reduce.append((move, take))
            taken = move.product_uom._compute_quantity(take, sale_line.product_uom)
            removed[sale_line] += taken
            left[sale_line] -= taken
        # Unreserved, cancelled and reduced together, not move by move.
        reduced = self.env["stock.move"].union(*(move for move, _take in to_reduce))
        (to_cancel | reduced)._do_unreserve()
        to_cancel._action_cancel()
        for move, take in to_reduce:
            move.product_uom_qty -= take
        still_open = open_pickings.filtered(lambda p: p.state not in ("done", "cancel"))
        if removed and still_open:
            still_open.action_assign()
        return dict(removed)
