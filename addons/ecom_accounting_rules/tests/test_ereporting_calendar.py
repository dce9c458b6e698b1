# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The e-reporting calendar of each VAT regime: plain dates, no database."""

from datetime import date

from odoo.tests import BaseCase, tagged

from ..ereporting import calendar
from ..ereporting.calendar import month_of, next_due, period_of, periods_of_month


def spans(periods):
    return [(p.date_from, p.date_to, p.due_date, p.payment_due_date) for p in periods]


@tagged("post_install", "-at_install")
class TestEreportingCalendar(BaseCase):
    def test_standard_monthly_returns_report_per_decade(self):
        self.assertEqual(
            spans(periods_of_month("normal_monthly", 2026, 11)),
            [
                (date(2026, 11, 1), date(2026, 11, 10), date(2026, 11, 20), date(2026, 12, 10)),
                (date(2026, 11, 11), date(2026, 11, 20), date(2026, 11, 30), date(2026, 12, 10)),
                (date(2026, 11, 21), date(2026, 11, 30), date(2026, 12, 10), date(2026, 12, 10)),
            ],
        )
        # February has no 30th: the second décade is due on its last day; December's
        # last décade the next year.
        february = periods_of_month("normal_monthly", 2027, 2)
        self.assertEqual(february[1].due_date, date(2027, 2, 28))
        self.assertEqual(february[2].date_to, date(2027, 2, 28))
        self.assertEqual(
            periods_of_month("normal_monthly", 2026, 12)[2].due_date, date(2027, 1, 10)
        )

    def test_quarterly_returns_and_simplified_regime_report_per_month(self):
        self.assertEqual(
            spans(periods_of_month("normal_quarterly", 2026, 11)),
            [(date(2026, 11, 1), date(2026, 11, 30), date(2026, 12, 10), date(2026, 12, 10))],
        )
        self.assertEqual(
            spans(periods_of_month("simplified", 2026, 12)),
            [(date(2026, 12, 1), date(2026, 12, 31), date(2027, 1, 25), date(2027, 1, 25))],
        )

    def test_franchise_reports_every_two_months(self):
        for month in (9, 10):
            self.assertEqual(
                spans(periods_of_month("franchise", 2026, month)),
                [(date(2026, 9, 1), date(2026, 10, 31), date(2026, 11, 25), date(2026, 11, 25))],
            )
        self.assertEqual(
            spans(periods_of_month("franchise", 2026, 12)),
            [(date(2026, 11, 1), date(2026, 12, 31), date(2027, 1, 25), date(2027, 1, 25))],
        )

    def test_period_of_a_day_and_the_next_due_date(self):
        self.assertEqual(
            period_of("normal_monthly", date(2026, 11, 15)).date_from, date(2026, 11, 11)
        )
        # On 7 December the last décade of November (due the 10th) comes first.
        self.assertEqual(next_due("normal_monthly", date(2026, 12, 7)).due_date, date(2026, 12, 10))
        self.assertEqual(
            next_due("normal_monthly", date(2026, 12, 11)).due_date, date(2026, 12, 20)
        )
        # Due on the day itself is still ahead.
        self.assertEqual(
            next_due("normal_quarterly", date(2026, 12, 10)).due_date, date(2026, 12, 10)
        )
        self.assertEqual(next_due("simplified", date(2026, 12, 26)).due_date, date(2027, 1, 25))
        self.assertEqual(next_due("franchise", date(2026, 12, 7)).due_date, date(2027, 1, 25))

    def test_bad_input(self):
        self.assertEqual(month_of("2026-10"), (2026, 10))
        for text in ("2026-13", "octobre", "", None):
            with self.assertRaises(ValueError):
                month_of(text)
        with self.assertRaises(ValueError):
            periods_of_month("forfait", 2026, 10)
        self.assertEqual(set(calendar.REGIMES), set(calendar.DUE_DAY))
