# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What Odoo writes in the chatter of the orders and deliveries the import makes."""

from odoo.tests import new_test_user, tagged

from .common import EcomCase, shopify_order


@tagged("post_install", "-at_install")
class TestChatter(EcomCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env,
            "ecom_chatter_staff",
            groups="sales_team.group_sale_salesman_all_leads,stock.group_stock_user",
        )

    def imported(self, order_id):
        """Import a paid order (confirmed, with its delivery); returns (order, delivery)."""
        self.import_orders(shopify_order(order_id=order_id))
        sale_order = self.order_of(order_id)
        self.assertEqual(sale_order.state, "sale")
        self.assertEqual(len(sale_order.picking_ids), 1)
        # Tracking is written when the transaction commits: as it would be.
        self.env.flush_all()
        self.env.cr.precommit.run()
        return sale_order, sale_order.picking_ids

    def staff_message(self, sale_order):
        """A message a salesperson sends from the order's chatter; returns the customers
        it notified (by e-mail or in Odoo) and the e-mails it queued to them."""
        message = sale_order.with_user(self.staff).message_post(
            body="Votre colis part demain.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        customers = sale_order.partner_id | sale_order.partner_shipping_id
        notified = (
            self.env["mail.notification"]
            .search([("mail_message_id", "=", message.id)])
            .res_partner_id
        )
        mails = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        return notified & customers, mails.recipient_ids & customers

    def test_the_customer_follows_neither_the_imported_order_nor_its_delivery(self):
        sale_order, delivery = self.imported(7001)
        customers = sale_order.partner_id | sale_order.partner_shipping_id
        self.assertFalse(sale_order.message_partner_ids & customers)
        self.assertFalse(delivery.message_partner_ids & (customers | delivery.partner_id))
        self.assertEqual(self.staff_message(sale_order), (customers.browse(), customers.browse()))

    def test_the_shop_setting_makes_customers_follow_and_hear_from_staff(self):
        self.shop.subscribe_customers = True
        sale_order, delivery = self.imported(7002)
        self.assertIn(sale_order.partner_id, sale_order.message_partner_ids)
        self.assertIn(delivery.partner_id, delivery.message_partner_ids)
        notified, _mailed = self.staff_message(sale_order)
        self.assertEqual(notified, sale_order.partner_id)

    def test_no_origin_note_nor_tracking_the_import_message_stays(self):
        sale_order, delivery = self.imported(7003)
        self.assertFalse(delivery.message_ids)
        bodies = sale_order.message_ids.mapped("body")
        self.assertEqual(len(bodies), 1, bodies)
        self.assertIn("Imported from Boutique Test, shop order #7003 (payload ", bodies[0])
        self.assertFalse(sale_order.message_ids.tracking_value_ids)
        # What people do afterwards is tracked as usual.
        sale_order.with_user(self.staff)._action_cancel()
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = sale_order.message_ids.tracking_value_ids
        self.assertEqual(tracked.field_id.mapped("name"), ["state"])
        self.assertEqual(tracked.new_value_char, "Cancelled")
