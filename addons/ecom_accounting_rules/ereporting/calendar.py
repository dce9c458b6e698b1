# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The e-reporting calendar of French VAT regimes: periods and due dates (no database).

Decree 2022-1299 of 7 October 2022 (CGI annex II, art. 242 nonies G to M) as the
administration's external specifications present it:

- *réel normal*, monthly VAT returns: transaction data per ten days (décade: 1-10,
  11-20, 21 to the month's end), due the 20th, the 30th (the month's last day in
  February) and the 10th of the next month; payment data per month, due the 10th of
  the next month;
- *réel normal*, quarterly VAT returns: per month, due the 10th of the next month
  (both flows);
- *réel simplifié*: per month, due between the 25th and the 30th of the next month;
- *franchise en base*: per two months (January-February, March-April...), due between
  the 25th and the 30th of the month after the period.

Where the texts give a window (25th to 30th), the calendar says the 25th: the
earliest day, so a seller is never late.
"""

import calendar as _calendar
import dataclasses
from datetime import date, timedelta

from odoo.addons.ecom_connector.const import (
    VAT_REGIME_FRANCHISE,
    VAT_REGIME_NORMAL_MONTHLY,
    VAT_REGIME_NORMAL_QUARTERLY,
    VAT_REGIME_SIMPLIFIED,
)

REGIMES = (
    VAT_REGIME_NORMAL_MONTHLY,
    VAT_REGIME_NORMAL_QUARTERLY,
    VAT_REGIME_SIMPLIFIED,
    VAT_REGIME_FRANCHISE,
)
# The day of the next month the monthly and two-monthly flows are due, per regime.
DUE_DAY = {
    VAT_REGIME_NORMAL_MONTHLY: 10,
    VAT_REGIME_NORMAL_QUARTERLY: 10,
    VAT_REGIME_SIMPLIFIED: 25,
    VAT_REGIME_FRANCHISE: 25,
}


@dataclasses.dataclass(frozen=True)
class ReportingPeriod:
    """One period of the transaction data, and when its data are due.

    ``payment_due_date`` is when the payment data of the period's month (of its
    two months, in franchise) are due.
    """

    regime: str
    date_from: date
    date_to: date
    due_date: date
    payment_due_date: date


def _last_day(year, month):
    return date(year, month, _calendar.monthrange(year, month)[1])


def _next_month(year, month, day):
    """``day`` of the month after ``year``-``month`` (the month's last day if shorter)."""
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return min(date(year, month, 1) + timedelta(days=day - 1), _last_day(year, month))


def _check(regime):
    if regime not in REGIMES:
        raise ValueError(f"unknown VAT regime {regime!r}")


def periods_of_month(regime, year, month):
    """The periods of ``regime`` that make up the month ``year``-``month``.

    Three décades for the réel normal with monthly returns, the month itself for
    the monthly regimes, and for the franchise the two months that hold it.
    :return: a list of :class:`ReportingPeriod`, in date order
    """
    _check(regime)
    last = _last_day(year, month)
    if regime == VAT_REGIME_NORMAL_MONTHLY:
        payment_due = _next_month(year, month, DUE_DAY[regime])
        return [
            ReportingPeriod(
                regime,
                date(year, month, 1),
                date(year, month, 10),
                date(year, month, 20),
                payment_due,
            ),
            ReportingPeriod(
                regime,
                date(year, month, 11),
                date(year, month, 20),
                min(date(year, month, 1) + timedelta(days=29), last),
                payment_due,
            ),
            ReportingPeriod(regime, date(year, month, 21), last, payment_due, payment_due),
        ]
    if regime == VAT_REGIME_FRANCHISE:
        first = month if month % 2 else month - 1
        end = _last_day(year, first + 1)
        due = _next_month(year, first + 1, DUE_DAY[regime])
        return [ReportingPeriod(regime, date(year, first, 1), end, due, due)]
    due = _next_month(year, month, DUE_DAY[regime])
    return [ReportingPeriod(regime, date(year, month, 1), last, due, due)]


def period_of(regime, day):
    """The period of ``regime`` that holds ``day``."""
    return next(
        period
        for period in periods_of_month(regime, day.year, day.month)
        if period.date_from <= day <= period.date_to
    )


def next_due(regime, today):
    """The first period whose transaction data are due on or after ``today``.

    A period is due after it ends: on 7 December, the décade of 21-30 November
    (due 10 December) comes before that of 1-10 December (due 20 December).
    :return: a :class:`ReportingPeriod`
    """
    _check(regime)
    # The periods due soonest end at most two months before today.
    day = date(today.year, today.month, 1) - timedelta(days=62)
    while True:
        period = period_of(regime, day)
        if period.due_date >= today:
            return period
        day = period.date_to + timedelta(days=1)


def month_of(text):
    """``(year, month)`` of a ``YYYY-MM`` text; ValueError when it is not one."""
    try:
        year, month = (int(part) for part in text.split("-"))
        date(year, month, 1)
    except (AttributeError, TypeError, ValueError):
        raise ValueError(f"not a month (YYYY-MM): {text!r}") from None
    return year, month
