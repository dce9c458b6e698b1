# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""No setting changes silently: a payout in a currency the company had not activated."""

from odoo.tests import tagged

from .payout_common import PayoutCase


@tagged("post_install", "-at_install")
class TestPayoutCurrency(PayoutCase):
    def test_an_inactive_currency_is_activated_and_said_on_the_payout(self):
        chf = self.env.ref("base.CHF")
        chf.active = False
        self.receive_json(
            "shopify_payments",
            {
                "payouts": [
                    {
                        "id": 7301,
                        "status": "scheduled",
                        "date": "2026-11-05",
                        "currency": "CHF",
                        "amount": "0.00",
                    }
                ],
                "transactions": [],
            },
        )
        payout = self.payout(7301)
        self.assertEqual(payout.currency_id, chf)
        self.assertTrue(chf.active)
        self.assertIn(
            "The currency CHF was activated by this import",
            "\n".join(payout.message_ids.mapped("body")),
        )
        # Once: a currency already active says nothing more.
        self.receive_json(
            "shopify_payments",
            {
                "payouts": [
                    {
                        "id": 7302,
                        "status": "scheduled",
                        "date": "2026-11-06",
                        "currency": "CHF",
                        "amount": "0.00",
                    }
                ],
                "transactions": [],
            },
        )
        bodies = "\n".join(self.payout(7302).message_ids.mapped("body"))
        self.assertNotIn("was activated", bodies)
