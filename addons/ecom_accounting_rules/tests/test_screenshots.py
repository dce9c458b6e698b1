# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Screenshots of the main screens on the demo data, for the README (``./ecom screenshots``).

Not a test of behaviour: it runs only when ``ECOM_SCREENSHOTS`` names the folder to
write to (``./ecom screenshots`` sets it to ``docs/screenshots``).
"""

import base64
import os
import unittest
from pathlib import Path
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

SCREENSHOTS = os.environ.get("ECOM_SCREENSHOTS")


@tagged("post_install", "-at_install")
@unittest.skipUnless(SCREENSHOTS, "screenshots are taken by ./ecom screenshots")
class TestScreenshots(HttpCase):
    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop = cls.env["ecom.demo"]._load()

    def shoot(self, name, url, wait_for=".o_view_controller"):
        """Open ``url`` as the admin and save what the browser shows as ``<name>.png``."""
        path = Path(SCREENSHOTS) / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        stop = ChromeBrowser.stop

        def capture_then_stop(browser):
            shot = browser._websocket_request("Page.captureScreenshot", params={"format": "png"})
            path.write_bytes(base64.b64decode(shot["data"]))
            stop(browser)

        # Wait for the view (15 s at most), let it settle, then signal: the screen is
        # captured as it is, so that a broken screen shows what broke.
        wait_then_signal = f"""
            const start = Date.now();
            (function wait() {{
                if (document.querySelector({wait_for!r}) || Date.now() - start > 15000) {{
                    setTimeout(() => console.log("test successful"), 1500);
                }} else {{
                    setTimeout(wait, 200);
                }}
            }})();
        """
        with patch.object(ChromeBrowser, "stop", capture_then_stop):
            self.browser_js(url, wait_then_signal, login="admin", timeout=60)
        self.assertGreater(path.stat().st_size, 10_000, f"{name}.png looks empty")

    def test_main_screens(self):
        held = self.env["sale.order"].search(
            [("ecom_shop_id", "=", self.shop.id), ("ecom_hold_reason_ids", "!=", False)], limit=1
        )
        payload = self.env["ecom.payload"].search([("shop_id", "=", self.shop.id)], limit=1)
        item = self.env["ecom.review.item"].search([("state", "=", "todo")], limit=1)
        rule = self.env["ecom.posting.rule"].search([("company_id", "=", self.shop.company_id.id)])
        review = "/odoo/action-ecom_accounting_rules.ecom_review_item_action"
        screens = [
            ("dashboard", "/odoo/action-ecom_connector.ecom_shop_dashboard_action"),
            ("orders", "/odoo/action-ecom_connector.sale_order_ecom_action"),
            ("held_order", f"/odoo/action-ecom_connector.sale_order_ecom_held_action/{held.id}"),
            ("payloads", "/odoo/action-ecom_connector.ecom_payload_action"),
            ("payload", f"/odoo/action-ecom_connector.ecom_payload_action/{payload.id}"),
            ("shop", f"/odoo/action-ecom_connector.ecom_shop_action/{self.shop.id}"),
            ("review_queue", review),
            ("review_item", f"{review}/{item.id}"),
            (
                "automation_report",
                "/odoo/action-ecom_accounting_rules.ecom_automation_report_action",
            ),
        ]
        screens += [
            (
                "posting_rule",
                f"/odoo/action-ecom_accounting_rules.ecom_posting_rule_action/{rule[0].id}",
            ),
            ("sku_mappings", "/odoo/action-ecom_connector.ecom_product_map_action"),
        ]
        for name, url in screens:
            self.shoot(name, url)
        self.shoot(
            "connect_a_shop",
            "/odoo/action-ecom_connector.ecom_shop_connect_action",
            wait_for=".modal .o_form_view",
        )
