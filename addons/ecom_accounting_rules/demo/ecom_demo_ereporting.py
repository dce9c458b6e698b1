# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The demo's e-reporting month: a European Shopify shop's October 2026, reported.

Loaded with the rest of the demo (demo/ecom_demo.py). Its orders come through the
shop's import, as the shop sent them (demo/demo_ereporting.json): consumers in
France at 20 % and 5.5 %, a consumer in Germany under OSS (19 %, the company's
OSS fiscal position for Germany), a French business with its SIRET, a German
business with its VAT number, a service (a workshop). Consumer sales go to the
daily summaries, business sales get their invoices. The month's e-reporting
periods (three décades) are computed and exported; then the shop refunds a
T-shirt of the first décade (demo/demo_ereporting_refund.json), the accountant
makes its credit note, and the décade's corrective export sends the change.

The shop has its own sales and summary journals: its October documents keep
their own chronological sequences beside the other demo shops' November ones.
"""

from odoo import Command

from .ecom_demo_payout import receive_demo_file

EREPORTING_CODE = "DEMO-EU"
ORDERS_FILE = "demo_ereporting.json"
REFUND_FILE = "demo_ereporting_refund.json"
MONTH = (2026, 10)
SERVICE_SKU = "ATELIER-PERSO"
# The OSS rate of Germany, and the fiscal position a French seller keeps for its
# consumers there (Odoo's l10n_eu_oss makes one per EU country when installed).
OSS_COUNTRY, OSS_RATE = "DE", 19.0


def oss_position(env, country_code=OSS_COUNTRY, rate=OSS_RATE):
    """The company's fiscal position for consumers in ``country_code`` under OSS.

    The one the company has for that country (l10n_eu_oss's, when installed),
    else one made like l10n_eu_oss makes them: the country's rate as a tax of the
    company (its default sale tax's accounts), the default sale tax mapped to it.
    :return: the ``account.fiscal.position``
    """
    company = env.company
    country = env.ref(f"base.{country_code.lower()}")
    Position = env["account.fiscal.position"]
    position = Position.search(
        [("company_id", "=", company.id), ("country_id", "=", country.id)], limit=1
    )
    if position:
        return position
    default = company.account_sale_tax_id
    tax = default.copy(
        {
            "name": f"TVA {rate:g}% {country_code} (OSS)",
            "amount": rate,
            "tax_scope": "consu",
            "description": f"{rate:g}% {country_code}",
        }
    )
    # Another country's VAT: none of the French VAT return's boxes.
    repartition = tax.invoice_repartition_line_ids | tax.refund_repartition_line_ids
    repartition.tag_ids = [Command.clear()]
    return Position.create(
        {
            "name": f"OSS B2C {country.name}",
            "company_id": company.id,
            "country_id": country.id,
            "tax_ids": [Command.create({"tax_src_id": default.id, "tax_dest_id": tax.id})],
        }
    )


def _journal(env, code, name):
    Journal = env["account.journal"]
    return Journal.search(
        [("company_id", "=", env.company.id), ("code", "=", code)], limit=1
    ) or Journal.create(
        {
            "name": name,
            "code": code,
            "type": "sale",
            "company_id": env.company.id,
            "refund_sequence": True,
        }
    )


def ereporting_demo(env):
    """The European shop's month, its e-reporting exported, then corrected after a refund.

    Only for a French seller (the e-reporting is France's): a company the demo could
    not give the French books keeps its other demo shops only.
    Idempotent. :return: the ``ecom.shop`` (empty when the company is not French)
    """
    company = env.company
    Shop = env["ecom.shop"]
    if (company.account_fiscal_country_id or company.country_id).code != "FR":
        return Shop
    shop = Shop.search([("code", "=", EREPORTING_CODE), ("company_id", "=", company.id)], limit=1)
    if shop:
        return shop
    oss_position(env)
    # The declarant of the e-reporting files (its SIREN and VAT number) and its approved
    # platform (PA): a demo matricule, where the company has none.
    company.write(
        {
            field: value
            for field, value in (
                ("vat", "FR96552100554"),
                ("company_registry", "552100554"),
                ("ecom_ereporting_platform_name", "PA Démo"),
                ("ecom_ereporting_platform_id", "0042"),
            )
            if not company[field]
        }
    )
    if not env["product.product"].search([("default_code", "=", SERVICE_SKU)], limit=1):
        env["product.template"].create(
            {
                "name": "Atelier personnalisation (1 h)",
                "default_code": SERVICE_SKU,
                "type": "service",
                "list_price": 50.0,
                "taxes_id": [Command.set(company.account_sale_tax_id.ids)],
            }
        )
    bank = env["account.journal"].search(
        [("company_id", "=", company.id), ("code", "=", "STRP")], limit=1
    ) or env["account.journal"].create(
        {"name": "Stripe", "code": "STRP", "type": "bank", "company_id": company.id}
    )
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    shop = Shop.create(
        {
            "name": "Boutique Démo Europe",
            "code": EREPORTING_CODE,
            "platform": "shopify",
            "company_id": company.id,
            "warehouse_id": warehouse.id,
            "posting_mode": "summary",
            "unknown_product_policy": "create",
            "sale_journal_id": _journal(env, "VTEU", "Ventes web Europe").id,
            "summary_journal_id": _journal(env, "RJEU", "Résumés des ventes web Europe").id,
            "payment_map_ids": [
                Command.create({"gateway": "shopify_payments", "journal_id": bank.id})
            ],
        }
    )
    receive_demo_file(shop, ORDERS_FILE)._ecom_process()
    Period = env["ecom.ereporting.period"]
    periods = Period._ecom_generate(company, *MONTH)
    periods._ecom_compute()
    for period in periods:
        period.action_export()
    # After the exports: the shop refunds a T-shirt of the first décade.
    receive_demo_file(shop, REFUND_FILE)._ecom_process()
    items = env["ecom.review.item"].search(
        [("shop_id", "=", shop.id), ("reason_code", "=", "refund"), ("state", "=", "todo")]
    )
    for item in items:
        env["ecom.review.resolve"].with_context(default_item_id=item.id).create(
            {"item_id": item.id, "resolution": "credit_note"}
        ).action_apply()
    periods._ecom_compute()
    for period in periods.filtered("changed_since_export"):
        period.action_export_corrective()
    return shop
