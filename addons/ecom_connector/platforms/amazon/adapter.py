# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Amazon orders to canonical orders: the Selling Partner API's, and the settlement report's.

Pure translation, no ORM and no I/O. Two payloads, one shop:

**Orders API v0** (``getOrders``, ``getOrderItems``): one JSON order with its
items embedded as ``OrderItems`` (the pull client embeds them; a file holds
``{"payload": {"Orders": [...]}}``, a JSON array, one order, or NDJSON).

- Amounts are ``{"CurrencyCode", "Amount"}`` strings. On the European
  marketplaces an item's ``ItemPrice`` is the **line total with VAT**
  (quantity times the unit price) and ``ItemTax`` the VAT in it; likewise
  ``ShippingPrice``/``ShippingTax``, ``GiftWrapPrice``/``GiftWrapTax``;
  ``PromotionDiscount``/``ShippingDiscount`` are positive amounts with VAT
  taken off, their VAT in ``PromotionDiscountTax``/``ShippingDiscountTax``.
  The order is imported with prices including tax; each line's rate is
  derived from its VAT and its net amount, snapped to a standard rate.
- ``OrderStatus``: ``Pending`` and ``PendingAvailability`` orders are not
  paid yet and carry no amounts: they are left out (the pull takes them
  again once Amazon updates them). ``Canceled`` is imported as cancelled.
- ``FulfillmentChannel`` ``AFN`` is Fulfilled by Amazon (FBA): the order
  leaves from the shop's FBA warehouse (``fulfilled_by_platform``); ``MFN``
  from the shop's own.
- The buyer: ``BuyerInfo.BuyerEmail`` is Amazon's anonymised relay address
  (``...@marketplace.amazon.fr``), one per buyer; without it (no access to
  personal data) the marketplace's anonymous customer. A business order
  (``IsBusinessOrder``) gives its company and VAT number in
  ``BuyerInfo.BuyerTaxInfo`` or ``BuyerTaxInformation``, which the importer
  checks to classify it B2B.

