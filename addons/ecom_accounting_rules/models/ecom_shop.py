import json

from odoo import fields, models

from odoo.addons.ecom_connector.samples import shopify_order

from ..const import POSTING_MODES

# Accounts a French seller adds for its web shops (code, name, type, company field).
DEMO_ACCOUNTS = [
    ("658100", "Écarts d'arrondi boutique", "expense", "ecom_rounding_account_id"),
    ("658200", "Écarts acceptés boutique", "expense", "ecom_difference_account_id"),
    ("671200", "Colis perdus", "expense", "ecom_loss_account_id"),
    ("419100", "Cartes cadeaux émises", "liability_current", "ecom_gift_card_account_id"),
]


class EcomShop(models.Model):
    _inherit = "ecom.shop"

    posting_mode = fields.Selection(
        POSTING_MODES,
        default="invoice",
        required=True,
        help="One invoice per order, or, for high-volume consumer sales where the country "
        "allows it, one summary entry per day with a line per tax rate and payment gateway.",
    )
    sale_journal_id = fields.Many2one(
        "account.journal",
        string="Sales Journal",
        check_company=True,
        domain="[('type', '=', 'sale'), ('company_id', '=', company_id)]",
        help="Journal of this shop's invoices and summaries; the company's default if empty.",
    )
    accountant_id = fields.Many2one(
        "res.users",
        help="Gets an activity for each order of this shop sent to the review queue.",
    )
    posted_auto_count = fields.Integer(
        compute="_compute_posting_figures", string="Posted Automatically"
    )
    review_open_count = fields.Integer(compute="_compute_posting_figures", string="To Review")
    automation_rate = fields.Float(
        compute="_compute_posting_figures",
        string="Automation Rate (%)",
        digits=(5, 1),
        help="Orders posted automatically ÷ orders imported.",
    )

    def _compute_posting_figures(self):
        SaleOrder = self.env["sale.order"]
        imported = dict(
            SaleOrder._read_group([("ecom_shop_id", "in", self.ids)], ["ecom_shop_id"], ["__count"])
        )
        automatic = dict(
            SaleOrder._read_group(
                [("ecom_shop_id", "in", self.ids), ("ecom_posted_automatically", "=", True)],
                ["ecom_shop_id"],
                ["__count"],
            )
        )
        open_items = dict(
            self.env["ecom.review.item"]._read_group(
                [("shop_id", "in", self.ids), ("state", "=", "todo")], ["shop_id"], ["__count"]
            )
        )
        for shop in self:
            total = imported.get(shop, 0)
            shop.posted_auto_count = automatic.get(shop, 0)
            shop.review_open_count = open_items.get(shop, 0)
            shop.automation_rate = 100.0 * shop.posted_auto_count / total if total else 0.0

    def _ecom_status_figures(self):
        """Open review items and the automation rate (as on the shop's form)."""
        figures = super()._ecom_status_figures()
        for shop in self:
            figures[shop.id].update(
                review_open=shop.review_open_count,
                automation_rate=round(shop.automation_rate, 1),
            )
        return figures

    def action_open_review_items(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecom_accounting_rules.ecom_review_item_action"
        )
        action["context"] = {"search_default_shop_id": self.id, "search_default_todo": 1}
        return action

    def action_open_automation_report(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecom_accounting_rules.ecom_automation_report_action"
        )
        action["context"] = {"search_default_shop_id": self.id}
        return action

    def _ecom_gateway_journal(self, gateway):
        """The journal this shop's payment gateway is mapped to (names compared loosely).

        :param str gateway: the gateway's name as the shop sends it
        :return: an ``account.journal`` record, empty when the gateway is not mapped
        """
        self.ensure_one()
        wanted = (gateway or "").strip().lower()
        return self.payment_map_ids.filtered(lambda m: m.gateway.strip().lower() == wanted)[
            :1
        ].journal_id

    def _ecom_total_tolerance(self):
        """The company's posting tolerance also stops the import from holding an order."""
        return max(super()._ecom_total_tolerance(), self.company_id.ecom_rounding_tolerance)

    def _ecom_bench_more(self, count, progress, measure, make_orders):
        """Post ``count`` imported orders per order as Odoo's screens do, and ``count`` in batches.

        The standard flow, per order: create the invoice, post it, register its
        payment with Odoo's payment wizard, flush. Ours: the posting engine on
        batches of 50, as its queue jobs run it (guards, rules, invoices,
        payments and reconciliation). Same run, same kind of orders; the caller
        rolls everything back.
        """
        result = super()._ecom_bench_more(count, progress, measure, make_orders)
        env = self.env
        journal = env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.company_id.id)], limit=1
        )
        self.payment_map_ids = [(0, 0, {"gateway": "shopify_payments", "journal_id": journal.id})]
        progress(f"importing {2 * count} orders to post...")
        payloads = self._ecom_receive_file(
            json.dumps({"orders": make_orders(2 * count, 700000)}).encode(), "bench-post.json"
        )
        for start in range(0, len(payloads), 50):
            payloads[start : start + 50]._ecom_process()
        orders = payloads.sale_order_id.filtered(lambda o: o.state == "sale").sorted("id")
        standard_orders, batch_orders = orders[: len(orders) // 2], orders[len(orders) // 2 :]

        def standard():
            for order in standard_orders:
                with env.cr.savepoint():
                    invoice = order._create_invoices()
                    invoice.action_post()
                    env["account.payment.register"].with_context(
                        active_model="account.move", active_ids=invoice.ids
                    ).create({"journal_id": journal.id})._create_payments()
                    env.flush_all()

        def batch():
            engine = env["ecom.posting.engine"]
            for start in range(0, len(batch_orders), 50):
                engine._post_orders(batch_orders[start : start + 50])

        progress(f"standard per-order posting: {len(standard_orders)} orders...")
        standard_figures = measure(env, "odoo_standard_per_order_posting", standard)
        progress(f"ecom batch posting: {len(batch_orders)} orders...")
        batch_figures = measure(env, "ecom_batch_posting", batch)
        posted = batch_orders.filtered(lambda o: o.ecom_posting_state == "posted")
        for figures, done in ((standard_figures, standard_orders), (batch_figures, batch_orders)):
            figures["orders_per_second"] = (
                round(len(done) / figures["seconds"], 1) if figures["seconds"] else None
            )
        result["posting"] = {
            "orders": len(batch_orders),
            "ecom_orders_posted_and_paid": len(posted),
            "flows": [standard_figures, batch_figures],
            "speed_ratio": round(standard_figures["seconds"] / batch_figures["seconds"], 2)
            if batch_figures["seconds"]
            else None,
            "query_ratio": round(standard_figures["queries"] / batch_figures["queries"], 2)
            if batch_figures["queries"]
            else None,
            "note": "ratio > 1: batch posting is faster; it also checks the guards and rules, "
            "dates each entry as the shop did and reconciles.",
        }
        return result

    def _ecom_create_demo(self):
        """The demo shop, posted: invoices and payments, and review items of several reasons.

        Adds what the accountant sets up (accounts, a PayPal journal), posts the
        connector's demo orders as they are imported, then brings the rare
        cases: a gateway without journal, totals that do not match, a refund
        before posting, a refund after posting and a lost parcel.
        """
        company = self.env.company
        existing = self.search([("code", "=", "DEMO"), ("company_id", "=", company.id)], limit=1)
        if existing:
            return existing
        self._ecom_demo_accounts(company)
        self = self.with_context(ecom_post_sync=True)
        shop = super()._ecom_create_demo()
        shop.accountant_id = self.env.ref("base.user_admin")
        unassigned = self.env["ecom.review.item"].search(
            [("shop_id", "=", shop.id), ("state", "=", "todo"), ("user_id", "=", False)]
        )
        unassigned.user_id = shop.accountant_id
        unassigned._ecom_schedule_activities()
        paypal = self.env["account.journal"].search(
            [("company_id", "=", company.id), ("code", "=", "PYPL")], limit=1
        ) or self.env["account.journal"].create(
            {"name": "PayPal", "code": "PYPL", "type": "bank", "company_id": company.id}
        )
        self.env["ecom.payment.map"].create(
            {"shop_id": shop.id, "gateway": "paypal", "journal_id": paypal.id}
        )
        tshirt = ("TSHIRT-BIO-M", "T-shirt coton bio M", 2, "20.75", "0.00", "20")
        mug = ("MUG-ARDOISE", "Mug ardoise", 1, "10.42", "0.00", "20")
        klarna = shopify_order(5101, lines=(mug,), email="lea.petit@example.fr")
        klarna["payment_gateway_names"] = ["klarna"]
        paypal_order = shopify_order(5102, lines=(tshirt,), email="hugo.morel@example.fr")
        paypal_order["payment_gateway_names"] = ["paypal"]
        mismatch = shopify_order(5103, lines=(mug, tshirt), email="ines.roux@example.fr")
        mismatch["total_price"] = str(float(mismatch["total_price"]) + 4.5)
        refunded = shopify_order(
            5104,
            lines=(tshirt,),
            email="nina.blanc@example.fr",
            financial_status="partially_refunded",
        )
        refunded["refunds"] = [self._ecom_demo_refund(9501, 510401, "24.90")]
        payloads = shop._ecom_receive_file(
            json.dumps({"orders": [klarna, paypal_order, mismatch, refunded]}).encode(),
            "demo_accounting.json",
        )
        payloads._ecom_process()
        # After posting: the shop refunds one T-shirt of order 5102, and a parcel is lost.
        later = shopify_order(
            5102,
            lines=(tshirt,),
            email="hugo.morel@example.fr",
            updated_at="2026-11-05T10:00:00+01:00",
            financial_status="partially_refunded",
        )
        later["payment_gateway_names"] = ["paypal"]
        later["refunds"] = [self._ecom_demo_refund(9502, 510201, "24.90")]
        update = shop._ecom_receive_file(json.dumps({"orders": [later]}).encode(), "refund.json")
        update._ecom_process()
        lost = self.env["sale.order"].search(
            [("ecom_shop_id", "=", shop.id), ("ecom_posting_state", "=", "posted")],
            order="id",
            limit=1,
        )
        lost.action_ecom_declare_lost()
        return shop

    @staticmethod
    def _ecom_demo_refund(refund_id, line_id, amount):
        return {
            "id": refund_id,
            "created_at": "2026-11-05T10:00:00+01:00",
            "note": "Taille trop petite",
            "refund_line_items": [
                {
                    "line_item_id": line_id,
                    "quantity": 1,
                    "subtotal": "20.75",
                    "restock_type": "return",
                }
            ],
            "transactions": [{"kind": "refund", "status": "success", "amount": amount}],
            "order_adjustments": [],
        }

    def _ecom_demo_accounts(self, company):
        Account = self.env["account.account"]
        vals = {}
        for code, name, account_type, field in DEMO_ACCOUNTS:
            if company[field]:
                continue
            account = Account.search(
                [("code", "=", code), ("company_ids", "in", company.id)], limit=1
            ) or Account.create(
                {
                    "code": code,
                    "name": name,
                    "account_type": account_type,
                    "company_ids": [(6, 0, company.ids)],
                }
            )
            vals[field] = account.id
        if vals:
            company.write(vals)
