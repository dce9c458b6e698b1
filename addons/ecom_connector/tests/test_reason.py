# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""One reason model: where each reason applies, and warnings that hold an order."""

import json

from odoo.tests import tagged

from ..adapters import get_adapter
from ..const import (
    HOLDING_WARNINGS,
    REASON_PLACEHOLDER_CUSTOMER,
    WARNING_PLACEHOLDER_CUSTOMER,
    WARNING_SEVERAL_GATEWAYS,
)
from .common import EcomCase, shopify_order

# The codes both addons defined before their reasons were merged.
SHARED_CODES = {"total_mismatch", "unknown_tax", "unknown_product", "placeholder_customer"}


@tagged("post_install", "-at_install")
class TestReason(EcomCase):
    def test_a_code_of_both_stages_is_one_record(self):
        Reason = self.env["ecom.reason"]
        shared = Reason.search([("code", "in", list(SHARED_CODES))])
        self.assertEqual(sorted(shared.mapped("code")), sorted(SHARED_CODES))
        self.assertEqual(set(shared.mapped("applies_to")), {"both"})
        holds = Reason._by_code("hold")
        reviews = Reason._by_code("review")
        # Plus the reasons that only hold: a currency a manager has to activate, a
        # business customer to identify.
        self.assertEqual(set(holds), SHARED_CODES | {"inactive_currency", "customer_to_complete"})
        self.assertEqual(holds["inactive_currency"].applies_to, "hold")
        self.assertNotIn("inactive_currency", reviews)
        self.assertLessEqual(SHARED_CODES, set(reviews))
        self.assertEqual(holds["unknown_tax"], reviews["unknown_tax"])
        self.assertEqual(reviews["unknown_tax"], self.env.ref("ecom_connector.reason_unknown_tax"))
        self.assertEqual(reviews["refund"].applies_to, "review")
        self.assertNotIn("refund", holds)

    def _import_with_warning(self, order_id, code, sentence):
        """Import one Shopify order whose adapter output carries one more warning."""
        content = json.dumps({"orders": [shopify_order(order_id=order_id)]}).encode()
        payload = self.shop._ecom_receive_file(content, "orders.json")
        order = get_adapter("shopify").parse(payload._ecom_document())
        order.warnings.append((code, sentence))
        self.env["ecom.order.importer"]._import_orders(self.shop, [(payload, order)])
        return payload.sale_order_id

    def test_a_warning_holds_the_order_by_its_code_not_its_words(self):
        self.assertIn(WARNING_PLACEHOLDER_CUSTOMER, HOLDING_WARNINGS)
        held = self._import_with_warning(
            7001, WARNING_PLACEHOLDER_CUSTOMER, "Kunde nur als Nummer in der Datei."
        )
        self.assertEqual(held.ecom_hold_reason_ids.code, REASON_PLACEHOLDER_CUSTOMER)
        self.assertEqual(held.state, "draft", "a held order is not confirmed")
        self.assertIn("Kunde nur als Nummer in der Datei.", held.ecom_problems)

        # Words alone hold nothing: this warning's code does not hold.
        free = self._import_with_warning(
            7002, WARNING_SEVERAL_GATEWAYS, "A placeholder customer? No: two gateways."
        )
        self.assertFalse(free.ecom_hold_reason_ids)
        self.assertEqual(free.state, "sale")
        self.assertIn("A placeholder customer? No: two gateways.", free.ecom_problems)
