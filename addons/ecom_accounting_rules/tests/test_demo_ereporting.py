# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import json

from odoo.tests import BaseCase, TransactionCase, tagged
from odoo.tools import convert_file
from odoo.tools.misc import file_path

from ..demo.ecom_demo_ereporting import EREPORTING_CODE, MONTH, ORDERS_FILE, REFUND_FILE
from .ereporting_samples import month_orders, month_refund


def demo_file(name):
    with open(file_path(f"ecom_accounting_rules/demo/{name}"), "rb") as file:
        return json.load(file)["orders"]


@tagged("post_install", "-at_install")
class TestDemoEreportingFiles(BaseCase):
    """The demo's files hold the e-reporting samples' orders (how they were made)."""

    def test_files_are_the_samples(self):
        self.assertEqual(demo_file(ORDERS_FILE), month_orders())
        self.assertEqual(demo_file(REFUND_FILE), month_refund())


@tagged("post_install", "-at_install")
class TestDemoEreporting(TransactionCase):
    """./ecom run shows a month e-reported: the report equals the VAT ledger, a refund
    after the export gave a corrective export."""

    def test_the_demo_month_is_reported_to_the_cent_and_corrected(self):
        convert_file(
            self.env,
            "ecom_accounting_rules",
            "demo/ecom_demo.xml",
            {},
            mode="init",
            noupdate=True,
            kind="demo",
        )
        company = self.env.company
        if (company.account_fiscal_country_id or company.country_id).code != "FR":
            # Odoo's own tests run without the French chart (./ecom test --odoo-core):
            # the demo month is a French seller's, loaded for a French company only.
            self.skipTest("the e-reporting demo month needs a French company (l10n_fr_account)")
        shop = self.env["ecom.shop"].search([("code", "=", EREPORTING_CODE)])
        self.assertEqual(shop.posting_mode, "summary")
        orders = self.env["sale.order"].search([("ecom_shop_id", "=", shop.id)])
        self.assertEqual(len(orders), 7)
        self.assertFalse(
            orders.filtered(lambda o: o.ecom_posting_state not in ("summary", "posted"))
        )
        periods = self.env["ecom.ereporting.period"].search(
            [("company_id", "=", company.id), ("date_from", ">=", "%d-%02d-01" % MONTH)],
            order="date_from",
        )
        periods = periods.filtered(lambda p: p.date_from.month == MONTH[1])
        self.assertEqual(len(periods), 3)
        for period in periods:
            self.assertTrue(period.ledger_matches, period.name)
            self.assertEqual((period.base_difference, period.tax_difference), (0.0, 0.0))
            self.assertEqual(period.state, "exported")
            self.assertFalse(period.changed_since_export)
        # The VAT ledger of the month's web sales, apart from the French business's
        # e-invoice: the report's VAT to the cent.
        moves = self.env["account.move"].search(
            [
                ("ecom_shop_id", "=", shop.id),
                ("state", "=", "posted"),
                ("date", ">=", periods[0].date_from),
                ("date", "<=", periods[-1].date_to),
            ]
        )
        business_fr = orders.filtered(lambda o: o.ecom_external_id == "6304").invoice_ids
        self.assertTrue(business_fr)
        ledger = -sum((moves - business_fr).line_ids.filtered("tax_line_id").mapped("balance"))
        self.assertAlmostEqual(ledger, sum(periods.mapped("tax_total")), places=2)
        self.assertAlmostEqual(sum(periods.mapped("tax_total")), 29.32, places=2)
        # The refund after the export: one corrective export, with the refund's change.
        corrective = periods.export_ids.filtered(lambda e: e.kind == "corrective")
        self.assertEqual(len(corrective), 1)
        self.assertEqual(
            [(line.category, line.rate, line.base, line.tax) for line in corrective.line_ids],
            [("TLB1", 20.0, -20.0, -4.0)],
        )
        self.assertEqual(len(periods.export_ids.filtered(lambda e: e.kind == "initial")), 3)
        self.assertEqual(len(periods.invoice_ids), 1)
        self.assertEqual(periods.payment_ids.mapped("amount"), [60.0])
        # Loading the demo again adds nothing.
        exports = self.env["ecom.ereporting.export"].search_count([])
        self.env["ecom.demo"]._load()
        self.assertEqual(self.env["ecom.ereporting.export"].search_count([]), exports)
