# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Differences between the shop's total and Odoo's, by size: rounding, or not reconciling."""

from odoo.tests import tagged

from .common import FrenchAccountantMixin, PostingCase, shopify_order

NBSP = "\N{NO-BREAK SPACE}"


def with_total(order_id, total, **values):
    """A Shopify order of 55.20 € (2 × 20.00 + 6.00 shipping, TVA 20 %); the shop says ``total``."""
    payload = shopify_order(order_id, **values)
    payload["total_price"] = total
    return payload


@tagged("post_install", "-at_install")
class TestDifferences(PostingCase):
    def posting_item(self, order):
        item = order.ecom_review_item_ids.filtered(lambda i: i.key == "posting")
        self.assertEqual(len(item), 1)
        self.assertEqual(order.ecom_posting_state, "review")
        self.assertFalse(order.invoice_ids)
        return item

    def test_within_the_tolerance_a_rounding_difference_booked_to_the_rounding_account(self):
        order = self.import_and_post(with_total(5101, "55.22"))
        self.assertEqual(order.ecom_posting_state, "posted")
        payment = self.payments_of(self.invoice_of(order))
        rounding = payment.move_id.line_ids.filtered(
            lambda line: line.account_id == self.rounding_account
        )
        self.assertAlmostEqual(rounding.balance, -0.02, places=2)
        self.assertIn("Rounding difference", rounding.name)

    def test_within_the_tolerance_without_rounding_account_asks_for_one(self):
        self.company.ecom_rounding_account_id = False
        order = self.import_and_post(with_total(5102, "55.22"))
        item = self.posting_item(order)
        self.assertEqual(item.reason_ids.mapped("code"), ["missing_account"])
        self.assertIn(
            f"A rounding difference of 0.02{NBSP}€ (within the tolerance of 0.02{NBSP}€)",
            item.description,
        )
        self.assertNotIn("do not reconcile", item.description)

    def test_just_beyond_the_tolerance_the_totals_do_not_reconcile(self):
        order = self.import_and_post(with_total(5103, "55.23"))
        item = self.posting_item(order)
        self.assertIn("total_mismatch", item.reason_ids.mapped("code"))
        self.assertIn("The totals do not reconcile", item.description)
        self.assertIn(f"a difference of 0.03{NBSP}€", item.description)
        self.assertNotIn("rounding account", item.description)
        self.assertNotIn("rounding difference", item.description.lower())

    def test_a_difference_of_45_is_no_rounding_even_without_rounding_account(self):
        self.company.ecom_rounding_account_id = False
        order = self.import_and_post(with_total(5104, "100.20"))
        item = self.posting_item(order)
        self.assertEqual(item.reason_ids.mapped("code"), ["total_mismatch"])
        self.assertIn(
            f"The totals do not reconcile: the shop's total is 100.20{NBSP}€ and Odoo's "
            f"55.20{NBSP}€, a difference of 45.00{NBSP}€, more than the rounding tolerance "
            f"of 0.02{NBSP}€.",
            item.description,
        )
        self.assertIn("Likely cause: the shop's total is higher", item.description)
        self.assertNotIn("rounding account", item.description)
        self.assertNotIn("missing_account", item.reason_ids.mapped("code"))

    def test_the_likely_cause_the_order_shows(self):
        # 55.20 − 9.20: the shop's total leaves the tax out.
        item = self.posting_item(self.import_and_post(with_total(5105, "46.00")))
        self.assertIn(f"it equals the order's tax (9.20{NBSP}€)", item.description)
        # 55.20 + 7.20: the shipping (6.00 + TVA) counted twice.
        item = self.posting_item(self.import_and_post(with_total(5106, "62.40", email="s@x.fr")))
        self.assertIn(f"it equals the shipping (7.20{NBSP}€)", item.description)

    def test_posted_anyway_a_mismatch_stays_open_on_the_invoice_and_says_so(self):
        order = self.import_and_post(with_total(5107, "100.20"))
        self.posting_item(order)
        self.engine._post_orders(order, force=True)
        invoice = self.invoice_of(order)
        self.assertEqual(invoice.state, "posted")
        # The shop took 100.20 for 55.20 invoiced: 45.00 left on the customer's account.
        payment = self.payments_of(invoice)
        self.assertAlmostEqual(payment.amount, 100.20, places=2)
        open_line = payment.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(open_line.amount_residual, -45.00, places=2)
        bodies = " ".join(invoice.message_ids.mapped("body"))
        self.assertIn("The totals do not reconcile: the shop's payments (100.20", bodies)
        self.assertNotIn("rounding account", bodies)


@tagged("post_install", "-at_install")
class TestDifferencesInFrench(FrenchAccountantMixin, PostingCase):
    def test_the_accountant_reads_the_difference_in_french(self):
        self.set_french_accountant("comptable_ecarts")
        self.company.ecom_rounding_account_id = False
        order = self.import_and_post(with_total(5201, "1289.40"))
        item = order.ecom_review_item_ids.filtered(lambda i: i.key == "posting")
        self.assertIn("Les totaux ne concordent pas", item.description)
        # 1 289,40 − 55,20 = 1 234,20: French figures, the euro after them.
        self.assertRegex(item.description, r"1\s234,20\s€")
        self.assertIn("Cause probable : le total de la boutique est plus élevé", item.description)
        self.assertNotIn("arrondi des boutiques", item.description)
