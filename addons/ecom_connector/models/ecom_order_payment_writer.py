# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The shop's payments and refunds of imported orders, written as records.

One batch per import batch: the importer hands over (sale order, canonical
order) pairs; ``ecom.order.payment`` and ``ecom.order.refund`` records are
created, kept or rewritten here, in one ``create`` per model.
"""

import hashlib
import json

from odoo import Command, _, models
from odoo.exceptions import UserError


class EcomOrderImporter(models.AbstractModel):
    _inherit = "ecom.order.importer"  # pylint: disable=consider-merging-classes-inherited

    def _prepare_payment_vals(self, sale_order, payment):
        """Values of the ``ecom.order.payment`` for a canonical ``Payment``."""
        return {
            "sale_order_id": sale_order.id,
            "shop_id": sale_order.ecom_shop_id.id,
            "gateway": payment.gateway,
            "kind": payment.kind,
            "status": payment.status,
            "amount": float(payment.amount),
            "transaction_id": payment.transaction_id or False,
            "processed_at": payment.processed_at or False,
            "is_gift_card": payment.is_gift_card,
        }

    def _prepare_refund_vals(self, sale_order, refund, sale_line_ids):
        """Values of the ``ecom.order.refund`` for a canonical ``Refund``.

        :param sale_line_ids: the order's sale line ids by shop line id
        """
        lines = [
            {
                "line_external_id": line.line_external_id,
                "sale_line_id": sale_line_ids.get(line.line_external_id, False),
                "quantity": float(line.quantity),
                "amount": float(line.amount),
                "restock": line.restock,
            }
            for line in refund.lines
        ]
        vals = {
            "sale_order_id": sale_order.id,
            "shop_id": sale_order.ecom_shop_id.id,
            "external_id": refund.external_id,
            "amount": float(refund.amount),
            "shipping_amount": float(refund.shipping_amount),
            "reason": refund.reason or False,
            "restock": refund.restock,
            "created_at": refund.created_at or False,
        }
        vals["digest"] = hashlib.sha256(
            json.dumps([vals, lines], sort_keys=True, default=str).encode()
        ).hexdigest()
        vals["line_ids"] = [Command.create(line) for line in lines]
        return vals

    def _write_shop_payments(self, pairs):
        """Record the shop's payments and refunds of sale orders, in one batch.

        The orders' payments are replaced; their refunds are kept by refund id
        (others may point at them), rewritten only when the shop changed them,
        and dropped when the shop no longer lists them. As the system: they
        are the shop's facts, which users read and never write.

        :param pairs: a list of (sale order, canonical ``ShopOrder``)
        """
        if not pairs:
            return
        payments_sudo = self.env["ecom.order.payment"].sudo()
        refunds_sudo = self.env["ecom.order.refund"].sudo()
        order_ids = [sale_order.id for sale_order, _order in pairs]
        payment_vals = [
            self._prepare_payment_vals(sale_order, payment)
            for sale_order, order in pairs
            for payment in order.payments
        ]
        self._check_transactions(payment_vals, order_ids)
        self._check_refund_ids(pairs, order_ids)
        payments_sudo.search([("sale_order_id", "in", order_ids)]).unlink()
        existing = refunds_sudo.search([("sale_order_id", "in", order_ids)])
        by_key = {(refund.sale_order_id.id, refund.external_id): refund for refund in existing}
        kept, refund_vals = refunds_sudo, []
        for sale_order, order in pairs:
            sale_line_ids = {
                line.ecom_external_id: line.id
                for line in sale_order.order_line
                if line.ecom_external_id
            }
            refunds = {refund.external_id: refund for refund in order.refunds}
            for refund in refunds.values():
                vals = self._prepare_refund_vals(sale_order, refund, sale_line_ids)
                record = by_key.get((sale_order.id, refund.external_id))
                if not record:
                    refund_vals.append(vals)
                    continue
                kept |= record
                if record.digest != vals["digest"]:
                    record.write({**vals, "line_ids": [Command.clear(), *vals["line_ids"]]})
        (existing - kept).unlink()
        payments_sudo.create(payment_vals)
        refunds_sudo.create(refund_vals)

    def _check_transactions(self, payment_vals, order_ids):
        """A shop transaction belongs to one order: say which, rather than fail on the index.

        :raise UserError: when a transaction id of ``payment_vals`` is on another order
            (recorded, or in the same batch)
        """
        taken = {}
        for vals in payment_vals:
            if vals["transaction_id"]:
                key = (vals["shop_id"], vals["gateway"], vals["transaction_id"])
                if taken.setdefault(key, vals["sale_order_id"]) != vals["sale_order_id"]:
                    self._raise_transaction_taken(key, self.env["sale.order"].browse(taken[key]))
        if not taken:
            return
        recorded = (
            self.env["ecom.order.payment"]
            .sudo()
            .search(
                [
                    ("shop_id", "in", list({key[0] for key in taken})),
                    ("transaction_id", "in", list({key[2] for key in taken})),
                    ("sale_order_id", "not in", order_ids),
                ]
            )
        )
        for payment in recorded:
            key = (payment.shop_id.id, payment.gateway, payment.transaction_id)
            if key in taken:
                self._raise_transaction_taken(key, payment.sale_order_id)

    def _check_refund_ids(self, pairs, order_ids):
        """A shop refund belongs to one order: say which, rather than fail on the index.

        Refunds are unique by (shop, refund id); refunds without an id have
        one of their order (adapters/checks.py), so a clash is two orders the
        shop says were refunded by the same refund.
        :param pairs: a list of (sale order, canonical ``ShopOrder``)
        :raise UserError: when a refund id of these orders is on another order
            (recorded, or in the same batch)
        """
        taken = {}
        for sale_order, order in pairs:
            for refund in order.refunds:
                key = (sale_order.ecom_shop_id.id, refund.external_id)
                if taken.setdefault(key, sale_order) != sale_order:
                    self._raise_refund_taken(key[1], sale_order, taken[key])
        if not taken:
            return
        # As the system: a refund of an order the importing user cannot read clashes too.
        recorded_sudo = (
            self.env["ecom.order.refund"]
            .sudo()
            .search(
                [
                    ("shop_id", "in", list({key[0] for key in taken})),
                    ("external_id", "in", list({key[1] for key in taken})),
                    ("sale_order_id", "not in", order_ids),
                ]
            )
        )
        for refund in recorded_sudo:
            sale_order = taken.get((refund.shop_id.id, refund.external_id))
            if sale_order:
                self._raise_refund_taken(refund.external_id, sale_order, refund.sale_order_id)

    def _raise_refund_taken(self, refund_id, sale_order, other_order):
        raise UserError(
            _(
                "Refund %(refund)s of %(order)s is already recorded on %(other)s: a shop "
                "refund belongs to one order. Check both orders in the shop.",
                refund=refund_id,
                order=sale_order.ecom_reference or sale_order.name,
                other=other_order.ecom_reference or other_order.name,
            )
        )

    def _raise_transaction_taken(self, key, sale_order):
        raise UserError(
            _(
                "Transaction %(transaction)s of %(gateway)s is already recorded on "
                "%(order)s: a shop transaction pays one order.",
                transaction=key[2],
                gateway=key[1],
                order=sale_order.name,
            )
        )
