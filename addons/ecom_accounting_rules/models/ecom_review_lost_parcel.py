# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The lost-parcel resolution of a review item: the write-off and the delivery.

The goods' cost leaves the accounts it was expensed to for the loss account,
with the customer, the order and the carrier named in the company's language,
dated the day the loss was declared; a claim on the carrier reduces the loss;
the delivery is closed (cancelled if it never left, validated if it left).
"""

from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class EcomReviewItem(models.Model):
    _inherit = "ecom.review.item"  # pylint: disable=consider-merging-classes-inherited

    def _ecom_write_off_lost(self, loss_account, amount, claim_partner=None, claim_amount=0.0):
        """Book a lost parcel's goods to the loss account, and the claim on the carrier.

        The goods' cost leaves the accounts it was expensed to (each product's
        expense account, see :meth:`_ecom_lost_goods_split`) for the loss
        account; a claim on the carrier is a receivable on the carrier that
        reduces the loss.
        :return: the posted entry
        """
        self.ensure_one()
        order = self.sale_order_id.with_company(self.company_id)
        company = self.company_id
        currency = company.currency_id
        if not loss_account:
            raise UserError(_("Choose the loss account (or set it in the Accounting settings)."))
        if currency.compare_amounts(amount, 0.0) <= 0:
            raise UserError(_("The value of the lost goods must be positive."))
        customer = order.partner_invoice_id.commercial_partner_id
        carrier = order.carrier_id or order.picking_ids.carrier_id[:1]
        # Labels in the company's language: the books are the company's, not the user's.
        labels = self.with_context(lang=company.partner_id.lang or self.env.lang)._lost_labels(
            order, carrier, claim_partner
        )
        lines = [
            {
                "name": labels["loss"],
                "account_id": loss_account.id,
                "partner_id": customer.id,
                "balance": amount,
            }
        ]
        lines += [
            {
                "name": labels["loss"],
                "account_id": expense.id,
                "partner_id": customer.id,
                "balance": -share,
            }
            for expense, share in self._ecom_lost_goods_split(order, amount)
        ]
        if claim_partner and currency.compare_amounts(claim_amount, 0.0) > 0:
            receivable = claim_partner.with_company(company).property_account_receivable_id
            lines += [
                {
                    "name": labels["claim"],
                    "account_id": receivable.id,
                    "partner_id": claim_partner.id,
                    "balance": claim_amount,
                },
                {
                    "name": labels["claim"],
                    "account_id": loss_account.id,
                    "partner_id": customer.id,
                    "balance": -claim_amount,
                },
            ]
        journal = self.env["ecom.posting.engine"].with_company(company)._misc_journal()
        declared = order.ecom_parcel_lost_date or fields.Date.context_today(self)
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": company._ecom_first_open_date(declared, journal)[0],
                "ref": labels["loss"],
                "partner_id": customer.id,
                "ecom_shop_id": order.ecom_shop_id.id,
                "line_ids": [Command.create(line) for line in lines],
            }
        )
        move.action_post()
        note = _("Lost goods of %(amount)s written off.", amount=currency.format(amount))
        if claim_partner and claim_amount:
            note += " " + _(
                "Claim of %(amount)s on %(carrier)s.",
                amount=currency.format(claim_amount),
                carrier=claim_partner.name,
            )
        note += " " + self._close_lost_delivery(order)
        self._ecom_close("lost_parcel", note, move)
        return move

    def _lost_labels(self, order, carrier, claim_partner):
        """The write-off's labels in the context's language: the loss and the claim."""
        reference = order.ecom_reference or order.name
        if carrier:
            loss = _(
                "Lost parcel %(order)s (%(reference)s), carrier %(carrier)s",
                order=order.name,
                reference=reference,
                carrier=carrier.name,
            )
        else:
            loss = _("Lost parcel %(order)s (%(reference)s)", order=order.name, reference=reference)
        claim = _(
            "Claim on %(carrier)s for %(order)s",
            carrier=claim_partner.name if claim_partner else "",
            order=order.name,
        )
        return {"loss": loss, "claim": claim}

    def _close_lost_delivery(self, order):
        """The lost parcel's delivery is closed: cancelled if it never left.

        A delivery already validated left the warehouse: the goods are gone with it.
        :return: a sentence for the chatter
        """
        outgoing = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        still_open = outgoing.filtered(lambda p: p.state not in ("done", "cancel"))
        shop_shipped = order.ecom_fulfillment_status in ("partial", "fulfilled", "lost")
        left = still_open.filtered(lambda p: p.carrier_tracking_ref or shop_shipped)
        notes = []
        if left:
            # It left with the carrier: validated as shipped, the goods gone with the loss.
            for move in left.move_ids.filtered(lambda m: m.state not in ("done", "cancel")):
                move.quantity = move.product_uom_qty
                move.picked = True
            left.with_context(cancel_backorder=True)._action_done()
            notes.append(
                _(
                    "The delivery %(pickings)s had left with the carrier: validated, the goods "
                    "written off with the loss.",
                    pickings=", ".join(left.mapped("name")),
                )
            )
        never_left = still_open - left
        if never_left:
            never_left.action_cancel()
            notes.append(
                _(
                    "The delivery %(pickings)s had not left: cancelled.",
                    pickings=", ".join(never_left.mapped("name")),
                )
            )
        if not still_open and outgoing.filtered(lambda p: p.state == "done"):
            notes.append(_("The delivery had left the warehouse: the goods are gone with it."))
        return " ".join(notes)

    @api.model
    def _ecom_lost_goods_split(self, order, amount):
        """Share ``amount`` among the expense accounts of the order's goods.

        Each goods line weighs its product's cost times its quantity (its
        subtotal when no product has a cost); the last account takes the
        rounding remainder, so the shares add up to ``amount``.

        :return: a list of ``(account.account, amount)``, one per expense account
        :raises UserError: when a product has no expense account
        """
        currency = order.company_id.currency_id
        goods = order.order_line.filtered(lambda line: not line.is_delivery and line.product_id)
        weights = defaultdict(float)
        missing = self.env["product.product"]
        use_cost = any(line.product_id.standard_price for line in goods)
        for line in goods:
            product = line.product_id
            accounts = product.product_tmpl_id.get_product_accounts()
            # With automated stock valuation the goods' cost left through the stock
            # output account; else it was expensed to the product's expense account.
            if product.categ_id.property_valuation == "real_time" and accounts.get("stock_output"):
                expense = accounts["stock_output"]
            else:
                expense = accounts["expense"]
            if not expense:
                missing |= product
                continue
            weight = (
                product.standard_price * line.product_uom_qty if use_cost else line.price_subtotal
            )
            weights[expense] += weight
        if missing or not weights:
            raise UserError(
                _(
                    "The lost products have no expense account to take the cost from: "
                    "%(products)s. Set one on the product or its category.",
                    products=", ".join(missing.mapped("display_name")) or order.name,
                )
            )
        total = sum(weights.values())
        shares, left = [], amount
        for index, (account, weight) in enumerate(weights.items()):
            if index == len(weights) - 1:
                share = currency.round(left)
            elif total:
                share = currency.round(amount * weight / total)
            else:
                share = 0.0
            left -= share
            shares.append((account, share))
        return [(account, share) for account, share in shares if not currency.is_zero(share)]
