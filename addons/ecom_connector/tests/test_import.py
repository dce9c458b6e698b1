# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import json

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import EcomCase, shopify_order, tshirt_order


@tagged("post_install", "-at_install")
class TestImport(EcomCase):
    def test_order_with_discount_and_shipping_to_the_cent(self):
        order = shopify_order(
            order_id=2001,
            lines=(
                ("MUG-01", "Mug", 3, "9.99", "2.50", "20"),
                ("BOOK-01", "Livre", 1, "18.50", "0.00", "5.5"),
            ),
            shipping=("Colissimo", "colissimo", "6.90", "20"),
        )
        payloads = self.import_orders(order)
        self.assertEqual(payloads.mapped("state"), ["done"])
        so = self.order_of(2001)
        self.assertEqual(len(so), 1)
        self.assertEqual(so.state, "sale")
        self.assertEqual(payloads.sale_order_id, so)
        # 3 x 9.99 - 2.50 = 27.47 (+20%) ; 18.50 (+5.5%) ; 6.90 (+20%)
        self.assertAlmostEqual(so.amount_untaxed, 27.47 + 18.50 + 6.90, places=2)
        self.assertEqual(f"{so.amount_total:.2f}", order["total_price"])
        self.assertEqual(so.ecom_total_difference, 0.0)
        self.assertFalse(so.ecom_hold_reason_ids)
        mug_line = so.order_line.filtered(lambda line: line.ecom_sku == "MUG-01")
        self.assertEqual(mug_line.product_id.default_code, "MUG-01")
        self.assertEqual(mug_line.tax_id, self.tax_20)
        book_line = so.order_line.filtered(lambda line: line.ecom_sku == "BOOK-01")
        self.assertEqual(book_line.tax_id, self.tax_55)
        shipping_line = so.order_line.filtered("is_delivery")
        self.assertEqual(shipping_line.price_unit, 6.90)
        self.assertEqual(so.partner_id.email, "camille@example.com")
        self.assertEqual(so.partner_shipping_id.country_id.code, "FR")
        self.assertEqual(so.client_order_ref, "#2001")
        self.assertEqual(str(so.date_order), "2026-11-02 08:30:00")
        self.assertTrue(so.picking_ids, "confirming a paid order creates its delivery")

    def test_same_payload_twice_gives_one_order(self):
        order = shopify_order(order_id=2002)
        first = self.import_orders(order)
        second = self.import_orders(order)
        self.assertEqual(first.state, "done")
        self.assertEqual(second.state, "duplicate")
        self.assertEqual(second.sale_order_id, first.sale_order_id)
        self.assertEqual(len(self.order_of(2002)), 1)

    def test_newer_revision_updates_older_is_ignored(self):
        self.import_orders(shopify_order(order_id=2003, financial_status="pending"))
        so = self.order_of(2003)
        self.assertEqual(so.state, "draft")
        newer = tshirt_order(2003, 5, updated_at="2026-11-03T10:00:00+01:00")
        payload = self.import_orders(newer)
        self.assertEqual(payload.state, "done")
        self.assertEqual(self.order_of(2003), so)
        self.assertEqual(so.state, "sale")
        self.assertEqual(
            so.order_line.filtered(lambda line: line.ecom_sku == "TSHIRT-M").product_uom_qty, 5
        )
        self.assertEqual(f"{so.amount_total:.2f}", newer["total_price"])
        older = tshirt_order(2003, 1, updated_at="2026-11-02T12:00:00+01:00")
        stale = self.import_orders(older)
        self.assertEqual(stale.state, "duplicate")
        self.assertEqual(
            so.order_line.filtered(lambda line: line.ecom_sku == "TSHIRT-M").product_uom_qty, 5
        )

    def test_taxes_included_uses_price_included_tax(self):
        order = shopify_order(
            order_id=2004,
            lines=(("MUG-01", "Mug", 3, "12.99", "1.00", "20"),),
            shipping=("Colissimo", "colissimo", "4.90", "20"),
            taxes_included=True,
        )
        self.import_orders(order)
        so = self.order_of(2004)
        self.assertEqual(so.order_line.filtered("ecom_sku").tax_id, self.tax_20_incl)
        self.assertEqual(f"{so.amount_total:.2f}", order["total_price"])
        self.assertEqual(f"{so.amount_total:.2f}", "42.87")
        self.assertFalse(so.ecom_hold_reason_ids)

    def test_unknown_product_held_then_reprocessed(self):
        self.shop.unknown_product_policy = "hold"
        self.import_orders(
            shopify_order(order_id=2005, lines=(("NEW-SKU", "Nouveau", 1, "30.00", "0", "20"),))
        )
        so = self.order_of(2005)
        self.assertEqual(so.ecom_hold_reason_ids.code, "unknown_product")
        self.assertEqual(so.state, "draft")
        self.assertIn("NEW-SKU", so.ecom_problems)
        self.assertEqual(self.shop.held_order_count, 1)
        still_held = self.shop.action_reprocess_held()["params"]
        self.assertEqual(still_held["type"], "warning")
        self.assertIn("1 order held: ", still_held["message"])
        self.assertIn("NEW-SKU", still_held["message"])
        product = self.env["product.product"].create({"name": "Nouveau", "default_code": "NEW-SKU"})
        done = self.shop.action_reprocess_held()["params"]
        self.assertEqual((done["type"], done["message"]), ("success", "1 order imported."))
        self.assertFalse(so.ecom_hold_reason_ids)
        self.assertEqual(so.state, "sale")
        self.assertEqual(so.order_line.filtered("ecom_sku").product_id, product)
        self.assertEqual(len(self.order_of(2005)), 1)

    def test_unknown_tax_held_until_mapped(self):
        order = shopify_order(order_id=2006, lines=(("MUG-01", "Mug", 1, "10.00", "0", "7"),))
        self.import_orders(order)
        so = self.order_of(2006)
        self.assertEqual(
            set(so.ecom_hold_reason_ids.mapped("code")), {"unknown_tax", "total_mismatch"}
        )
        self.assertIn("7 %", so.ecom_problems)
        tax_7 = self.env["account.tax"].create(
            {
                "name": "Special 7%",
                "amount": 7,
                "type_tax_use": "sale",
                "company_id": self.company.id,
                "tax_group_id": self.tax_20.tax_group_id.id,
            }
        )
        self.env["ecom.tax.map"].create({"shop_id": self.shop.id, "rate": 7, "tax_id": tax_7.id})
        self.shop.action_reprocess_held()
        self.assertFalse(so.ecom_hold_reason_ids)
        with self.assertRaisesRegex(UserError, "nothing to reprocess"):
            self.shop.action_reprocess_held()
        self.assertEqual(f"{so.amount_total:.2f}", order["total_price"])
        self.assertEqual(so.state, "sale")

    def test_bad_payloads_fail_alone_with_clear_messages(self):
        good = shopify_order(order_id=2007)
        no_id = dict(shopify_order(order_id=2008))
        del no_id["id"]
        negative = shopify_order(order_id=2009, lines=(("MUG-01", "Mug", -2, "9.99", "0", "20"),))
        bad_currency = shopify_order(order_id=2010, currency="XYZ")
        payloads = self.import_orders(good, no_id, negative, bad_currency)
        self.assertEqual(len(payloads), 4)
        by_state = {p.external_id: p for p in payloads}
        self.assertEqual(by_state["2007"].state, "done")
        self.assertTrue(self.order_of(2007))
        failed = payloads.filtered(lambda p: p.state == "failed")
        self.assertEqual(len(failed), 3)
        self.assertTrue(all(failed.mapped("error")))
        self.assertIn("negative", by_state["2009"].error.lower())
        self.assertIn("XYZ", by_state["2010"].error)
        self.assertFalse(self.order_of(2009) or self.order_of(2010))
        self.assertEqual(self.shop.payload_failed_count, 3)

    def test_invalid_json_file_is_refused_with_its_reason(self):
        with self.assertRaisesRegex(UserError, "broken.json"):
            self.shop._ecom_receive_file(b'{"orders": [', "broken.json")

    def test_cancelled_order_is_cancelled(self):
        order = shopify_order(
            order_id=2011, cancelled_at="2026-11-02T11:00:00+01:00", financial_status="voided"
        )
        self.import_orders(order)
        so = self.order_of(2011)
        self.assertEqual(so.state, "cancel")
        self.assertTrue(so.ecom_cancelled_at)

    def test_guest_orders_of_one_email_share_one_customer(self):
        self.import_orders(
            shopify_order(order_id=2012, customer=False, email="guest@example.com"),
            shopify_order(order_id=2013, customer=False, email="Guest@Example.com"),
        )
        first, second = self.order_of(2012), self.order_of(2013)
        self.assertTrue(first and second)
        self.assertEqual(first.partner_id, second.partner_id)
        self.assertEqual(first.partner_id.email, "guest@example.com")

    def test_business_customer_abroad(self):
        order = shopify_order(
            order_id=2014, country="BE", company="Brasserie SPRL", email="achats@brasserie.be"
        )
        self.import_orders(order)
        so = self.order_of(2014)
        self.assertEqual(so.partner_id.commercial_partner_id.name, "Brasserie SPRL")
        self.assertTrue(so.partner_id.commercial_partner_id.is_company)
        self.assertEqual(so.partner_shipping_id.country_id.code, "BE")

    def test_delivered_order_is_not_rewritten(self):
        self.import_orders(shopify_order(order_id=2015))
        so = self.order_of(2015)
        picking = so.picking_ids
        picking.move_ids.quantity = 2
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        newer = tshirt_order(
            2015, 9, updated_at="2026-11-04T10:00:00+01:00", financial_status="partially_refunded"
        )
        payload = self.import_orders(newer)
        self.assertEqual(payload.state, "done")
        self.assertIn("not changed", payload.note)
        self.assertEqual(so.order_line.filtered("ecom_sku").product_uom_qty, 2)
        self.assertEqual(so.ecom_financial_status, "partially_refunded")

    def test_jobs_are_queued_in_batches_on_the_ecom_channel(self):
        orders = [shopify_order(order_id=3000 + i) for i in range(3)]
        payloads = self.shop._ecom_receive_file(json.dumps(orders).encode(), "orders.json")
        with trap_jobs() as trap:
            payloads._ecom_enqueue()
            trap.assert_jobs_count(1)
            self.assertEqual(trap.enqueued_jobs[0].channel, "root.ecom")
            self.assertEqual(set(payloads.mapped("state")), {"queued"})
            trap.perform_enqueued_jobs()
        self.assertEqual(set(payloads.mapped("state")), {"done"})
        self.assertEqual(len(payloads.sale_order_id), 3)

    def test_cli_report(self):
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "orders.json"
            path.write_text(
                json.dumps({"orders": [shopify_order(order_id=2020), shopify_order(order_id=2021)]})
            )
            report = self.env["ecom.payload"]._ecom_cli_import(self.shop, [path], lambda m: None)
            again = self.env["ecom.payload"]._ecom_cli_import(self.shop, [path], lambda m: None)
        self.assertEqual(
            {k: report[k] for k in ("received", "imported", "updated", "duplicates", "failed")},
            {"received": 2, "imported": 2, "updated": 0, "duplicates": 0, "failed": 0},
        )
        self.assertEqual(again["duplicates"], 2)
        self.assertEqual(again["imported"], 0)
        entry = report["orders"][0]
        # The connector's keys (other addons, such as the accounting rules, add their own).
        self.assertLessEqual(
            {
                "external_id",
                "reference",
                "sale_order",
                "amount_total",
                "shop_total",
                "currency",
                "state",
                "problems",
            },
            set(entry),
        )
        self.assertEqual(entry["currency"], "EUR")
        self.assertEqual(entry["amount_total"], entry["shop_total"])
        self.assertTrue(entry["sale_order"].startswith("S"))

    def test_eu_distance_sale_taxed_at_destination_rate(self):
        """No mapping: the destination's rate comes from its OSS fiscal position."""
        tax_be = self.env["account.tax"].create(
            {
                "name": "TVA 21% BE (OSS)",
                "amount": 21,
                "type_tax_use": "sale",
                "company_id": self.company.id,
                "tax_group_id": self.tax_20.tax_group_id.id,
            }
        )
        self.env["account.fiscal.position"].create(
            {
                "name": "OSS B2C Belgium",
                "country_id": self.env.ref("base.be").id,
                "auto_apply": True,
                "company_id": self.company.id,
                "tax_ids": [
                    Command.create({"tax_src_id": self.tax_20.id, "tax_dest_id": tax_be.id})
                ],
            }
        )
        order = shopify_order(
            order_id=2030,
            country="BE",
            lines=(("MUG-01", "Mug", 2, "10.00", "0", "21"),),
            shipping=("bpost", "bpost", "8.00", "21"),
        )
        self.import_orders(order)
        so = self.order_of(2030)
        self.assertEqual(so.order_line.mapped("tax_id"), tax_be)
        self.assertFalse(so.ecom_hold_reason_ids)
        self.assertEqual(f"{so.amount_total:.2f}", order["total_price"])
        self.assertEqual(f"{so.amount_total:.2f}", "33.88")

    def test_unreadable_payload_fails_alone(self):
        """A shape the adapter does not expect fails that payload, not the batch."""
        weird = shopify_order(order_id=2040)
        weird["line_items"] = "not a list"
        payloads = self.import_orders(shopify_order(order_id=2041), weird)
        states = {p.external_id: p.state for p in payloads}
        self.assertEqual(states, {"2041": "done", "2040": "failed"})
        failed = payloads.filtered(lambda p: p.state == "failed")
        self.assertTrue(failed.error)
        self.assertTrue(self.order_of(2041))

    def test_failure_counts_one_more_attempt_per_payload(self):
        payloads = self.import_orders(shopify_order(order_id=2042), shopify_order(order_id=2043))
        first, second = payloads.sorted("external_id")
        self.assertEqual((first.attempt_count, second.attempt_count), (1, 1))
        second.attempt_count = 3
        payloads._ecom_fail("The shop deleted the order.")
        self.assertEqual((first.attempt_count, second.attempt_count), (2, 4))
        self.assertEqual(payloads.mapped("state"), ["failed", "failed"])
        self.assertEqual(set(payloads.mapped("error")), {"The shop deleted the order."})
