# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Which entries are written without an invoice: daily summaries and gift cards.

A summary-mode shop gets one entry per day (a line per account and tax, per
gateway), its amounts computed as each order's invoice would be. A gift card
payment is an entry taking the amount from the gift card liability.
"""

from collections import defaultdict

from odoo import Command, _, models
from odoo.exceptions import UserError


class EcomPostingEngine(models.AbstractModel):
    _inherit = "ecom.posting.engine"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------ gift cards

    def _gift_card_entry_vals(self, order, invoice, receivable, payment, memo, write_off):
        """An entry paying (part of) ``invoice`` from the gift card liability."""
        company = self.env.company
        currency = invoice.currency_id
        amount = float(payment["amount"])
        balance = currency._convert(amount, company.currency_id, company, payment["date"])
        settled_currency = amount + (write_off["amount_currency"] if write_off else 0.0)
        settled_balance = balance + (write_off["balance"] if write_off else 0.0)
        partner = invoice.commercial_partner_id.id
        lines = [
            {
                "name": _("Gift card used: %(memo)s", memo=memo),
                "account_id": company.ecom_gift_card_account_id.id,
                "partner_id": partner,
                "currency_id": currency.id,
                "amount_currency": amount,
                "balance": balance,
            },
            {
                "name": memo,
                "account_id": receivable.id,
                "partner_id": partner,
                "currency_id": currency.id,
                "amount_currency": -settled_currency,
                "balance": -settled_balance,
            },
        ]
        if write_off:
            lines.append(write_off)
        return {
            "move_type": "entry",
            "journal_id": self._misc_journal().id,
            "date": payment["date"],
            "ref": _("Gift card payment %(memo)s", memo=memo),
            "ecom_shop_id": order.ecom_shop_id.id,
            "line_ids": [Command.create(line) for line in lines],
        }

    def _misc_journal(self):
        journal = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", self.env.company.id)], limit=1
        )
        if not journal:
            raise UserError(_("The company has no miscellaneous journal."))
        return journal

    # ------------------------------------------------------------ summaries

    def _post_summary(self, plans):
        """One entry for one shop and day: a line per account and tax, per gateway.

        Each order's amounts are computed as its invoice would be (same taxes,
        same rounding per line), then added up, so the entry's totals are the
        sum of its orders' to the cent.
        """
        orders = self._orders(plans)
        shop = orders.ecom_shop_id
        date = orders[0]._ecom_accounting_date()
        totals = defaultdict(float)
        labels = {}
        for order in orders:
            for key, label, balance in self._order_entry_lines(order, summary=True):
                totals[key] += balance
                labels[key] = label
        company = self.env.company
        currency = company.currency_id
        line_vals = []
        for key, balance in totals.items():
            balance = currency.round(balance)
            if currency.is_zero(balance):
                continue
            account_id, tax_ids, repartition_id, tag_ids = key
            line_vals.append(
                {
                    "name": labels[key],
                    "account_id": account_id,
                    "balance": balance,
                    "tax_ids": [Command.set(list(tax_ids))],
                    "tax_repartition_line_id": repartition_id or False,
                    "tax_tag_ids": [Command.set(list(tag_ids))],
                }
            )
        journal = self._sale_journal(shop)
        rule_versions = {(plan.rule.id, plan.rule.version) for plan in plans}
        rule_id, version = sorted(rule_versions)[0] if len(rule_versions) == 1 else (False, 0)
        move = (
            self.env["account.move"]
            .with_context(skip_invoice_sync=True)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": date,
                    "ref": _(
                        "%(shop)s sales of %(date)s (%(count)s orders)",
                        shop=shop.name,
                        date=date,
                        count=len(orders),
                    ),
                    "ecom_shop_id": shop.id,
                    "ecom_posting_rule_id": rule_id,
                    "ecom_posting_rule_version": version,
                    "line_ids": [Command.create(vals) for vals in line_vals],
                }
            )
        )
        move.action_post()
        orders.write({"ecom_summary_move_id": move.id})
        self._mark_posted(plans, {order.id: "summary" for order in orders}, force=False)
        return move

    def _order_entry_lines(self, order, summary=False, with_payments=True):
        """The lines one order brings to the books, in company currency.

        :param summary: lines for a summary entry (payments debited to the
            gateways' outstanding accounts); else as an invoice and its
            payments would make them, receivable included
        :param with_payments: include the shop's payments (else all is receivable)
        :return: a list of (grouping key, label, balance); a key is
            (account id, tax ids, tax repartition line id, tax tag ids)
        """
        company = order.company_id
        currency = order.currency_id
        gift_products = self.env.ref("ecom_connector.product_gift_card").product_variant_ids
        date = order._ecom_accounting_date()

        def to_company(amount):
            return currency._convert(amount, company.currency_id, company, date)

        lines = []
        total = 0.0
        for line in order.order_line.filtered(lambda sol: not sol.display_type):
            if line.product_id & gift_products:
                account = company.ecom_gift_card_account_id
                label = _("Gift cards sold")
            else:
                account = (
                    line.product_id.product_tmpl_id.get_product_accounts(
                        fiscal_pos=order.fiscal_position_id
                    )["income"]
                    or self._sale_journal(order.ecom_shop_id).default_account_id
                )
                label = ", ".join(line.tax_id.mapped("name")) or _("No tax")
                label = _("Sales (%(taxes)s)", taxes=label)
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            result = line.tax_id.compute_all(
                price, currency, line.product_uom_qty, line.product_id, order.partner_invoice_id
            )
            key = (account.id, tuple(sorted(line.tax_id.ids)), False, tuple(result["base_tags"]))
            lines.append((key, label, -to_company(result["total_excluded"])))
            for tax in result["taxes"]:
                tax_account = tax["account_id"] or account.id
                key = (tax_account, (), tax["tax_repartition_line_id"], tuple(tax["tag_ids"]))
                lines.append((key, tax["name"], -to_company(tax["amount"])))
            total += result["total_included"]
        paid = 0.0
        for payment in order._ecom_captured_payments() if with_payments else []:
            amount = float(payment["amount"])
            paid += amount
            if payment["is_gift_card"]:
                account = company.ecom_gift_card_account_id
                label = _("Gift cards used")
            else:
                account = self._outstanding_account(order, payment["gateway"])
                label = _("Payments %(gateway)s", gateway=payment["gateway"])
            lines.append(((account.id, (), False, ()), label, to_company(amount)))
        difference = currency.round(total - paid)
        if not currency.is_zero(difference):
            if summary:
                account = company.ecom_rounding_account_id
                lines.append(((account.id, (), False, ()), _("Rounding"), to_company(difference)))
            else:
                receivable = order.partner_invoice_id.commercial_partner_id.with_company(
                    company
                ).property_account_receivable_id
                lines.append(
                    ((receivable.id, (), False, ()), _("Customer"), to_company(difference))
                )
        return lines

    def _sale_journal(self, shop):
        """The shop's sales journal, else the company's first."""
        return shop.sale_journal_id or self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", shop.company_id.id)], limit=1
        )

    def _outstanding_account(self, order, gateway):
        journal = order.ecom_shop_id._ecom_gateway_journal(gateway)
        method = journal.inbound_payment_method_line_ids[:1]
        account = method.payment_account_id or self.env["account.payment"].with_company(
            order.company_id
        )._get_outstanding_account("inbound")
        return account or journal.default_account_id
