# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""PrestaShop and CSV files through the importer, to the cent."""

from pathlib import Path

from odoo.tests import tagged

from .common import EcomCase

PAYLOADS = Path(__file__).parent / "payloads"


@tagged("post_install", "-at_install")
class TestImportPrestaShopCsv(EcomCase):
    def _shop(self, platform, **values):
        return self.env["ecom.shop"].create(
            {
                "name": platform,
                "code": platform.upper(),
                "platform": platform,
                "unknown_product_policy": "create",
                **values,
            }
        )

    def _import(self, shop, *names):
        payloads = self.env["ecom.payload"]
        for name in names:
            path = PAYLOADS / shop.platform / name
            payloads |= shop._ecom_receive_file(path.read_bytes(), name)
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        return payloads

    def test_prestashop_xml_and_json(self):
        shop = self._shop("prestashop")
        payloads = self._import(shop, "order_42.xml", "orders.json")
        # 42 and the cancelled 44 name no real customer: imported, held for a person.
        self.assertEqual(payloads.mapped("state"), ["held", "done", "held"])
        self.assertEqual(
            payloads.sale_order_id.filtered("ecom_hold_reason_ids"),
            self.order_of(42, shop) | self.order_of(44, shop),
        )
        placeholder = self.order_of(42, shop)
        self.assertEqual(f"{placeholder.amount_total:.2f}", "91.70")
        self.assertEqual(placeholder.ecom_hold_reason_ids.code, "placeholder_customer")
        self.assertTrue(placeholder.partner_id.ecom_placeholder)
        self.assertEqual(placeholder.state, "draft", "a held order is not confirmed")
        self.assertEqual(
            placeholder.order_line.filtered("ecom_sku").tax_id.mapped("amount"), [20, 5.5]
        )
        self.assertEqual(placeholder.order_line.filtered("ecom_sku")[0].tax_id, self.tax_20_incl)
        paid = self.order_of(43, shop)
        self.assertEqual(f"{paid.amount_total:.2f}", "66.48")
        self.assertEqual(paid.ecom_total_difference, 0.0)
        self.assertEqual(paid.partner_id.email, "paul.janssens@example.be")
        self.assertEqual(paid.partner_shipping_id.country_id.code, "BE")
        self.assertEqual(paid.state, "sale")
        self.assertEqual(self.order_of(44, shop).state, "cancel")
        # The same files again change nothing.
        again = self._import(shop, "order_42.xml", "orders.json")
        self.assertEqual(again.mapped("state"), ["duplicate"] * 3)

    def test_french_csv_export(self):
        shop = self._shop("csv", csv_preset="fr_standard")
        payloads = self._import(shop, "export_fr_utf8.csv")
        self.assertEqual(payloads.mapped("state"), ["done"] * 3)
        expected = {"CMD-1001": "83.70", "CMD-1002": "67.50", "CMD-1003": "51.60"}
        for external_id, total in expected.items():
            order = self.order_of(external_id, shop)
            self.assertEqual(f"{order.amount_total:.2f}", total)
            self.assertFalse(order.ecom_hold_reason_ids, order.ecom_problems)
        business = self.order_of("CMD-1002", shop)
        self.assertEqual(business.partner_id.commercial_partner_id.vat, "BE0477472701")
        self.assertEqual(self.order_of("CMD-1003", shop).state, "draft", "pending payment")
        self.assertEqual(self.order_of("CMD-1001", shop).state, "sale")
        # The Latin-1 copy of the same export is the same orders: duplicates.
        latin1 = self._import(shop, "export_fr_latin1.csv")
        self.assertEqual(latin1.mapped("state"), ["duplicate"] * 3)
