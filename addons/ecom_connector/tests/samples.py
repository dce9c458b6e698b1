# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Shopify-shaped sample orders, amounts consistent to the cent.

Used by the demo shop, the tests and the benchmark: one generator of
realistic payloads instead of hand-written JSON that drifts out of balance.
"""

from decimal import Decimal

from odoo.addons.ecom_connector.adapters.utils import money


def shopify_address(country="FR", company="", name="Camille Martin", **overrides):
    first, _sep, last = name.partition(" ")
    address = {
        "first_name": first,
        "last_name": last,
        "name": name,
        "company": company or None,
        "address1": "12 rue de la Paix",
        "address2": None,
        "city": "Paris" if country == "FR" else "Bruxelles",
        "zip": "75002" if country == "FR" else "1000",
        "province": None,
        "province_code": None,
        "country": {"FR": "France", "BE": "Belgium", "DE": "Germany"}.get(country, country),
        "country_code": country,
        "phone": "+33 1 23 45 67 89",
    }
    address.update(overrides)
    return address


def shopify_order(
    order_id=1001,
    lines=(("TSHIRT-M", "T-shirt M", 2, "20.00", "0.00", "20"),),
    shipping=("Colissimo", "colissimo", "6.00", "20"),
    taxes_included=False,
    email="camille@example.com",
    country="FR",
    updated_at="2026-11-02T10:00:00+01:00",
    financial_status="paid",
    cancelled_at=None,
    currency="EUR",
    customer=True,
    company="",
):
    """A Shopify Admin REST order, amounts consistent to the cent.

    ``lines`` are (sku, title, quantity, unit price, line discount, tax rate %);
    ``shipping`` is (title, code, price, tax rate %) or None.
    """
    line_items, subtotal, total_tax, total_discount = [], Decimal(0), Decimal(0), Decimal(0)
    for index, (sku, title, qty, price, discount, rate) in enumerate(lines, start=1):
        gross = Decimal(qty) * Decimal(price) - Decimal(discount)
        rate_d = Decimal(rate) / 100
        tax = money(gross - gross / (1 + rate_d)) if taxes_included else money(gross * rate_d)
        subtotal += gross
        total_tax += tax
        total_discount += Decimal(discount)
        line_items.append(
            {
                "id": order_id * 100 + index,
                "variant_id": order_id * 1000 + index,
                "product_id": 632910392 + index,
                "title": title,
                "name": title,
                "sku": sku,
                "quantity": qty,
                "price": price,
                "total_discount": "0.00",
                "discount_allocations": (
                    [{"amount": discount, "discount_application_index": 0}]
                    if Decimal(discount)
                    else []
                ),
                "tax_lines": (
                    [{"title": "TVA", "price": str(tax), "rate": float(rate_d)}]
                    if Decimal(rate)
                    else []
                ),
                "gift_card": False,
                "requires_shipping": True,
                "taxable": bool(Decimal(rate)),
            }
        )
    shipping_lines, shipping_total = [], Decimal(0)
    if shipping:
        title, code, price, rate = shipping
        rate_d = Decimal(rate) / 100
        price_d = Decimal(price)
        tax = money(price_d - price_d / (1 + rate_d)) if taxes_included else money(price_d * rate_d)
        total_tax += tax
        shipping_total = price_d
        shipping_lines.append(
            {
                "id": order_id * 10,
                "title": title,
                "code": code,
                "source": "shopify",
                "price": price,
                "discounted_price": price,
                "discount_allocations": [],
                "tax_lines": [{"title": "TVA", "price": str(tax), "rate": float(rate_d)}],
            }
        )
    total = subtotal + shipping_total + (0 if taxes_included else total_tax)
    billing = shopify_address(country=country, company=company)
    order = {
        "id": order_id,
        "name": f"#{order_id}",
        "order_number": order_id,
        "email": email,
        "contact_email": email,
        "created_at": "2026-11-02T09:30:00+01:00",
        "updated_at": updated_at,
        "processed_at": "2026-11-02T09:30:00+01:00",
        "cancelled_at": cancelled_at,
        "cancel_reason": "customer" if cancelled_at else None,
        "currency": currency,
        "presentment_currency": currency,
        "taxes_included": taxes_included,
        "financial_status": financial_status,
        "fulfillment_status": None,
        "subtotal_price": str(money(subtotal)),
        "total_line_items_price": str(money(subtotal + total_discount)),
        "total_discounts": str(money(total_discount)),
        "total_tax": str(money(total_tax)),
        "total_price": str(money(total)),
        "total_shipping_price_set": {
            "shop_money": {"amount": str(money(shipping_total)), "currency_code": currency},
            "presentment_money": {"amount": str(money(shipping_total)), "currency_code": currency},
        },
        "payment_gateway_names": ["shopify_payments"],
        "billing_address": billing,
        "shipping_address": shopify_address(country=country),
        "line_items": line_items,
        "shipping_lines": shipping_lines,
        "refunds": [],
        "note": None,
        "customer": (
            {
                "id": 207119551 + order_id,
                "email": email,
                "first_name": "Camille",
                "last_name": "Martin",
                "phone": None,
                "default_address": billing,
            }
            if customer
            else None
        ),
    }
    return order


def shopify_refund(refund_id, line_id, amount, created_at, note, subtotal="20.75"):
    """A Shopify refund of one unit of line ``line_id``, returned, ``amount`` paid back.

    ``subtotal`` is the unit's price without tax (the refund line's ``subtotal``).
    """
    return {
        "id": refund_id,
        "created_at": created_at,
        "note": note,
        "refund_line_items": [
            {
                "line_item_id": line_id,
                "quantity": 1,
                "subtotal": subtotal,
                "restock_type": "return",
            }
        ],
        "transactions": [{"kind": "refund", "status": "success", "amount": amount}],
        "order_adjustments": [],
    }


def magento_address(kind, name="Camille Martin", country="FR", **overrides):
    """A Magento 2 order address (``billing_address``, or a shipping assignment's)."""
    first, _sep, last = name.partition(" ")
    address = {
        "address_type": kind,
        "firstname": first,
        "lastname": last,
        "company": "",
        "street": ["12 rue de la Paix"],
        "city": "Paris" if country == "FR" else "Bruxelles",
        "postcode": "75002" if country == "FR" else "1000",
        "country_id": country,
        "region": None,
        "region_code": None,
        "telephone": "+33 1 23 45 67 89",
        "email": "camille@example.com",
    }
    address.update(overrides)
    return address


def magento_order(
    entity_id=6001,
    items=(("TSHIRT-BIO-M", "T-shirt coton bio M", 2, "24.90", "0.00", "20"),),
    shipping=("Colissimo - Domicile", "colissimo_home", "5.90", "20"),
    state="processing",
    payment_method="stripe_payments",
    guest=False,
    name="Camille Martin",
    email="camille@example.com",
    created_at="2026-11-03 09:30:00",
    configurable=(),
):
    """A Magento 2 REST order (an item of ``GET /V1/orders``), amounts consistent to the cent.

    ``items`` are (sku, name, quantity, unit price before tax, discount, tax rate %);
    the SKUs in ``configurable`` are sold as a configurable product: a priced
    parent item and its child at 0 (``parent_item_id``), as Magento lists them.
    ``shipping`` is (description, method, price before tax, tax rate %).
    """
    order_items, applied, subtotal, total_tax, total_discount = [], [], Decimal(0), Decimal(0), 0
    item_id = entity_id * 10
    for sku, title, qty, price, discount, rate in items:
        item_id += 1
        row = Decimal(qty) * Decimal(price)
        tax = money((row - Decimal(discount)) * Decimal(rate) / 100)
        subtotal += row
        total_tax += tax
        total_discount += Decimal(discount)
        item = {
            "item_id": item_id,
            "order_id": entity_id,
            "parent_item_id": None,
            "product_type": "configurable" if sku in configurable else "simple",
            "sku": sku,
            "name": title,
            "qty_ordered": qty,
            "qty_invoiced": qty if state in ("processing", "complete") else 0,
            "qty_shipped": qty if state == "complete" else 0,
            "price": float(price),
            "base_price": float(price),
            "row_total": float(row),
            "base_row_total": float(row),
            "tax_percent": float(rate),
            "tax_amount": float(tax),
            "base_tax_amount": float(tax),
            "discount_amount": float(discount),
            "base_discount_amount": float(discount),
            "is_virtual": 0,
        }
        order_items.append(item)
        applied.append(
            {
                "type": "product",
                "item_id": item_id,
                "applied_taxes": [
                    {
                        "code": f"FR-TVA-{rate}",
                        "title": "TVA",
                        "percent": float(rate),
                        "amount": float(tax),
                        "base_amount": float(tax),
                    }
                ],
            }
        )
        if sku in configurable:
            item_id += 1
            child = dict(item, item_id=item_id, product_type="simple", parent_item_id=item_id - 1)
            child.update(price=0, base_price=0, row_total=0, base_row_total=0)
            child.update(tax_amount=0, base_tax_amount=0, discount_amount=0)
            child.update(base_discount_amount=0, tax_percent=0)
            child["parent_item"] = {"item_id": item_id - 1, "sku": sku}
            order_items.append(child)
    description, method, ship_price, ship_rate = shipping or ("", "", "0", "0")
    ship_price = Decimal(ship_price)
    ship_tax = money(ship_price * Decimal(ship_rate) / 100)
    total_tax += ship_tax
    total = subtotal - total_discount + ship_price + total_tax
    paid = total if state in ("processing", "complete") else Decimal(0)
    billing = magento_address("billing", name=name, email=email)
    first, _sep, last = name.partition(" ")
    amounts = {
        "subtotal": subtotal,
        "discount_amount": -total_discount,
        "shipping_amount": ship_price,
        "shipping_tax_amount": ship_tax,
        "tax_amount": total_tax,
        "grand_total": total,
        "total_paid": paid,
    }
    order = {
        "entity_id": entity_id,
        "increment_id": f"00000{entity_id}",
        "state": state,
        "status": {"new": "pending", "canceled": "canceled"}.get(state, state),
        "created_at": created_at,
        "updated_at": created_at,
        "base_currency_code": "EUR",
        "order_currency_code": "EUR",
        "base_to_order_rate": 1,
        "customer_id": None if guest else 300 + entity_id % 100,
        "customer_is_guest": 1 if guest else 0,
        "customer_email": email,
        "customer_firstname": None if guest else first,
        "customer_lastname": None if guest else last,
        "shipping_description": description,
        "items": order_items,
        "billing_address": billing,
        "payment": {
            "method": payment_method,
            "amount_paid": float(paid),
            "base_amount_paid": float(paid),
            "last_trans_id": f"MAG-{entity_id}" if paid else None,
        },
        "status_histories": [],
        "extension_attributes": {
            "shipping_assignments": [
                {
                    "shipping": {
                        "address": magento_address("shipping", name=name, email=email),
                        "method": method,
                    },
                    "items": [item for item in order_items if not item["parent_item_id"]],
                }
            ],
            "payment_additional_info": [{"key": "method_title", "value": payment_method}],
            "item_applied_taxes": applied
            + (
                [
                    {
                        "type": "shipping",
                        "item_id": None,
                        "applied_taxes": [
                            {
                                "code": f"FR-TVA-{ship_rate}",
                                "title": "TVA",
                                "percent": float(ship_rate),
                                "amount": float(ship_tax),
                                "base_amount": float(ship_tax),
                            }
                        ],
                    }
                ]
                if ship_tax
                else []
            ),
        },
    }
    for key, value in amounts.items():
        order[key] = order[f"base_{key}"] = float(value)
    return order
