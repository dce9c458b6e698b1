# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""A payout's balance transactions: how they are stored, and which order payment each clears.

A transaction is stored once per provider and company (the same one received
twice is a duplicate); one received before its payout waits, and attaches
when the payout comes. A charge or refund names its order (the shop's order
id, or its reference in the CSV exports) or its payment (charge, payment
intent, order transaction id); it clears the payment, or refund payment,
posted for that order in Odoo, whose outstanding receipt is still open. A
charge of an order booked in a daily summary clears its own amount of the
summary entry's receipts line of its gateway (partly: the line is cleared in
full once every order of the day is paid out); a refund of such an order
clears the refund payment of its credit note, as for any order.
"""

from collections import defaultdict

from odoo import _, api, fields, models
from odoo.tools.misc import formatLang

from odoo.addons.ecom_connector.const import PAYOUT_LINE_TYPES

from ..payouts import PAYOUT_PROVIDERS

LINE_STATES = [
    ("pending", "Waiting for its Payout"),
    ("todo", "To Match"),
    ("matched", "Matched"),
    ("unmatched", "Not Matched"),
    ("booked", "Booked"),
]
# Line types that clear an order's payment or refund.
ORDER_TYPES = ("charge", "refund")


def by_external_id(model, company, provider, external_ids):
    """The records of ``model`` of ``company`` and ``provider`` with these external ids.

    :return: a dict external id → record
    """
    domain = [
        ("company_id", "=", company.id),
        ("provider", "=", provider),
        ("external_id", "in", list(external_ids)),
    ]
    return {record.external_id: record for record in model.search(domain)}


class EcomPayoutLine(models.Model):
    """One balance transaction: a charge, refund, fee, dispute... of a payout.

    Received before its payout, it waits (``pending``) and attaches when the
    payout comes; received twice, it is stored once.
    """

    _name = "ecom.payout.line"
    _description = "Payout Balance Transaction"
    _order = "date, id"
    _check_company_auto = True

    payout_id = fields.Many2one(
        "ecom.payout", ondelete="cascade", index=True, readonly=True, check_company=True
    )
    payout_external_id = fields.Char(string="Provider Payout ID", readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    provider = fields.Selection(PAYOUT_PROVIDERS, required=True, readonly=True)
    shop_id = fields.Many2one("ecom.shop", string="Web Shop", readonly=True, check_company=True)
    external_id = fields.Char(string="Provider Transaction ID", required=True, readonly=True)
    type = fields.Selection(PAYOUT_LINE_TYPES, required=True, readonly=True)
    provider_type = fields.Char(
        string="Provider's Type", readonly=True, help="The type as the provider names it."
    )
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    amount = fields.Monetary(string="Gross", readonly=True)
    fee = fields.Monetary(readonly=True)
    net = fields.Monetary(readonly=True)
    exchange_rate = fields.Float(digits=(16, 8), readonly=True)
    date = fields.Date(readonly=True)
    description = fields.Char(readonly=True)
    order_external_id = fields.Char(string="Shop Order ID", readonly=True)
    order_reference = fields.Char(string="Shop Order Reference", readonly=True)
    transaction_refs = fields.Char(
        string="Payment References",
        readonly=True,
        help="The provider's charge, payment intent or order transaction ids, space-separated.",
    )
    sale_order_id = fields.Many2one(
        "sale.order", readonly=True, index="btree_not_null", check_company=True
    )
    payment_id = fields.Many2one(
        "account.payment",
        string="Order Payment",
        readonly=True,
        index="btree_not_null",
        check_company=True,
        help="The payment or refund in Odoo this transaction clears.",
    )
    cleared_line_id = fields.Many2one(
        "account.move.line", string="Cleared Item", readonly=True, index="btree_not_null"
    )
    move_line_id = fields.Many2one("account.move.line", string="Entry Item", readonly=True)
    state = fields.Selection(LINE_STATES, default="todo", required=True, readonly=True, index=True)
    matched_automatically = fields.Boolean(readonly=True)
    problem = fields.Char(readonly=True)

    _sql_constraints = [
        (
            "external_uniq",
            "unique(company_id, provider, external_id)",
            "A provider's balance transaction is recorded once.",
        ),
    ]

    @api.depends("type", "external_id", "provider")
    def _compute_display_name(self):
        """ "Dispute 699519478 (Shopify Payments)": a name a person reads, never a record id."""
        types = dict(self._fields["type"]._description_selection(self.env))
        providers = dict(self._fields["provider"]._description_selection(self.env))
        for line in self:
            line.display_name = _(
                "%(type)s %(transaction)s (%(provider)s)",
                type=types.get(line.type, ""),
                transaction=line.external_id or "",
                provider=providers.get(line.provider, ""),
            )

    # ------------------------------------------------------------ receiving

    def _ecom_counts(self, received, duplicates):
        """Where these lines (received, not duplicates) stand: booked, pending or in review."""
        counts = {"received": received, "booked": 0, "pending": 0, "review": 0}
        counts["duplicates"] = duplicates
        for line in self:
            if line.state == "booked":
                counts["booked"] += 1
            elif not line.payout_id or line.payout_id.status in ("scheduled", "in_transit"):
                counts["pending"] += 1
            else:
                counts["review"] += 1
        return counts

    @api.model
    def _ecom_store(self, provider, transactions, company, shop, currencies):
        """Create the transactions not stored yet, each linked to its payout when known.

        A transaction stored while it waited for its payout, received again
        with its payout named, is attached to it.
        :return: (the new or attached lines, how many were duplicates)
        """
        stored = by_external_id(self, company, provider, [txn.external_id for txn in transactions])
        known = set(stored)
        payout_ids = {txn.payout_external_id for txn in transactions if txn.payout_external_id}
        payouts = by_external_id(self.env["ecom.payout"], company, provider, payout_ids)
        duplicates = 0
        create_vals = []
        attached = self.browse()
        for txn in transactions:
            line = stored.pop(txn.external_id, None)
            if line and not line.payout_external_id and txn.payout_external_id:
                # Received while it waited for a payout: it now names its payout.
                payout = payouts.get(txn.payout_external_id)
                line.write(
                    {
                        "payout_external_id": txn.payout_external_id,
                        "payout_id": payout.id if payout else False,
                        "state": "todo" if payout else "pending",
                    }
                )
                attached |= line
                continue
            if txn.external_id in known:
                duplicates += 1
                continue
            known.add(txn.external_id)
            payout = payouts.get(txn.payout_external_id)
            currency = currencies.get(txn.currency) or company.currency_id
            create_vals.append(
                {
                    "company_id": company.id,
                    "provider": provider,
                    "shop_id": shop.id if shop else False,
                    "payout_id": payout.id if payout else False,
                    "payout_external_id": txn.payout_external_id or False,
                    "external_id": txn.external_id,
                    "type": txn.type,
                    "provider_type": txn.provider_type,
                    "currency_id": currency.id,
                    "amount": float(txn.amount),
                    "fee": float(txn.fee),
                    "net": float(txn.net),
                    "exchange_rate": float(txn.exchange_rate or 0.0),
                    "date": txn.date,
                    "description": txn.description or False,
                    "order_external_id": txn.order_external_id or False,
                    "order_reference": txn.order_reference or False,
                    "transaction_refs": " ".join(txn.transaction_refs) or False,
                    "state": "todo" if payout else "pending",
                }
            )
        return attached | self.create(create_vals), duplicates

    # ------------------------------------------------------------ matching

    def _ecom_match(self):
        """Find each line's order and what it clears; lines of other types need none.

        A charge of an order booked in a daily summary clears its own amount of
        the summary entry's open receipts line of its gateway (several charges
        share that line, never more than its residual); other charges and all
        refunds clear the order's payment or refund payment. Batched: one
        search for the orders, one for the credit notes, one each for what
        other lines already took.
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
        credit_notes = self._ecom_credit_notes(refunded)
        summarised = self.env["sale.order"].union(
            *(
                order_of[line.id]
                for line in to_match
                if line.type == "charge" and order_of[line.id].ecom_summary_move_id
            )
        )
        reserved = self._ecom_reserved(summarised.ecom_summary_move_id, to_match)
        # Lines still matched to an open item keep it (and, on a summary, their amount).
        kept = to_match.filtered(
            lambda line: line.state == "matched"
            and line.cleared_line_id
            and not line.cleared_line_id.reconciled
        )
        for line in kept:
            if order_of[line.id].ecom_summary_move_id == line.cleared_line_id.move_id:
                reserved[line.cleared_line_id.id] += abs(line.amount)
            else:
                taken.add(line.cleared_line_id.id)
        for line in to_match - kept:
            order = order_of[line.id]
            in_summary = line.type == "charge" and order in summarised
            if in_summary:
                payment = self.env["account.payment"]
                cleared, problem = self._ecom_summary_line_of(line, order, reserved)
            else:
                payment, cleared, problem = self._ecom_payment_of(
                    line, order, taken, credit_notes.get(order.id, self.env["account.move"])
                )
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
                if in_summary:
                    reserved[cleared.id] += abs(line.amount)
                else:
                    taken.add(cleared.id)
                matched |= line
        return matched

    def _ecom_credit_notes(self, orders):
        """The posted credit notes of ``orders``: those reversing their invoices, and those
        their review items made (an order booked in a daily summary has no invoice).

        :return: a dict order id → ``account.move`` records
        """
        Move = self.env["account.move"]
        result = defaultdict(lambda: Move)
        if not orders:
            return result
        reversing = Move.search(
            [
                ("move_type", "=", "out_refund"),
                ("state", "=", "posted"),
                ("reversed_entry_id", "in", orders.invoice_ids.ids),
            ]
        )
        for order in orders:
            result[order.id] |= reversing.filtered(
                lambda move, order=order: move.reversed_entry_id in order.invoice_ids
            )
        items = self.env["ecom.review.item"].search(
            [
                ("sale_order_id", "in", orders.ids),
                ("credit_note_id.state", "=", "posted"),
                ("credit_note_id.move_type", "=", "out_refund"),
            ]
        )
        for item in items:
            result[item.sale_order_id.id] |= item.credit_note_id
        return result

    def _ecom_reserved(self, summaries, to_match):
        """What other lines matched but not booked yet will clear of these summary entries.

        :param summaries: the ``account.move`` daily summary entries
        :param to_match: the lines being matched now (left out)
        :return: a defaultdict summary line id → amount already promised
        """
        reserved = defaultdict(float)
        if not summaries:
            return reserved
        promised = self.search(
            [
                ("state", "=", "matched"),
                ("cleared_line_id", "in", summaries.line_ids.ids),
                ("id", "not in", to_match.ids),
            ]
        )
        for line in promised:
            reserved[line.cleared_line_id.id] += abs(line.amount)
        return reserved

    def _ecom_summary_line_of(self, line, order, reserved):
        """The daily summary's receipts line ``line`` clears its amount of: (line, problem).

        The summary entry of ``order`` debits the day's payments of each gateway
        to the gateway journal's outstanding account; the charge clears its own
        amount of that line, if the order paid that much through the gateway and
        the line has that much left once the other payouts' lines are counted.
        :param reserved: summary line id → amount other payout lines will clear
        """
        AML = self.env["account.move.line"]
        summary = order.ecom_summary_move_id
        currency = summary.company_id.currency_id
        amount = abs(line.amount)
        values = {
            "id": line.external_id,
            "order": order.name,
            "summary": summary.name,
            "amount": formatLang(self.env, amount, currency_obj=line.currency_id),
        }
        if line.currency_id != currency:
            return AML, _(
                "charge %(id)s is in %(currency)s; order %(order)s is in the daily summary "
                "%(summary)s, in %(summary_currency)s: book it by hand.",
                currency=line.currency_id.name,
                summary_currency=currency.name,
                **values,
            )
        gateway = self._ecom_summary_gateway(line, order)
        paid = sum(
            float(payment["amount"])
            for payment in order._ecom_captured_payments()
            if not payment["is_gift_card"] and payment["gateway"] == gateway
        )
        account = gateway and self.env["ecom.posting.engine"]._outstanding_account(order, gateway)
        receipts = summary.line_ids.filtered(
            lambda aml: account and aml.account_id == account and aml.balance > 0
        )[:1]
        gateway_name = gateway and (
            order.ecom_shop_id._ecom_gateway_journal(gateway).name or gateway
        )
        if not receipts:
            return AML, _(
                "charge %(id)s: the daily summary %(summary)s of order %(order)s has no "
                "receipts line of this provider's gateway.",
                **values,
            )
        if currency.compare_amounts(amount, paid) > 0:
            return AML, _(
                "charge %(id)s: order %(order)s was paid %(paid)s through %(gateway)s in the "
                "daily summary %(summary)s, less than the %(amount)s of this charge.",
                paid=formatLang(self.env, paid, currency_obj=currency),
                gateway=gateway_name,
                **values,
            )
        left = currency.round(receipts.amount_residual - reserved[receipts.id])
        if currency.compare_amounts(amount, left) > 0:
            return AML, _(
                "charge %(id)s: the receipts line of %(gateway)s in the daily summary "
                "%(summary)s (order %(order)s) has %(left)s left to clear, not the %(amount)s "
                "of this charge: other payouts cleared or claim the rest.",
                gateway=gateway_name,
                left=formatLang(self.env, max(left, 0.0), currency_obj=currency),
                **values,
            )
        return receipts, False

    def _ecom_summary_gateway(self, line, order):
        """The gateway of ``order`` this provider's ``line`` was paid through, or ``None``.

        The one named as the provider, else the one mapped to the provider's
        journal, else the order's only gateway.
        """
        gateways = sorted(
            {p["gateway"] for p in order._ecom_captured_payments() if not p["is_gift_card"]}
        )
        shop = order.ecom_shop_id
        journal = line.payout_id.account_set_id.journal_id
        for gateway in gateways:
            if gateway.strip().lower() == line.provider:
                return gateway
        for gateway in gateways:
            if journal and shop._ecom_gateway_journal(gateway) == journal:
                return gateway
        return gateways[0] if len(gateways) == 1 else None

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
        """The payment ``line`` clears: (account.payment, its open outstanding item, problem).

        :param credit_notes: the order's posted credit notes (see :meth:`_ecom_credit_notes`)
        """
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
        documents = (order.invoice_ids | credit_notes).filtered(
            lambda m: m.move_type == move_type and m.state == "posted"
        )
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

    # ------------------------------------------------------------ booking

    def _ecom_not_adding_up(self):
        """The lines (transfers aside) whose net is not their gross less their fee."""
        return self.filtered(
            lambda line: line.type != "transfer"
            and not line.currency_id.is_zero(line.net - (line.amount - line.fee))
        )

    def _ecom_net_sentence(self):
        """Why this line keeps its payout from being booked (its net does not add up)."""
        self.ensure_one()
        payout = self.payout_id
        return _(
            "Transaction %(transaction)s: its net %(net)s is not its gross %(amount)s less "
            "its fee %(fee)s (difference %(difference)s). The provider's report may show a "
            "fee adjustment apart: check it, then book the difference.",
            transaction=self.external_id,
            net=payout._money(self.net),
            amount=payout._money(self.amount),
            fee=payout._money(self.fee),
            difference=payout._money(self.net - (self.amount - self.fee)),
        )
