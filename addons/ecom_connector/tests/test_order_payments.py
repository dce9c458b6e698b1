# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import json
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace

import psycopg2

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..adapters.canonical import InboundDocument, Payment
from ..legacy import convert_legacy_payments, drop_legacy_columns
from .common import EcomCase, shopify_order

TWO_LINES = (
    ("TSHIRT-M", "T-shirt M", 2, "20.00", "0.00", "20"),
    ("MUG", "Mug", 1, "10.00", "0.00", "20"),
)


def shopify_refund(refund_id, line_id, quantity=1, amount="24.00", restock=True):
    return {
        "id": refund_id,
        "created_at": "2026-11-05T10:00:00+01:00",
        "note": "Too small",
        "refund_line_items": [
            {
                "line_item_id": line_id,
                "quantity": quantity,
                "subtotal": "20.00",
                "restock_type": "return" if restock else "no_restock",
            }
        ],
        "transactions": [{"kind": "refund", "status": "success", "amount": amount}],
        "order_adjustments": [],
    }


@tagged("post_install", "-at_install")
class TestOrderPayments(EcomCase):
    """The shop's payments and refunds of an order are records, written by the import."""

    def test_paid_order_has_one_payment_record(self):
        self.import_orders(shopify_order(order_id=4001))
        so = self.order_of(4001)
        payment = so.ecom_payment_ids
        self.assertEqual(len(payment), 1)
        self.assertEqual(payment.gateway, "shopify_payments")
        self.assertEqual(payment.kind, "sale")
        self.assertEqual(payment.status, "success")
        self.assertAlmostEqual(payment.amount, so.ecom_shop_total, places=2)
        self.assertAlmostEqual(payment.amount, 55.20, places=2)
        self.assertEqual(payment.currency_id, so.currency_id)
        self.assertEqual(payment.shop_id, self.shop)
        self.assertEqual(payment.company_id, so.company_id)
        self.assertEqual(payment.processed_at, datetime(2026, 11, 2, 8, 30))
        self.assertFalse(payment.is_gift_card)
        self.assertFalse(so.ecom_refund_ids)

    def test_same_payload_twice_gives_one_set_of_payments(self):
        order = shopify_order(order_id=4002, lines=TWO_LINES, financial_status="partially_refunded")
        order["refunds"] = [shopify_refund(9001, 400201)]
        first = self.import_orders(order)
        second = self.import_orders(order)
        self.assertEqual(second.state, "duplicate")
        so = self.order_of(4002)
        payments = self.env["ecom.order.payment"].search([("sale_order_id", "=", so.id)])
        refunds = self.env["ecom.order.refund"].search([("sale_order_id", "=", so.id)])
        self.assertEqual(len(payments), 1)
        self.assertEqual(len(refunds), 1)
        self.assertEqual(len(refunds.line_ids), 1)
        # A forced re-import replaces the payments and keeps the unchanged refund.
        refund_before = refunds
        first.with_context(ecom_force_update=True)._ecom_process()
        self.assertEqual(len(so.ecom_payment_ids), 1)
        self.assertEqual(so.ecom_refund_ids, refund_before)

    def test_refund_lines_link_the_refunded_sale_lines(self):
        order = shopify_order(order_id=4003, lines=TWO_LINES, financial_status="partially_refunded")
        order["refunds"] = [
            shopify_refund(9002, 400302, amount="12.00"),
            shopify_refund(9003, 400301, quantity=2, amount="48.00", restock=False),
        ]
        self.import_orders(order)
        so = self.order_of(4003)
        mug = so.order_line.filtered(lambda line: line.ecom_external_id == "400302")
        tshirt = so.order_line.filtered(lambda line: line.ecom_external_id == "400301")
        self.assertEqual(mug.ecom_sku, "MUG")
        by_id = {refund.external_id: refund for refund in so.ecom_refund_ids}
        self.assertEqual(set(by_id), {"9002", "9003"})
        self.assertEqual(by_id["9002"].line_ids.sale_line_id, mug)
        self.assertEqual(by_id["9002"].line_ids.quantity, 1)
        self.assertAlmostEqual(by_id["9002"].amount, 12.0, places=2)
        self.assertTrue(by_id["9002"].restock)
        self.assertEqual(by_id["9002"].reason, "Too small")
        self.assertEqual(by_id["9002"].created_at, datetime(2026, 11, 5, 9, 0))
        self.assertEqual(by_id["9003"].line_ids.sale_line_id, tshirt)
        self.assertEqual(by_id["9003"].line_ids.quantity, 2)
        self.assertFalse(by_id["9003"].restock)
        # A newer copy without the first refund drops it; the other one stays as it was.
        kept = by_id["9003"]
        order["updated_at"] = "2026-11-06T10:00:00+01:00"
        order["refunds"] = order["refunds"][1:]
        self.import_orders(order)
        self.assertEqual(so.ecom_refund_ids, kept)
        self.assertFalse(by_id["9002"].exists())

    def test_refund_notice_of_a_known_refund_is_a_duplicate(self):
        order = shopify_order(order_id=4004, financial_status="partially_refunded")
        order["refunds"] = [shopify_refund(9004, 400401)]
        self.import_orders(order)
        so = self.order_of(4004)
        Payload = self.env["ecom.payload"]
        # Stored as the endpoint stores them (only the importer writes webhook payloads).
        notices = Payload._ecom_store(
            self.shop,
            [
                InboundDocument(
                    body=json.dumps({"id": refund_id, "order_id": 4004}),
                    kind="refund",
                    external_id="4004",
                )
                for refund_id in (9004, 9005)
            ],
            "webhook",
        )
        notices._ecom_process()
        self.assertEqual(notices.mapped("state"), ["duplicate", "skipped"])
        self.assertEqual(notices.sale_order_id, so)

    def test_a_transaction_id_is_recorded_once_per_shop_and_gateway(self):
        self.import_orders(shopify_order(order_id=4005), shopify_order(order_id=4006))
        first, second = self.order_of(4005), self.order_of(4006)
        Importer = self.env["ecom.order.importer"]

        def paid(transaction_id, gateway="stripe"):
            payment = Payment(gateway=gateway, amount=Decimal("54.00"))
            payment.transaction_id = transaction_id
            return SimpleNamespace(payments=[payment], refunds=[])

        Importer._write_shop_payments([(first, paid("pi_1")), (second, paid(None))])
        # Another gateway, or no id at all, is another transaction.
        Importer._write_shop_payments([(second, paid("pi_1", gateway="paypal"))])
        self.assertEqual(second.ecom_payment_ids.transaction_id, "pi_1")
        Importer._write_shop_payments([(second, paid(None)), (first, paid(None))])
        self.assertEqual(len((first | second).ecom_payment_ids), 2)
        Importer._write_shop_payments([(first, paid("pi_1"))])
        with self.assertRaisesRegex(
            UserError, f"pi_1 of stripe is already recorded on {first.name}"
        ):
            Importer._write_shop_payments([(second, paid("pi_1"))])
        # Two orders of one batch cannot share one either.
        with self.assertRaisesRegex(UserError, "pi_2 of stripe is already recorded"):
            Importer._write_shop_payments([(first, paid("pi_2")), (second, paid("pi_2"))])
        # The database refuses it too, whoever writes.
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.UniqueViolation):
            with self.env.cr.savepoint():
                self.env["ecom.order.payment"].create(
                    {
                        "sale_order_id": second.id,
                        "shop_id": self.shop.id,
                        "gateway": "stripe",
                        "amount": 1.0,
                        "transaction_id": "pi_1",
                    }
                )

    def test_json_of_the_previous_version_becomes_records(self):
        order = shopify_order(order_id=4007, lines=TWO_LINES, financial_status="partially_refunded")
        self.import_orders(order)
        so = self.order_of(4007)
        plain = self.env["sale.order"].create({"partner_id": so.partner_id.id})
        so.ecom_payment_ids.unlink()
        so.ecom_refund_ids.unlink()
        cr = self.env.cr
        cr.execute(
            "ALTER TABLE sale_order ADD COLUMN ecom_payments_legacy jsonb,"
            " ADD COLUMN ecom_refunds_legacy jsonb"
        )
        # The shape the importer of 18.0.1 wrote.
        payments = [
            {
                "gateway": "shopify_payments",
                "amount": "64.80",
                "transaction_id": None,
                "status": "success",
                "kind": "sale",
                "is_gift_card": False,
                "processed_at": "2026-11-02T08:30:00",
            },
            {
                "gateway": "gift_card",
                "amount": "5.00",
                "transaction_id": "gc-1",
                "status": "success",
                "kind": "capture",
                "is_gift_card": True,
                "processed_at": None,
            },
        ]
        refunds = [
            {
                "external_id": "9007",
                "amount": "12.00",
                "created_at": "2026-11-05T09:00:00",
                "shipping_amount": "0",
                "reason": "Broken",
                "restock": True,
                "lines": [
                    {
                        "line_external_id": "400702",
                        "quantity": "1",
                        "amount": "10.00",
                        "restock": True,
                    }
                ],
            }
        ]
        cr.execute(
            "UPDATE sale_order SET ecom_payments_legacy = %s, ecom_refunds_legacy = %s"
            " WHERE id = %s",
            (json.dumps(payments), json.dumps(refunds), so.id),
        )
        self.env.invalidate_all()
        self.assertEqual(convert_legacy_payments(self.env), 1)
        drop_legacy_columns(cr)
        sale, gift = so.ecom_payment_ids.sorted("amount", reverse=True)
        self.assertEqual(
            (sale.gateway, sale.kind, sale.status), ("shopify_payments", "sale", "success")
        )
        self.assertAlmostEqual(sale.amount, 64.80, places=2)
        self.assertEqual(sale.processed_at, datetime(2026, 11, 2, 8, 30))
        self.assertFalse(sale.transaction_id)
        self.assertEqual(
            (gift.kind, gift.transaction_id, gift.is_gift_card), ("capture", "gc-1", True)
        )
        self.assertAlmostEqual(gift.amount, 5.0, places=2)
        refund = so.ecom_refund_ids
        self.assertEqual(refund.external_id, "9007")
        self.assertAlmostEqual(refund.amount, 12.0, places=2)
        self.assertEqual(refund.created_at, datetime(2026, 11, 5, 9, 0))
        self.assertTrue(refund.restock)
        self.assertEqual(
            refund.line_ids.sale_line_id,
            so.order_line.filtered(lambda line: line.ecom_external_id == "400702"),
        )
        self.assertEqual(refund.line_ids.quantity, 1)
        self.assertFalse(plain.ecom_payment_ids)
        self.assertFalse(plain.ecom_refund_ids)
