# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Marketplace settlements: from a settlement's rows to a plan of what is booked (pure).

A marketplace (Amazon, a Mirakl-run one) collects the customers' money, keeps
its commissions and fees, holds a reserve, and pays out the rest: one
settlement. Its provider's folder says what each of its transaction types is
(a :data:`KINDS` code, through :class:`SettlementFormat`); this module adds
the rows up into a :class:`SettlementPlan`:

- ``orders``: per marketplace order (and apart, per order's refund), the sales
  and the VAT the marketplace collected (refunds negative), to clear the
  order's payment when the order is in Odoo, or to book as sales (income and
  VAT) when it is not;
- ``bill_lines``: the operator's fees by category, each with what it costs in
  all (VAT included) and whether the operator charges VAT on it: one vendor
  bill per settlement;
- ``reserve`` (held negative, released positive), ``withheld_tax`` and the
  ``deposit``;
- ``accrual``: the fees of the settlement's first month, when it spans two
  (the month-end split, see docs/accounting.md; the sales of orders not in
  Odoo are booked on their own day instead);
- ``problems``: ``(code, sentence)`` pairs; a plan with problems books
  nothing (a row of an unknown type, rows that do not add up to the deposit).

Money is ``Decimal`` throughout; no ORM, no I/O.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

# What a settlement row is (the provider's const maps its own types to these).
SALE = "sale"  # the price of goods, shipping, gift wrap, promotions (less), net of VAT
SALE_TAX = "sale_tax"  # the VAT on a sale, collected for the seller
WITHHELD_TAX = "withheld_tax"  # VAT the marketplace collected and pays itself
FEE = "fee"  # a commission, fulfilment fee, subscription, penalty (negative: a cost)
FEE_TAX = "fee_tax"  # the VAT the operator charges on a fee, given apart (Mirakl)
RESERVE = "reserve"  # money held back (negative) or released (positive)
TRANSFER = "transfer"  # the payout itself (not counted: it is the deposit)
KINDS = (SALE, SALE_TAX, WITHHELD_TAX, FEE, FEE_TAX, RESERVE, TRANSFER)

# Problem codes of a plan.
PROBLEM_UNKNOWN_TYPE = "unknown_type"
PROBLEM_NOT_ADDING_UP = "not_adding_up"
PROBLEM_FEE_VAT = "fee_vat"

CENT = Decimal("0.01")


@dataclass(frozen=True)
class SettlementFormat:
    """What a marketplace's provider declares about its settlements.

    :ivar kind_of: ``kind_of(provider_type)`` → ``(kind, category)``: one of
        :data:`KINDS` and, for fees, the bill line's category (its label), or
        ``None`` for a type the product does not know
    :ivar operator_vat: ``operator_vat(date)`` → the VAT rate (percent,
        ``Decimal``) the operator charges on its fees at that date, or ``None``
        where it charges none (reverse charge, or an operator outside France);
        used when the report does not give the fees' VAT apart
    :ivar operator_name: the operator partner's name, when the settlement does
        not name it (Amazon EU SARL)
    :ivar destination: ``destination(marketplace)`` → the ISO country of the
        customers of a marketplace site (``Amazon.de`` → ``DE``), or ``None``
    :ivar operator_field: the shop's field that names the operator (the
        connector's ``mirakl_operator``), when each shop has its own: the
        operator partner is made with that name the first time
    """

    kind_of: Callable
    operator_vat: Callable
    operator_name: str = ""
    operator_field: str = ""
    destination: Callable = lambda marketplace: None


@dataclass
class Row:
    """One settlement row, as the planner reads it.

    :ivar provider_type: the provider's name of its type, kept as sent
    :ivar amount: signed as the marketplace writes it: + to the seller, - to the marketplace
    """

    provider_type: str
    amount: Decimal
    order_id: str | None = None
    date: object = None  # datetime.date
    refund: bool = False  # a row of the order's refund (its refund payment clears it)


@dataclass
class OrderMoney:
    """What the marketplace collected for one order (or paid back, for its refund rows)."""

    order_id: str
    sale: Decimal = Decimal(0)
    tax: Decimal = Decimal(0)
    date: object = None
    refund: bool = False

    @property
    def collected(self):
        """What clears the order's payment (its refund payment: negative): sales and VAT."""
        return self.sale + self.tax


