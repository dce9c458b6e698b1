# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import math
from collections import defaultdict

from odoo import SUPERUSER_ID, _, fields, models
from odoo.tools import float_compare, formatLang

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from ..clients import ShopApiError, TransientError
from ..tools import in_company_lang


class StockPicking(models.Model):
    _inherit = "stock.picking"

    ecom_shipped_at = fields.Datetime(
        string="Shipped in the Shop",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="When the shop was told this delivery left, with its tracking number.",
    )
    ecom_shipment_error = fields.Text(
        string="Shop Refused the Shipment",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="Why the shop refused to be told that this delivery left: fix it (the tracking "
        "number, the carrier) and send it again.",
    )

    def _action_done(self):
        result = super()._action_done()
        self._ecom_queue_shipment_push()
        return result

    def action_ecom_push_shipment(self):
        """Send the shipment of these deliveries to their shops again (after a refusal)."""
        self.check_access("write")
        self.sudo().ecom_shipment_error = False
        self._ecom_queue_shipment_push()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("The shipment will be sent to the shop shortly."),
            },
        }

    def _ecom_queue_shipment_push(self):
        """Queue one job per validated delivery of an imported order whose shop wants it.

        Not for a delivery the platform ships itself (Fulfilled by Amazon).
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
                and not shop_sudo._ecom_platform().ships_itself(shop_sudo, picking_sudo)
            ):
                in_company_lang(picking_sudo.with_user(SUPERUSER_ID)).with_delay(
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
        delivery's moves (a partial delivery fulfils part of the order). A
        refusal a person must fix (a missing tracking number, a carrier the
        shop does not take) is kept on the delivery, said in its chatter, and
        the delivery sent again from there (:meth:`action_ecom_push_shipment`).
        :return: a sentence on what was sent
        """
        self.ensure_one()
        order = self.sale_id
        shop = order.ecom_shop_id.with_company(order.company_id)
        if (
            self.state != "done"
            or self.ecom_shipped_at
            or not shop.push_shipments
            or shop._ecom_platform().ships_itself(shop, self)
        ):
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
                shipped_at=self.date_done,
                package_reference=self.id,
            )
        except TransientError as error:
            # Never sooner than asked (Amazon's 59.9 seconds is a minute).
            raise RetryableJobError(
                error.sentence(self.env), seconds=math.ceil(error.retry_after)
            ) from error
        except ShopApiError as error:
            sentence = error.sentence(self.env)
            self.ecom_shipment_error = sentence
            self.message_post(
                body=_(
                    "%(shop)s refused the shipment: %(reason)s",
                    shop=shop.name,
                    reason=sentence,
                )
            )
            return sentence
        self.write({"ecom_shipped_at": fields.Datetime.now(), "ecom_shipment_error": False})
        self.message_post(
            body=_(
                "Marked as shipped in %(shop)s (tracking number: %(tracking)s).",
                shop=shop.name,
                tracking=self.carrier_tracking_ref or _("none"),
            )
        )
        return sent

    def _ecom_done_by_platform(self, say_short=True):
        """Validate these deliveries, which the shop's platform shipped itself from
        its own warehouse (Fulfilled by Amazon): each in full (done = ordered), in
        one batch, with a note in its chatter in the company's language. Nothing
        is confirmed to the platform (it shipped them).

        Only what the warehouse holds leaves: a delivery whose stock is short
        there is not validated (no stock is made up), it waits, and, when
        ``say_short``, its chatter says which products are short.

        As the system: the import or the stock reading runs for people who need
        not be stock users; what they validate is what the platform says it shipped.

        :return: the deliveries validated
        """
        pickings_sudo = self.sudo().filtered(
            lambda p: p.state not in ("done", "cancel") and p.picking_type_code == "outgoing"
        )
        if not pickings_sudo:
            return self.browse()
        waiting_sudo = pickings_sudo.filtered(lambda p: p.state != "assigned")
        if waiting_sudo.move_ids:
            waiting_sudo.action_assign()
        ready_sudo = pickings_sudo.filtered(
            lambda p: all(m.state == "assigned" for m in p.move_ids if m.state != "cancel")
        )
        if ready_sudo:
            moves_sudo = ready_sudo.move_ids.filtered(lambda m: m.state == "assigned")
            moves_sudo.picked = True
            ready_sudo._action_done()
        for picking_sudo in pickings_sudo:
            picking = in_company_lang(picking_sudo)
            shop = picking.sale_id.ecom_shop_id
            if picking_sudo in ready_sudo:
                picking.message_post(
                    body=picking.env._(
                        "%(shop)s shipped this order from %(warehouse)s: the delivery is "
                        "validated as the shop reports it (nothing is confirmed to the shop).",
                        shop=shop.name,
                        warehouse=picking.picking_type_id.warehouse_id.name,
                    )
                )
            elif say_short:
                short = [
                    picking.env._(
                        "%(product)s (%(held)s of %(ordered)s)",
                        product=move.product_id.display_name,
                        held=formatLang(picking.env, move.quantity, dp="Product Unit of Measure"),
                        ordered=formatLang(
                            picking.env, move.product_uom_qty, dp="Product Unit of Measure"
                        ),
                    )
                    for move in picking.move_ids
                    if move.state not in ("assigned", "done", "cancel")
                ]
                picking.message_post(
                    body=picking.env._(
                        "%(shop)s shipped this order, but %(warehouse)s holds too little of "
                        "%(products)s: the delivery waits for that stock (none is made up). Read "
                        "the stock from the shop, or correct the warehouse's stock.",
                        shop=shop.name,
                        warehouse=picking.picking_type_id.warehouse_id.name,
                        products=", ".join(short),
                    )
                )
        return ready_sudo.with_env(self.env)

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
