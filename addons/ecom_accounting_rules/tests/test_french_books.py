# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The books a French accountant signs: on Odoo's French chart (l10n_fr_account).

One French company per class (the chart is slow to load); each test builds
its orders through the shop's import, as the shop sends them.
"""

import json
from datetime import date

from freezegun import freeze_time

from odoo import SUPERUSER_ID, Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.ecom_connector.tests.samples import shopify_order

from .common import ResolveMixin
from .test_resolutions import refund


def order_of_day(order_id, day, lines=None, **values):
    """A Shopify order created, paid and updated on ``day`` of November 2026."""
    stamp = f"2026-11-{day:02d}T09:30:00+01:00"
    values.setdefault("updated_at", stamp)
    if lines:
        values["lines"] = lines
    order = shopify_order(order_id, **values)
    order["created_at"] = order["processed_at"] = stamp
    return order


TSHIRTS = (("TSHIRT-M", "T-shirt M", 2, "20.00", "0.00", "20"),)


@tagged("post_install", "-at_install")
class TestFrenchBooks(ResolveMixin, AccountTestInvoicingCommon):
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
        accounts = {
            field: Account.create({"code": code, "name": name, "account_type": kind})
            for field, code, name, kind in (
                ("ecom_rounding_account_id", "658010", "Écarts d'arrondi", "expense"),
                ("ecom_difference_account_id", "658020", "Écarts acceptés", "expense"),
                ("ecom_loss_account_id", "658030", "Colis perdus", "expense"),
            )
        }
        cls.company.write({field: account.id for field, account in accounts.items()})
        cls.company.ecom_gift_card_account_id = Account.search(
            [("code", "=", "419100"), ("company_ids", "in", cls.company.id)]
        )
        cls.stripe = env["account.journal"].create(
            {"name": "Stripe", "code": "STRP", "type": "bank"}
        )
        cls.shop = env["ecom.shop"].create(
            {
                "name": "Boutique Démo",
                "code": "FRDEMO",
                "platform": "shopify",
                "unknown_product_policy": "create",
                "confirm_orders": True,
                "payment_map_ids": [
                    Command.create({"gateway": "shopify_payments", "journal_id": cls.stripe.id})
                ],
            }
        )
        cls.engine = env["ecom.posting.engine"]
        cls.today = fields.Date.context_today(cls.shop)

    # ------------------------------------------------------------ helpers

    def import_orders(self, *orders, shop=None):
        shop = shop or self.shop
        content = json.dumps({"orders": list(orders)}).encode()
        # Read as the command line does (the operator vouches for the file's payments).
        payloads = shop.with_user(SUPERUSER_ID)._ecom_receive_file(content, "orders.json")
        payloads = payloads.with_env(self.env)
        payloads.filtered(lambda p: p.state == "new")._ecom_process()
        return payloads

    def post(self, *orders, shop=None):
        sale_orders = self.import_orders(*orders, shop=shop).sale_order_id
        self.engine._post_orders(sale_orders)
        return sale_orders.sorted("id")

    def invoice_of(self, order):
        return order.invoice_ids.filtered(lambda m: m.move_type == "out_invoice")

    def refunded(self, order_id, day, shop_refund, **values):
        """The shop's later revision of an order, carrying a refund."""
        update = order_of_day(order_id, day, financial_status="partially_refunded", **values)
        update["updated_at"] = shop_refund["created_at"]
        update["refunds"] = [shop_refund]
        self.import_orders(update)

    def assertChronological(self, moves):
        """Within each sequence (journal and prefix), numbers follow the dates."""
        for prefix in set(moves.mapped("sequence_prefix")):
            in_sequence = moves.filtered(lambda m, p=prefix: m.sequence_prefix == p).sorted(
                "sequence_number"
            )
            dates = in_sequence.mapped("date")
            self.assertEqual(dates, sorted(dates), f"{prefix} is not chronological")

    # ------------------------------------------------------------ refunds

    def test_partial_refund_keeps_the_rest_to_ship_and_credits_the_order_lines(self):
        order = self.post(order_of_day(7001, 3, TSHIRTS))
        invoice = self.invoice_of(order)
        self.assertEqual(order.ecom_posting_state, "posted")
        delivery = order.picking_ids
        self.assertEqual(delivery.move_ids.product_uom_qty, 2)
        shop_refund = refund(9701, lines=[(700101, 1, "20.00")], amount="24.00")
        self.refunded(7001, 8, shop_refund, lines=TSHIRTS)
        item = order.ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")
        self.resolve(item, resolution="credit_note")
        credit_note = item.credit_note_id
        self.assertEqual(credit_note.state, "posted")
        self.assertAlmostEqual(credit_note.amount_total, 24.00, places=2)
        tshirt_line = order.order_line.filtered(lambda line: line.ecom_external_id == "700101")
        # Only the refunded T-shirt leaves the delivery: the paid one still ships.
        self.assertEqual(delivery.state, "assigned" if delivery.move_ids.quantity else "confirmed")
        self.assertNotEqual(delivery.state, "cancel")
        self.assertEqual(delivery.move_ids.product_uom_qty, 1)
        self.assertIn("taken out of the delivery", item.resolution_note)
        # Linked to the order line as a credit note made from the order.
        self.assertEqual(
            credit_note.invoice_line_ids.sale_line_ids,
            tshirt_line,
            [(line.name, line.quantity, line.price_unit) for line in credit_note.invoice_line_ids],
        )
        self.assertEqual(order.invoice_ids, invoice | credit_note)
        self.assertEqual(order.invoice_count, 2)
        self.assertEqual(tshirt_line.qty_invoiced, 1)
        self.assertEqual(tshirt_line.qty_to_invoice, 0)
        self.assertNotEqual(order.invoice_status, "to invoice")
        receivable = credit_note.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertIn("#7001 9701", receivable.name)
        self.assertTrue(all(credit_note.line_ids.mapped("name")))

    # ------------------------------------------------------------ dates

    def test_late_orders_take_the_posting_date_and_keep_the_sale_date(self):
        first = self.post(order_of_day(7101, 10))
        self.assertEqual(self.invoice_of(first).invoice_date, date(2026, 11, 10))
        late = self.post(order_of_day(7102, 2))  # held, posted after the 10th's
        invoice = self.invoice_of(late)
        self.assertEqual(invoice.invoice_date, max(self.today, date(2026, 11, 10)))
        self.assertEqual(invoice.delivery_date, date(2026, 11, 2))
        self.assertGreater(invoice.name, self.invoice_of(first).name)
        self.assertChronological(self.invoice_of(first) | invoice)
        # Without payment terms, due on its own date.
        self.assertEqual(invoice.invoice_date_due, invoice.invoice_date)
        # Paid on the shop's date of the 2nd, unless the Stripe journal already
        # numbered a payment of the 10th: then on the 10th, said in the entry.
        payment = invoice._get_reconciled_payments()
        first_payment = self.invoice_of(first)._get_reconciled_payments()
        self.assertEqual(first_payment.date, date(2026, 11, 10))
        self.assertEqual(payment.date, date(2026, 11, 10))
        self.assertIn("not on the shop's date 11/02/2026", str(payment.move_id.narration))
        self.assertGreater(payment.name, first_payment.name)
        self.assertChronological(first_payment.move_id | payment.move_id)
        # The accountant's choice: always the posting date.
        self.company.ecom_invoice_date_policy = "posting"
        third = self.post(order_of_day(7103, 12))
        self.assertEqual(self.invoice_of(third).invoice_date, max(self.today, date(2026, 11, 12)))

    def refund_resolved_in_december(self, order_id, lock=None):
        """An order of 3 November refunded on the 8th (a later invoice of the 20th
        already posted), the refund resolved today, in December, after ``lock``."""
        order = self.post(order_of_day(order_id, 3))
        self.post(order_of_day(order_id + 1, 20))
        shop_refund = refund(
            order_id * 10, lines=[(order_id * 100 + 1, 1, "20.00")], amount="24.00"
        )
        self.refunded(order_id, 8, shop_refund)
        item = order.ecom_review_item_ids.filtered(lambda i: i.reason_code == "refund")
        self.assertEqual(item.refund_date, date(2026, 11, 8))
        if lock:
            self.company.fiscalyear_lock_date = lock
        self.resolve(item, resolution="credit_note")
        credit_note = item.credit_note_id
        self.assertEqual(credit_note.state, "posted")
        return item, credit_note, credit_note._get_reconciled_payments()

    @freeze_time("2026-12-07")
    def test_refund_resolved_a_month_later_is_dated_on_the_shops_refund(self):
        item, credit_note, payment = self.refund_resolved_in_december(7951)
        # Credit notes have their own sequence: the invoice of the 20th does not move it.
        self.assertEqual(credit_note.invoice_date, date(2026, 11, 8))
        self.assertEqual(credit_note.date, date(2026, 11, 8))
        # The Stripe journal's payments stay in date order: after the payment of the 20th.
        self.assertEqual(payment.date, date(2026, 11, 20))
        self.assertChronological(
            self.env["account.move"].search(
                [("journal_id", "=", self.stripe.id), ("state", "=", "posted")]
            )
        )
        self.assertAlmostEqual(payment.amount, 24.00, places=2)
        self.assertFalse(credit_note.narration)
        self.assertNotIn("locked", item.description)

    @freeze_time("2026-12-07")
    def test_refund_of_a_locked_month_is_dated_on_the_first_open_day(self):
        item, credit_note, payment = self.refund_resolved_in_december(7961, lock=date(2026, 11, 30))
        self.assertEqual(credit_note.invoice_date, date(2026, 12, 1))
        self.assertEqual(credit_note.date, date(2026, 12, 1))
        self.assertEqual(payment.date, date(2026, 12, 1))
        sentence = (
            "The shop refunded on 11/08/2026, in a locked period: dated 12/01/2026, "
            "the first open day."
        )
        self.assertIn(sentence, str(credit_note.narration))
        self.assertIn(sentence, item.description)

    def test_orders_of_a_locked_period_are_posted_at_the_first_open_day(self):
        self.company.sale_lock_date = date(2026, 11, 5)
        order = self.post(order_of_day(7201, 3))
        invoice = self.invoice_of(order)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.invoice_date, date(2026, 11, 6))
        self.assertEqual(invoice.date, date(2026, 11, 6))
        self.assertEqual(invoice.delivery_date, date(2026, 11, 3))
        self.assertTrue(any("locked period" in body for body in invoice.message_ids.mapped("body")))
        # The sales lock date locks the sales journals only: the payment keeps its date.
        payment = invoice._get_reconciled_payments()
        self.assertEqual(payment.date, date(2026, 11, 3))
        self.assertFalse(payment.move_id.narration)

    def test_payments_are_dated_when_captured(self):
        order = order_of_day(7301, 4)
        order["processed_at"] = "2026-11-02T09:30:00+01:00"  # captured before the order's date
        invoice = self.invoice_of(self.post(order))
        self.assertEqual(invoice.invoice_date, date(2026, 11, 4))
        # The money came on the 2nd: the payment says so, before its invoice.
        self.assertEqual(invoice._get_reconciled_payments().date, date(2026, 11, 2))

    def test_backfills_before_the_accounting_start_are_not_booked(self):
        self.shop.accounting_start_date = date(2026, 11, 5)
        old = self.post(order_of_day(7401, 3))
        self.assertEqual(old.ecom_posting_state, "review")
        item = old.ecom_review_item_ids
        self.assertEqual(item.reason_code, "before_accounting_start")
        self.resolve(item, resolution="already_booked")
        self.assertEqual(old.ecom_posting_state, "booked_before")
        self.assertFalse(old.invoice_ids)
        self.assertEqual(old.invoice_status, "no")
        with self.assertRaisesRegex(UserError, "already in the books"):
            old._create_invoices()
        recent = self.post(order_of_day(7402, 6))
        self.assertEqual(recent.ecom_posting_state, "posted")
        # The horizon: older than so many days at posting.
        self.shop.accounting_start_date = False
        self.company.ecom_backfill_days = (self.today - date(2026, 11, 6)).days - 1
        too_old = self.post(order_of_day(7403, 6))
        self.assertEqual(too_old.ecom_review_item_ids.reason_code, "before_accounting_start")

    # ------------------------------------------------------------ summaries

    def test_daily_summary_has_its_own_sequence_and_cannot_be_invoiced(self):
        self.shop.posting_mode = "summary"
        orders = self.post(order_of_day(7501, 10), order_of_day(7502, 10, email="b@x.fr"))
        move = orders.ecom_summary_move_id
        self.assertEqual(len(move), 1)
        self.assertEqual(move.journal_id.code, "VTWEB")
        # A sales journal (e-reporting modules read those), numbered per year as Odoo
        # numbers sales journals, apart from the invoices.
        self.assertEqual(move.journal_id.type, "sale")
        self.assertTrue(move.name.startswith("VTWEB/2026/"), move.name)
        partner = self.company.ecom_web_customer_partner_id
        self.assertTrue(partner)
        self.assertEqual(move.line_ids.partner_id, partner)
        self.assertTrue(all(move.line_ids.mapped("name")))
        labels = move.line_ids.mapped("name")
        self.assertIn("Stripe receipts of 11/10/2026 — Boutique Démo", labels)
        self.assertTrue(any(label.startswith("Web sales of 11/10/2026") for label in labels))
        self.assertEqual(set(orders.mapped("invoice_status")), {"no"})
        self.assertFalse(any(orders.order_line.mapped("qty_to_invoice")))
        with self.assertRaisesRegex(UserError, "already in the books"):
            orders._create_invoices()
        # A day summarised after a later one: labelled with its day, dated when posted.
        late = self.post(order_of_day(7504, 8, email="c@x.fr")).ecom_summary_move_id
        self.assertEqual(late.date, max(self.today, date(2026, 11, 10)))
        self.assertIn("11/08/2026", late.ref)
        self.assertChronological(move | late)
        # The invoices' sequence is untouched.
        self.shop.posting_mode = "invoice"
        invoice = self.invoice_of(self.post(order_of_day(7503, 11)))
        self.assertNotIn("VTWEB", invoice.name)

    def test_summary_lines_show_to_billing_users(self):
        billing = new_test_user(
            self.env,
            "ecom_fr_billing",
            groups="account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        # Odoo's own Journal Items tab: billing implies reading the books (security/).
        form = self.env["account.move"].with_user(billing).get_view(view_type="form")
        self.assertIn('name="aml_tab"', form["arch"])
        self.assertNotIn('name="ecom_aml_tab"', form["arch"])

    # ------------------------------------------------------------ lost parcels

    def lost_parcel(self, order_id, on_hand=10.0, cost=7.35):
        """A posted order of two T-shirts (20.00 each, cost ``cost``), ``on_hand`` in
        stock, declared lost; returns the order, its T-shirt and its review item."""
        tshirt = self.env["product.product"].create(
            {
                "name": "T-shirt M",
                "default_code": "TSHIRT-M",
                "type": "consu",
                "is_storable": True,
                "standard_price": cost,
                "taxes_id": False,
            }
        )
        stock = (
            self.env["stock.warehouse"]
            .search([("company_id", "=", self.company.id)], limit=1)
            .lot_stock_id
        )
        self.env["stock.quant"]._update_available_quantity(tshirt, stock, on_hand)
        order = self.post(order_of_day(order_id, 3))
        self.assertIn(tshirt, order.order_line.product_id)
        order.action_ecom_declare_lost()
        self.assertEqual(order.ecom_parcel_lost_date, self.today)
        item = order.ecom_review_item_ids.filtered(lambda i: i.reason_code == "lost_parcel")
        return order, tshirt, item

    def test_lost_parcel_leaves_stock_at_cost_and_the_order_ships_again(self):
        order, tshirt, item = self.lost_parcel(7601)
        self.assertEqual(tshirt.qty_available, 10.0)
        delivery = order.picking_ids
        carrier = self.env["res.partner"].create({"name": "Colissimo", "is_company": True})
        wizard = self.env["ecom.review.resolve"].with_context(default_item_id=item.id)
        form = Form(wizard)
        form.resolution = "lost_parcel"
        # At cost (2 × 7.35), never the sale price (40.00) nor the shipping (6.00).
        self.assertEqual(form.lost_amount, 14.70)
        self.assertEqual(form.lost_outcome, "reship")
        self.assertEqual(form.claim_account_id.code, "467000")
        self.assertEqual(form.claim_income_account_id.code, "758000")
        form.claim_partner_id = carrier
        form.claim_amount = 10.0
        form.save().action_apply()
        self.assertEqual((item.state, item.resolution), ("done", "lost_parcel"))
        move = item.move_ids
        self.assertEqual(len(move), 1)
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.date, self.today)
        self.assertIn(order.name, move.ref)
        self.assertIn("#7601", move.ref)
        self.assertTrue(all(move.line_ids.mapped("name")))
        by_code = {line.account_id.code: line.balance for line in move.line_ids}
        # The goods' cost leaves the purchases (607, the category's expense account)
        # for the loss; what the carrier owes is a receivable and an income.
        self.assertEqual(
            by_code, {"658030": 14.70, "607000": -14.70, "467000": 10.0, "758000": -10.0}
        )
        claim = move.line_ids.filtered(lambda line: line.account_id.code == "467000")
        self.assertEqual(claim.partner_id, carrier)
        # The stock and the books agree: the two T-shirts left stock, at the cost written off.
        self.assertEqual(delivery.state, "done")
        self.assertEqual(tshirt.qty_available, 8.0)
        lost_moves = self.env["stock.move"].search(
            [("sale_line_id", "in", order.order_line.ids), ("to_refund", "=", True)]
        )
        self.assertEqual(lost_moves.state, "done")
        self.assertEqual(lost_moves.location_dest_id.usage, "inventory")
        out_of_stock = sum(lost_moves.mapped("quantity")) * tshirt.standard_price
        self.assertEqual(self.company.currency_id.round(out_of_stock), by_code["658030"])
        # The customer still gets the goods: a new delivery of the two T-shirts.
        tshirt_line = order.order_line.filtered(lambda line: line.product_id == tshirt)
        self.assertEqual(tshirt_line.qty_delivered, 0.0)
        new_delivery = order.picking_ids - delivery
        self.assertEqual(len(new_delivery), 1)
        self.assertEqual(new_delivery.move_ids.product_uom_qty, 2.0)
        self.assertNotIn(new_delivery.state, ("done", "cancel"))
        self.assertIn(new_delivery.name, item.resolution_note)
        self.assertEqual(
            order.invoice_ids.filtered(lambda m: m.move_type == "out_refund"),
            self.env["account.move"],
        )
        # Shipped again: the order is delivered once, and two more T-shirts left stock.
        new_delivery.move_ids.quantity = 2.0
        new_delivery.move_ids.picked = True
        new_delivery._action_done()
        self.assertEqual(tshirt_line.qty_delivered, 2.0)
        self.assertEqual(tshirt.qty_available, 6.0)

    def test_lost_parcel_refunded_to_the_customer(self):
        order, tshirt, item = self.lost_parcel(7602, cost=7.33)
        invoice = self.invoice_of(order)
        self.resolve(item, resolution="lost_parcel", lost_outcome="refund")
        self.assertEqual((item.state, item.resolution), ("done", "lost_parcel"))
        credit_note = item.credit_note_id
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(credit_note.amount_total, invoice.amount_total)
        refund_payment = credit_note._get_reconciled_payments()
        self.assertEqual(refund_payment.move_id.state, "posted")
        self.assertEqual(refund_payment.payment_type, "outbound")
        self.assertEqual(refund_payment.amount, invoice.amount_total)
        self.assertEqual(credit_note.payment_state, "paid")
        write_off = item.move_ids - credit_note - refund_payment.move_id
        self.assertEqual(len(write_off), 1)
        by_code = {line.account_id.code: line.balance for line in write_off.line_ids}
        self.assertEqual(by_code, {"658030": 14.66, "607000": -14.66})
        # Out of stock, and nothing ships again.
        self.assertEqual(tshirt.qty_available, 8.0)
        self.assertEqual(
            order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")),
            self.env["stock.picking"],
        )
        self.assertIn(credit_note.name, item.resolution_note)

    def test_lost_parcel_without_cost_asks_for_a_value(self):
        _order, _tshirt, item = self.lost_parcel(7603, cost=0.0)
        with self.assertRaisesRegex(UserError, "cost"):
            self.resolve(item, resolution="lost_parcel")
        self.assertEqual(item.state, "todo")

    # ------------------------------------------------------------ labels, accounts

    def test_shipping_income_and_labels(self):
        self.assertEqual(self.shop.shipping_account_id.code, "708500")
        order = self.post(order_of_day(7701, 5))
        invoice = self.invoice_of(order)
        shipping = invoice.invoice_line_ids.filtered(lambda line: line.sale_line_ids.is_delivery)
        self.assertEqual(shipping.account_id.code, "708500")
        goods = invoice.invoice_line_ids - shipping
        self.assertEqual(goods.name, "T-shirt M")
        payment_lines = invoice._get_reconciled_payments().move_id.line_ids
        # The gateway's name, the shop's reference and the customer: no raw code.
        self.assertEqual(
            set(payment_lines.mapped("name")), {"Shopify Payments — #7701 — Camille Martin"}
        )
        self.assertTrue(all(invoice.line_ids.mapped("name")))

    # ------------------------------------------------------------ a month of activity

    def test_a_month_of_activity_gives_books_a_french_accountant_signs(self):
        summary_shop = self.env["ecom.shop"].create(
            {
                "name": "Boutique Récap",
                "code": "FRSUM",
                "platform": "shopify",
                "unknown_product_policy": "create",
                "confirm_orders": True,
                "posting_mode": "summary",
                "payment_map_ids": [
                    Command.create({"gateway": "shopify_payments", "journal_id": self.stripe.id})
                ],
            }
        )
        orders = self.post(
            *(
                order_of_day(7800 + day, day, email=f"client{day}@example.fr")
                for day in (2, 5, 9, 14, 20)
            ),
            order_of_day(7840, 11, TSHIRTS, email="partiel@example.fr"),
            order_of_day(7850, 12, email="annule@example.fr"),
            order_of_day(7860, 13, email="perdu@example.fr"),
        )
        self.assertEqual(set(orders.mapped("ecom_posting_state")), {"posted"})
        by_ref = {order.ecom_external_id: order for order in orders}
        # A partial refund (one T-shirt of two), a cancellation refunded in full.
        partial_refund = refund(9840, lines=[(784001, 1, "20.00")], amount="24.00")
        partial_refund["created_at"] = "2026-11-15T10:00:00+01:00"
        self.refunded(7840, 15, partial_refund, lines=TSHIRTS, email="partiel@example.fr")
        cancelled = order_of_day(7850, 16, email="annule@example.fr", financial_status="refunded")
        cancelled["cancelled_at"] = cancelled["updated_at"]
        self.import_orders(cancelled)
        items = (by_ref["7840"] | by_ref["7850"]).ecom_review_item_ids.filtered(
            lambda i: i.state == "todo"
        )
        self.assertEqual(len(items), 2)
        for item in items:
            self.resolve(item, resolution="credit_note")
        # A lost parcel, and a day of a summary shop.
        lost_tshirt = by_ref["7860"].order_line.product_id.filtered(
            lambda p: p.default_code == "TSHIRT-M"
        )
        lost_tshirt.standard_price = 8.25
        by_ref["7860"].action_ecom_declare_lost()
        lost_item = by_ref["7860"].ecom_review_item_ids.filtered(lambda i: i.state == "todo")
        self.resolve(lost_item, resolution="lost_parcel")
        summarised = self.post(
            order_of_day(7870, 18, email="a@example.fr"),
            order_of_day(7871, 18, email="b@example.fr"),
            shop=summary_shop,
        )
        self.assertEqual(set(summarised.mapped("ecom_posting_state")), {"summary"})
        # A held order of the 4th, posted last.
        late = self.post(order_of_day(7830, 4, email="retard@example.fr"))
        booked = orders | summarised | late

        moves = self.env["account.move"].search(
            [("company_id", "=", self.company.id), ("state", "=", "posted")]
        )
        self.assertChronological(moves)
        for move in moves:
            self.assertTrue(move.currency_id.is_zero(sum(move.line_ids.mapped("balance"))))
            for line in move.line_ids:
                self.assertTrue(line.name, f"a line of {move.name} has no label")
                if line.account_id.account_type == "asset_receivable":
                    self.assertTrue(line.partner_id, f"{move.name}: receivable without partner")

        # The trial balance of the web accounts is what the orders say.
        documents = moves.filtered(lambda m: m.move_type in ("out_invoice", "out_refund"))
        credit_notes = documents.filtered(lambda m: m.move_type == "out_refund")
        self.assertEqual(len(credit_notes), 2)
        lines = moves.line_ids

        def balance(lines):
            return round(sum(lines.mapped("balance")), 2)

        untaxed = sum(booked.mapped("amount_untaxed")) - sum(credit_notes.mapped("amount_untaxed"))
        tax = sum(booked.mapped("amount_tax")) - sum(credit_notes.mapped("amount_tax"))
        income = lines.filtered(lambda line: line.account_id.account_type == "income")
        self.assertAlmostEqual(-balance(income), untaxed, places=2)
        self.assertAlmostEqual(-balance(lines.filtered("tax_line_id")), tax, places=2)
        shipping = income.filtered(lambda line: line.account_id.code == "708500")
        # 6.00 per order: 9 invoiced, 2 summarised, less the cancelled one's credit note
        self.assertAlmostEqual(-balance(shipping), (9 + 2 - 1) * 6.00, places=2)
        receivable = lines.filtered(lambda line: line.account_id.account_type == "asset_receivable")
        self.assertAlmostEqual(balance(receivable), 0.0, places=2)
        refunded = sum(credit_notes.mapped("amount_total"))
        # The gateway's outstanding receipts and payments: what the shop took, less refunds.
        clearing_accounts = self.engine._outstanding_account(orders[0], "shopify_payments") | (
            lines.filtered(
                lambda line: line.journal_id == self.stripe
                and line.account_id.account_type != "asset_receivable"
            ).account_id
        )
        clearing = lines.filtered(lambda line: line.account_id in clearing_accounts)
        self.assertAlmostEqual(
            balance(clearing), sum(booked.mapped("amount_total")) - refunded, places=2
        )
        loss = lines.filtered(lambda line: line.account_id == self.company.ecom_loss_account_id)
        # The lost parcel at cost: its goods' cost, not its sale price.
        lost_line = by_ref["7860"].order_line.filtered(lambda line: line.product_id == lost_tshirt)
        self.assertAlmostEqual(balance(loss), 8.25 * lost_line.product_uom_qty, places=2)

        # Odoo's FEC export contains them, labelled, with the customer on receivables.
        wizard = self.env["l10n_fr.fec.export.wizard"].create(
            {"date_from": date(2026, 1, 1), "date_to": date(2026, 12, 31), "test_file": True}
        )
        content = wizard.generate_fec()["file_content"].decode()
        header, *rows = [row.split("|") for row in content.split("\r\n")]
        column = {name: index for index, name in enumerate(header)}
        ours = [row for row in rows if row[column["EcritureNum"]] in set(moves.mapped("name"))]
        self.assertEqual(len(ours), len(lines))
        self.assertIn("VTWEB", {row[column["JournalCode"]] for row in ours})
        for row in ours:
            self.assertNotEqual(row[column["EcritureLib"]], "/")
            if row[column["CompteNum"]].startswith("411"):
                self.assertTrue(row[column["CompAuxNum"]])
