# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The Connect a Shop assistant, against a local stand-in of the shop's API."""

from odoo.tests import Form, tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .pull_server import SHOPIFY_TOKEN
from .test_pull import PullCase, shopify_orders


@tagged("post_install", "-at_install")
class TestConnectAShop(PullCase):
    def assistant(self, **values):
        form = Form(self.env["ecom.shop.connect"].with_context(ecom_pull_timeout=2))
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def test_step_by_step_from_platform_to_first_orders(self):
        server = self.serve("shopify", shopify_orders(3))
        wizard = self.assistant(name="Boutique Été", platform="shopify")
        self.assertEqual(wizard.code, "BOUTIQUE-ETE")
        wizard.action_next()
        self.assertEqual(wizard.step, "connection")
        wizard.write({"api_url": server.url, "access_token": "shpat_wrong"})
        wizard.action_test_connection()
        shop = wizard.shop_id
        self.assertEqual(
            (shop.name, shop.code, shop.platform), ("Boutique Été", "BOUTIQUE-ETE", "shopify")
        )
        self.assertEqual(wizard.test_state, "failed")
        self.assertIn("did not answer as expected", wizard.test_message)
        self.assertIn("401", wizard.test_message)
        self.assertNotIn("shpat_wrong", wizard.test_message)
        self.assertFalse(wizard.access_token)  # on the shop now, not in the assistant
        wizard.access_token = SHOPIFY_TOKEN
        wizard.action_test_connection()
        self.assertEqual(wizard.test_state, "ok")
        self.assertIn("connection and credentials work", wizard.test_message)
        self.assertEqual(wizard.shop_id, shop)  # the same shop, updated
        self.assertEqual(shop.sudo().access_token, SHOPIFY_TOKEN)
        wizard.action_next()
        self.assertEqual(wizard.step, "start")
        wizard.import_start_date = "2026-11-01 00:00:00"
        with trap_jobs() as trap:
            params = wizard.action_finish()["params"]
            trap.assert_jobs_count(1, only=shop._ecom_pull)
        # No webhook secret: Shopify's webhooks cannot be registered, and it says why.
        self.assertEqual(params["type"], "warning")
        self.assertIn("Boutique Été is connected", params["message"])
        self.assertIn("Webhooks not registered: Shopify signs webhooks", params["message"])
        self.assertEqual(
            (params["next"]["res_model"], params["next"]["res_id"]), ("ecom.shop", shop.id)
        )
        self.assertEqual(str(shop.import_start_date), "2026-11-01 00:00:00")
        self.assertTrue(shop.sync_enabled)
        self.assertEqual(shop.sync_run_ids.state, "running")
        self.assertIn("is connected", shop.message_ids[:1].body)
        self.assertEqual(self.env["ecom.shop"].search_count([("code", "=", "BOUTIQUE-ETE")]), 1)

    def test_a_csv_shop_skips_the_connection_and_opens_the_file_import(self):
        wizard = self.assistant(name="Export Prestashop", platform="csv")
        wizard.action_next()
        self.assertEqual(wizard.step, "start")
        action = wizard.action_finish()
        self.assertEqual(action["res_model"], "ecom.import.wizard")
        self.assertEqual(action["context"]["default_shop_id"], wizard.shop_id.id)
        self.assertEqual(wizard.shop_id.platform, "csv")
        wizard.action_back()
        self.assertEqual(wizard.step, "shop")
