# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import _, api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # French VAT regime: how often the company's web sales are e-reported (réel normal
    # with monthly returns: every ten days; réel normal with quarterly returns and réel
    # simplifié: monthly; franchise en base: every two months).
    ecom_vat_regime = fields.Selection(
        [
            ("normal_monthly", "Standard regime, monthly returns"),
            ("normal_quarterly", "Standard regime, quarterly returns"),
            ("simplified", "Simplified regime"),
            ("franchise", "VAT exemption threshold (franchise)"),
        ],
        string="VAT Regime",
        default="normal_monthly",
        help="The company's French VAT regime: it sets the periods and due dates of the "
        "e-reporting of its web sales.",
    )
    ecom_vat_on_debits = fields.Boolean(
        string="VAT on Debits",
        help="The company opted to pay VAT on services when invoiced (option pour le paiement "
        "de la taxe d'après les débits): said on its e-invoices, as the reform requires.",
    )
    ecom_ereporting_platform_name = fields.Char(
        string="E-reporting Platform",
        help="The approved platform (PA) that transmits the company's e-reporting files.",
    )
    ecom_ereporting_platform_id = fields.Char(
        string="E-reporting Platform Matricule",
        size=4,
        help="The 4-character matricule the tax administration gave the approved platform: "
        "the e-reporting files name it as their sender.",
    )
    ecom_rounding_tolerance = fields.Monetary(
        string="Web Shop Rounding Tolerance",
        currency_field="currency_id",
        default=0.02,
        help="Largest difference between a shop's total and Odoo's that is booked "
        "automatically to the rounding account; larger ones go to review.",
    )
    ecom_rounding_account_id = fields.Many2one(
        "account.account",
        string="Web Shop Rounding Account",
        check_company=True,
        help="Where differences within the tolerance are booked.",
    )
    ecom_difference_account_id = fields.Many2one(
        "account.account",
        string="Web Shop Difference Account",
        check_company=True,
        help="Where the accountant books a difference accepted in the review queue.",
    )
    ecom_loss_account_id = fields.Many2one(
        "account.account",
        string="Lost Parcel Account",
        check_company=True,
        help="Expense account for the goods of parcels the carrier lost.",
    )
    ecom_gift_card_account_id = fields.Many2one(
        "account.account",
        string="Gift Card Liability Account",
        check_company=True,
        help="Gift cards sold are owed to their holder: booked here, not as revenue; "
        "gift cards used to pay are taken from here.",
    )
    ecom_invoice_date_policy = fields.Selection(
        [
            ("shop", "The shop's date, unless a later invoice is already posted"),
            ("posting", "Always the posting date"),
        ],
        string="Web Invoice Date",
        default="shop",
        required=True,
        help="Invoices of a journal are numbered in one chronological sequence: an invoice "
        "takes the shop's date only when no later-dated invoice of its journal is posted "
        "(else the posting date), or always the posting date. The sale's date stays on the "
        "invoice as its delivery date.",
    )
    ecom_backfill_days = fields.Integer(
        string="Web Backfill Horizon (Days)",
        default=0,
        help="Orders older than this many days when they are posted go to review "
        "(Before the accounting start) instead of the books: they were probably booked "
        "before. 0: no horizon.",
    )
    ecom_web_customer_partner_id = fields.Many2one(
        "res.partner",
        string="Web Customers Partner",
        check_company=True,
        help="The generic customer of the daily summary entries.",
    )

    # The review queue's responsible accountant.
    ecom_accountant_id = fields.Many2one(
        "res.users",
        string="Web Shop Accountant",
        domain="[('share', '=', False), ('company_ids', 'in', id)]",
        help="Gets a to-do activity for each item sent to the web-shop review queue "
        "(unless the shop names its own accountant).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["ecom.posting.rule"].sudo()._ecom_create_default_rules(companies)
        return companies

    def _ecom_web_customer_partner(self):
        """The generic web-customers partner of daily summaries (made on first use)."""
        self.ensure_one()
        if not self.ecom_web_customer_partner_id:
            # A setting of the company: whoever posts may not write companies.
            company_sudo = self.sudo()
            company_sudo.ecom_web_customer_partner_id = (
                self.env["res.partner"]
                .sudo()
                .create(
                    {
                        "name": _("Web customers"),
                        "company_id": self.id,
                        "customer_rank": 1,
                    }
                )
            )
        return self.ecom_web_customer_partner_id

    def _ecom_first_open_date(self, date, journal, has_tax=True):
        """``date``, or the day after the last lock date it falls in (fiscal, tax, sales).

        :return: ``(date, lock date)``; the lock date is None when ``date`` was open
        """
        self.ensure_one()
        locks = self._get_violated_lock_dates(date, has_tax, journal)
        if not locks:
            return date, None
        lock = locks[-1][0]
        return lock + timedelta(days=1), lock

    def _ecom_accounting_date(self, date, journal, has_tax=False, is_payment=False):
        """``date`` for a new entry of ``journal`` (a payment, or a miscellaneous entry),
        or, when it falls in a locked period (fiscal year, tax, sales...), the date
        Odoo itself gives such an entry on posting (``account.move._get_accounting_date``:
        the first open date that keeps the journal's numbers in date order).

        :param is_payment: the entry is a payment's (numbered apart when the
            journal says so)
        :return: ``(date, lock date)``; the lock date is None when ``date`` was open
        """
        self.ensure_one()
        locks = self._get_violated_lock_dates(date, has_tax, journal)
        if not locks:
            return date, None
        move = (
            self.env["account.move"]
            .with_context(is_payment=is_payment)
            .new(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "company_id": self.id,
                    "date": date,
                }
            )
        )
        return move._get_accounting_date(date, has_tax, lock_dates=locks), locks[-1][0]
