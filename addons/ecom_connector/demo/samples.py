# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Shopify-shaped sample orders, amounts consistent to the cent.

Used by the demo shop, the tests and the benchmark: one generator of
realistic payloads instead of hand-written JSON that drifts out of balance.
"""

from decimal import Decimal

from ..adapters.utils import money


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