**Settlement report V2 flat file** (tab separated, for sellers who do not
connect the API): its first data row carries the settlement's totals, the
others one amount each. The ``Order`` rows of each ``order-id`` make one
order: ``ItemPrice`` rows (``Principal``, ``Tax``, ``Shipping``,
``ShippingTax``, ``GiftWrap``, ``GiftWrapTax``) and ``Promotion`` rows per
``order-item-code``. A line's price with tax is its ``Principal`` plus its
``Tax`` (Amazon lists the VAT apart when its VAT calculation service is on;
otherwise the principal holds it and the line comes without tax, with a
warning). Fees (``ItemFees``), withheld taxes and ``Refund`` rows are the
settlement's business (the accounting addon), not the order's. The buyer is
the marketplace's anonymous customer ("Amazon customer (amazon.fr)").
"""

import csv
import dataclasses
import io
from datetime import datetime
from decimal import ROUND_CEILING, Decimal

from odoo.tools.translate import LazyTranslate

from ...adapters import canonical
from ...adapters.base import Adapter, register
from ...adapters.canonical import ZERO, PayloadError
from ...adapters.json_split import read_orders
from ...adapters.totals import STANDARD_RATES
from ...adapters.utils import (
    CENT,
    ITEM,
    SHIPPING,
    at,
    currency_code,
    decode_text,
    dump_json,
    line_label,
    load_json,
    money,
    parse_datetime,
    positive_quantity,
    text_or_none,
    to_decimal,
)
from ...const import WARNING_TAX_RATE_ESTIMATED, WARNING_UNKNOWN_STATUS
from ...sentences import Sentence

_lt = LazyTranslate(__name__)

# OrderStatus -> (financial status, fulfilment status)
STATUS_MAP = {
    "Unshipped": ("paid", "unfulfilled"),
    "PartiallyShipped": ("paid", "partial"),
    "Shipped": ("paid", "fulfilled"),
    "InvoiceUnconfirmed": ("paid", "fulfilled"),
    "Unfulfillable": ("paid", "unfulfilled"),
    "Canceled": ("voided", "unfulfilled"),
}
# Not paid yet, no amounts: left out until Amazon moves them on.
NOT_YET_STATUSES = ("Pending", "PendingAvailability")
FBA_CHANNEL = "AFN"
GATEWAY = "amazon"
# The marketplaces' ids, as their sites (the anonymous customer's name).
MARKETPLACE_SITES = {
    "A13V1IB3VIYZZH": "amazon.fr",
    "A1PA6795UKMFR9": "amazon.de",
    "APJ6JRA9NG5V4": "amazon.it",
    "A1RKKUPIHCS9HS": "amazon.es",
    "A1F83G8C2ARO7P": "amazon.co.uk",
    "A1805IZSGTT6HS": "amazon.nl",
    "AMEN7PMS3EDWL": "amazon.com.be",
    "A2NODRKZP88ZB9": "amazon.se",
    "A1C3SOZRARQ6R3": "amazon.pl",
    "A33AVAJ2PDY3EV": "amazon.com.tr",
    "ATVPDKIKX0DER": "amazon.com",
    "A2EUQ1WTGCTBG2": "amazon.ca",
    "A1AM78C64UM0Y8": "amazon.com.mx",
}
# The marketplaces' currencies: a cancelled order comes without amounts.
MARKETPLACE_CURRENCIES = {
    "A1F83G8C2ARO7P": "GBP",
    "A2NODRKZP88ZB9": "SEK",
    "A1C3SOZRARQ6R3": "PLN",
    "A33AVAJ2PDY3EV": "TRY",
    "ATVPDKIKX0DER": "USD",
    "A2EUQ1WTGCTBG2": "CAD",
    "A1AM78C64UM0Y8": "MXN",
}
# The keys of an order that hold the buyer's data (the settlement report has none).
PERSONAL_KEYS = frozenset(
    {
        "ShippingAddress",
        "BuyerInfo",
        "BuyerEmail",
        "BuyerName",
        "BuyerTaxInfo",
        "BuyerTaxInformation",
        "BuyerCustomizedInfo",
        "DefaultShipFromLocationAddress",
    }
)
# The settlement report's columns this adapter needs.
SETTLEMENT_COLUMNS = (
    "settlement-id",
    "transaction-type",
    "order-id",
    "amount-type",
    "amount-description",
    "amount",
)
SETTLEMENT_TOTALS = (
    "settlement-id",
    "settlement-start-date",
    "settlement-end-date",
    "deposit-date",
    "total-amount",
    "currency",
)
SETTLEMENT_DATE_FORMATS = ("%d.%m.%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S")
ORDER_TRANSACTION = "Order"
GIFT_WRAP = _lt("Gift wrap")


def is_settlement_report(text):
    """Whether ``text`` is a settlement report flat file (its header line)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return "\t" in first and "settlement-id" in first.split("\t")


def anonymous_customer(site):
    """The marketplace's one customer for the buyers Amazon does not name."""
    site = (site or "amazon").strip().lower()
    return canonical.Customer(
        external_id=site, name=f"Amazon customer ({site})", is_guest=True, anonymous=True
    )


def derived_rate(tax, net):
    """The VAT rate (percent) ``tax`` is of the amount without tax ``net``, snapped
    to the standard rate the rounding to the cent allows; ``None`` when none fits."""
    if not net or not tax:
        return None
    rate = tax * 100 / net
    for candidate in STANDARD_RATES:
        if abs(candidate - rate) * net <= Decimal("0.5") + abs(net) * Decimal("0.0001"):
            return candidate
    return money(rate)


def unit_and_rest(total, quantity):
    """A unit price to the cent whose ``quantity`` times is at least ``total``, and
    the difference, taken as discount (the line stays exactly ``total``)."""
    if not quantity:
        return total, ZERO
    unit = (total / quantity).quantize(CENT, rounding=ROUND_CEILING)
    return unit, money(unit * quantity - total)


