# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Web orders in a daily summary have nothing left to invoice (18.0.2.3.0).

Their lines' stored quantity to invoice, and so the orders' invoice status,
are computed again: a summary order no longer shows *To Invoice* nor its
*Create Invoice* button.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    orders = env["sale.order"].search(
        [("ecom_shop_id", "!=", False), ("ecom_posting_state", "=", "summary")]
    )
    lines = orders.order_line
    if lines:
        env.add_to_compute(lines._fields["qty_to_invoice"], lines)
        env.add_to_compute(lines._fields["invoice_status"], lines)
        env.add_to_compute(orders._fields["invoice_status"], orders)
        env.flush_all()
