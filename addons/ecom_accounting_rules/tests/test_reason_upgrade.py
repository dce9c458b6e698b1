# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""merge_review_reasons on the tables a 18.0.1 database has (made here, rolled back)."""

from odoo.tests import TransactionCase, tagged
from odoo.tools import sql

from ..upgrade_reasons import merge_review_reasons


@tagged("post_install", "-at_install")
class TestReviewReasonUpgrade(TransactionCase):
    def test_review_reasons_merge_with_their_items_rules_and_xml_ids(self):
        cr = self.env.cr
        Reason = self.env["ecom.reason"]
        gift_wrap = Reason.create({"code": "gift_wrap", "name": "Gift wrap", "applies_to": "hold"})
        lost_parcel = self.env.ref("ecom_connector.reason_lost_parcel")
        partner = self.env["res.partner"].create({"name": "Reviewed customer"})
        order = self.env["sale.order"].create({"partner_id": partner.id})
        item = self.env["ecom.review.item"].create(
            {"name": "Lost", "key": "lost", "sale_order_id": order.id}
        )
        rule = self.env["ecom.posting.rule"].create({"name": "Review", "action": "review"})
        cr.execute(
            """CREATE TABLE ecom_review_reason (
                   id SERIAL PRIMARY KEY, code VARCHAR NOT NULL, name JSONB NOT NULL,
                   sequence INTEGER, description JSONB, create_uid INTEGER,
                   create_date TIMESTAMP, write_uid INTEGER, write_date TIMESTAMP);
               INSERT INTO ecom_review_reason (id, code, name, sequence)
               VALUES (801, 'lost_parcel', '{"en_US": "Parcel lost"}', 70),
                      (802, 'gift_wrap', '{"en_US": "Gift wrap"}', 130),
                      (803, 'vip_check', '{"en_US": "VIP customer"}', 140);
               CREATE TABLE ecom_review_item_ecom_review_reason_rel (
                   ecom_review_item_id INTEGER NOT NULL
                       REFERENCES ecom_review_item ON DELETE CASCADE,
                   ecom_review_reason_id INTEGER NOT NULL
                       REFERENCES ecom_review_reason ON DELETE CASCADE,
                   PRIMARY KEY (ecom_review_item_id, ecom_review_reason_id));
               ALTER TABLE ecom_review_item DROP CONSTRAINT ecom_review_item_reason_id_fkey;
               ALTER TABLE ecom_posting_rule
                   DROP CONSTRAINT ecom_posting_rule_review_reason_id_fkey"""
        )
        # Their references point to the legacy table, as in a 18.0.1 database
        # (the other rules and items are left without reason here).
        cr.execute(
            """UPDATE ecom_review_item
                  SET reason_id = CASE WHEN id = %(item)s THEN 801 END;
               UPDATE ecom_posting_rule
                  SET review_reason_id = CASE WHEN id = %(rule)s THEN 802 END;
               ALTER TABLE ecom_review_item ADD FOREIGN KEY (reason_id)
                   REFERENCES ecom_review_reason ON DELETE SET NULL;
               ALTER TABLE ecom_posting_rule ADD FOREIGN KEY (review_reason_id)
                   REFERENCES ecom_review_reason ON DELETE SET NULL;
               INSERT INTO ecom_review_item_ecom_review_reason_rel
               VALUES (%(item)s, 801), (%(item)s, 803);
               INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
               VALUES ('ecom_accounting_rules', 'review_reason_lost_parcel',
                       'ecom.review.reason', 801, false),
                      ('ecom_accounting_rules', 'review_reason_vip_check',
                       'ecom.review.reason', 803, false)""",
            {"item": item.id, "rule": rule.id},
        )

        mapping = merge_review_reasons(cr)
        self.env.invalidate_all()

        vip_check = self.env.ref("ecom_connector.reason_vip_check")
        self.assertEqual(mapping, {801: lost_parcel.id, 802: gift_wrap.id, 803: vip_check.id})
        self.assertEqual((vip_check.code, vip_check.applies_to), ("vip_check", "review"))
        self.assertEqual(vip_check.name, "VIP customer")
        self.assertEqual(gift_wrap.applies_to, "both", "a hold reason that also sends to review")
        self.assertEqual(lost_parcel.applies_to, "review")
        self.assertEqual(item.reason_id, lost_parcel)
        self.assertEqual(item.reason_ids, lost_parcel | vip_check)
        self.assertEqual(rule.review_reason_id, gift_wrap)
        self.assertEqual(Reason.search_count([("code", "=", "lost_parcel")]), 1)
        cr.execute("SELECT count(*) FROM ir_model_data WHERE model = 'ecom.review.reason'")
        self.assertEqual(cr.fetchone()[0], 0)
        self.assertFalse(sql.table_exists(cr, "ecom_review_reason"))
        self.assertFalse(sql.table_exists(cr, "ecom_review_item_ecom_review_reason_rel"))