@register("amazon")
class AmazonAdapter(Adapter):
    """Amazon orders: the Orders API's JSON, and the settlement report's flat file."""

    def personal_keys(self):
        """The buyer and the delivery address (Amazon writes its keys in CamelCase)."""
        return PERSONAL_KEYS

    # ------------------------------------------------------------ split

    def split(self, content, filename=""):
        """One document per order. See :meth:`Adapter.split`."""
        text = decode_text(content)
        if is_settlement_report(text):
            return self._split_settlement(text)
        orders = read_orders(content, filename, self._unwrap)
        documents = []
        for order in orders:
            if isinstance(order, canonical.InboundDocument):
                documents.append(order)
            elif not (isinstance(order, dict) and order.get("OrderStatus") in NOT_YET_STATUSES):
                documents.append(self._document(order))
        return documents

    @staticmethod
    def _unwrap(data):
        if isinstance(data, dict) and isinstance(data.get("payload"), dict):
            data = data["payload"]
        if isinstance(data, dict) and isinstance(data.get("Orders"), list):
            return data["Orders"]
        if isinstance(data, list):
            return data
        if isinstance(data, dict):
            return [data]
        raise PayloadError(_lt("The file holds no Amazon order (a JSON object or list)."))

    @staticmethod
    def _document(order):
        body = dump_json(order)
        if not isinstance(order, dict):
            return canonical.InboundDocument(
                body=body, error=Sentence(_lt("An element of the file is not an order."))
            )
        external_id = text_or_none(order.get("AmazonOrderId"))
        if not external_id:
            return canonical.InboundDocument(
                body=body, error=Sentence(_lt("An order has no AmazonOrderId."))
            )
        try:
            revision = parse_datetime(order.get("LastUpdateDate"), "LastUpdateDate")
        except PayloadError as error:
            return canonical.InboundDocument(body=body, external_id=external_id, error=error.text)
        return canonical.InboundDocument(body=body, external_id=external_id, revision=revision)

    def _split_settlement(self, text):
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter="\t")
        headers = [header.strip() for header in reader.fieldnames or []]
        missing = [column for column in SETTLEMENT_COLUMNS if column not in headers]
        if missing:
            raise PayloadError(
                _lt(
                    "The settlement report lacks the columns %(columns)s: export the flat file "
                    "V2 (tab separated).",
                    columns=", ".join(missing),
                )
            )
        totals, groups, errors = {}, {}, []
        for number, raw in enumerate(reader, start=2):
            row = {(key or "").strip(): (value or "").strip() for key, value in raw.items()}
            row.pop("", None)
            if not totals and row.get("total-amount") and not row.get("transaction-type"):
                totals = {key: row.get(key, "") for key in SETTLEMENT_TOTALS}
                continue
            if row.get("transaction-type") != ORDER_TRANSACTION:
                continue  # refunds, fees, transfers: the settlement's, not orders
            order_id = row.get("order-id")
            if not order_id:
                errors.append(
                    canonical.InboundDocument(
                        body=dump_json({"rows": [row]}),
                        error=Sentence(_lt("Line %(number)s: no order-id.", number=number)),
                    )
                )
                continue
            groups.setdefault(order_id, []).append(row)
        return [
            canonical.InboundDocument(
                body=dump_json({"settlement": totals, "rows": rows}), external_id=order_id
            )
            for order_id, rows in groups.items()
        ] + errors

    # ------------------------------------------------------------ parse

    def parse(self, document):
        """The canonical order of one stored Amazon document. See :meth:`Adapter.parse`."""
        data = load_json(document.body, _lt("The order"))
        if isinstance(data, dict) and isinstance(data.get("rows"), list):
            return self._parse_settlement(data)
        if not isinstance(data, dict) or not text_or_none(data.get("AmazonOrderId")):
            raise PayloadError(_lt("The payload is not an Amazon order (no AmazonOrderId)."))
        return self._parse_api(data)

    # ------------------------------------------------------------ the Orders API

    def _parse_api(self, data):
        order_id = data["AmazonOrderId"].strip()
        status = (data.get("OrderStatus") or "").strip()
        if status in NOT_YET_STATUSES:
            raise PayloadError(
                _lt(
                    "Order %(order)s is %(status)s at Amazon: it is imported once Amazon "
                    "confirms its payment.",
                    order=order_id,
                    status=status,
                )
            )
        warnings = []
        financial, fulfillment = STATUS_MAP.get(status, (None, None))
        if financial is None:
            warnings.append(
                (
                    WARNING_UNKNOWN_STATUS,
                    Sentence(
                        _lt(
                            "Unknown Amazon order status %(status)s: imported as paid, not "
                            "shipped.",
                            status=repr(status),
                        )
                    ),
                )
            )
            financial, fulfillment = "paid", "unfulfilled"
        items = data.get("OrderItems")
        if not isinstance(items, list) or not items:
            raise PayloadError(_lt("Order %(order)s has no OrderItems.", order=order_id))
        if status != "Canceled" and fulfillment != "fulfilled" and _all_shipped(items):
            fulfillment = "fulfilled"  # the items say it before the order's status
        currency = _currency(data, items)
        amount = _Amounts(currency)
        lines, shipping_lines, fee_lines = [], [], []
        for index, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise PayloadError(_lt("Item %(index)s is not an object.", index=index))
            where = line_label(ITEM, index, item.get("SellerSKU") or item.get("ASIN"))
            lines.append(_api_line(item, amount, where, index))
            shipping = _api_shipping(item, amount, where, data)
            if shipping:
                shipping_lines.append(shipping)
            wrap = amount(item, "GiftWrapPrice", where)
            if wrap:
                wrap_tax = amount(item, "GiftWrapTax", where)
                fee_lines.append(
                    canonical.FeeLine(
                        name=Sentence(GIFT_WRAP),
                        amount=wrap,
                        external_id=f"{item.get('OrderItemId')}-giftwrap",
                        taxes=_taxes(wrap_tax, wrap - wrap_tax),
                    )
                )
        parts = [*lines, *shipping_lines, *fee_lines]
        if not any(part.taxes for part in parts) and status != "Canceled":
            warnings.append(_no_tax_warning())
        computed = sum(
            (money(line.quantity * line.unit_price - line.discount) for line in lines), ZERO
        )
        computed += sum((s.price - s.discount for s in shipping_lines), ZERO)
        computed += sum((fee.amount for fee in fee_lines), ZERO)
        total = amount(data, "OrderTotal", "OrderTotal", default=computed)
        created = parse_datetime(data.get("PurchaseDate"), "PurchaseDate")
        updated = parse_datetime(data.get("LastUpdateDate"), "LastUpdateDate") or created
        site = MARKETPLACE_SITES.get(data.get("MarketplaceId"), data.get("SalesChannel"))
        shipping_address = _api_address(data.get("ShippingAddress"))
        customer = _api_customer(data, site, shipping_address)
        cancelled = status == "Canceled"
        return canonical.ShopOrder(
            external_id=order_id,
            reference=order_id,
            currency=currency,
            totals=canonical.ShopTotals(
                total=total,
                tax=sum((tax.amount for part in parts for tax in part.taxes), ZERO),
                shipping=sum((s.price for s in shipping_lines), ZERO),
            ),
            created_at=created,
            updated_at=updated,
            prices_include_tax=True,
            customer=customer,
            billing_address=_api_billing(data, customer, shipping_address),
            shipping_address=shipping_address,
            lines=lines,
            shipping_lines=shipping_lines,
            fee_lines=fee_lines,
            payments=[]
            if cancelled or not total
            else [canonical.Payment(gateway=GATEWAY, amount=total, processed_at=created)],
            financial_status=financial,
            fulfillment_status=fulfillment,
            cancelled_at=updated if cancelled else None,
            note=(data.get("SellerOrderId") or "").strip()
            if data.get("SellerOrderId") != order_id
            else "",
            warnings=warnings,
            fulfilled_by_platform=(data.get("FulfillmentChannel") or "").upper() == FBA_CHANNEL,
        )

    # ------------------------------------------------------------ the settlement report

    def _parse_settlement(self, data):
        rows = [row for row in data["rows"] if isinstance(row, dict)]
        if not rows:
            raise PayloadError(_lt("The settlement order has no rows."))
        settlement = data.get("settlement") or {}
        order_id = rows[0].get("order-id") or ""
        currency = currency_code(settlement.get("currency") or rows[0].get("currency") or "")
        items = {}
        for number, row in enumerate(rows, start=1):
            code = row.get("order-item-code") or row.get("sku") or f"row-{number}"
            items.setdefault(code, []).append(row)
        lines, shipping_lines, fee_lines, warnings = [], [], [], []
        taxed = False
        for index, (code, item_rows) in enumerate(items.items(), start=1):
            sums = _settlement_sums(item_rows, line_label(ITEM, index, code))
            sku = next((row.get("sku") for row in item_rows if row.get("sku")), None)
            quantity = next(
                (
                    to_decimal(
                        row["quantity-purchased"],
                        at(line_label(ITEM, index, None), "quantity-purchased"),
                    )
                    for row in item_rows
                    if row.get("quantity-purchased")
                ),
                None,
            )
            where = line_label(ITEM, index, sku or code)
            principal = sums.get(("ItemPrice", "Principal"), ZERO)
            tax = sums.get(("ItemPrice", "Tax"), ZERO)
            taxed = taxed or ("ItemPrice", "Tax") in sums
            if ("ItemPrice", "Principal") in sums:
                quantity = positive_quantity(quantity or Decimal(1), where)
                gross = principal + tax
                discount = -sums.get(("Promotion", "Principal"), ZERO)
                unit, rest = unit_and_rest(gross, quantity)
                lines.append(
                    canonical.OrderLine(
                        external_id=code,
                        name=sku or code,
                        quantity=quantity,
                        unit_price=unit,
                        sku=text_or_none(sku),
                        discount=discount + rest,
                        taxes=_taxes(tax, gross - discount - tax),
                    )
                )
            shipping = sums.get(("ItemPrice", "Shipping"), ZERO)
            shipping_tax = sums.get(("ItemPrice", "ShippingTax"), ZERO)
            if shipping or shipping_tax:
                shipping_discount = -sums.get(("Promotion", "Shipping"), ZERO)
                gross = shipping + shipping_tax
                shipping_lines.append(
                    canonical.ShippingLine(
                        title=Sentence(SHIPPING),
                        price=gross,
                        external_id=f"{code}-shipping",
                        discount=shipping_discount,
                        taxes=_taxes(shipping_tax, gross - shipping_discount - shipping_tax),
                    )
                )
            wrap = sums.get(("ItemPrice", "GiftWrap"), ZERO)
            wrap_tax = sums.get(("ItemPrice", "GiftWrapTax"), ZERO)
            if wrap or wrap_tax:
                fee_lines.append(
                    canonical.FeeLine(
                        name=Sentence(GIFT_WRAP),
                        amount=wrap + wrap_tax,
                        external_id=f"{code}-giftwrap",
                        taxes=_taxes(wrap_tax, wrap),
                    )
                )
        if not lines:
            raise PayloadError(
                _lt(
                    "Order %(order)s has no ItemPrice Principal row in the report.",
                    order=order_id,
                )
            )
        if not taxed:
            warnings.append(_no_tax_warning())
        total = sum(
            (money(line.quantity * line.unit_price - line.discount) for line in lines), ZERO
        )
        total += sum((s.price - s.discount for s in shipping_lines), ZERO)
        total += sum((fee.amount for fee in fee_lines), ZERO)
        posted = [
            _settlement_date(row.get("posted-date"), "posted-date")
            for row in rows
            if row.get("posted-date")
        ]
        created = min(posted) if posted else None
        site = (rows[0].get("marketplace-name") or "amazon").strip().lower()
        settlement_id = settlement.get("settlement-id") or rows[0].get("settlement-id")
        channel = next((row["fulfillment-id"] for row in rows if row.get("fulfillment-id")), "")
        return canonical.ShopOrder(
            external_id=order_id,
            reference=order_id,
            currency=currency,
            totals=canonical.ShopTotals(
                total=total,
                tax=sum(
                    (tax.amount for part in (*lines, *shipping_lines) for tax in part.taxes),
                    sum((tax.amount for fee in fee_lines for tax in fee.taxes), ZERO),
                ),
                shipping=sum((s.price for s in shipping_lines), ZERO),
            ),
            created_at=created,
            updated_at=None,
            prices_include_tax=True,
            customer=anonymous_customer(site),
            lines=lines,
            shipping_lines=shipping_lines,
            fee_lines=fee_lines,
            payments=[
                canonical.Payment(
                    gateway=GATEWAY,
                    amount=total,
                    transaction_id=None,
                    processed_at=_settlement_date(settlement.get("deposit-date"), "deposit-date")
                    or created,
                )
            ],
            financial_status="paid",
            fulfillment_status="fulfilled",
            note=Sentence(_lt("Amazon settlement %(id)s", id=settlement_id))
            if settlement_id
            else "",
            warnings=warnings,
            fulfilled_by_platform=channel.upper() == FBA_CHANNEL,
        )


