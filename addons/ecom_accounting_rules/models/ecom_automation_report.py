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
        "ecom.review.item": ["sale_order_id", "key", "reason_id", "state"],
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
    reviewed = fields.Integer(string="Sent to Review", readonly=True, aggregator="sum")
    resolved = fields.Integer(readonly=True, aggregator="sum")
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
        help="Charges and refunds of payouts matched to their order payment without a hand.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            """
            CREATE OR REPLACE VIEW ecom_automation_report AS (
                SELECT so.id * 2 AS id,
                       so.id AS sale_order_id,
                       so.company_id,
                       so.ecom_shop_id AS shop_id,
                       date_trunc('month', so.date_order)::date AS month,
                       so.ecom_posting_state AS posting_state,
                       item.reason_id,
                       1 AS imported,
                       CASE WHEN so.ecom_posted_automatically AND so.ecom_released_by_id IS NULL
                            THEN 1 ELSE 0 END AS automated,
                       CASE WHEN item.id IS NOT NULL THEN 1 ELSE 0 END AS reviewed,
                       CASE WHEN item.state IN ('done', 'ignored') THEN 1 ELSE 0 END AS resolved,
                       CASE WHEN so.ecom_posted_automatically AND so.ecom_released_by_id IS NULL
                            THEN 100.0 ELSE 0.0 END AS automation_rate,
                       0 AS payout_lines,
                       0 AS payout_lines_auto
                  FROM sale_order so
             LEFT JOIN ecom_review_item item
                    ON item.sale_order_id = so.id AND item.key = 'posting'
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
                       NULL,
                       1,
                       CASE WHEN line.matched_automatically THEN 1 ELSE 0 END
                  FROM ecom_payout_line line
                 WHERE line.type IN ('charge', 'refund') AND line.shop_id IS NOT NULL
            )
            """
        )
