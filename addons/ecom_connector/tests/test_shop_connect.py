# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The Connect a Shop assistant, against a local stand-in of the shop's API."""

import json

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

    def notifications(self):
        """The notifications sent to the users' browsers in this transaction."""
        values = self.env.cr.precommit.data.get("bus.bus.values", [])
        messages = [json.loads(value["message"]) for value in values]
        return [m["payload"] for m in messages if m["type"] == "simple_notification"]

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
            action = wizard.action_finish()
            trap.assert_jobs_count(1, only=shop._ecom_pull)
        # The assistant stays open on its last step, following the first pull.
        self.assertEqual((action["res_model"], action["res_id"]), (wizard._name, wizard.id))
        self.assertEqual(wizard.step, "import")
        run = wizard.sync_run_id
        self.assertEqual(run, shop.sync_run_ids)
        self.assertEqual((wizard.run_state, wizard.run_progress), ("running", 0.0))
        self.assertFalse(wizard.run_import_done)
        # No webhook secret: Shopify's webhooks cannot be registered, and it says why.
        self.assertIn("Webhooks not registered: Shopify signs webhooks", wizard.finish_note)
        self.assertEqual(str(shop.import_start_date), "2026-11-01 00:00:00")
        self.assertTrue(shop.sync_enabled)
        self.assertIn("is connected", shop.message_ids[:1].body)
        self.assertEqual(self.env["ecom.shop"].search_count([("code", "=", "BOUTIQUE-ETE")]), 1)
        self.assertEqual(wizard.action_open_shop()["res_id"], shop.id)
        self.assertEqual(wizard.action_open_run()["res_id"], run.id)

    def test_the_first_import_fills_its_progress_bar_and_says_when_it_is_done(self):
        server = self.serve("shopify", shopify_orders(3))
        wizard = self.assistant(name="Boutique Suivie", platform="shopify")
        wizard.action_next()
        wizard.write({"api_url": server.url, "access_token": SHOPIFY_TOKEN})
        wizard.action_next()
        wizard.write({"import_start_date": "2026-11-01 00:00:00", "register_webhooks": False})
        shop = wizard.shop_id.with_context(ecom_pull_page_size=2, ecom_pull_timeout=2)
        with trap_jobs() as trap:
            wizard.action_finish()
            run = wizard.sync_run_id
            # The pull reads its two pages: the orders are stored, not imported yet.
            shop._ecom_pull(run)
            trap.enqueued_jobs[:] = [
                job for job in trap.enqueued_jobs if job.method_name != "_ecom_pull"
            ]
            wizard.invalidate_recordset()
            run.invalidate_recordset()
            self.assertEqual(
                (run.state, run.fetched_count, run.new_count, run.waiting_count), ("done", 3, 3, 3)
            )
            self.assertEqual((wizard.run_progress, wizard.run_import_done), (0.0, False))
            self.assertEqual(run.payload_ids.sync_run_id, run)
            # The pull's end is said to who started it.
            note = self.notifications()[-1]
            self.assertEqual((note["type"], note["title"]), ("success", "Pull Finished"))
            self.assertEqual(
                note["message"],
                "Boutique Suivie: 3 orders read, 3 new being imported, 0 already known.",
            )
            # The imports run: the bar fills up.
            trap.perform_enqueued_jobs()
        self.env.invalidate_all()
        # Imported, and held: the new shop knows none of their products yet.
        self.assertEqual(
            (run.imported_count, run.held_count, run.failed_count, run.waiting_count),
            (3, 3, 0, 0),
        )
        self.assertEqual((wizard.run_progress, wizard.run_import_done), (100.0, True))
        self.assertEqual(wizard.run_imported_count, 3)
        orders = self.env["sale.order"].search(wizard.action_open_orders()["domain"])
        self.assertEqual(orders, self.orders_of(shop))
        self.assertEqual(len(orders), 3)

    def test_a_failed_first_pull_says_why(self):
        server = self.serve("shopify", shopify_orders(1))
        shop = self.make_shop("shopify", server, access_token="shpat_refused")
        run = shop._ecom_start_pull("manual")
        shop._ecom_pull(run)
        self.assertEqual((run.state, run.progress, run.import_done), ("failed", 100.0, True))
        note = self.notifications()[-1]
        self.assertEqual(
            (note["type"], note["title"], note["sticky"]), ("danger", "Pull Failed", True)
        )
        self.assertIn("the pull failed", note["message"])
        self.assertIn("401", note["message"])

    def test_finish_tests_the_connection_first_and_starts_nothing_when_it_fails(self):
        wizard = self.assistant(name="Boutique Muette", platform="shopify")
        wizard.action_next()
        wizard.write({"api_url": "http://127.0.0.1:9", "access_token": SHOPIFY_TOKEN})
        wizard.action_next()  # not tested
        self.assertEqual((wizard.step, wizard.test_state), ("start", "untested"))
        with trap_jobs() as trap:
            wizard.action_finish()
            trap.assert_jobs_count(0)
        self.assertEqual((wizard.step, wizard.test_state), ("connection", "failed"))
        self.assertTrue(wizard.test_message.startswith("Finish needs a working connection."))
        self.assertIn("127.0.0.1", wizard.test_message)
        self.assertFalse(wizard.shop_id.sync_run_ids)
        self.assertFalse(wizard.sync_run_id)

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