# ---------------------------------------------------------------- helpers


class _Amounts:
    """Reads Amazon's ``Money`` objects in the order's currency."""

    def __init__(self, currency):
        self.currency = currency

    def __call__(self, data, key, where, default=ZERO):
        value = data.get(key)
        if value in (None, ""):
            return default
        if not isinstance(value, dict):
            raise PayloadError(
                _lt("%(where)s: %(key)s is not an amount object.", where=where, key=key)
            )
        code = (value.get("CurrencyCode") or self.currency).strip().upper()
        if code != self.currency:
            raise PayloadError(
                _lt(
                    "%(where)s: %(key)s is in %(code)s, the order in %(currency)s.",
                    where=where,
                    key=key,
                    code=code,
                    currency=self.currency,
                )
            )
        return to_decimal(value.get("Amount"), at(where, key), "0")


def _currency(data, items):
    prices = [item.get("ItemPrice") for item in items if isinstance(item, dict)]
    for source in (data.get("OrderTotal"), *prices):
        if isinstance(source, dict) and source.get("CurrencyCode"):
            return currency_code(source["CurrencyCode"])
    marketplace = data.get("MarketplaceId")
    if marketplace in MARKETPLACE_SITES:
        return MARKETPLACE_CURRENCIES.get(marketplace, "EUR")
    raise PayloadError(_lt("The order has no currency (no OrderTotal nor ItemPrice)."))


