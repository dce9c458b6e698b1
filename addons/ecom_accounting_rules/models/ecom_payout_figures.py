# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models, tools

from ..payouts import PAYOUT_PROVIDERS


class EcomPayoutFigures(models.Model):
    """Per shop and payment provider: the money in transit, the fees, the matching done alone.

    One row per company, shop, provider and currency (a SQL view, read only):

    - money in transit: what customers paid through the provider and it has
      not paid out yet, i.e. the open residual of the order payments' (and
      refunds') outstanding receipts in the provider's journal, and of the
      daily summaries' receipts lines on that journal's outstanding account,
      in the company's currency; a payout's entry clears them, so for orders
      fully paid out it is zero;
    - charges and fees of the provider's balance transactions, in their
      currency, and the fees as a percentage of those charges (the sales
      paid through the provider);
    - the charges and refunds of the payouts, and how many of them were
      matched without a hand: cleared against their order payment, or, in a
      marketplace's settlement, booked by the rules from its report (the sales
      of orders not in Odoo); rows of a settlement in review are not.
    """

    _name = "ecom.payout.figures"
    _description = "Payout Figures per Shop and Provider"
    _auto = False
    _order = "shop_id, provider"
    _depends = {
        "ecom.payout.account.set": ["company_id", "provider", "journal_id"],
        "account.payment": ["journal_id", "move_id", "outstanding_account_id"],
        "account.move": ["state", "ecom_shop_id"],
        "account.payment.method.line": ["journal_id", "payment_account_id"],
        "sale.order": ["ecom_summary_move_id"],
        "account.move.line": ["move_id", "account_id", "amount_residual"],
        "ecom.payout.line": [
            "company_id",
            "shop_id",
            "provider",
            "currency_id",
            "type",
            "amount",
            "fee",
            "matched_automatically",
        ],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    shop_id = fields.Many2one("ecom.shop", string="Web Shop", readonly=True)
    provider = fields.Selection(PAYOUT_PROVIDERS, readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    in_transit = fields.Monetary(
        string="Money in Transit",
        readonly=True,
        help="Paid by customers through the provider, not paid out yet: the open order "
        "payments on the provider journal's outstanding receipts account.",
    )
    charge_amount = fields.Monetary(string="Sales Paid Out", readonly=True)
    fee_amount = fields.Monetary(string="Fees", readonly=True)
    fee_rate = fields.Float(
        string="Fees (% of Sales)",
        readonly=True,
        digits=(5, 2),
        aggregator=False,
        help="The provider's fees ÷ the charges of its balance transactions.",
    )
    order_line_count = fields.Integer(
        string="Charges and Refunds",
        readonly=True,
        help="Balance transactions that clear an order payment or a refund.",
    )
    auto_line_count = fields.Integer(
        string="Matched Automatically",
        readonly=True,
        help="Of them, matched without a hand: cleared against their order payment, or "
        "booked by the rules from a marketplace's report (orders not in Odoo).",
    )
    auto_rate = fields.Float(
        string="Matched Automatically (%)", readonly=True, digits=(5, 1), aggregator=False
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            """
            CREATE OR REPLACE VIEW ecom_payout_figures AS (
                SELECT row_number() OVER (
                           ORDER BY figures.company_id, figures.shop_id, figures.provider,
                                    figures.currency_id
                       ) AS id,
                       figures.company_id,
                       figures.shop_id,
                       figures.provider,
                       figures.currency_id,
                       SUM(figures.in_transit) AS in_transit,
                       SUM(figures.charge_amount) AS charge_amount,
                       SUM(figures.fee_amount) AS fee_amount,
                       CASE WHEN SUM(figures.charge_amount) <> 0
                            THEN 100.0 * SUM(figures.fee_amount) / SUM(figures.charge_amount)
                            ELSE 0.0 END AS fee_rate,
                       SUM(figures.order_line_count) AS order_line_count,
                       SUM(figures.auto_line_count) AS auto_line_count,
                       CASE WHEN SUM(figures.order_line_count) > 0
                            THEN 100.0 * SUM(figures.auto_line_count)
                                 / SUM(figures.order_line_count)
                            ELSE 0.0 END AS auto_rate
                  FROM (
                        SELECT acc.company_id,
                               move.ecom_shop_id AS shop_id,
                               acc.provider,
                               company.currency_id,
                               aml.amount_residual AS in_transit,
                               0.0 AS charge_amount,
                               0.0 AS fee_amount,
                               0 AS order_line_count,
                               0 AS auto_line_count
                          FROM ecom_payout_account_set acc
                          JOIN res_company company ON company.id = acc.company_id
                          JOIN account_payment pay ON pay.journal_id = acc.journal_id
                          JOIN account_move move
                            ON move.id = pay.move_id
                           AND move.state = 'posted'
                           AND move.ecom_shop_id IS NOT NULL
                          JOIN account_move_line aml
                            ON aml.move_id = move.id
                           AND aml.account_id = pay.outstanding_account_id
                         WHERE aml.amount_residual <> 0
                     UNION ALL
                        -- The daily summaries' receipts lines of the provider's journal,
                        -- still open: orders booked in summaries, not paid out yet.
                        SELECT acc.company_id,
                               move.ecom_shop_id,
                               acc.provider,
                               company.currency_id,
                               aml.amount_residual,
                               0.0,
                               0.0,
                               0,
                               0
                          FROM ecom_payout_account_set acc
                          JOIN res_company company ON company.id = acc.company_id
                          JOIN account_move_line aml
                            ON aml.company_id = acc.company_id
                           AND aml.amount_residual <> 0
                           AND aml.account_id IN (
                                SELECT pml.payment_account_id
                                  FROM account_payment_method_line pml
                                 WHERE pml.journal_id = acc.journal_id
                                   AND pml.payment_account_id IS NOT NULL
                               )
                          JOIN account_move move
                            ON move.id = aml.move_id
                           AND move.state = 'posted'
                           AND move.ecom_shop_id IS NOT NULL
                         WHERE EXISTS (
                                SELECT 1 FROM sale_order so
                                 WHERE so.ecom_summary_move_id = move.id
                               )
                     UNION ALL
                        SELECT line.company_id,
                               line.shop_id,
                               line.provider,
                               line.currency_id,
                               0.0,
                               CASE WHEN line.type = 'charge' THEN line.amount ELSE 0.0 END,
                               COALESCE(line.fee, 0.0)
                                   - CASE WHEN line.type = 'fee' THEN line.amount ELSE 0.0 END,
                               CASE WHEN line.type IN ('charge', 'refund') THEN 1 ELSE 0 END,
                               CASE WHEN line.type IN ('charge', 'refund')
                                         AND line.matched_automatically THEN 1 ELSE 0 END
                          FROM ecom_payout_line line
                         WHERE line.type <> 'transfer'
                           AND line.shop_id IS NOT NULL
                       ) AS figures
              GROUP BY figures.company_id, figures.shop_id, figures.provider,
                       figures.currency_id
            )
            """
        )
