# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""merge_hold_reasons on the tables a 18.0.1 database has (made here, rolled back)."""

import json

from odoo.tests import tagged
from odoo.tools import sql

from ..upgrade_reasons import merge_hold_reasons
from .common import EcomCase


@tagged("post_install", "-at_install")
class TestReasonUpgrade(EcomCase):
    def test_hold_reasons_become_reasons_with_their_orders_and_xml_ids(self):
        cr = self.env.cr
        partner = self.env["res.partner"].create({"name": "Held customer"})
        order = self.env["sale.order"].create({"partner_id": partner.id})
        cr.execute(
            """CREATE TABLE ecom_hold_reason (
                   id SERIAL PRIMARY KEY, code VARCHAR NOT NULL, name JSONB NOT NULL,
                   sequence INTEGER, description JSONB, create_uid INTEGER,
                   create_date TIMESTAMP, write_uid INTEGER, write_date TIMESTAMP);
               CREATE TABLE ecom_hold_reason_sale_order_rel (
                   sale_order_id INTEGER NOT NULL REFERENCES sale_order ON DELETE CASCADE,
                   ecom_hold_reason_id INTEGER NOT NULL
                       REFERENCES ecom_hold_reason ON DELETE CASCADE,
                   PRIMARY KEY (sale_order_id, ecom_hold_reason_id))"""
        )
        cr.execute(
            """INSERT INTO ecom_hold_reason (id, code, name, sequence, description)
               VALUES (901, 'unknown_tax', %s, 20, NULL),
                      (902, 'out_of_stock', %s, 50, %s)""",
            [
                json.dumps({"en_US": "Unknown tax", "fr_FR": "Taxe inconnue"}),
                json.dumps({"en_US": "Out of stock", "fr_FR": "En rupture"}),
                json.dumps({"en_US": "Nothing left to ship."}),
            ],
        )
        cr.execute(
            """INSERT INTO ecom_hold_reason_sale_order_rel VALUES (%s, 901), (%s, 902)""",
            [order.id, order.id],
        )
        cr.execute(
            """INSERT INTO ir_model_data (module, name, model, res_id)
               VALUES ('ecom_connector', 'hold_reason_unknown_tax', 'ecom.hold.reason', 901),
                      ('ecom_connector', 'hold_reason_out_of_stock', 'ecom.hold.reason', 902),
                      ('__export__', 'ecom_hold_reason_902_x', 'ecom.hold.reason', 902)"""
        )
        unknown_tax = self.env.ref("ecom_connector.reason_unknown_tax")

        mapping = merge_hold_reasons(cr)
        self.env.invalidate_all()

        out_of_stock = self.env.ref("ecom_connector.reason_out_of_stock")
        self.assertEqual(mapping, {901: unknown_tax.id, 902: out_of_stock.id})
        self.assertEqual(
            (out_of_stock.code, out_of_stock.name, out_of_stock.applies_to, out_of_stock.sequence),
            ("out_of_stock", "Out of stock", "hold", 50),
        )
        self.assertEqual(out_of_stock.description, "Nothing left to ship.")
        cr.execute("SELECT name->>'fr_FR' FROM ecom_reason WHERE id = %s", [out_of_stock.id])
        self.assertEqual(cr.fetchone()[0], "En rupture", "translations come along")
        self.assertEqual(unknown_tax.applies_to, "both", "a shared code stays one record")
        self.assertEqual(self.env["ecom.reason"].search_count([("code", "=", "unknown_tax")]), 1)
        self.assertEqual(order.ecom_hold_reason_ids, unknown_tax | out_of_stock)
        self.assertEqual(self.env.ref("__export__.ecom_hold_reason_902_x"), out_of_stock)
        cr.execute("SELECT count(*) FROM ir_model_data WHERE model = 'ecom.hold.reason'")
        self.assertEqual(cr.fetchone()[0], 0)
        self.assertFalse(sql.table_exists(cr, "ecom_hold_reason"))
        self.assertFalse(sql.table_exists(cr, "ecom_hold_reason_sale_order_rel"))
        # Run again (a database already upgraded): nothing to do.
        self.assertEqual(merge_hold_reasons(cr), {})
