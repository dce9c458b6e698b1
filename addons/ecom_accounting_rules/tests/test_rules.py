# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import importlib.util
from pathlib import Path

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import SQL

from ..models.ecom_rule_value import RULE_VALUE_KINDS
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

    def gateways(self, *codes, shop=None):
        maps = (shop or self.shop).payment_map_ids.filtered(lambda m: m.gateway in codes)
        self.assertEqual(len(maps), len(codes))
        return [Command.set(maps.ids)]

    def values(self, kind, *codes):
        values = self.env["ecom.rule.value"]._ecom_get(kind, codes)
        self.assertEqual(len(values), len(codes))
        return [Command.set(values.ids)]

    def test_each_condition(self):
        other_shop = self.env["ecom.shop"].create(
            {
                "name": "Autre",
                "code": "OTHER",
                "platform": "woocommerce",
                "payment_map_ids": [
                    Command.create(
                        {"gateway": "shopify_payments", "journal_id": self.stripe_journal.id}
                    )
                ],
            }
        )
        eu = self.env["res.country.group"].create(
            {"name": "EU test", "country_ids": [Command.set(self.env.ref("base.be").ids)]}
        )
        cases = [
            ({}, True),
            ({"shop_ids": [Command.set(self.shop.ids)]}, True),
            ({"shop_ids": [Command.set(other_shop.ids)]}, False),
            ({"gateway_map_ids": self.gateways("paypal", "shopify_payments")}, True),
            ({"gateway_map_ids": self.gateways("paypal")}, False),
            # The same gateway code mapped in another shop is that shop's, not this one's.
            ({"gateway_map_ids": self.gateways("shopify_payments", shop=other_shop)}, False),
            ({"financial_status_ids": self.values("financial_status", "paid", "refunded")}, True),
            ({"financial_status_ids": self.values("financial_status", "pending")}, False),
            ({"origin_ids": self.values("origin", "webhook")}, False),
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
        early = self.rule(
            name="early", sequence=5, action="review", gateway_map_ids=self.gateways("paypal")
        )
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
        rule.write({"gateway_map_ids": self.gateways("paypal")})
        self.assertEqual(rule.version, 2)
        rule.action = "invoice"
        self.assertEqual(rule.version, 3)

    def test_bad_conditions_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "each chosen from their own list"):
            self.rule(financial_status_ids=self.values("origin", "file"))
        other_shop = self.env["ecom.shop"].create(
            {"name": "Autre", "code": "OTHER2", "platform": "woocommerce"}
        )
        with self.assertRaisesRegex(ValidationError, "gateways of shops it does not apply to"):
            self.rule(
                shop_ids=[Command.set(other_shop.ids)], gateway_map_ids=self.gateways("paypal")
            )
        with self.assertRaisesRegex(ValidationError, "maximum total is below"):
            self.rule(amount_min=50, amount_max=10)

    def test_a_rule_takes_every_shop_payment_status(self):
        """One list of statuses: a dispute as well as a chargeback."""
        rule = self.rule(
            financial_status_ids=self.values("financial_status", "chargeback", "disputed")
        )
        self.assertTrue(rule._ecom_matches({**self.facts, "financial_status": "disputed"}))
        self.assertTrue(rule._ecom_matches({**self.facts, "financial_status": "chargeback"}))
        self.assertFalse(rule._ecom_matches(self.facts))

    def test_default_rules_shipped_for_every_company(self):
        self.assertEqual(sorted(self.rules.mapped("action")), ["invoice", "post"])
        company = self.env["res.company"].create({"name": "Nouvelle boutique SAS"})
        rules = self.Rule.search([("company_id", "=", company.id)])
        self.assertEqual(len(rules), 2)
        self.assertEqual(
            set(rules.sorted("sequence")[0].financial_status_ids.mapped("code")),
            {"paid", "partially_refunded", "refunded"},
        )

    def test_statuses_and_origins_are_the_connectors_codes_with_their_labels(self):
        for kind, selection in RULE_VALUE_KINDS.items():
            values = self.env["ecom.rule.value"].search([("kind", "=", kind)])
            self.assertEqual([(v.code, v.name) for v in values], list(selection))

    def test_gateways_show_the_name_people_know_and_the_shop(self):
        names = self.shop.payment_map_ids.mapped("display_name")
        self.assertEqual(
            sorted(names), ["PayPal (Boutique Test)", "Shopify Payments (Boutique Test)"]
        )
        odd = self.env["ecom.payment.map"].create(
            {"shop_id": self.shop.id, "gateway": "my_bank", "journal_id": self.stripe_journal.id}
        )
        self.assertEqual(odd.display_name, "my_bank (Boutique Test)")

    def test_upgrade_turns_the_codes_into_tags(self):
        """Version 18.0.2.3 stored comma-separated codes: the migration makes them tags."""
        cr = self.env.cr
        for column in ("financial_statuses", "origins", "gateways"):
            cr.execute(
                SQL("ALTER TABLE ecom_posting_rule ADD COLUMN %s varchar", SQL.identifier(column))
            )
        paid = self.rule(name="Paid PayPal")
        stray = self.rule(name="Unmapped gateway")
        version = paid.version
        self.env.flush_all()
        cr.execute(
            "UPDATE ecom_posting_rule SET financial_statuses = 'paid, Refunded', "
            "origins = 'file,webhook', gateways = 'PayPal, klarna' WHERE id = %s",
            [paid.id],
        )
        cr.execute("UPDATE ecom_posting_rule SET gateways = 'klarna' WHERE id = %s", [stray.id])
        path = Path(__file__).parents[1] / "migrations" / "18.0.2.4.0" / "post-migration.py"
        spec = importlib.util.spec_from_file_location("ecom_rule_tags_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(cr, "18.0.2.3.0")
        self.env.invalidate_all()
        self.assertEqual(set(paid.financial_status_ids.mapped("code")), {"paid", "refunded"})
        self.assertEqual(set(paid.origin_ids.mapped("code")), {"file", "webhook"})
        self.assertEqual(paid.gateway_map_ids.mapped("gateway"), ["paypal"])
        self.assertEqual(paid.version, version)
        self.assertTrue(paid.active)
        self.assertIn("klarna", paid.message_ids[:1].body)
        self.assertFalse(stray.active)
        self.assertIn("it is archived", stray.message_ids[:1].body)
        cr.execute(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_name = 'ecom_posting_rule' AND column_name = 'gateways'"
        )
        self.assertEqual(cr.fetchone()[0], 0)

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
