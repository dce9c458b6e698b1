# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecom_connector.tests.common import RoleUsersMixin


@tagged("post_install", "-at_install")
class TestAccountingInstall(RoleUsersMixin, TransactionCase):
    roles = ("billing", "accountant", "salesman")

    def test_menus_in_accounting(self):
        root = self.env.ref("ecom_accounting_rules.ecom_accounting_root_menu")
        self.assertEqual(root.parent_id, self.env.ref("account.menu_finance"))
        queue = self.env.ref("ecom_accounting_rules.ecom_review_item_menu")
        rules = self.env.ref("ecom_accounting_rules.ecom_posting_rule_menu")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(queue.id, Menu.with_user(self.billing)._visible_menu_ids())
        self.assertNotIn(rules.id, Menu.with_user(self.billing)._visible_menu_ids())
        self.assertIn(rules.id, Menu.with_user(self.accountant)._visible_menu_ids())
        self.assertNotIn(root.id, Menu.with_user(self.salesman)._visible_menu_ids())

    def test_rules_editable_by_accounting_managers_only(self):
        Rule = self.env["ecom.posting.rule"]
        rule = Rule.with_user(self.accountant).create({"name": "Everything", "action": "post"})
        self.assertEqual(rule.with_user(self.billing).name, "Everything")
        with self.assertRaises(AccessError):
            rule.with_user(self.billing).write({"action": "review"})
        with self.assertRaises(AccessError):
            Rule.with_user(self.salesman).search([])
