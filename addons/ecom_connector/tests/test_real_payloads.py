# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Real payloads as they come: totals only, older schemas, the shop's clock, its ids."""

import base64
import copy
import json
from datetime import datetime

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..adapters import get_adapter
from ..cli.ecom import Ecom
from ..clients import get_pull_client
from .common import PAYLOADS, EcomCase
from .pull_server import PRESTA_KEY, FakeShopServer


@tagged("post_install", "-at_install")
class TestRealPayloads(EcomCase):
    def import_file(self, shop, platform, name):
        path = PAYLOADS / platform / name
        payloads = shop._ecom_receive_file(path.read_bytes(), name)
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        return payloads

    def test_totals_only_orders_import_exactly_and_say_so(self):
        (payload,) = self.import_file(self.shop, "shopify", "order_totals_only.json")
        order = payload.sale_order_id
        self.assertEqual((order.amount_untaxed, order.amount_total), (63.5, 76.2))
        self.assertEqual(order.ecom_total_difference, 0.0)
        self.assertFalse(order.ecom_hold_reason_ids)
        self.assertEqual(order.state, "sale")
        self.assertIn("was prorated over the lines", order.ecom_problems)
        self.assertIn("Taxes rebuilt from the order's total", order.ecom_problems)
        self.assertEqual(set(order.order_line.tax_id.mapped("amount")), {20.0})
        woo = self.create_shop("woocommerce", "WOOOLD")
        (payload,) = self.import_file(woo, "woocommerce", "order_legacy_v2.json")
        order = payload.sale_order_id
        self.assertEqual(order.amount_total, 55.08)
        self.assertEqual(order.ecom_total_difference, 0.0)
        self.assertIn("Shipping rebuilt from the order's total (5.90 EUR).", order.ecom_problems)
        shipping = order.order_line.filtered("is_delivery")
        self.assertEqual((shipping.price_unit, shipping.tax_id), (5.9, self.tax_20))
        # Again: nothing changes.
        (again,) = self.import_file(woo, "woocommerce", "order_legacy_v2.json")
        self.assertEqual(again.state, "duplicate")
        self.assertEqual(len(order.order_line), 2)

    def test_dates_without_offset_are_read_on_the_shop_clock(self):
        self.env.user.tz = "Asia/Tokyo"  # whoever runs the import does not matter
        shop = self.create_shop("prestashop", "PSNY", tz="America/New_York")
        self.assertEqual(shop._ecom_adapter_options()["timezone"], "America/New_York")
        (payload,) = self.import_file(shop, "prestashop", "order_42.xml")
        # 2026-11-05 14:21:09 in New York (UTC-5) is 19:21:09 UTC.
        self.assertEqual(payload.sale_order_id.date_order, datetime(2026, 11, 5, 19, 21, 9))
        self.assertEqual(payload.revision, datetime(2026, 11, 5, 19, 25, 40))
        paris = self.create_shop("prestashop", "PSPAR")
        self.assertEqual(paris.tz, self.env.company.partner_id.tz or "Europe/Paris")
        paris.tz = "Europe/Paris"
        (payload,) = self.import_file(paris, "prestashop", "order_42.xml")
        self.assertEqual(payload.sale_order_id.date_order, datetime(2026, 11, 5, 13, 21, 9))

    def test_prestashop_ids_read_from_the_shop(self):
        order = copy.deepcopy(
            json.loads((PAYLOADS / "prestashop" / "orders.json").read_text())["orders"][0]
        )
        # A shop whose ids are not a stock install's: currency 2 is CHF,
        # country 3 is Switzerland, state 41 is the canton of Vaud.
        order["id_currency"] = "2"
        order["_address_delivery"] = dict(order["_address_delivery"], id_country="3", id_state="41")
        order["_address_invoice"] = order["_address_delivery"]
        tables = {
            "currencies": {"2": {"id": "2", "iso_code": "CHF"}},
            "countries": {"3": {"id": "3", "iso_code": "CH"}},
            "states": {"41": {"id": "41", "iso_code": "CH-VD"}},
        }
        server = FakeShopServer("prestashop", [order], tables=tables).start()
        self.addCleanup(server.stop)
        adapter = get_adapter("prestashop", {"timezone": "Europe/Paris"})
        client = get_pull_client("prestashop", server.url, {"key": PRESTA_KEY}, adapter, timeout=2)
        (document,) = client.fetch_page(None).documents
        parsed = adapter.parse(document)
        self.assertEqual(parsed.currency, "CHF")
        self.assertEqual(
            (parsed.shipping_address.country_code, parsed.shipping_address.state_code), ("CH", "VD")
        )

    def test_command_line_import_reports_order_states_and_creates_taxes(self):
        command = Ecom()
        parser = command._parser()
        path = PAYLOADS / "magento" / "orders_search.json"
        args = parser.parse_args(["import", "--shop", "CLIMAG", "--platform", "magento", str(path)])
        # What the command does, without its commits (the test's transaction stays whole).
        shop = command._import_shop(self.env, args)
        report = self.env["ecom.payload"]._ecom_cli_import(shop, args.files, lambda _m: None)
        self.assertEqual(
            (shop.platform, shop.unknown_product_policy, shop.unknown_tax_policy),
            ("magento", "create", "create"),
        )
        self.assertEqual(report["imported"], 2)
        states = {entry["external_id"]: entry["order_state"] for entry in report["orders"]}
        self.assertEqual(states, {"102": "confirmed", "103": "confirmed"})
        self.assertTrue(shop.tax_map_ids.created_from_shop)
        with self.assertRaises(SystemExit):
            parser.parse_args(["import", "--shop", "X", "--platform", "oscommerce", str(path)])

    def test_intra_eu_business_sales_get_the_fiscal_position_zero_tax(self):
        tag = self.env["account.account.tag"].create(
            {"name": "Livraisons intracommunautaires", "applicability": "taxes"}
        )
        zero = self.env["account.tax"].create(
            {
                "name": "TVA 0% UE (B2B)",
                "amount": 0,
                "type_tax_use": "sale",
                "company_id": self.company.id,
                "tax_group_id": self.tax_20.tax_group_id.id,
                "invoice_repartition_line_ids": [
                    Command.create({"repartition_type": "base", "tag_ids": [Command.set(tag.ids)]}),
                    Command.create({"repartition_type": "tax"}),
                ],
            }
        )
        position = self.env["account.fiscal.position"].create(
            {
                "name": "Intra-EU B2B",
                "company_id": self.company.id,
                "vat_required": True,
                "auto_apply": True,
                "country_group_id": self.env.ref("base.europe").id,
                "tax_ids": [Command.create({"tax_src_id": self.tax_20.id, "tax_dest_id": zero.id})],
            }
        )
        self.company.account_sale_tax_id = self.tax_20
        (payload,) = self.import_file(self.shop, "shopify", "order_business_belgium.json")
        order = payload.sale_order_id
        self.assertEqual(set(order.order_line.mapped("tax_id")), {zero})
        self.assertEqual(order.amount_total, 265.0)
        self.assertIn(f"{zero.name} of the fiscal position {position.name}", order.ecom_problems)
        self.assertFalse(order.ecom_hold_reason_ids)
        # Without a VAT number: as the shop says (no tax), flagged.
        data = json.loads((PAYLOADS / "shopify" / "order_business_belgium.json").read_text())
        data = data.get("order", data)
        data.update(id=90451, name="#90451", note_attributes=[])
        payload = self.import_orders(data)
        consumer = payload.sale_order_id
        self.assertFalse(consumer.order_line.tax_id)
        self.assertIn("without a VAT number", consumer.ecom_problems)

    def test_csv_column_mapping_editor(self):
        text = (PAYLOADS / "csv" / "export_generic_en.csv").read_text()
        text = text.replace("Order ID,", "Order No,", 1).replace(",Quantity,", ",Qty,", 1)
        shop = self.create_shop("csv", "CSVMAP")
        wizard = self.env["ecom.csv.mapping"].create(
            {
                "shop_id": shop.id,
                "file": base64.b64encode(text.encode()),
                "filename": "export.csv",
                "preset": "generic_en",
            }
        )
        wizard._onchange_preset()
        self.assertEqual(wizard.delimiter, ",")
        wizard.action_read_header()
        self.assertEqual(len(wizard.column_ids), 23)
        lines = {line.key: line for line in wizard.line_ids}
        self.assertEqual(lines["sku"].column_id.name, "SKU", "matched from the preset")
        self.assertFalse(lines["order_id"].column_id)
        with self.assertRaisesRegex(UserError, "Order number, Quantity"):
            wizard.action_apply()
        columns = {column.name: column for column in wizard.column_ids}
        lines["order_id"].column_id = columns["Order No"]
        lines["quantity"].column_id = columns["Qty"]
        self.assertIn("A-17, 2026-11-07", wizard.preview)
        self.assertIn("2 × Mug ardoise (MUG-ARDOISE) at 10.00", wizard.preview)
        wizard.layout_name = "Export anglais"
        wizard.action_apply()
        self.assertEqual(shop.csv_options["columns"]["order_id"], "Order No")
        self.assertEqual(shop.csv_layout_id.name, "Export anglais")
        self.assertEqual(shop.csv_layout_id.options, shop.csv_options)
        self.assertIn('"order_id": "Order No"', shop.csv_layout_id.options_text)
        payloads = shop._ecom_receive_file(text.encode(), "export.csv")
        payloads._ecom_process()
        self.assertEqual(payloads.sale_order_id.mapped("amount_total"), [30.0])
        # Another shop takes the saved layout as it is.
        other = self.create_shop("csv", "CSVMAP2", csv_layout_id=shop.csv_layout_id.id)
        self.assertEqual(other._ecom_adapter_options()["csv"]["columns"]["quantity"], "Qty")
        with self.assertRaises(ValidationError):
            shop.csv_layout_id.options_text = '{"columns": {"order_id": ""}}'
