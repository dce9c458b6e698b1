# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The e-reporting of web sales on Odoo's French chart: a month of orders imported as
the shop sends them (tests/ereporting_samples.py), posted in daily summaries and
invoices, reported per day x category x VAT rate and checked against the ledger."""

import importlib.util
import json
from datetime import date

from odoo import SUPERUSER_ID, Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.misc import file_path

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.ecom_connector.const import CUSTOMER_KIND_B2B, CUSTOMER_KIND_B2C
from odoo.addons.ecom_connector.orders.tax_creation import TaxCreation
from odoo.addons.ecom_connector.tests.common import field_label, french_env, selection_labels

from ..cli.ereporting import ereporting_report
from ..demo.ecom_demo_ereporting import oss_position
from ..ereporting.calendar import next_due
from .common import ResolveMixin
from .ereporting_samples import GERMAN_VAT, SERVICE_SKU, month_orders, month_refund


@tagged("post_install", "-at_install")
class TestEreporting(ResolveMixin, AccountTestInvoicingCommon):
    country_code = "FR"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.company
        env.user.groups_id |= (
            env.ref("ecom_connector.group_ecom_manager")
            | env.ref("sales_team.group_sale_manager")
            | env.ref("stock.group_stock_manager")
        )
        for xmlid in ("tva_normale_ttc", "tva_reduite", "tva_reduite_ttc"):
            env.ref(f"account.{cls.company.id}_{xmlid}").active = True
        Account = env["account.account"]
        # The declarant of the e-reporting files, and its approved platform.
        cls.company.write(
            {
                "vat": "FR96552100554",
                "company_registry": "552100554",
                "ecom_ereporting_platform_name": "PA Démo",
                "ecom_ereporting_platform_id": "0042",
            }
        )
        cls.company.write(
            {
                field: Account.create({"code": code, "name": name, "account_type": "expense"}).id
                for field, code, name in (
                    ("ecom_rounding_account_id", "658010", "Écarts d'arrondi"),
                    ("ecom_difference_account_id", "658020", "Écarts acceptés"),
                    ("ecom_loss_account_id", "658030", "Colis perdus"),
                )
            }
        )
        cls.oss = oss_position(env)
        env["product.template"].create(
            {
                "name": "Atelier personnalisation (1 h)",
                "default_code": SERVICE_SKU,
                "type": "service",
                "taxes_id": [Command.clear()],
            }
        )
        cls.stripe = env["account.journal"].create(
            {"name": "Stripe", "code": "STRP", "type": "bank"}
        )
        cls.shop = env["ecom.shop"].create(
            {
                "name": "Boutique Europe",
                "code": "FREU",
                "platform": "shopify",
                "posting_mode": "summary",
                "unknown_product_policy": "create",
                "confirm_orders": True,
                "payment_map_ids": [
                    Command.create({"gateway": "shopify_payments", "journal_id": cls.stripe.id})
                ],
            }
        )
        cls.engine = env["ecom.posting.engine"]
        # One day after the other, as the days come: each summary dated on its day.
        cls.orders = env["sale.order"]
        days = {}
        for payload in month_orders():
            days.setdefault(payload["created_at"][:10], []).append(payload)
        for payloads in days.values():
            cls.orders |= cls.post(*payloads)
        cls.by_id = {int(order.ecom_external_id): order for order in cls.orders}
        cls.Period = env["ecom.ereporting.period"]

    @classmethod
    def import_orders(cls, *payloads):
        content = json.dumps({"orders": list(payloads)}).encode()
        # Read as the command line does (the operator vouches for the file's payments).
        received = cls.shop.with_user(SUPERUSER_ID)._ecom_receive_file(content, "orders.json")
        received = received.with_env(cls.env)
        received.filtered(lambda p: p.state == "new")._ecom_process()
        return received

    @classmethod
    def post(cls, *payloads):
        orders = cls.import_orders(*payloads).sale_order_id
        cls.engine._post_orders(orders)
        return orders

    def october(self):
        periods = self.Period._ecom_generate(self.company, 2026, 10)
        periods._ecom_compute()
        return periods

    @staticmethod
    def rows(period):
        return {
            (line.date.day, line.category, line.rate): (line.base, line.tax)
            for line in period.line_ids
        }

    # ------------------------------------------------------------ the month's books

    def test_the_month_is_booked_as_the_reform_needs(self):
        kinds = {order_id: order.ecom_customer_kind for order_id, order in self.by_id.items()}
        self.assertEqual(kinds[6304], CUSTOMER_KIND_B2B)
        self.assertEqual(kinds[6305], CUSTOMER_KIND_B2B)
        self.assertEqual(kinds[6301], CUSTOMER_KIND_B2C)
        consumers = self.orders.filtered(lambda o: o.ecom_customer_kind == CUSTOMER_KIND_B2C)
        self.assertEqual(set(consumers.mapped("ecom_posting_state")), {"summary"})
        summaries = consumers.ecom_summary_move_id
        self.assertEqual(len(summaries), 4)
        # Daily summaries in a sales journal, each sales and VAT line saying goods or services.
        self.assertEqual(set(summaries.journal_id.mapped("type")), {"sale"})
        self.assertEqual(summaries.mapped("date"), sorted(summaries.mapped("date")))
        workshop = self.by_id[6306].ecom_summary_move_id
        taxed = workshop.line_ids.filtered(lambda line: line.tax_ids or line.tax_line_id)
        self.assertEqual(set(taxed.mapped("ecom_operation_category")), {"services"})
        day_two = self.by_id[6301].ecom_summary_move_id
        taxed = day_two.line_ids.filtered(lambda line: line.tax_ids or line.tax_line_id)
        self.assertEqual(set(taxed.mapped("ecom_operation_category")), {"goods"})
        # The German business's invoice: the intra-EU 0 % of the French chart.
        invoice = self.by_id[6305].invoice_ids
        self.assertEqual(invoice.invoice_line_ids.tax_ids.mapped("amount"), [0.0])
        self.assertEqual(invoice.commercial_partner_id.vat, GERMAN_VAT)
        # The German consumer's sale: the OSS rate of the fiscal position for Germany.
        german = self.by_id[6303].order_line.tax_id
        self.assertEqual(german, self.oss.tax_ids.tax_dest_id)

    def test_the_taxes_the_import_created_say_goods_or_services(self):
        # The resolver's rule (orders/tax_creation.py), as the import applies it per line.
        Tax = self.env["account.tax"]
        service = self.env["product.product"].search([("default_code", "=", SERVICE_SKU)])
        tax = Tax.create({"name": "TVA 7% (test)", "amount": 7, "type_tax_use": "sale"})
        self.assertFalse(tax.tax_scope)
        TaxCreation.scope_taxes(None, tax, service)
        self.assertEqual(tax.tax_scope, "service")
        # A tax that says it already keeps it.
        TaxCreation.scope_taxes(None, tax, self.env["product.product"])
        self.assertEqual(tax.tax_scope, "service")
        goods = Tax.create({"name": "TVA 7% (biens)", "amount": 7, "type_tax_use": "sale"})
        TaxCreation.scope_taxes(None, goods, self.env["product.product"])
        self.assertEqual(goods.tax_scope, "consu")
        # The month's imported lines: every tax they carry says it.
        self.assertTrue(all(self.orders.order_line.tax_id.mapped("tax_scope")))

    # ------------------------------------------------------------ the report

    def test_periods_rows_per_day_category_and_rate(self):
        first, second, third = self.october()
        self.assertEqual(
            [(p.date_from, p.date_to, p.due_date) for p in (first, second, third)],
            [
                (date(2026, 10, 1), date(2026, 10, 10), date(2026, 10, 20)),
                (date(2026, 10, 11), date(2026, 10, 20), date(2026, 10, 30)),
                (date(2026, 10, 21), date(2026, 10, 31), date(2026, 11, 10)),
            ],
        )
        self.assertEqual(
            self.rows(first),
            {
                # 2 T-shirts and two shippings at 20 %, tea at 5.5 %
                (2, "TLB1", 20.0): (52.0, 10.4),
                (2, "TLB1", 5.5): (25.35, 1.39),
                # the German consumer: OSS, not taxable in France
                (5, "TNT1", 19.0): (26.0, 4.94),
            },
        )
        self.assertEqual(self.rows(second), {(15, "TPS1", 20.0): (50.0, 10.0)})
        self.assertEqual(
            self.rows(third), {(23, "TLB1", 20.0): (26.0, 5.2), (23, "TLB1", 5.5): (25.35, 1.39)}
        )
        self.assertEqual((first.base_total, first.tax_total), (103.35, 16.73))
        self.assertEqual(set(first.line_ids.currency_id.mapped("name")), {"EUR"})

    def test_business_sales_in_france_are_e_invoices_those_abroad_are_listed(self):
        first, second, _third = self.october()
        french_invoice = self.by_id[6304].invoice_ids
        self.assertEqual(french_invoice.state, "posted")
        every = first | second | _third
        self.assertNotIn(french_invoice, every.invoice_ids.move_id)
        self.assertNotIn(french_invoice, every.difference_ids.move_id)
        self.assertFalse(first.invoice_ids)
        abroad = second.invoice_ids
        self.assertEqual(len(abroad), 1)
        self.assertEqual(abroad.move_id, self.by_id[6305].invoice_ids)
        self.assertEqual(
            (abroad.country_id.code, abroad.vat, abroad.category, abroad.base, abroad.tax),
            ("DE", GERMAN_VAT, "TNT1", 106.0, 0.0),
        )
        self.assertEqual(abroad.date, date(2026, 10, 14))
        # In the totals, checked against the ledger with the rest.
        self.assertEqual((second.base_total, second.tax_total), (156.0, 10.0))
        self.assertTrue(second.ledger_matches)

    def test_services_payment_data_unless_vat_on_debits(self):
        _first, second, _third = self.october()
        self.assertEqual(
            [(p.date, p.rate, p.amount) for p in second.payment_ids],
            [(date(2026, 10, 15), 20.0, 60.0)],
        )
        self.assertFalse(_first.payment_ids)
        self.company.ecom_vat_on_debits = True
        second._ecom_compute()
        self.assertFalse(second.payment_ids)

    def test_ledger_check_to_the_cent(self):
        periods = self.october()
        for period in periods:
            self.assertEqual((period.base_difference, period.tax_difference), (0.0, 0.0))
            self.assertEqual(
                (period.base_total, period.tax_total), (period.ledger_base, period.ledger_tax)
            )
            self.assertTrue(period.ledger_matches)
            self.assertEqual(period.state, "checked")
            self.assertFalse(period.difference_ids)
        # The ledger is the VAT booked: the tax lines of the same documents.
        first = periods[0]
        moves = (
            first.env["account.move"].search(
                [
                    ("ecom_shop_id", "=", self.shop.id),
                    ("date", ">=", first.date_from),
                    ("date", "<=", first.date_to),
                    ("state", "=", "posted"),
                ]
            )
            - self.by_id[6304].invoice_ids
        )
        booked = -sum(moves.line_ids.filtered("tax_line_id").mapped("balance"))
        self.assertAlmostEqual(booked, first.tax_total, places=2)

    def test_ledger_check_lists_a_document_whose_entry_differs(self):
        summary = self.by_id[6301].ecom_summary_move_id
        tax_line = summary.line_ids.filtered(lambda line: line.tax_line_id.amount == 20)
        base_line = summary.line_ids.filtered(lambda line: line.tax_ids.amount == 20)[:1]
        # A cent of VAT booked to the sales account, as a hand-edited entry would.
        self.env.cr.execute(
            "UPDATE account_move_line SET balance = balance + 0.01, credit = credit - 0.01, "
            "amount_currency = amount_currency + 0.01 WHERE id = %s",
            [tax_line.id],
        )
        self.env.cr.execute(
            "UPDATE account_move_line SET balance = balance - 0.01, credit = credit + 0.01, "
            "amount_currency = amount_currency - 0.01 WHERE id = %s",
            [base_line.id],
        )
        self.env.invalidate_all()
        first = self.october()[0]
        self.assertFalse(first.ledger_matches)
        self.assertEqual(first.state, "draft")
        self.assertEqual((first.base_difference, first.tax_difference), (-0.01, 0.01))
        self.assertEqual((first.ledger_base, first.ledger_tax), (103.36, 16.72))
        difference = first.difference_ids
        self.assertEqual(difference.move_id, summary)
        self.assertEqual(
            (difference.base, difference.ledger_base, difference.tax, difference.ledger_tax),
            (77.35, 77.36, 11.79, 11.78),
        )

    def test_generating_again_keeps_the_periods(self):
        periods = self.october()
        again = self.Period._ecom_generate(self.company, 2026, 10)
        self.assertEqual(again, periods)
        self.company.ecom_vat_regime = "normal_quarterly"
        monthly = self.Period._ecom_generate(self.company, 2026, 10)
        self.assertEqual(len(monthly), 1)
        monthly._ecom_compute()
        self.assertEqual(monthly.due_date, date(2026, 11, 10))
        self.assertAlmostEqual(monthly.base_total, sum(periods.mapped("base_total")), places=2)
        self.company.ecom_vat_regime = False
        with self.assertRaisesRegex(UserError, "VAT Regime"):
            self.Period._ecom_generate(self.company, 2026, 10)

    def test_generate_wizard_and_dashboard(self):
        wizard = self.env["ecom.ereporting.generate"].create({"month": date(2026, 10, 7)})
        action = wizard.action_generate()
        periods = self.Period.search(action["domain"])
        self.assertEqual(len(periods), 3)
        self.assertTrue(all(periods.mapped("computed_at")))
        today = fields.Date.context_today(self.shop)
        self.assertEqual(self.shop.ereporting_due_date, next_due("normal_monthly", today).due_date)

    # ------------------------------------------------------------ the command

    def test_command_prints_the_screen_figures(self):
        report = json.loads(json.dumps(ereporting_report(self.env, "2026-10", self.company)))
        for key in ("period", "regime", "due_date", "rows", "b2b_abroad", "payments"):
            self.assertIn(key, report)
        self.assertEqual(
            (report["period"], report["regime"], report["due_date"]),
            ("2026-10", "normal_monthly", "2026-11-10"),
        )
        self.assertEqual(
            [p["due_date"] for p in report["periods"]], ["2026-10-20", "2026-10-30", "2026-11-10"]
        )
        self.assertEqual(len(report["rows"]), 6)
        self.assertEqual(
            report["rows"][0],
            {
                "date": "2026-10-02",
                "category": "TLB1",
                "rate": 5.5,
                "base": 25.35,
                "tax": 1.39,
                "currency": "EUR",
            },
        )
        self.assertEqual(
            [(row["invoice"], row["vat"], row["base"]) for row in report["b2b_abroad"]],
            [(self.by_id[6305].invoice_ids.name, GERMAN_VAT, 106.0)],
        )
        self.assertEqual(
            report["payments"],
            [{"date": "2026-10-15", "rate": 20.0, "amount": 60.0, "currency": "EUR"}],
        )
        check = report["ledger_check"]
        self.assertEqual((check["base_difference"], check["tax_difference"]), (0.0, 0.0))
        periods = self.Period.search([("company_id", "=", self.company.id)])
        self.assertEqual(check["tax"], round(sum(periods.mapped("tax_total")), 2))
        with self.assertRaises(SystemExit):
            ereporting_report(self.env, "2026-13", self.company)

    # ------------------------------------------------------------ exports

    def test_export_then_corrective_export_after_a_refund(self):
        periods = self.october()
        first = periods[0]
        first.action_export()
        export = first.export_ids
        self.assertEqual(len(export), 1)
        self.assertEqual((export.kind, export.user_id), ("initial", self.env.user))
        self.assertEqual((export.base_total, export.tax_total), (103.35, 16.73))
        self.assertTrue(export.attachment_ids)
        self.assertTrue(all(a.raw.startswith(b"<?xml") for a in export.attachment_ids))
        self.assertEqual(len(export.line_ids), 3)
        self.assertEqual(first.state, "exported")
        self.assertFalse(first.changed_since_export)
        with self.assertRaisesRegex(UserError, "Corrective Export"):
            first.action_export()
        with self.assertRaisesRegex(UserError, "nothing to correct"):
            first.action_export_corrective()
        # The shop refunds a T-shirt of 2 October on the 9th; the accountant makes its
        # credit note.
        self.import_orders(*month_refund())
        item = self.by_id[6301].ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")
        self.resolve(item, resolution="credit_note")
        credit_note = item.credit_note_id
        self.assertEqual((credit_note.state, credit_note.amount_total), ("posted", 24.0))
        period = periods.filtered(lambda p: p.date_from <= credit_note.date <= p.date_to)
        if period != first:
            period.action_export()
        period._ecom_compute()
        self.assertTrue(period.changed_since_export)
        self.assertTrue(period.ledger_matches)
        period.action_export_corrective()
        corrective = period.export_ids.filtered(lambda e: e.kind == "corrective")
        self.assertEqual(len(corrective), 1)
        self.assertEqual(
            [
                (line.date, line.category, line.rate, line.base, line.tax)
                for line in corrective.line_ids
            ],
            [(credit_note.date, "TLB1", 20.0, -20.0, -4.0)],
        )
        self.assertTrue(corrective.attachment_ids)
        self.assertFalse(period.changed_since_export)

    # ------------------------------------------------------------ upgrade

    def test_upgrade_turns_the_summary_journal_into_a_sales_journal(self):
        journal = self.by_id[6301].ecom_summary_move_id.journal_id
        self.assertEqual((journal.code, journal.type), ("VTWEB", "sale"))
        # A database of 18.0.2.6.0: the journal was a miscellaneous one.
        self.env.cr.execute(
            "UPDATE account_journal SET type = 'general' WHERE id = %s", [journal.id]
        )
        self.env.invalidate_all()
        path = file_path("ecom_accounting_rules/migrations/18.0.2.7.0/post-migration.py")
        spec = importlib.util.spec_from_file_location("ecom_ereporting_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.2.6.0")
        self.env.invalidate_all()
        self.assertEqual(journal.type, "sale")
        entries = self.env["account.move"].search([("journal_id", "=", journal.id)])
        self.assertEqual(len(entries), 4)
        self.assertEqual(set(entries.mapped("state")), {"posted"})

    # ------------------------------------------------------------ in French

    def test_screens_and_messages_in_french(self):
        env_fr = french_env(self.env, "ecom_connector", "ecom_accounting_rules")
        self.assertEqual(
            field_label(env_fr, "ecom.ereporting.period", "tax_difference"), "Écart de TVA"
        )
        self.assertEqual(field_label(env_fr, "ecom.ereporting.line", "category"), "Catégorie")
        self.assertEqual(
            selection_labels(env_fr, "ecom.ereporting.line", "category")["TNT1"],
            "Non taxable en France",
        )
        self.assertEqual(
            selection_labels(env_fr, "ecom.ereporting.export", "kind")["corrective"],
            "Rectificatif",
        )
        self.assertEqual(
            env_fr.ref("ecom_accounting_rules.ecom_ereporting_period_menu").name, "E-reporting"
        )
        self.assertEqual(
            field_label(env_fr, "ecom.shop", "ereporting_due_date"), "Prochain e-reporting"
        )
        first = self.october()[0]
        first.action_export()
        with self.assertRaisesRegex(UserError, "il n'y a rien à rectifier"):
            first.with_env(env_fr).action_export_corrective()
        # The Flux 10 builder's sentences too: a company without its platform.
        self.company.ecom_ereporting_platform_id = False
        with self.assertRaisesRegex(UserError, "La plateforme agréée \\(PA\\) de la société"):
            periods = self.Period.with_env(env_fr)._ecom_generate(self.company, 2026, 10)
            periods[1]._ecom_compute()
            periods[1].action_export()
