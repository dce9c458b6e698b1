# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The automation report counts, by month of the order, what the review queue holds."""

from odoo.tests import tagged

from .common import PostingCase, shopify_order
from .test_resolutions import refund

MEASURES = ["imported:sum", "automated:sum", "reviewed:sum", "resolved:sum", "in_review:sum"]


@tagged("post_install", "-at_install")
class TestAutomationReportMatchesTheQueue(PostingCase):
    def order_of(self, order_id, month, **values):
        """A Shopify order placed on the 10th of ``month`` (``"2026-10"``)."""
        payload = shopify_order(order_id, **values)
        payload["created_at"] = payload["processed_at"] = f"{month}-10T09:30:00+01:00"
        return payload

    def refunded(self, order, order_id):
        """The shop's later revision of ``order`` (posted, Shopify id ``order_id``):
        one T-shirt refunded; returns the refund's review item."""
        update = self.order_of(
            order_id,
            order.date_order.strftime("%Y-%m"),
            updated_at="2026-11-20T10:00:00+01:00",
            financial_status="partially_refunded",
        )
        update["refunds"] = [
            refund(order_id * 10 + 1, lines=[(order_id * 100 + 1, 1, "20.00")], amount="24.00")
        ]
        self.import_orders(update)
        return order.ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")

    def report_by_month(self):
        Report = self.env["ecom.automation.report"]
        Report.invalidate_model()
        rows = Report.read_group([("shop_id", "=", self.shop.id)], MEASURES, ["month:month"])
        return {
            row["__range"]["month:month"]["from"][:7]: tuple(
                row[name.split(":")[0]] for name in MEASURES
            )
            for row in rows
        }

    def queue_by_month(self):
        """What the review queue shows: orders with items, with items all resolved, with
        an item to do, by month of the order."""
        items = self.env["ecom.review.item"].search([("shop_id", "=", self.shop.id)])
        months = {}
        for order in items.sale_order_id:
            states = set(order.ecom_review_item_ids.mapped("state"))
            counts = months.setdefault(order.date_order.strftime("%Y-%m"), [0, 0, 0])
            counts[0] += 1
            counts[1] += "todo" not in states
            counts[2] += "todo" in states
        return months

    def test_sent_to_review_resolved_and_open_by_month_of_the_order(self):
        klarna = self.order_of(7311, "2026-10")
        klarna["payment_gateway_names"] = ["klarna"]
        october = self.import_and_post(
            self.order_of(7310, "2026-10"), klarna, self.order_of(7312, "2026-10")
        )
        mismatch = self.order_of(7322, "2026-11")
        mismatch["total_price"] = "99.00"
        november = self.import_and_post(
            self.order_of(7320, "2026-11"),
            self.order_of(7321, "2026-11"),
            mismatch,
            self.order_of(7323, "2026-11"),
        )
        self.assertEqual((len(october), len(november)), (3, 4))
        # October: a refund after posting (resolved in December), an unknown gateway left open.
        october_refund = self.refunded(october[0], 7310)
        # November: two refunds, a lost parcel, a total mismatch.
        refund_a, refund_b = self.refunded(november[0], 7320), self.refunded(november[1], 7321)
        # Goods lost are valued at cost: the products need one.
        november[3].order_line.product_id.filtered(lambda p: p.type == "consu").standard_price = 8.0
        november[3].action_ecom_declare_lost()
        lost = november[3].ecom_review_item_ids.filtered(lambda i: i.key == "lost")
        self.assertTrue(october_refund and refund_a and refund_b and lost)
        self.assertEqual(self.report_by_month()["2026-11"][2:], (4, 0, 4))

        self.resolve(october_refund, resolution="credit_note")
        self.resolve(refund_a, resolution="credit_note")
        self.resolve(lost, resolution="lost_parcel")
        self.assertEqual(
            (october_refund.state, refund_a.state, lost.state), ("done", "done", "done")
        )
        report = self.report_by_month()
        # imported, posted automatically, sent to review, resolved, still in review
        self.assertEqual(report["2026-10"], (3, 2, 2, 1, 1))
        self.assertEqual(report["2026-11"], (4, 3, 4, 2, 2))
        self.assertEqual(
            {month: tuple(row[2:]) for month, row in report.items()},
            {month: tuple(counts) for month, counts in self.queue_by_month().items()},
        )
        # An order counted under its first reason still to do, else its first reason.
        Report = self.env["ecom.automation.report"]
        by_reason = Report.read_group(
            [("shop_id", "=", self.shop.id), ("reviewed", "=", 1)], ["reviewed:sum"], ["reason_id"]
        )
        self.assertEqual(
            {row["reason_id"][1]: row["reviewed"] for row in by_reason},
            {
                self.env.ref("ecom_connector.reason_unknown_payment").name: 1,
                self.env.ref("ecom_connector.reason_total_mismatch").name: 1,
                october_refund.reason_id.name: 3,
                lost.reason_id.name: 1,
            },
        )
