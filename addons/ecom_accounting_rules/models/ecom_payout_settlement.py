# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The booking of marketplace settlements (Amazon, Mirakl): a facet of ``ecom.payout``.

A marketplace collects the customers' money, keeps its fees, holds a reserve
and pays out the rest. Its payout is a settlement, booked A2X's way but at
the precision of each order when the orders are in Odoo:

- an order imported in Odoo: what the marketplace collected for it clears its
  payment (the gateway journal's outstanding receipts, the marketplace's
  clearing account), as a payment provider's charge does;
- an order not in Odoo: its sales go to the marketplace sales account with the
  VAT the report gives (the destination's tax, found by its rate), against the
  clearing account: one sales entry per day of sales, in the shop's sales
  journal, e-reported as the seller's marketplace sales;
- the operator's commissions and fees: one vendor bill per settlement, with
  the VAT the operator charges (the provider's date-aware rule, or the report's
  own VAT lines), deductible;
- reserves on the reserve account (467), held and released from one
  settlement to the next; VAT the marketplace withheld on its own account;
- the deposit on the bank's outstanding receipts, matched with its bank
  statement line as any payout is.

What is planned is pure (``payouts/settlement.py``); this facet finds the
records and writes the entries. A settlement whose rows do not add up, with a
transaction type the product does not know, or whose orders cannot be booked
as they are, goes to review with nothing booked.
"""

from collections import defaultdict
from datetime import date as Date
from datetime import timedelta
from decimal import Decimal

from odoo import Command, _, fields, models
from odoo.exceptions import UserError

from odoo.addons.ecom_connector.adapters.canonical import KIND_ORDER
from odoo.addons.ecom_connector.const import (
    OPERATION_GOODS,
    OPERATION_SERVICES,
    REASON_SETTLEMENT_MISMATCH,
    REASON_SETTLEMENT_UNKNOWN_TYPE,
    REASON_SETTLEMENT_UNMATCHED,
)

from .. import payouts as parsers
from ..const import SETTLEMENT_JOURNAL_PREFIX
from ..payouts import settlement as planning
from .ecom_payout_line import ORDER_TYPES

SETTLEMENT_REASONS = (
    REASON_SETTLEMENT_MISMATCH,
    REASON_SETTLEMENT_UNKNOWN_TYPE,
    REASON_SETTLEMENT_UNMATCHED,
)
# Default accounts of a marketplace's account set (French chart codes), made when missing:
# (field, code, account type).
SETTLEMENT_ACCOUNTS = (
    ("sale_account_id", "707000", "income"),
    ("withheld_tax_account_id", "445800", "liability_current"),
    ("accrual_account_id", "408100", "liability_current"),
)


def _money(value):
    return float(Decimal(value).quantize(planning.CENT))


# A facet with its own name and job (as the pull's, ecom_payout_pull.py): the booking of
# marketplace settlements, which the payout model dispatches to by the provider's declaration.
class EcomPayout(models.Model):
    _inherit = "ecom.payout"  # pylint: disable=consider-merging-classes-inherited

    settlement_bill_id = fields.Many2one(
        "account.move",
        string="Operator's Bill",
        readonly=True,
        copy=False,
        check_company=True,
        help="The marketplace operator's fees of this settlement, as one vendor bill.",
    )
    settlement_move_ids = fields.Many2many(
        "account.move",
        "ecom_payout_settlement_move_rel",
        "payout_id",
        "move_id",
        string="Settlement Entries",
        readonly=True,
        copy=False,
        help="The sales of orders not in Odoo, and the month-end accrual of fees and its "
        "reversal, of this settlement.",
    )

    # ------------------------------------------------------------ planning

    def _ecom_settlement_plan(self):
        """The plan of this settlement (``payouts.settlement.SettlementPlan``)."""
        self.ensure_one()
        spec = parsers.get_provider(self.provider)
        rows = [
            planning.Row(
                provider_type=line.provider_type or "",
                amount=Decimal(str(line.amount)).quantize(planning.CENT),
                order_id=line.order_external_id or None,
                date=line.date,
                refund=line.type == "refund",
            )
            for line in self.line_ids.filtered(lambda line: line.type != "transfer")
        ]
        summary = self.summary or {}
        return planning.plan_settlement(
            rows,
            Decimal(str(self.amount)).quantize(planning.CENT),
            spec.settlement,
            start=summary.get("start") and Date.fromisoformat(summary["start"]),
            end=summary.get("end") and Date.fromisoformat(summary["end"]),
        )

    def _ecom_plan_sentences(self, plan):
        """What keeps the plan from being booked, by reason code: ``{code: [sentence]}``."""
        found = defaultdict(list)
        for code, facts in plan.problems:
            if code == planning.PROBLEM_UNKNOWN_TYPE:
                found[REASON_SETTLEMENT_UNKNOWN_TYPE].append(
                    _(
                        "Transaction type %(type)s (%(amount)s in all) is not one the product "
                        "knows: say where it goes, then match the settlement again.",
                        type=facts["type"],
                        amount=self._money(float(facts["amount"])),
                    )
                )
            else:
                found[REASON_SETTLEMENT_MISMATCH].append(
                    _(
                        "The settlement's rows add up to %(rows)s, not to its deposit of "
                        "%(total)s (difference %(difference)s).",
                        rows=self._money(float(facts["rows"])),
                        total=self._money(float(facts["total"])),
                        difference=self._money(float(facts["difference"])),
                    )
                )
        return found

    # ------------------------------------------------------------ booking

    def _ecom_book_settlement(self):
        """Book this marketplace settlement, or send it to review with nothing booked.

        :return: whether it was booked
        """
        self.ensure_one()
        if self.move_id:
            return False
        plan = self._ecom_settlement_plan()
        problems = self._ecom_plan_sentences(plan)
        accounts = self.account_set_id
        self._ecom_settlement_defaults(accounts)
        orders = {}
        taxes = {}
        if not problems:
            orders, taxes, unmatched = self._ecom_settlement_orders(plan)
            if unmatched:
                problems[REASON_SETTLEMENT_UNMATCHED] += unmatched
        if not problems:
            fee_taxes, unmatched = self._ecom_settlement_fee_taxes(plan)
            if unmatched:
                problems[REASON_SETTLEMENT_UNMATCHED] += unmatched
        if problems:
            for code, sentences in problems.items():
                self._ecom_open_payout_item(code, "\n".join(sentences))
            self.write(
                {
                    "state": "review",
                    "problems": "\n".join(s for sentences in problems.values() for s in sentences),
                }
            )
            return False
        operator = self._ecom_settlement_operator(accounts)
        sales_moves = self._ecom_settlement_sales(plan, orders, taxes, accounts)
        bill = self._ecom_settlement_bill(plan, fee_taxes, operator, accounts)
        accruals = self._ecom_settlement_accrual(plan, fee_taxes, accounts)
        move = self._ecom_settlement_entry(plan, orders, sales_moves, bill, operator, accounts)
        self.line_ids.write({"state": "booked"})
        # Booked by the rules, without a hand: each sale and refund row is matched
        # automatically, whether it cleared its order's payment or was booked from the
        # report in the day's sales entry (an order not in Odoo), as the charges of a
        # shop payout matched by the rules are. Rows of a settlement in review are not.
        self.line_ids.filtered(lambda line: line.type in ORDER_TYPES).matched_automatically = True
        self.write(
            {
                "settlement_bill_id": bill.id or False,
                "settlement_move_ids": [Command.set((sales_moves | accruals).ids)],
                "state": "booked",
                "problems": False,
            }
        )
        items = self.review_item_ids.filtered(
            lambda item: item.state == "todo" and item.key in SETTLEMENT_REASONS
        )
        items._ecom_close("automatic", _("Matched and booked by the rules."))
        self._ecom_match_statement()
        return bool(move)

    def _ecom_settlement_defaults(self, accounts):
        """Fill the marketplace accounts the set lacks (French chart codes, found or made)."""
        missing = {}
        names = {
            "sale_account_id": _("Marketplace sales"),
            "withheld_tax_account_id": _("VAT withheld by marketplaces"),
            "accrual_account_id": _("Marketplace fees to be invoiced"),
        }
        for field, code, account_type in SETTLEMENT_ACCOUNTS:
            if not accounts[field]:
                missing[field] = accounts._ecom_default_account(
                    self.company_id, code[:3], code, account_type, names[field]
                ).id
        if missing:
            accounts.sudo().write(missing)  # the rules' defaults, made for anyone booking

    def _ecom_settlement_operator(self, accounts):
        """Who invoices the fees: the shop's operator, the set's, else one made by name
        (the provider's operator, the one the shop names, else the shop's name)."""
        spec = parsers.get_provider(self.provider)
        operator = self.shop_id.marketplace_operator_id or accounts.operator_partner_id
        if operator:
            return operator
        field = spec.settlement.operator_field
        named = self.shop_id[field] if field and field in self.shop_id._fields else ""
        name = spec.settlement.operator_name or named or self.shop_id.name or spec.label
        Partner = self.env["res.partner"]
        operator = Partner.search(
            [
                ("name", "=", name),
                ("is_company", "=", True),
                ("company_id", "in", (False, self.company_id.id)),
            ],
            limit=1,
        ) or Partner.sudo().create({"name": name, "is_company": True})  # a supplier contact
        if spec.settlement.operator_name or not self.shop_id:
            accounts.sudo().operator_partner_id = operator  # the set's default, made once
        else:
            self.shop_id.sudo().marketplace_operator_id = operator  # this shop's operator
        return operator

    def _ecom_settlement_orders(self, plan):
        """Each order of the plan: the payment line it clears in Odoo, or the tax of its sales.

        :return: (``{key: cleared move line}`` of imported orders, ``{key: tax}`` of the
            others, sentences of what cannot be booked)
        """
        Line = self.env["ecom.payout.line"]
        lines = self.line_ids.filtered(
            lambda line: line.order_external_id and line.type in ("charge", "refund")
        )
        orders_by = Line._ecom_find_orders(lines)
        first_line, order_of = {}, {}
        for line in lines:
            first_line.setdefault((line.order_external_id, line.type == "refund"), line)
            order = Line._ecom_order_of(line, orders_by)
            if order:
                order_of[line.order_external_id] = order
                if line.sale_order_id != order:
                    line.sale_order_id = order
        found_orders = self.env["sale.order"].union(*order_of.values())
        credit_notes = self.env["account.move"].search(
            [
                ("move_type", "=", "out_refund"),
                ("state", "=", "posted"),
                ("reversed_entry_id", "in", found_orders.invoice_ids.ids or [0]),
            ]
        )
        taken = set()
        cleared, taxes, problems = {}, {}, []
        if self.currency_id != self.company_id.currency_id:
            problems.append(
                _(
                    "The settlement is in %(currency)s, not in the company's currency: book it "
                    "by hand.",
                    currency=self.currency_id.name,
                )
            )
        # Orders the shop sent that wait in its inbox (held, failed): imported later, their
        # sales would be booked twice; they wait for the import instead.
        waiting = {}
        outside = [oid for oid, _refund in plan.orders if oid not in order_of]
        if outside and self.shop_id:
            payloads = self.env["ecom.payload"].search(
                [
                    ("shop_id", "=", self.shop_id.id),
                    ("kind", "=", KIND_ORDER),
                    ("external_id", "in", outside),
                    ("sale_order_id", "=", False),
                ]
            )
            waiting = {payload.external_id: payload for payload in payloads}
        unmatched = {}
        for key, money in plan.orders.items():
            order_id, _refund = key
            order = order_of.get(order_id)
            if order_id in waiting:
                payload = waiting[order_id]
                unmatched[order_id] = _(
                    "Order %(order)s is in the shop's inbox, not imported yet (%(state)s): "
                    "import it; the settlement is booked when it is posted.",
                    order=order_id,
                    state=dict(payload._fields["state"]._description_selection(self.env)).get(
                        payload.state, payload.state
                    ),
                )
                continue
            if order:
                _payment, found, problem = Line._ecom_payment_of(
                    first_line[key], order, taken, credit_notes
                )
                residual = found and abs(found.amount_residual)
                if not found:
                    unmatched[order_id] = problem
                elif self.currency_id.compare_amounts(residual, abs(_money(money.collected))):
                    problems.append(
                        _(
                            "Order %(order)s: the marketplace collected %(collected)s, its "
                            "payment in Odoo leaves %(residual)s to clear.",
                            order=order.name,
                            collected=self._money(_money(money.collected)),
                            residual=self._money(residual),
                        )
                    )
                else:
                    taken.add(found.id)
                    cleared[key] = found
                continue
            tax, problem = self._ecom_settlement_sale_tax(money)
            if problem:
                problems.append(problem)
            else:
                taxes[key] = tax
        for order_id, problem in unmatched.items():
            # Matched again by themselves when their order is posted (_ecom_rematch_orders).
            lines.filtered(lambda x, oid=order_id: x.order_external_id == oid).write(
                {"state": "unmatched", "problem": problem}
            )
            problems.append(problem)
        return cleared, taxes, problems

    def _ecom_settlement_destination(self, order_id):
        """The country of an order's customers: its marketplace site's, else the company's."""
        spec = parsers.get_provider(self.provider)
        summary = self.summary or {}
        site = (summary.get("order_marketplaces") or {}).get(order_id) or summary.get("marketplace")
        code = site and spec.settlement.destination(site)
        country = code and self.env["res.country"].search([("code", "=", code)], limit=1)
        return country or self.company_id.account_fiscal_country_id

    def _ecom_settlement_sale_tax(self, money):
        """The sale tax whose rate gives the VAT the report says on an order's sales.

        The company's own taxes for its country's customers; for another EU
        country's, the tax its fiscal position (OSS) maps to.
        :return: (``account.tax`` (empty for sales without VAT), problem sentence or ``False``)
        """
        Tax = self.env["account.tax"]
        if not money.sale and not money.tax:
            return Tax, False
        country = self._ecom_settlement_destination(money.order_id)
        company = self.company_id
        domain = [
            *Tax._check_company_domain(company),
            ("type_tax_use", "=", "sale"),
            ("amount_type", "=", "percent"),
            ("price_include", "=", False),
        ]
        if country == company.account_fiscal_country_id:
            candidates = Tax.search(
                [*domain, ("country_id", "=", country.id)], order="sequence, id"
            )
        else:
            position = self.env["account.fiscal.position"].search(
                [
                    *self.env["account.fiscal.position"]._check_company_domain(company),
                    ("country_id", "=", country.id),
                    ("auto_apply", "=", True),
                    ("vat_required", "=", False),
                ],
                limit=1,
            )
            candidates = position.tax_ids.tax_dest_id.filtered_domain(domain)
        sale = Decimal(money.sale)
        for tax in candidates:
            expected = (sale * Decimal(str(tax.amount)) / 100).quantize(planning.CENT)
            if abs(expected - Decimal(money.tax)) <= planning.CENT:
                return tax, False
        return Tax, _(
            "Order %(order)s (not in Odoo): no sale tax of %(country)s gives its VAT "
            "%(tax)s on %(sale)s. Import the order, or create the tax, then match the "
            "settlement again.",
            order=money.order_id,
            country=country.name,
            tax=self._money(_money(money.tax)),
            sale=self._money(_money(money.sale)),
        )

    def _ecom_settlement_fee_taxes(self, plan):
        """The deductible purchase tax of each rate the operator charges.

        :return: (``{rate: tax}``, sentences of rates no tax has)
        """
        Tax = self.env["account.tax"]
        found, problems = {}, []
        for rate in {line.rate for line in plan.bill_lines if line.rate}:
            tax = Tax.search(
                [
                    *Tax._check_company_domain(self.company_id),
                    ("type_tax_use", "=", "purchase"),
                    ("amount_type", "=", "percent"),
                    ("amount", "=", float(rate)),
                    ("price_include", "=", False),
                    ("country_id", "=", self.company_id.account_fiscal_country_id.id),
                ],
                order="tax_exigibility, sequence, id",
                limit=1,
            )
            if tax:
                found[rate] = tax
            else:
                problems.append(
                    _(
                        "The operator charges %(rate)s %% VAT on its fees, and no purchase tax "
                        "of that rate exists: create it, then match the settlement again.",
                        rate=f"{float(rate):g}",
                    )
                )
        return found, problems

    def _ecom_settlement_date(self, day, journal):
        """``day``, or the first open day when the books are locked there."""
        return self.company_id._ecom_first_open_date(day, journal, has_tax=True)[0]

    def _ecom_settlement_end(self):
        summary = self.summary or {}
        return (summary.get("end") and Date.fromisoformat(summary["end"])) or self.date

    def _ecom_settlement_sales(self, plan, orders, taxes, accounts):
        """One entry per day of the sales of orders not in Odoo: clearing against sales and VAT.

        Dated on the day of the sales (a refund on its own day), in the marketplace's
        sales journal (:meth:`_ecom_settlement_journal`): they are the seller's
        marketplace sales, e-reported per day (``ecom_settlement_id`` says what they
        are), and e-reporting modules that read sales journals read them. A day keeps its
        date (its VAT period) even when a later settlement was booked first. Each sales
        and VAT line says goods or services (the product of the row's SKU; goods when
        none is found).
        :return: the posted entries
        """
        moves = self.env["account.move"]
        pending = [key for key in plan.orders if key not in orders]
        if not pending:
            return moves
        clearing = accounts._ecom_clearing_account()
        end = self._ecom_settlement_end()
        journal = self._ecom_settlement_journal(accounts)
        services = self._ecom_settlement_services(pending)
        by_day = defaultdict(list)
        for key in pending:
            by_day[plan.orders[key].date or end].append(key)
        vals_list = []
        for day in sorted(by_day):
            totals = defaultdict(lambda: [Decimal(0), Decimal(0)])
            collected = Decimal(0)
            for key in by_day[day]:
                money = plan.orders[key]
                service_sale, service_tax = services.get(key, (Decimal(0), Decimal(0)))
                # Sales and refunds apart: the VAT return shows them on their own lines.
                for operation, sale, vat in (
                    (OPERATION_GOODS, money.sale - service_sale, money.tax - service_tax),
                    (OPERATION_SERVICES, service_sale, service_tax),
                ):
                    if sale or vat:
                        totals[(taxes[key], money.refund, operation)][0] += sale
                        totals[(taxes[key], money.refund, operation)][1] += vat
                collected += money.collected
            lines = [
                {
                    "name": _(
                        "%(marketplace)s sales of %(settlement)s (orders not in Odoo)",
                        marketplace=self._provider_label(),
                        settlement=self.name,
                    ),
                    "account_id": clearing.id,
                    "balance": _money(collected),
                }
            ]
            for (tax, refund, operation), (sale, vat) in totals.items():
                lines += self._ecom_sale_lines(tax, sale, vat, refund, accounts, operation)
            vals_list.append(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": self._ecom_settlement_date(day, journal),
                    "ref": _("Sales %(settlement)s", settlement=self.name),
                    "ecom_shop_id": self.shop_id.id,
                    "ecom_settlement_id": self.id,
                    "line_ids": [Command.create(line) for line in lines],
                }
            )
        # The lines are the report's, to the cent: Odoo must not compute the VAT again.
        moves = moves.with_context(skip_invoice_sync=True).create(vals_list)
        moves.action_post()
        return moves.with_context(skip_invoice_sync=False)

    def _ecom_settlement_journal(self, accounts):
        """The sales journal of the marketplace's sales of orders not in Odoo.

        The shop's *Marketplace Sales Journal*, made on the first settlement
        (``Ventes Amazon.fr (relevés)``, code ``MP1``...): a journal of their own,
        apart from the invoices and the other shops' daily summaries, so that its
        numbers follow the dates as settlements come one after the other. Without a
        shop, the settlement's account set journal.
        """
        shop = self.shop_id
        if not shop:
            return accounts.journal_id
        if shop.settlement_journal_id:
            return shop.settlement_journal_id
        Journal = self.env["account.journal"].sudo()
        codes = set(Journal.search(Journal._check_company_domain(shop.company_id)).mapped("code"))
        number = 1
        while f"{SETTLEMENT_JOURNAL_PREFIX}{number}" in codes:
            number += 1
        # Configuration, made once for whoever books the shop's first settlement.
        # Named in the books' language (the booking runs in the accountant's).
        journal = Journal.create(
            {
                "name": _("%(shop)s sales (settlements)", shop=shop.name),
                "code": f"{SETTLEMENT_JOURNAL_PREFIX}{number}",
                "type": "sale",
                "company_id": shop.company_id.id,
                "sequence": 91,
            }
        )
        shop.sudo().settlement_journal_id = journal
        return journal.sudo(False)

    def _ecom_settlement_services(self, keys):
        """The services' part of the sales of orders ``keys`` (``(order id, refund)``).

        A row's SKU (Amazon's ``sku`` column, kept as the transaction's description)
        names the product sold, through the shop's SKU mappings, else the products'
        internal references; a product whose operation category is services makes
        the row's sales and VAT services.
        :return: ``{key: (sales, VAT)}`` of the orders with services
        """
        spec = parsers.get_provider(self.provider)
        wanted = set(keys)
        lines = self.line_ids.filtered(
            lambda line: (line.order_external_id, line.type == "refund") in wanted
            and line.description
            and (spec.settlement.kind_of(line.provider_type or "") or (None,))[0]
            in (planning.SALE, planning.SALE_TAX)
        )
        skus = set(lines.mapped("description"))
        if not skus:
            return {}
        products = {
            product.default_code: product
            for product in self.env["product.product"].search(
                [
                    ("default_code", "in", list(skus)),
                    ("company_id", "in", [self.company_id.id, False]),
                ],
                order="id desc",
            )
        }
        if self.shop_id:
            mappings = self.env["ecom.product.map"].search(
                [("shop_id", "=", self.shop_id.id), ("sku", "in", list(skus))]
            )
            products.update({mapping.sku: mapping.product_id for mapping in mappings})
        found = {}
        for line in lines:
            product = products.get(line.description)
            if not product or product.product_tmpl_id.ecom_operation_category != OPERATION_SERVICES:
                continue
            key = (line.order_external_id, line.type == "refund")
            sale, vat = found.get(key, (Decimal(0), Decimal(0)))
            amount = Decimal(str(line.amount)).quantize(planning.CENT)
            if spec.settlement.kind_of(line.provider_type)[0] == planning.SALE:
                sale += amount
            else:
                vat += amount
            found[key] = (sale, vat)
        return found

    def _ecom_sale_lines(self, tax, sale, vat, refund, accounts, operation=False):
        """The income and VAT lines of sales ``sale`` with VAT ``vat`` at ``tax`` (credits;
        debits for ``refund``s, with the tax's refund tags), both saying ``operation``
        (goods or services) for the e-reporting."""
        label = _("%(marketplace)s sales", marketplace=self._provider_label())
        if not tax:
            return [
                {"name": label, "account_id": accounts.sale_account_id.id, "balance": -_money(sale)}
            ]
        repartition = (
            tax.refund_repartition_line_ids if refund else tax.invoice_repartition_line_ids
        )
        base = repartition.filtered(lambda r: r.repartition_type == "base")
        tax_line = repartition.filtered(lambda r: r.repartition_type == "tax")[:1]
        return [
            {
                "name": f"{label} {tax.name}",
                "account_id": accounts.sale_account_id.id,
                "balance": -_money(sale),
                "tax_ids": [Command.set(tax.ids)],
                "tax_tag_ids": [Command.set(base.tag_ids.ids)],
                "ecom_operation_category": operation,
            },
            {
                "name": tax.name,
                "account_id": tax_line.account_id.id or accounts.sale_account_id.id,
                "balance": -_money(vat),
                "tax_repartition_line_id": tax_line.id,
                "tax_tag_ids": [Command.set(tax_line.tag_ids.ids)],
                "tax_base_amount": abs(_money(sale)),
                "ecom_operation_category": operation,
            },
        ]

    def _ecom_settlement_labels(self):
        """The bill line of each fee category, in the reader's language."""
        return {
            "commission": _("Commissions"),
            "refund_commission": _("Commissions refunded"),
            "refund_fee": _("Refund administration fees"),
            "fulfilment": _("Fulfilment fees"),
            "shipping": _("Shipping charged back"),
            "closing": _("Closing fees"),
            "digital_services": _("Digital services fees"),
            "storage": _("Storage fees"),
            "subscription": _("Subscription"),
            "advertising": _("Advertising"),
            "order_fee": _("Fees on orders"),
            "penalty": _("Penalties"),
            "manual": _("Operator's invoices and credit notes"),
            "one_off": _("One-off fees"),
        }

    def _ecom_settlement_bill(self, plan, fee_taxes, operator, accounts):
        """The operator's vendor bill of the settlement's fees (a credit note if it owes).

        Its lines are the report's to the cent: each category's cost excluding VAT, the
        VAT the operator charges (given by the report, or the part of the cost VAT
        included at the operator's rate), and the total the settlement pays. Odoo
        computing the VAT of each line again would be a cent off now and then: the
        lines are written as they are, with the tax and its tags, as a bill Odoo
        would make.
        :return: the posted bill, or an empty record when there are no fees
        """
        lines = [line for line in plan.bill_lines if line.amount]
        Move = self.env["account.move"]
        if not lines:
            return Move
        refund = plan.bill_total < 0
        sign = -1 if refund else 1
        labels = self._ecom_settlement_labels()
        end = self._ecom_settlement_end()
        journal = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.company_id),
                ("type", "=", "purchase"),
            ],
            limit=1,
        )
        currency = self.currency_id
        vals, vat_by_tax, total = [], defaultdict(lambda: [Decimal(0), Decimal(0)]), Decimal(0)
        for line in lines:
            tax = fee_taxes.get(line.rate) if line.rate else None
            vat = Decimal(0)
            if tax:
                vat = line.vat
                if vat is None:
                    vat = line.amount - (line.amount / (1 + line.rate / 100)).quantize(
                        planning.CENT
                    )
            base = line.amount - vat
            total += line.amount
            repartition = (
                (tax.refund_repartition_line_ids if refund else tax.invoice_repartition_line_ids)
                if tax
                else self.env["account.tax.repartition.line"]
            )
            vals.append(
                {
                    "display_type": "product",
                    "name": f"{labels.get(line.category, line.category)} ({self.name})",
                    "account_id": accounts.fee_account_id.id,
                    "quantity": 1,
                    "price_unit": sign * _money(base),
                    "tax_ids": [Command.set(tax.ids if tax else [])],
                    "tax_tag_ids": [
                        Command.set(
                            repartition.filtered(lambda r: r.repartition_type == "base").tag_ids.ids
                        )
                    ],
                    "currency_id": currency.id,
                    "amount_currency": _money(base),
                    "balance": _money(base),
                }
            )
            if tax:
                vat_by_tax[tax][0] += vat
                vat_by_tax[tax][1] += base
        for tax, (vat, base) in vat_by_tax.items():
            repartition = (
                tax.refund_repartition_line_ids if refund else tax.invoice_repartition_line_ids
            ).filtered(lambda r: r.repartition_type == "tax")[:1]
            vals.append(
                {
                    "display_type": "tax",
                    "name": tax.name,
                    "account_id": repartition.account_id.id or accounts.fee_account_id.id,
                    "tax_repartition_line_id": repartition.id,
                    "tax_tag_ids": [Command.set(repartition.tag_ids.ids)],
                    "tax_base_amount": abs(_money(base)),
                    "currency_id": currency.id,
                    "amount_currency": _money(vat),
                    "balance": _money(vat),
                }
            )
        payable = operator.with_company(self.company_id).property_account_payable_id
        vals.append(
            {
                "display_type": "payment_term",
                "name": self.name,
                "account_id": payable.id,
                "partner_id": operator.id,
                "date_maturity": end,
                "currency_id": currency.id,
                "amount_currency": -_money(total),
                "balance": -_money(total),
            }
        )
        bill = Move.with_context(skip_invoice_sync=True).create(
            {
                "move_type": "in_refund" if refund else "in_invoice",
                "partner_id": operator.id,
                "journal_id": journal.id,
                "invoice_date": end,
                "date": self._ecom_settlement_date(end, journal),
                "ref": self.name,
                "currency_id": currency.id,
                "ecom_shop_id": self.shop_id.id,
                "line_ids": [Command.create(line) for line in vals],
            }
        )
        bill.action_post()
        bill = bill.with_context(skip_invoice_sync=False)
        if currency.compare_amounts(bill.amount_total, abs(_money(plan.bill_total))):
            raise UserError(
                _(
                    "The operator's bill of %(settlement)s totals %(bill)s, not the fees' "
                    "%(fees)s.",
                    settlement=self.name,
                    bill=self._money(bill.amount_total),
                    fees=self._money(abs(_money(plan.bill_total))),
                )
            )
        return bill

    def _ecom_settlement_accrual(self, plan, fee_taxes, accounts):
        """A settlement over two months: the first month's fees accrued at its end, reversed
        the next day (their bill is dated in the second month).

        :return: the accrual and its reversal, posted (empty when there is nothing to accrue)
        """
        moves = self.env["account.move"]
        fees = plan.accrual
        if not fees or not plan.accrual_date:
            return moves
        rates = {line.category: line.rate for line in plan.bill_lines}
        labels = self._ecom_settlement_labels()
        lines, total = [], Decimal(0)
        for category, amount in sorted(fees.items()):
            cost = -amount
            rate = rates.get(category)
            if rate:
                cost = (cost / (1 + rate / 100)).quantize(planning.CENT)
            if not cost:
                continue
            total += cost
            lines.append(
                {
                    "name": _(
                        "%(fees)s of %(settlement)s, to be invoiced",
                        fees=labels.get(category, category),
                        settlement=self.name,
                    ),
                    "account_id": accounts.fee_account_id.id,
                    "balance": _money(cost),
                }
            )
        if not lines:
            return moves
        lines.append(
            {
                "name": _("Fees of %(settlement)s to be invoiced", settlement=self.name),
                "account_id": accounts.accrual_account_id.id,
                "partner_id": self._ecom_settlement_operator(accounts).id,
                "balance": -_money(total),
            }
        )
        accrual = moves.create(
            {
                "move_type": "entry",
                "journal_id": accounts.journal_id.id,
                "date": self._ecom_settlement_date(plan.accrual_date, accounts.journal_id),
                "ref": _("Month-end accrual %(settlement)s", settlement=self.name),
                "ecom_shop_id": self.shop_id.id,
                "line_ids": [Command.create(line) for line in lines],
            }
        )
        accrual.action_post()
        reversal = accrual._reverse_moves(
            [
                {
                    "date": self._ecom_settlement_date(
                        plan.accrual_date + timedelta(days=1), accounts.journal_id
                    ),
                    "ref": _("Reversal of %(entry)s", entry=accrual.ref),
                }
            ]
        )
        reversal.action_post()
        return accrual | reversal

    def _ecom_settlement_entry(self, plan, orders, sales_moves, bill, operator, accounts):
        """The settlement's own entry: the clearing cleared, the bill paid, reserves, deposit.

        :return: the posted entry (the payout's ``move_id``)
        """
        clearing = accounts._ecom_clearing_account()
        name = self.name
        vals, reconcile = [], []
        for key, cleared in orders.items():
            money = plan.orders[key]
            order = self.line_ids.filtered(
                lambda line, oid=key[0]: line.order_external_id == oid
            ).sale_order_id[:1]
            vals.append(
                {
                    "name": _(
                        "%(marketplace)s order %(order)s (%(settlement)s)",
                        marketplace=self._provider_label(),
                        order=order.ecom_reference or order.name or key[0],
                        settlement=name,
                    ),
                    "account_id": cleared.account_id.id,
                    "partner_id": cleared.partner_id.id or False,
                    "balance": -_money(money.collected),
                }
            )
            reconcile.append((len(vals) - 1, cleared))
        outside = sum(
            (money.collected for key, money in plan.orders.items() if key not in orders),
            Decimal(0),
        )
        if outside:
            vals.append(
                {
                    "name": _("Sales of orders not in Odoo (%(settlement)s)", settlement=name),
                    "account_id": clearing.id,
                    "balance": -_money(outside),
                }
            )
            reconcile.append(
                (
                    len(vals) - 1,
                    sales_moves.line_ids.filtered(lambda aml: aml.account_id == clearing),
                )
            )
        if bill:
            payable = bill.line_ids.filtered(lambda aml: aml.display_type == "payment_term")
            vals.append(
                {
                    "name": _("Operator's bill %(bill)s", bill=bill.name),
                    "account_id": payable[:1].account_id.id,
                    "partner_id": operator.id,
                    "balance": -sum(payable.mapped("balance")),
                }
            )
            reconcile.append((len(vals) - 1, payable))
        if plan.reserve:
            vals.append(
                {
                    "name": _("Reserve held or released (%(settlement)s)", settlement=name),
                    "account_id": accounts.reserve_account_id.id,
                    "balance": -_money(plan.reserve),
                }
            )
        if plan.withheld_tax:
            vals.append(
                {
                    "name": _("VAT withheld by the marketplace (%(settlement)s)", settlement=name),
                    "account_id": accounts.withheld_tax_account_id.id,
                    "balance": -_money(plan.withheld_tax),
                }
            )
        vals.append(
            {
                "name": _("Deposit %(payout)s", payout=name),
                "account_id": accounts._ecom_deposit_account().id,
                "balance": _money(plan.total),
            }
        )
        currency = self.currency_id
        for line in vals:
            line.update(currency_id=currency.id, amount_currency=line["balance"])
        day = self.date or fields.Date.context_today(self)
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": accounts.journal_id.id,
                "date": self._ecom_settlement_date(day, accounts.journal_id),
                "ref": name,
                "ecom_shop_id": self.shop_id.id,
                "line_ids": [Command.create(line) for line in vals],
            }
        )
        move.action_post()
        move_lines = move.line_ids.sorted("id")
        for index, others in reconcile:
            (move_lines[index] | others).reconcile()
        for line in self.line_ids:
            cleared = orders.get((line.order_external_id, line.type == "refund"))
            if cleared:
                line.cleared_line_id = cleared
        self.write({"move_id": move.id, "deposit_line_id": move_lines[-1].id})
        return move