def _taxes(tax, net):
    """The line's one tax line (VAT ``tax`` on ``net``), or none when nothing is taxed."""
    if not tax:
        return []
    rate = derived_rate(tax, net)
    return [canonical.TaxLine(rate=rate if rate is not None else ZERO, amount=tax, title="VAT")]


def _all_shipped(items):
    """Whether Amazon shipped every item in full (``QuantityShipped``)."""
    try:
        return all(
            isinstance(item, dict)
            and Decimal(str(item.get("QuantityShipped") or 0))
            >= Decimal(str(item.get("QuantityOrdered") or 0))
            > 0
            for item in items
        )
    except ArithmeticError:
        return False  # the line's own check names the wrong quantity


def _no_tax_warning():
    return (
        WARNING_TAX_RATE_ESTIMATED,
        Sentence(
            _lt(
                "Amazon gave no VAT for this order: its lines are imported without tax. Check "
                "the VAT due (turn on Amazon's VAT calculation service to have it listed)."
            )
        ),
    )


def _api_line(item, amount, where, index):
    quantity = positive_quantity(
        to_decimal(item.get("QuantityOrdered"), at(where, "QuantityOrdered")), where
    )
    price = amount(item, "ItemPrice", where)
    tax = amount(item, "ItemTax", where)
    promotion = amount(item, "PromotionDiscount", where)
    promotion_tax = amount(item, "PromotionDiscountTax", where)
    unit, rest = unit_and_rest(price, quantity)
    net_tax = tax - promotion_tax
    return canonical.OrderLine(
        external_id=str(item.get("OrderItemId") or index),
        name=(item.get("Title") or item.get("SellerSKU") or "").strip()
        or Sentence(line_label(ITEM, index, None)),
        quantity=quantity,
        unit_price=unit,
        sku=text_or_none(item.get("SellerSKU")),
        discount=promotion + rest,
        taxes=_taxes(net_tax, price - promotion - net_tax),
    )


