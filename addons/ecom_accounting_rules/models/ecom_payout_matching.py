# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Which order payment each balance transaction clears.

A charge or refund names its order (the shop's order id, or its reference
in the CSV exports) or its payment (charge, payment intent, order
transaction id); it clears the payment, or refund payment, posted for that
order in Odoo, whose outstanding receipt is still open.
"""

from odoo import _, models

ORDER_TYPES = ("charge", "refund")


class EcomPayoutLine(models.Model):
    _inherit = "ecom.payout.line"  # pylint: disable=consider-merging-classes-inherited

    def _ecom_match(self):
        """Find each line's order and the payment it clears; lines of other types need none.

        Batched: one search for the orders, one for the shop payments.
        :return: the lines matched by this call
        """
        lines = self.filtered(lambda line: line.state in ("todo", "unmatched", "matched"))
        others = lines.filtered(lambda line: line.type not in ORDER_TYPES)
        to_match = lines - others
        orders_by = self._ecom_find_orders(lines)
        for line in others.filtered(lambda line: not line.sale_order_id):
            order = self._ecom_order_of(line, orders_by)
            if order:
                line.sale_order_id = order
        others.filtered(lambda line: line.state == "todo").write({"state": "matched"})
        taken = (
            set(
                self.search(
                    [("cleared_line_id", "!=", False), ("id", "not in", to_match.ids)]
                ).cleared_line_id.ids
            )
            if to_match
            else set()
        )
        matched = self.browse()
        order_of = {line.id: self._ecom_order_of(line, orders_by) for line in to_match}
        refunded = self.env["sale.order"].union(
            *(order_of[line.id] for line in to_match if line.type == "refund")
        )
        credit_notes = (
            self.env["account.move"].search(
                [
                    ("move_type", "=", "out_refund"),
                    ("state", "=", "posted"),
                    ("reversed_entry_id", "in", refunded.invoice_ids.ids),
                ]
            )
            if refunded
            else self.env["account.move"]
        )
        for line in to_match:
            if (
                line.state == "matched"
                and line.cleared_line_id
                and not line.cleared_line_id.reconciled
            ):
                taken.add(line.cleared_line_id.id)
                continue
            order = order_of[line.id]
            payment, cleared, problem = self._ecom_payment_of(line, order, taken, credit_notes)
            vals = {
                "sale_order_id": order.id or False,
                "payment_id": payment.id or False,
                "cleared_line_id": cleared.id or False,
                "problem": problem or False,
                "state": "matched" if cleared else "unmatched",
                "matched_automatically": bool(cleared),
            }
            line.write(vals)
            if cleared:
                taken.add(cleared.id)
                matched |= line
        return matched

    def _ecom_find_orders(self, lines):
        """The web orders these lines name: by shop order id, reference, and payment ids."""
        companies = lines.company_id
        ext_ids = {line.order_external_id for line in lines if line.order_external_id}
        refs = {line.order_reference for line in lines if line.order_reference}
        txn_refs = {ref for line in lines for ref in (line.transaction_refs or "").split()}
        SaleOrder = self.env["sale.order"]
        domain = [("company_id", "in", companies.ids), ("ecom_shop_id", "!=", False)]
        orders = SaleOrder
        if ext_ids or refs:
            orders = SaleOrder.search(
                domain
                + [
                    "|",
                    "|",
                    ("ecom_external_id", "in", list(ext_ids)),
                    ("ecom_reference", "in", list(refs)),
                    ("name", "in", list(refs)),
                ]
            )
        payments = self.env["ecom.order.payment"]
        if txn_refs:
            payments = payments.search(
                [("company_id", "in", companies.ids), ("transaction_id", "in", list(txn_refs))]
            )
        by_ext = {(o.company_id.id, o.ecom_external_id): o for o in orders}
        by_ref = {}
        for order in orders:
            for ref in (order.ecom_reference, order.name):
                if ref:
                    by_ref[(order.company_id.id, ref)] = order
        by_txn = {(p.company_id.id, p.transaction_id): p.sale_order_id for p in payments}
        return by_ext, by_ref, by_txn

    def _ecom_order_of(self, line, orders_by):
        by_ext, by_ref, by_txn = orders_by
        company = line.company_id.id
        order = by_ext.get((company, line.order_external_id)) or by_ref.get(
            (company, line.order_reference)
        )
        if not order:
            for ref in (line.transaction_refs or "").split():
                order = by_txn.get((company, ref))
                if order:
                    break
        if order and line.shop_id and order.ecom_shop_id != line.shop_id:
            return self.env["sale.order"]
        return order or self.env["sale.order"]

    def _ecom_payment_of(self, line, order, taken, credit_notes):
        """The payment ``line`` clears: (account.payment, its open outstanding item, problem)."""
        Payment = self.env["account.payment"]
        AML = self.env["account.move.line"]
        name = line.order_reference or line.order_external_id or line.transaction_refs or "?"
        if not order:
            return (
                Payment,
                AML,
                _(
                    "%(type)s %(id)s: order %(order)s is not in Odoo yet.",
                    type=line.type,
                    id=line.external_id,
                    order=name,
                ),
            )
        kind, move_type = (
            ("inbound", "out_invoice") if line.type == "charge" else ("outbound", "out_refund")
        )
        documents = (
            order.invoice_ids
            | credit_notes.filtered(lambda m: m.reversed_entry_id in order.invoice_ids)
        ).filtered(lambda m: m.move_type == move_type and m.state == "posted")
        payments = documents._get_reconciled_payments().filtered(
            lambda p: p.payment_type == kind and p.state in ("paid", "in_process")
        )
        amount = abs(line.amount)
        currency = line.currency_id
        candidates = []
        for payment in payments:
            cleared = payment.move_id.line_ids.filtered(
                lambda aml, p=payment: aml.account_id == p.outstanding_account_id
                and not aml.reconciled
                and aml.id not in taken
            )[:1]
            if cleared:
                same = payment.currency_id == currency and currency.is_zero(payment.amount - amount)
                candidates.append((not same, payment.id, payment, cleared))
        if candidates:
            _same, _id, payment, cleared = min(candidates, key=lambda c: (c[0], c[1]))
            return payment, cleared, False
        if line.type == "charge":
            problem = _(
                "charge %(id)s: order %(order)s has no payment posted in Odoo yet.",
                id=line.external_id,
                order=order.name,
            )
        else:
            problem = _(
                "refund %(id)s: order %(order)s has no refund paid back in Odoo yet.",
                id=line.external_id,
                order=order.name,
            )
        return Payment, AML, problem
