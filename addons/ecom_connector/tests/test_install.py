# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import RoleUsersMixin


@tagged("post_install", "-at_install")
class TestInstall(RoleUsersMixin, TransactionCase):
    """Both addons installed, their menus reachable, rights per group."""

    roles = ("user", "manager", "salesman")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop = cls.env["ecom.shop"].create(
            {"name": "Install Shop", "code": "INST", "platform": "csv", "api_key": "k-123"}
        )

    def test_modules_installed(self):
        modules = self.env["ir.module.module"].search(
            [("name", "in", ["ecom_connector", "ecom_accounting_rules", "queue_job"])]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 3)

    def test_menus_visible_per_group(self):
        root = self.env.ref("ecom_connector.ecom_root_menu")
        self.assertEqual(root.parent_id, self.env.ref("sale.sale_menu_root"))
        visible_to_user = self.env["ir.ui.menu"].with_user(self.user)._visible_menu_ids()
        visible_to_salesman = self.env["ir.ui.menu"].with_user(self.salesman)._visible_menu_ids()
        self.assertIn(root.id, visible_to_user)
        self.assertNotIn(root.id, visible_to_salesman)
        for xmlid in ("ecom_payload_menu", "ecom_shop_menu", "ecom_order_menu"):
            self.assertIn(self.env.ref(f"ecom_connector.{xmlid}").id, visible_to_user)

    def test_connector_user_reads_but_does_not_configure(self):
        shop = self.shop.with_user(self.user)
        self.assertEqual(shop.name, "Install Shop")
        with self.assertRaises(AccessError):
            shop.write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env["ecom.shop"].with_user(self.user).create({"name": "X", "code": "X"})

    def test_secrets_readable_by_managers_only(self):
        self.assertEqual(self.shop.with_user(self.manager).api_key, "k-123")
        with self.assertRaises(AccessError):
            self.shop.with_user(self.user).read(["api_key"])
        self.shop.with_user(self.manager).write({"webhook_secret": "s3cret"})
        self.assertEqual(self.shop.webhook_secret, "s3cret")

    def test_plain_salesman_has_no_access(self):
        with self.assertRaises(AccessError):
            self.env["ecom.shop"].with_user(self.salesman).search([])

    def test_queue_channel_and_job_function(self):
        channel = self.env.ref("ecom_connector.channel_ecom")
        self.assertEqual(channel.complete_name, "root.ecom")
        function = self.env.ref("ecom_connector.job_function_ecom_payload_process_batch")
        self.assertEqual(function.channel_id, channel)