def _api_shipping(item, amount, where, data):
    price = amount(item, "ShippingPrice", where)
    tax = amount(item, "ShippingTax", where)
    discount = amount(item, "ShippingDiscount", where)
    discount_tax = amount(item, "ShippingDiscountTax", where)
    if not price and not tax:
        return None
    net_tax = tax - discount_tax
    return canonical.ShippingLine(
        title=(data.get("ShipmentServiceLevelCategory") or "").strip() or Sentence(SHIPPING),
        price=price,
        code=(data.get("ShipServiceLevel") or "").strip(),
        external_id=f"{item.get('OrderItemId')}-shipping",
        discount=discount,
        taxes=_taxes(net_tax, price - discount - net_tax),
    )


def _api_address(data):
    if not isinstance(data, dict):
        return None
    lines = [
        (data.get(key) or "").strip()
        for key in ("AddressLine1", "AddressLine2", "AddressLine3")
        if (data.get(key) or "").strip()
    ]
    country = (data.get("CountryCode") or "").strip().upper() or None
    address = canonical.Address(
        name=(data.get("Name") or "").strip(),
        company=(data.get("CompanyName") or "").strip(),
        street=lines[0] if lines else "",
        street2=" ".join(lines[1:]),
        city=(data.get("City") or "").strip(),
        zip=(data.get("PostalCode") or "").strip(),
        country_code=country,
        state_code=None if country not in ("US", "CA") else (data.get("StateOrRegion") or None),
        phone=(data.get("Phone") or "").strip(),
    )
    if not any((address.name, address.street, address.city, address.zip, address.country_code)):
        return None
    return address


