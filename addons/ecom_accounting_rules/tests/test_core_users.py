# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Users of Odoo's own apps, without web-shop rights, open web orders as before the addons.

Each screen is opened through the web client's own calls (``get_views``, then
``web_read`` with the specification the form's fields make, or ``onchange`` for
a new record), so a compute, a field or a view node that needs our rights fails
here as it would in the browser.
"""

import re

from odoo.tests import HttpCase, new_test_user, tagged

from .common import PostingCase, shopify_order
from .web_client import WebClientCalls


@tagged("post_install", "-at_install")
class TestCoreUsersOpenWebOrders(WebClientCalls, PostingCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = cls.browser_user("clerk", "sales_team.group_sale_salesman")
        cls.picker = cls.browser_user("picker", "stock.group_stock_user")
        cls.web_user = cls.browser_user(
            "webclerk", "ecom_connector.group_ecom_user,sales_team.group_sale_salesman_all_leads"
        )

    def setUp(self):
        super().setUp()
        self.order = self.import_and_post(shopify_order(7101))
        # The shop's orders are assigned to the clerk (a salesman sees his own).
        self.order.user_id = self.clerk
        self.invoice = self.invoice_of(self.order)
        self.delivery = self.order.picking_ids
        new_test_user(
            self.env,
            login="camille",
            groups="base.group_portal",
            partner_id=self.order.partner_id.id,
        )

    # ------------------------------------------------------------ tests

    def test_salesperson_without_web_shop_rights_opens_order_delivery_and_invoice(self):
        self.assertTrue(self.order.ecom_shop_id and self.invoice and self.delivery)
        self.authenticate("clerk", "clerk")
        arch, values = self.open_form(self.order)
        self.assertEqual(values["name"], self.order.name)
        self.assertEqual(values["partner_id"]["id"], self.order.partner_id.id)
        # No web-shop button, page or field for someone outside the web-shop groups, but
        # the plain boolean that hides Confirm on a held order (for everyone).
        self.assertEqual(set(re.findall(r'name="(ecom_\w+)"', arch)), {"ecom_held"})
        self.assertFalse(values.get("ecom_held"))
        self.assertNotIn("ecom_payload_count", values)
        self.assertNotIn("ecom_review_open_count", values)
        _arch, values = self.open_form(self.delivery)
        self.assertEqual(values["origin"], self.delivery.origin)
        _arch, values = self.open_form(self.invoice)
        self.assertEqual(values["name"], self.invoice.name)
        # A new quotation, as the New button makes it.
        _arch, fields = self.view_fields("sale.order", "form")
        new = self.call("sale.order", "onchange", [], {}, [], self.specification(fields))
        self.assertIn("value", new)

    def test_stock_user_opens_the_delivery_and_validates_nothing_of_ours(self):
        self.authenticate("picker", "picker")
        arch, values = self.open_form(self.delivery)
        self.assertEqual(values["origin"], self.delivery.origin)
        self.assertEqual(values["state"], self.delivery.state)
        self.assertIn("ecom_shipped_at", arch)  # a plain field of the delivery, readable by all

    def test_web_shop_user_sees_the_web_shop_page_and_counts(self):
        self.authenticate("webclerk", "webclerk")
        arch, values = self.open_form(self.order)
        self.assertIn("ecom_payload_count", arch)
        self.assertEqual(values["ecom_payload_count"], 1)
        self.assertEqual(values["ecom_shop_id"]["display_name"], self.shop.display_name)

    def test_portal_customer_opens_order_delivery_and_invoice(self):
        # Odoo's portal shows customers the orders they follow: the shop makes them follow.
        self.shop.subscribe_customers = True
        order = self.import_and_post(shopify_order(7102))
        new_test_user(
            self.env, login="camille2", groups="base.group_portal", partner_id=order.partner_id.id
        )
        self.authenticate("camille2", "camille2")
        for url in (
            f"/my/orders/{order.id}",
            f"/my/invoices/{self.invoice_of(order).id}",
            f"/my/picking/pdf/{order.picking_ids.id}",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 200, url)
        page = self.url_open(f"/my/orders/{order.id}").text
        self.assertIn(order.name, page)

    def test_portal_customer_of_a_shop_that_mails_its_customers_sees_the_invoice_only(self):
        # By default the customer follows the invoice (Odoo's posting), not the order.
        self.authenticate("camille", "camille")
        response = self.url_open(f"/my/invoices/{self.invoice.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        response = self.url_open(f"/my/orders/{self.order.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