@dataclass
class BillLine:
    """One line of the operator's bill: a category of fees, what it costs VAT included.

    :ivar amount: the cost to the seller, VAT included (positive; negative for money back)
    :ivar vat: the VAT in it (``None``: to compute at ``rate``, the report gives none)
    :ivar rate: the VAT rate the operator charges (percent), ``None`` for none
    """

    category: str
    amount: Decimal = Decimal(0)
    vat: Decimal | None = None
    rate: Decimal | None = None


@dataclass
class SettlementPlan:
    total: Decimal
    orders: dict = field(default_factory=dict)  # (order id, refund) → OrderMoney
    bill_lines: list = field(default_factory=list)
    reserve: Decimal = Decimal(0)
    withheld_tax: Decimal = Decimal(0)
    rows_total: Decimal = Decimal(0)
    accrual: dict = field(default_factory=dict)  # fee category → amount, first month
    accrual_date: object = None  # the last day of the settlement's first month
    problems: list = field(default_factory=list)

    @property
    def difference(self):
        return self.total - self.rows_total

    @property
    def bill_total(self):
        """What the seller owes the operator (positive), VAT included."""
        return sum((line.amount for line in self.bill_lines), Decimal(0))


def month_end(day):
    """The last day of ``day``'s month."""
    following = day.replace(day=28) + timedelta(days=4)
    return following - timedelta(days=following.day)


def plan_settlement(rows, total, settlement_format, start=None, end=None):
    """Add a settlement's rows up into what is booked.

    :param rows: :class:`Row` records
    :param Decimal total: the settlement's deposit as the marketplace reports it
    :param SettlementFormat settlement_format: the provider's declaration
    :param start: the settlement's first day (a date), for the month-end split
    :param end: its last day
    :return: :class:`SettlementPlan`; with ``problems``, nothing is to be booked
    """
    plan = SettlementPlan(total=total)
    unknown = {}
    bill = {}
    split = start and end and (start.year, start.month) != (end.year, end.month)
    if split:
        plan.accrual_date = month_end(start)
    for row in rows:
        kind, category = settlement_format.kind_of(row.provider_type) or (None, None)
        if kind not in KINDS:
            unknown.setdefault(row.provider_type, Decimal(0))
            unknown[row.provider_type] += row.amount
            continue
        if kind == TRANSFER:
            continue
        plan.rows_total += row.amount
        if kind in (SALE, SALE_TAX) and row.order_id:
            key = (row.order_id, row.refund)
            order = plan.orders.get(key)
            if order is None:
                order = plan.orders[key] = OrderMoney(
                    row.order_id, date=row.date, refund=row.refund
                )
            if kind == SALE:
                order.sale += row.amount
            else:
                order.tax += row.amount
            if row.date and (not order.date or row.date < order.date):
                order.date = row.date
        elif kind == WITHHELD_TAX:
            plan.withheld_tax += row.amount
        elif kind in (SALE, SALE_TAX):
            unknown.setdefault(row.provider_type, Decimal(0))
            unknown[row.provider_type] += row.amount
            plan.rows_total -= row.amount  # a sale of no order: to review, not booked
            continue
        elif kind == RESERVE:
            plan.reserve += row.amount
        else:
            line = bill.get(category)
            if line is None:
                line = bill[category] = BillLine(category)
            if kind == FEE:
                line.amount -= row.amount
                rate = settlement_format.operator_vat(row.date)
                if line.vat is None and rate:
                    line.rate = rate
            else:
                line.amount -= row.amount
                line.vat = (line.vat or Decimal(0)) - row.amount
        if split and row.date and row.date <= plan.accrual_date and kind == FEE:
            plan.accrual[category] = plan.accrual.get(category, Decimal(0)) + row.amount
    for provider_type, amount in sorted(unknown.items()):
        plan.problems.append(
            (
                PROBLEM_UNKNOWN_TYPE,
                {"type": provider_type, "amount": amount},
            )
        )
    plan.bill_lines = [bill[key] for key in sorted(bill, key=str)]
    for line in plan.bill_lines:
        if line.vat is not None:
            # VAT given apart (Mirakl): its rate, to the nearest tenth of a percent.
            base = line.amount - line.vat
            line.rate = (
                (line.vat / base * 100).quantize(Decimal("0.1")) if base and line.vat else None
            )
    if not unknown and plan.difference.quantize(CENT) != 0:
        plan.problems.append(
            (
                PROBLEM_NOT_ADDING_UP,
                {"rows": plan.rows_total, "total": total, "difference": plan.difference},
            )
        )
    return plan
