# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models, tools


class EcomAutomationReport(models.Model):
    """One row per imported web order: what the rules did with it (pivot and graph).

    And one row per charge or refund of a payout, counted in ``payout_lines``
    and, when it was matched to its order payment without a hand, in
    ``payout_lines_auto`` (its order figures are zero, its rate empty).

    An order counts as automatic when the rules posted it and no person released
    it from a hold at import (``ecom_released_by_id``): a reprocess by hand is
    hand work, whatever the rules did next.

    The review figures count what the review queue holds, by the month of the
    order: an order is sent to review when it has at least one review item,
    whatever its reason (posting, refund, lost parcel, cancellation, payout...);
    it is resolved when all its items are done or ignored, still in review while
    one is to do. Its reason is that of its first item still to do, else of its
    first item.
    """

    _name = "ecom.automation.report"
    _description = "Web Shop Posting Automation"
    _auto = False
    _order = "month desc"
    _depends = {
        "sale.order": [
            "company_id",
            "ecom_shop_id",
            "date_order",
            "ecom_posting_state",
            "ecom_posted_automatically",
            "ecom_released_by_id",
        ],
        "ecom.review.item": ["sale_order_id", "reason_id", "state"],
        "ecom.payout.line": [
            "company_id",
            "shop_id",
            "sale_order_id",
            "date",
            "type",
            "matched_automatically",
        ],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    shop_id = fields.Many2one("ecom.shop", readonly=True)
    sale_order_id = fields.Many2one("sale.order", readonly=True)
    month = fields.Date(readonly=True, help="Month the order was placed.")
    posting_state = fields.Selection(
        lambda self: self.env["sale.order"]._fields["ecom_posting_state"].selection,
        readonly=True,
    )
    reason_id = fields.Many2one("ecom.reason", string="Review Reason", readonly=True)
    imported = fields.Integer(string="Orders Imported", readonly=True, aggregator="sum")
    automated = fields.Integer(string="Posted Automatically", readonly=True, aggregator="sum")
    reviewed = fields.Integer(
        string="Sent to Review",
        readonly=True,
        aggregator="sum",
        help="Orders with at least one item in the review queue, whatever its reason.",
    )
    resolved = fields.Integer(
        readonly=True,
        aggregator="sum",
        help="Orders sent to review whose items are all done or ignored.",
    )
    in_review = fields.Integer(
        string="Still in Review",
        readonly=True,
        aggregator="sum",
        help="Orders sent to review with at least one item still to do.",
    )
    automation_rate = fields.Float(
        string="Automation Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Posted automatically ÷ imported.",
    )
    payout_lines = fields.Integer(
        string="Payout Charges and Refunds", readonly=True, aggregator="sum"
    )
    payout_lines_auto = fields.Integer(
        string="Payout Lines Matched Automatically",
        readonly=True,
        aggregator="sum",
        help="Charges and refunds of payouts matched without a hand: cleared against their "
        "order payment, or booked by the rules from a marketplace's report (orders not in Odoo).",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            """
            CREATE OR REPLACE VIEW ecom_automation_report AS (
                WITH queue AS (
                    SELECT item.sale_order_id,
                           COUNT(*) FILTER (WHERE item.state = 'todo') AS todo,
                           (ARRAY_AGG(item.reason_id ORDER BY item.state = 'todo' DESC, item.id)
                           )[1] AS reason_id
                      FROM ecom_review_item item
                  GROUP BY item.sale_order_id
                )
                SELECT so.id * 2 AS id,
                       so.id AS sale_order_id,
                       so.company_id,
                       so.ecom_shop_id AS shop_id,
                       date_trunc('month', so.date_order)::date AS month,
                       so.ecom_posting_state AS posting_state,
                       queue.reason_id,
                       1 AS imported,
                       CASE WHEN so.ecom_posted_automatically AND so.ecom_released_by_id IS NULL
                            THEN 1 ELSE 0 END AS automated,
                       CASE WHEN queue.sale_order_id IS NOT NULL THEN 1 ELSE 0 END AS reviewed,
                       CASE WHEN queue.todo = 0 THEN 1 ELSE 0 END AS resolved,
                       CASE WHEN queue.todo > 0 THEN 1 ELSE 0 END AS in_review,
                       CASE WHEN so.ecom_posted_automatically AND so.ecom_released_by_id IS NULL
                            THEN 100.0 ELSE 0.0 END AS automation_rate,
                       0 AS payout_lines,
                       0 AS payout_lines_auto
                  FROM sale_order so
             LEFT JOIN queue ON queue.sale_order_id = so.id
                 WHERE so.ecom_shop_id IS NOT NULL
             UNION ALL
                SELECT line.id * 2 + 1,
                       line.sale_order_id,
                       line.company_id,
                       line.shop_id,
                       date_trunc('month', line.date)::date,
                       NULL,
                       NULL,
                       0,
                       0,
                       0,
                       0,
                       0,
                       NULL,
                       1,
                       CASE WHEN line.matched_automatically THEN 1 ELSE 0 END
                  FROM ecom_payout_line line
                 WHERE line.type IN ('charge', 'refund') AND line.shop_id IS NOT NULL
            )
            """
        )
