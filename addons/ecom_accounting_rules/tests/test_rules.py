# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PostingCase, shopify_order


@tagged("post_install", "-at_install")
class TestPostingRules(PostingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["ecom.posting.rule"]
        cls.facts = {
            "shop_id": cls.shop.id,
            "gateway": "shopify_payments",
            "financial_status": "paid",
            "business": False,
            "country_id": cls.env.ref("base.fr").id,
            "currency_id": cls.env.ref("base.EUR").id,
            "amount": 120.0,
        }

    def rule(self, **vals):
        return self.Rule.create({"name": "R", "action": "post", **vals})

    def test_each_condition(self):
        other_shop = self.env["ecom.shop"].create(
            {"name": "Autre", "code": "OTHER", "platform": "woocommerce"}
        )
        eu = self.env["res.country.group"].create(
            {"name": "EU test", "country_ids": [Command.set(self.env.ref("base.be").ids)]}
        )
        cases = [
            ({}, True),
            ({"shop_ids": [Command.set(self.shop.ids)]}, True),
            ({"shop_ids": [Command.set(other_shop.ids)]}, False),
            ({"gateways": "PayPal, Shopify_Payments"}, True),
            ({"gateways": "paypal"}, False),
            ({"financial_statuses": "paid, partially_refunded"}, True),
            ({"financial_statuses": "pending"}, False),
            ({"customer_type": "individual"}, True),
            ({"customer_type": "business"}, False),
            ({"country_group_id": eu.id}, False),
            ({"currency_ids": [Command.set(self.env.ref("base.EUR").ids)]}, True),
            ({"currency_ids": [Command.set(self.env.ref("base.USD").ids)]}, False),
            ({"amount_min": 100, "amount_max": 150}, True),
            ({"amount_min": 150}, False),
            ({"amount_max": 100}, False),
        ]
        for vals, expected in cases:
            with self.subTest(vals=vals):
                self.assertEqual(self.rule(**vals)._ecom_matches(self.facts), expected)
        eu.country_ids |= self.env.ref("base.fr")
        self.assertTrue(self.rule(country_group_id=eu.id)._ecom_matches(self.facts))
        self.assertTrue(
            self.rule(customer_type="business")._ecom_matches({**self.facts, "business": True})
        )

    def test_first_match_in_order_wins(self):
        late = self.rule(name="late", sequence=50, action="invoice")
        early = self.rule(name="early", sequence=5, action="review", gateways="paypal")
        middle = self.rule(name="middle", sequence=20, action="post")
        rules = late | early | middle
        self.assertEqual(rules._ecom_first_match(self.facts), middle)
        self.assertEqual(rules._ecom_first_match({**self.facts, "gateway": "paypal"}), early)
        middle.sequence = 60
        self.assertEqual(rules._ecom_first_match(self.facts), late)
        self.assertFalse((early)._ecom_first_match(self.facts))

    def test_a_change_of_what_a_rule_does_makes_a_new_version(self):
        rule = self.rule()
        self.assertEqual(rule.version, 1)
        rule.name = "Renamed"
        self.assertEqual(rule.version, 1)
        rule.write({"gateways": "paypal"})
        self.assertEqual(rule.version, 2)
        rule.action = "invoice"
        self.assertEqual(rule.version, 3)

    def test_bad_conditions_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "Unknown shop payment status"):
            self.rule(financial_statuses="paid, payed")
        with self.assertRaisesRegex(ValidationError, "maximum total is below"):
            self.rule(amount_min=50, amount_max=10)

    def test_a_rule_takes_every_shop_payment_status(self):
        """One list of statuses: a dispute as well as a chargeback."""
        rule = self.rule(financial_statuses="chargeback, disputed")
        self.assertTrue(rule._ecom_matches({**self.facts, "financial_status": "disputed"}))
        self.assertTrue(rule._ecom_matches({**self.facts, "financial_status": "chargeback"}))
        self.assertFalse(rule._ecom_matches(self.facts))

    def test_default_rules_shipped_for_every_company(self):
        self.assertEqual(sorted(self.rules.mapped("action")), ["invoice", "post"])
        company = self.env["res.company"].create({"name": "Nouvelle boutique SAS"})
        rules = self.Rule.search([("company_id", "=", company.id)])
        self.assertEqual(len(rules), 2)
        self.assertEqual(
            rules.sorted("sequence")[0].financial_statuses, "paid,partially_refunded,refunded"
        )

    def test_posted_entries_record_the_rule_version(self):
        post_rule = self.rules.filtered(lambda r: r.action == "post")
        post_rule.amount_max = 1000  # version 2
        order = self.import_and_post(shopify_order(3001))
        self.assertEqual(order.ecom_posting_rule_id, post_rule)
        self.assertEqual(order.ecom_posting_rule_version, 2)
        invoice = self.invoice_of(order)
        self.assertEqual(invoice.ecom_posting_rule_version, 2)
        post_rule.amount_max = 2000
        self.assertEqual(invoice.ecom_posting_rule_version, 2)
        self.assertEqual(post_rule.posted_move_count, 2)  # the invoice and its payment

    def test_a_rule_sending_to_review_and_no_matching_rule(self):
        self.rule(
            name="Big business orders",
            sequence=1,
            action="review",
            amount_min=50,
        )
        order = self.import_and_post(shopify_order(3011))
        self.assertEqual(order.ecom_posting_state, "review")
        item = order.ecom_review_item_ids
        self.assertEqual(item.reason_id.code, "rule")
        self.assertIn("Big business orders", item.description)
        self.assertFalse(order.invoice_ids)

        self.Rule.search([]).write({"active": False})
        lone = self.import_and_post(shopify_order(3012, email="z@x.fr"))
        self.assertEqual(lone.ecom_posting_state, "review")
        self.assertIn("No posting rule matches", lone.ecom_review_item_ids.description)