def _buyer_tax(data):
    """The business buyer's company name and VAT number, as Amazon gives them."""
    buyer = data.get("BuyerInfo") or {}
    info = buyer.get("BuyerTaxInfo") or {}
    information = data.get("BuyerTaxInformation") or {}
    company = (
        information.get("BuyerLegalCompanyName") or info.get("CompanyLegalName") or ""
    ).strip()
    vat = (information.get("BuyerTaxRegistrationId") or "").strip()
    for classification in info.get("TaxClassifications") or []:
        if isinstance(classification, dict) and "vat" in (classification.get("Name") or "").lower():
            vat = vat or (classification.get("Value") or "").strip()
    return company, vat


def _api_customer(data, site, address):
    buyer = data.get("BuyerInfo") or {}
    email = (buyer.get("BuyerEmail") or "").strip()
    company, vat = _buyer_tax(data) if data.get("IsBusinessOrder") else ("", "")
    if not email and not company and not vat:
        return anonymous_customer(site)
    return canonical.Customer(
        email=email,
        name=(buyer.get("BuyerName") or "").strip() or (address.name if address else ""),
        company=company,
        vat=vat,
        phone=address.phone if address else "",
        is_guest=True,
    )


def _api_billing(data, customer, shipping):
    """A business buyer's invoice address: its company and VAT number on the delivery
    address (Amazon gives no other); ``None`` for a consumer (the delivery address)."""
    if not (customer.company or customer.vat) or not shipping:
        return None
    return dataclasses.replace(
        shipping, company=customer.company or shipping.company, vat=customer.vat
    )


def _settlement_sums(rows, where):
    """``{(amount-type, amount-description): total}`` of one item's rows."""
    sums = {}
    for row in rows:
        kind = row.get("amount-type") or ""
        what = row.get("amount-description") or ""
        if kind == "Promotion":
            what = "Shipping" if "shipping" in what.lower() else "Principal"
        key = (kind, what)
        sums[key] = sums.get(key, ZERO) + to_decimal(row.get("amount"), at(where, what), "0")
    return sums


def _settlement_date(value, what):
    """A settlement report date (``29.10.2026 22:44:04 UTC``, ``2026-10-29 22:44:04 UTC``,
    or ISO 8601) as naive UTC."""
    text = (value or "").strip()
    if not text:
        return None
    plain = text.removesuffix("UTC").removesuffix("GMT").strip()
    for pattern in SETTLEMENT_DATE_FORMATS:
        try:
            return datetime.strptime(plain, pattern)
        except ValueError:
            continue
    return parse_datetime(text, what)
