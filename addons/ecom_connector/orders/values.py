# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The sale order a shop order becomes: header, lines, shipping and fees.

Exactness: a shop line becomes one sale line whose subtotal is the shop's, to
the cent. Where Odoo's price (2 decimals) and discount (a percentage) cannot
express the shop's amount exactly, the remainder goes to a separate discount
line with the same taxes, so nothing is rounded away silently.
"""

import hashlib
import json
from decimal import Decimal

from odoo import Command, fields
from odoo.tools.translate import LazyTranslate

from ..adapters.canonical import PayloadError
from ..adapters.utils import money
from ..const import HOLDING_WARNINGS
from ..sentences import env_sentence

_lt = LazyTranslate(__name__)


def _label(resolver, text):
    """A name or note the adapter gave, in the reader's language when it is a
    sentence of ours (a line named "Gift wrap"), else as the shop wrote it."""
    return env_sentence(resolver.env, text) if text else text


def prepare_status_vals(payload, order):
    """The sale order's fields that follow the shop's status of ``order``.

    :param payload: the ``ecom.payload`` the order came in
    :param order: a canonical ``ShopOrder``
    :return: a dict for ``sale.order.write``
    """
    return {
        "ecom_revision": order.updated_at,
        "ecom_payload_id": payload.id,
        "ecom_financial_status": order.financial_status,
        "ecom_fulfillment_status": order.fulfillment_status,
        "ecom_cancelled_at": order.cancelled_at,
        "ecom_payment_gateway": next(
            (p.gateway for p in order.payments if not p.is_gift_card), False
        ),
    }


def prepare_order_vals(resolver, payload, order, problems, create_taxes=True):
    """Values of the sale order for ``order`` (lines included).

    :param resolver: the batch's :class:`~.resolver.OrderResolver` (its env and shop)
    :param payload: the ``ecom.payload`` the order came in
    :param order: a canonical ``ShopOrder``
    :param problems: the order's :class:`~.problems.ImportProblems`, added to
    :param create_taxes: whether the shop's taxes the company lacks may be
        created (the shop's policy permitting): only from an order whose
        amounts reconcile
    :return: a dict for ``sale.order.create`` / ``write``
    """
    shop = resolver.shop
    partner, invoice_address, shipping_address = resolver.partners(order, problems)
    customer_kind = resolver.customer_kind(order, partner, problems)
    currency = resolver.currency(order.currency, problems)
    lines = _prepare_lines(resolver, order, problems, create_taxes)
    vals = {
        "partner_id": partner.id,
        "partner_invoice_id": invoice_address.id,
        "partner_shipping_id": shipping_address.id,
        "company_id": shop.company_id.id,
        "client_order_ref": order.reference,
        "origin": f"{shop.code} {order.reference}",
        "date_order": order.created_at or fields.Datetime.now(),
        "warehouse_id": shop._ecom_warehouse(order).id,
        "team_id": shop.team_id.id or False,
        "user_id": shop.user_id.id or False,
        "ecom_note": _label(resolver, order.note) or False,
        "ecom_shop_id": shop.id,
        "ecom_external_id": order.external_id,
        "ecom_origin": payload.source,
        "ecom_reference": order.reference,
        "ecom_shop_total": float(order.totals.total),
        "ecom_customer_kind": customer_kind,
        "order_line": [Command.create(line) for line in lines],
        "ecom_lines_digest": hashlib.sha256(
            json.dumps(lines, sort_keys=True, default=str).encode()
        ).hexdigest(),
    }
    pricelist = resolver.pricelist(currency)
    if pricelist:
        vals["pricelist_id"] = pricelist.id
    carrier = resolver.carrier(order)
    if carrier:
        vals["carrier_id"] = carrier.id
    vals.update(prepare_status_vals(payload, order))
    for code, sentence in order.warnings:
        problems.add(code, env_sentence(resolver.env, sentence), holds=code in HOLDING_WARNINGS)
    return vals


def _prepare_lines(resolver, order, problems, create_taxes):
    """Sale line values for the order's lines, shipping and fees."""
    include = order.prices_include_tax
    dest = order.shipping_address or order.billing_address
    dest_country = dest.country_code if dest else None
    # What lines the shop did not tax get (the intra-EU 0 % of business sales).
    untaxed = resolver.untaxed_taxes(order, dest_country, problems)
    vals_list = []
    for line in order.lines:
        if line.quantity < 0:
            raise PayloadError(_lt("Line %(name)s has a negative quantity.", name=line.name))
        product = resolver.product(line, problems)
        taxes = resolver.taxes(line.taxes, include, dest_country, problems, create_taxes) or untaxed
        if product != resolver.unknown_product:
            resolver.scope_taxes(taxes, product)
        vals_list += _exact_line_vals(
            resolver,
            product,
            _label(resolver, line.name),
            line.quantity,
            line.unit_price,
            line.discount,
            taxes,
            include,
            {"ecom_external_id": line.external_id, "ecom_sku": line.sku or False},
        )
    for shipping in order.shipping_lines:
        product = resolver.shipping_product(shipping)
        taxes = (
            resolver.taxes(shipping.taxes, include, dest_country, problems, create_taxes) or untaxed
        )
        # Shipping carries goods: its taxes are goods' (unless already said).
        resolver.scope_taxes(taxes, None)
        line_vals = _exact_line_vals(
            resolver,
            product,
            _label(resolver, shipping.title) or product.name,
            Decimal(1),
            shipping.price,
            shipping.discount,
            taxes,
            include,
            {"ecom_external_id": shipping.external_id or False, "is_delivery": True},
        )
        vals_list += line_vals
    for fee in order.fee_lines:
        taxes = resolver.taxes(fee.taxes, include, dest_country, problems, create_taxes) or untaxed
        vals_list += _exact_line_vals(
            resolver,
            resolver.fee_product,
            _label(resolver, fee.name),
            Decimal(1),
            fee.amount,
            Decimal(0),
            taxes,
            include,
            {"ecom_external_id": fee.external_id or False},
        )
    return vals_list


def _exact_line_vals(
    resolver, product, name, quantity, unit_price, discount, taxes, include, extra
):
    """One sale line (plus a discount line when needed) worth exactly the shop's amount.

    :return: a list of sale line value dicts
    """
    unit_price, taxes_include = resolver.price_in_tax_basis(unit_price, taxes, include)
    if taxes_include != include and discount:
        discount, _basis = resolver.price_in_tax_basis(discount, taxes, include)
    digits = resolver.price_digits
    price = money(unit_price, digits)
    target = money(quantity * unit_price - discount)
    percent = Decimal(0)
    natural = money(quantity * price)
    if discount and natural:
        percent = money(discount * 100 / (quantity * price))
        natural = money(quantity * price * (1 - percent / 100))
    vals = {
        "product_id": product.id,
        "name": name,
        "product_uom_qty": float(quantity),
        "price_unit": float(price),
        "discount": float(percent),
        "tax_id": [Command.set(taxes.ids)],
        **extra,
    }
    vals_list = [vals]
    remainder = target - natural
    if remainder:
        vals_list.append(
            {
                "product_id": resolver.discount_product.id,
                "name": resolver.env._("Adjustment: %(name)s", name=name),
                "product_uom_qty": 1.0,
                "price_unit": float(remainder),
                "tax_id": [Command.set(taxes.ids)],
            }
        )
    return vals_list
