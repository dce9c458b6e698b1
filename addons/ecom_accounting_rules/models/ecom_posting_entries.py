# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Which entries are written without an invoice: daily summaries and gift cards.

A summary-mode shop gets one entry per day (a line per account and tax, per
gateway), its amounts computed as each order's invoice would be. A gift card
payment is an entry taking the amount from the gift card liability.
"""

from collections import defaultdict

from odoo import Command, _, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

# The journal of the daily summaries when the shop names none (its entries: VTWEB/2026/11/0001).
SUMMARY_JOURNAL_CODE = "VTWEB"


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
        sum of its orders' to the cent. The entry goes to the shop's summary
        journal (its own sequence, never an invoice number), on the company's
        generic web-customers partner, labelled in the company's language.
        """
        orders = self._orders(plans)
        shop = orders.ecom_shop_id
        company = self.env.company
        # Labels in the company's language: the books are the company's, not the user's.
        engine = self.with_context(lang=company.partner_id.lang or self.env.lang)
        date = orders[0]._ecom_accounting_date()
        journal = engine._summary_journal(shop)
        # A day summarised late keeps its label, but the journal's sequence stays
        # chronological: dated when posted if a later day is already in the journal.
        last = (
            self.env["account.move"]
            .search(
                [("journal_id", "=", journal.id), ("state", "=", "posted")],
                order="date desc",
                limit=1,
            )
            .date
        )
        if last and last > date:
            date = max(date, fields.Date.context_today(self))
        date, lock = company._ecom_first_open_date(date, journal)
        totals = defaultdict(float)
        labels = {}
        for order in orders:
            for key, label, balance in engine._order_entry_lines(order, summary=True):
                totals[key] += balance
                labels[key] = label
        currency = company.currency_id
        partner = company._ecom_web_customer_partner()
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
                    "partner_id": partner.id,
                    "balance": balance,
                    "tax_ids": [Command.set(list(tax_ids))],
                    "tax_repartition_line_id": repartition_id or False,
                    "tax_tag_ids": [Command.set(list(tag_ids))],
                }
            )
        rule_versions = {(plan.rule.id, plan.rule.version) for plan in plans}
        rule_id, version = sorted(rule_versions)[0] if len(rule_versions) == 1 else (False, 0)
        day = orders[0]._ecom_accounting_date()
        move = (
            self.env["account.move"]
            .with_context(skip_invoice_sync=True)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": date,
                    "partner_id": partner.id,
                    "ref": engine._summary_ref(shop, day, len(orders)),
                    "ecom_shop_id": shop.id,
                    "ecom_posting_rule_id": rule_id,
                    "ecom_posting_rule_version": version,
                    "line_ids": [Command.create(vals) for vals in line_vals],
                }
            )
        )
        move.action_post()
        if lock:
            move.message_post(
                body=_(
                    "The sales of %(day)s fall in a locked period (up to %(lock)s): "
                    "the entry is dated %(date)s, the first open day.",
                    day=day,
                    lock=lock,
                    date=date,
                )
            )
        orders.write({"ecom_summary_move_id": move.id})
        self._mark_posted(plans, {order.id: "summary" for order in orders}, force=False)
        return move

    def _summary_ref(self, shop, day, count):
        """The summary entry's reference, in the context's language."""
        return self._summary_label(
            _("%(shop)s: web sales of %(date)s (%(count)s orders)"), shop, day, count=count
        )

    def _summary_label(self, template, shop, day, **values):
        """``template`` filled with the shop's name and ``day`` in the context's language."""
        return template % {"shop": shop.name, "date": format_date(self.env, day), **values}

    def _summary_journal(self, shop):
        """The shop's summary journal, else the company's VTWEB journal (made on first use).

        A miscellaneous journal: its entries are numbered per month
        (VTWEB/2026/11/0001), apart from the invoices' sequence.
        """
        if shop.summary_journal_id:
            return shop.summary_journal_id
        company = shop.company_id
        Journal = self.env["account.journal"]
        journal = Journal.search(
            [("company_id", "=", company.id), ("code", "=", SUMMARY_JOURNAL_CODE)], limit=1
        )
        if not journal:
            # Configuration, made once for whoever posts the first summary.
            journal = Journal.sudo().create(
                {
                    "name": _("Web sales (daily summaries)"),
                    "code": SUMMARY_JOURNAL_CODE,
                    "type": "general",
                    "company_id": company.id,
                    "sequence": 90,
                }
            )
        return journal.sudo(False)

    def _order_entry_lines(self, order, summary=False, with_payments=True):
        """The lines one order brings to the books, in company currency.

        :param summary: lines for a summary entry (payments debited to the
            gateways' outstanding accounts, labels naming the day and shop);
            else as an invoice and its payments would make them, receivable
            included
        :param with_payments: include the shop's payments (else all is receivable)
        :return: a list of (grouping key, label, balance); a key is
            (account id, tax ids, tax repartition line id, tax tag ids)
        """
        company = order.company_id
        currency = order.currency_id
        shop = order.ecom_shop_id
        gift_products = self.env.ref("ecom_connector.product_gift_card").product_variant_ids
        date = order._ecom_accounting_date()

        def to_company(amount):
            return currency._convert(amount, company.currency_id, company, date)

        def label(template, **values):
            return self._summary_label(template, shop, date, **values)

        lines = []
        total = 0.0
        for line in order.order_line.filtered(lambda sol: not sol.display_type):
            taxes = ", ".join(line.tax_id.mapped("name")) or _("No tax")
            if line.product_id & gift_products:
                account = company.ecom_gift_card_account_id
                name = label(_("Gift cards sold on %(date)s — %(shop)s"))
            elif line.is_delivery and shop.shipping_account_id:
                account = shop.shipping_account_id
                name = label(
                    _("Web shipping charged on %(date)s — %(shop)s (%(taxes)s)"), taxes=taxes
                )
            else:
                account = (
                    line.product_id.product_tmpl_id.get_product_accounts(
                        fiscal_pos=order.fiscal_position_id
                    )["income"]
                    or self._sale_journal(shop).default_account_id
                )
                name = label(_("Web sales of %(date)s — %(shop)s (%(taxes)s)"), taxes=taxes)
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            result = line.tax_id.compute_all(
                price, currency, line.product_uom_qty, line.product_id, order.partner_invoice_id
            )
            key = (account.id, tuple(sorted(line.tax_id.ids)), False, tuple(result["base_tags"]))
            lines.append((key, name, -to_company(result["total_excluded"])))
            for tax in result["taxes"]:
                tax_account = tax["account_id"] or account.id
                key = (tax_account, (), tax["tax_repartition_line_id"], tuple(tax["tag_ids"]))
                tax_name = label(_("%(tax)s on web sales of %(date)s — %(shop)s"), tax=tax["name"])
                lines.append((key, tax_name, -to_company(tax["amount"])))
            total += result["total_included"]
        paid = 0.0
        for payment in order._ecom_captured_payments() if with_payments else []:
            amount = float(payment["amount"])
            paid += amount
            if payment["is_gift_card"]:
                account = company.ecom_gift_card_account_id
                name = label(_("Gift cards used on %(date)s — %(shop)s"))
            else:
                account = self._outstanding_account(order, payment["gateway"])
                gateway = shop._ecom_gateway_journal(payment["gateway"]).name or payment["gateway"]
                name = label(_("%(gateway)s receipts of %(date)s — %(shop)s"), gateway=gateway)
            lines.append(((account.id, (), False, ()), name, to_company(amount)))
        difference = currency.round(total - paid)
        if not currency.is_zero(difference):
            if summary:
                account = company.ecom_rounding_account_id
                name = label(_("Rounding differences of %(date)s — %(shop)s"))
                lines.append(((account.id, (), False, ()), name, to_company(difference)))
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
