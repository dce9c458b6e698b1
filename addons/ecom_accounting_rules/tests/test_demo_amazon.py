# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from decimal import ROUND_HALF_UP, Decimal

from odoo.tests import TransactionCase, tagged
from odoo.tools import convert_file

from odoo.addons.ecom_connector.demo.ecom_demo_amazon import (
    AMAZON_DEMO_CODE,
    AMAZON_FR_MARKETPLACE,
    CLEARING_CODE,
)

from ..demo.ecom_demo_amazon import BANK_DATE, SETTLEMENT_ID

FBA_ORDERS = {"171-9034417-2215563", "405-2279035-6648321"}
BUSINESS_ORDER = "402-5560918-7731620"
PROMOTION_ORDER = "405-2279035-6648321"
# Placed after the settlement's end: paid in the next one.
NEXT_SETTLEMENT_ORDER = "404-8813570-1904738"


def _cents(value):
    return Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@tagged("post_install", "-at_install")
class TestDemoAmazon(TransactionCase):
    """./ecom run shows an Amazon.fr shop: its orders posted (FBA from Amazon's warehouse),
    its settlement booked to the cent, the operator's bill with deductible VAT, the deposit
    on the bank statement reconciled, and the marketplace's figures on the shop."""

    def setUp(self):
        super().setUp()
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
            # the settlement is a French seller's, booked for a French company only.
            self.skipTest("the Amazon settlement demo needs a French company (l10n_fr_account)")
        self.shop = self.env["ecom.shop"].search([("code", "=", AMAZON_DEMO_CODE)])
        self.orders = self.env["sale.order"].search([("ecom_shop_id", "=", self.shop.id)])
        self.payout = self.env["ecom.payout"].search(
            [("provider", "=", "amazon"), ("external_id", "=", SETTLEMENT_ID)]
        )

    def order(self, external_id):
        return self.orders.filtered(lambda o: o.ecom_external_id == external_id)

    def test_shop_and_its_orders_posted(self):
        shop = self.shop
        self.assertEqual(
            (shop.name, shop.platform, shop.amazon_marketplace_id),
            ("Boutique Démo (Amazon.fr)", "amazon", AMAZON_FR_MARKETPLACE),
        )
        self.assertEqual(len(self.orders), 5)
        self.assertEqual(set(self.orders.mapped("ecom_posting_state")), {"posted"})
        # Fulfilled by Amazon: from the Amazon FBA warehouse; the others from the seller's.
        fba = self.orders.filtered(lambda o: o.ecom_external_id in FBA_ORDERS)
        self.assertEqual(len(fba), 2)
        self.assertEqual(fba.warehouse_id, shop.amazon_fba_warehouse_id)
        self.assertEqual(shop.amazon_fba_warehouse_id.code, "FBA")
        self.assertNotIn(shop.amazon_fba_warehouse_id, (self.orders - fba).warehouse_id)
        # Amazon Business: an invoice to the company with its VAT number.
        business = self.order(BUSINESS_ORDER)
        self.assertEqual(business.ecom_customer_kind, "b2b")
        invoice = business.invoice_ids.filtered(lambda m: m.move_type == "out_invoice")
        self.assertEqual(invoice.commercial_partner_id.vat, "FR05813274511")
        self.assertEqual(invoice.commercial_partner_id.name, "Librairie des Quais SARL")
        # The promotion: 10 % off, the order total what Amazon charged.
        promotion = self.order(PROMOTION_ORDER)
        self.assertAlmostEqual(promotion.amount_total, 37.80)
        self.assertLess(promotion.amount_total, promotion.amount_undiscounted)
        # Every invoice paid through Amazon's journal, on its clearing account.
        invoices = self.orders.invoice_ids.filtered(lambda m: m.move_type == "out_invoice")
        self.assertLessEqual(set(invoices.mapped("payment_state")), {"paid", "in_payment"})
        payments = invoices._get_reconciled_payments()
        self.assertEqual(payments.journal_id, shop._ecom_gateway_journal("amazon"))
        self.assertEqual(payments.outstanding_account_id.code, CLEARING_CODE)
        # Its own sales journal: the November invoices on their own days.
        self.assertEqual(invoices.journal_id, shop.sale_journal_id)
        self.assertEqual(shop.sale_journal_id.code, "VTAMZ")
        for order in self.orders:
            self.assertEqual(order.invoice_ids.invoice_date, order.date_order.date())

    def test_settlement_booked_balanced_and_reconciled(self):
        payout = self.payout
        self.assertEqual(payout.shop_id, self.shop)
        self.assertEqual(payout.state, "booked", payout.problems)
        self.assertTrue(payout.balanced)
        rows = payout.line_ids.filtered(lambda line: line.type != "transfer")
        self.assertEqual(_cents(sum(rows.mapped("amount"))), _cents(payout.amount))
        move = payout.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.shop._ecom_gateway_journal("amazon"))
        # The operator's bill: every fee row, 20 % French VAT deductible.
        bill = payout.settlement_bill_id
        self.assertEqual((bill.move_type, bill.state), ("in_invoice", "posted"))
        self.assertEqual(bill.partner_id.name, "Amazon EU SARL")
        self.assertEqual(bill.partner_id.vat, "FR12487773327")
        fees = -sum(payout.line_ids.filtered(lambda line: line.type == "fee").mapped("amount"))
        self.assertEqual(_cents(bill.amount_total), _cents(fees))
        vat = bill.line_ids.filtered("tax_line_id")
        self.assertEqual(vat.tax_line_id.mapped("amount"), [20.0])
        self.assertEqual(vat.tax_line_id.type_tax_use, "purchase")
        self.assertTrue(vat.tax_tag_ids, "the VAT return deducts it")
        self.assertAlmostEqual(bill.amount_tax, bill.amount_untaxed * 0.2, delta=0.03)
        self.assertEqual(bill.payment_state, "paid", "the settlement paid it")
        # The orders in Odoo: each one's payment cleared by the settlement.
        settled = self.orders - self.order(NEXT_SETTLEMENT_ORDER)
        cleared = payout.line_ids.cleared_line_id
        payments = settled.invoice_ids._get_reconciled_payments()
        self.assertEqual(cleared.move_id, payments.move_id)
        self.assertTrue(all(cleared.mapped("reconciled")))
        self.assertEqual(
            set(payout.line_ids.sale_order_id.mapped("ecom_external_id")),
            set(settled.mapped("ecom_external_id")),
        )
        # Orders not in Odoo: their sales and the refund, one entry per day in the sales journal.
        sales = payout.settlement_move_ids
        self.assertEqual(set(sales.journal_id.mapped("type")), {"sale"})
        self.assertEqual(sales.ecom_settlement_id, payout)
        self.assertEqual(len(sales.mapped("date")), len(sales), "one entry per day")
        self.assertTrue(sales.line_ids.filtered("tax_line_id").tax_tag_ids)
        # A reserve held on 467500.
        reserve = move.line_ids.filtered(
            lambda line: line.account_id == payout.account_set_id.reserve_account_id
        )
        reserve_rows = payout.line_ids.filtered(lambda line: line.type == "reserve")
        self.assertEqual(reserve.account_id.code, "467500")
        self.assertAlmostEqual(reserve.balance, -sum(reserve_rows.mapped("amount")))
        self.assertGreater(reserve.balance, 0.0)
        # The deposit, on the bank statement the next day, reconciled.
        st_line = payout.statement_line_id
        self.assertTrue(st_line)
        self.assertEqual(st_line.date, BANK_DATE)
        self.assertAlmostEqual(st_line.amount, payout.amount)
        self.assertTrue(st_line.is_reconciled)
        self.assertTrue(payout.bank_reconciled)

    def test_marketplace_figures_on_the_shop(self):
        self.env.flush_all()
        self.env.invalidate_all()
        clearing = (
            self.shop._ecom_gateway_journal("amazon")
            .inbound_payment_method_line_ids[:1]
            .payment_account_id
        )
        waiting = self.order(NEXT_SETTLEMENT_ORDER)
        balance = sum(
            self.env["account.move.line"]
            .search([("account_id", "=", clearing.id), ("parent_state", "=", "posted")])
            .mapped("balance")
        )
        # What Amazon collected and has not paid out: the order of the next settlement.
        self.assertAlmostEqual(balance, waiting.amount_total)
        self.assertAlmostEqual(self.shop.payout_in_transit, waiting.amount_total)
        figures = self.shop.payout_figure_ids.filtered(lambda f: f.provider == "amazon")
        self.assertAlmostEqual(figures.in_transit, waiting.amount_total)
        payout = self.payout
        self.assertAlmostEqual(figures.fee_amount, payout.settlement_bill_id.amount_total)
        sales = payout.line_ids.filtered(lambda line: line.type == "charge")
        self.assertAlmostEqual(figures.charge_amount, sum(sales.mapped("amount")))
        self.assertAlmostEqual(
            figures.fee_rate, 100.0 * figures.fee_amount / figures.charge_amount, places=2
        )
        # Every sale and refund row booked by the rules, those of orders not in Odoo too.
        rows = payout.line_ids.filtered(lambda line: line.type in ("charge", "refund"))
        self.assertTrue(rows.filtered(lambda line: not line.sale_order_id))
        self.assertEqual(figures.order_line_count, len(rows))
        self.assertEqual(figures.auto_rate, 100.0)

    def test_loading_the_demo_again_adds_nothing(self):
        moves = self.env["account.move"].search_count([])
        payouts = self.env["ecom.payout"].search_count([])
        self.env["ecom.demo"]._load()
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        self.assertEqual(self.env["ecom.payout"].search_count([]), payouts)
        self.assertEqual(
            self.env["sale.order"].search_count([("ecom_shop_id", "=", self.shop.id)]),
            len(self.orders),
        )
