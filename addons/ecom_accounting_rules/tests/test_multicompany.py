# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command
from odoo.tests import tagged

from odoo.addons.ecom_connector.tests.common import company_user

from .common import PostingCase, shopify_order


@tagged("post_install", "-at_install")
class TestCompaniesAreWalls(PostingCase):
    def test_rules_and_review_items_stay_in_their_company(self):
        other = self.env["res.company"].create({"name": "Autre Société SAS"})
        other_rules = self.env["ecom.posting.rule"].search([("company_id", "=", other.id)])
        self.assertEqual(len(other_rules), 2)  # its own default rules
        payload = shopify_order(8001)
        payload["payment_gateway_names"] = ["klarna"]
        order = self.import_and_post(payload)
        item = order.ecom_review_item_ids
        self.assertEqual(item.company_id, self.company)

        user_here = company_user(
            self.env, "compta_here", "account.group_account_manager", self.company
        )
        user_there = company_user(self.env, "compta_there", "account.group_account_manager", other)
        Rule = self.env["ecom.posting.rule"]
        Item = self.env["ecom.review.item"]
        Report = self.env["ecom.automation.report"]
        self.assertEqual(Rule.with_user(user_there).search([]), other_rules)
        self.assertFalse(Item.with_user(user_there).search([]))
        self.assertFalse(Report.with_user(user_there).search([]))
        self.assertEqual(Item.with_user(user_here).search([]), item)
        self.assertNotIn(other_rules[0], Rule.with_user(user_here).search([]))
        self.assertTrue(Report.with_user(user_here).search([("sale_order_id", "=", order.id)]))

    def test_each_company_posts_with_its_own_rules(self):
        self.rules.write({"action": "review"})  # this company reviews everything
        other = self.env["res.company"].create({"name": "Boutique Deux SARL"})
        self.env["account.chart.template"].try_loading("generic_coa", other, install_demo=False)
        journal = self.env["account.journal"].create(
            {"name": "Stripe 2", "code": "STR2", "type": "bank", "company_id": other.id}
        )
        shop = self.env["ecom.shop"].create(
            {
                "name": "Boutique Deux",
                "code": "DEUX",
                "platform": "shopify",
                "company_id": other.id,
                "unknown_product_policy": "create",
                "payment_map_ids": [
                    Command.create({"gateway": "shopify_payments", "journal_id": journal.id})
                ],
            }
        )
        here = self.import_and_post(shopify_order(8011))
        there = self.import_and_post(
            shopify_order(
                8012,
                email="deux@x.fr",
                lines=(("SANS-TVA", "Export", 1, "30.00", "0", "0"),),
                shipping=None,
            ),
            shop=shop,
        )
        # This company's rules sent its order to review; the other company's own
        # rules posted its order, in its own books.
        self.assertFalse(
            there.ecom_review_item_ids, there.ecom_review_item_ids.mapped("description")
        )
        self.assertEqual(here.ecom_posting_state, "review")
        self.assertEqual(here.ecom_review_item_ids.company_id, self.company)
        self.assertFalse(here.invoice_ids)
        self.assertEqual(there.company_id, other)
        self.assertEqual(there.ecom_posting_state, "posted")
        other_rules = self.env["ecom.posting.rule"].search([("company_id", "=", other.id)])
        self.assertIn(there.ecom_posting_rule_id, other_rules)
        self.assertEqual(there.ecom_posting_rule_id.action, "post")
        invoice = there.invoice_ids
        self.assertEqual(invoice.company_id, other)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.journal_id.company_id, other)
        self.assertAlmostEqual(invoice.amount_total, 30.0, places=2)
        self.assertTrue(
            all(other in account.company_ids for account in invoice.line_ids.account_id),
            "every line on the other company's accounts",
        )
        self.assertEqual(invoice._get_reconciled_payments().journal_id, journal)
