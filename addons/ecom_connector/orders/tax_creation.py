# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The taxes of an order that the company's taxes and the shop's mappings do not give.

A shop tax the company lacks, created when the shop's policy says so (once
per shop tax, its mapping recorded); the intra-EU 0 % tax of lines the shop
did not tax for a business customer in another EU country. Part of the
resolver (``OrderResolver`` in orders/resolver.py), which holds the
batch's caches (``_taxes``, ``_countries``) and ``created_tax_maps``.
"""

from odoo import Command, _

from ..const import (
    TAX_COMPOUND,
    TAX_COMPOUND_BASE,
    WARNING_INTRA_EU_B2B,
    WARNING_UNTAXED_EU_NO_VAT,
)


class TaxCreation:
    """Mix-in of :class:`~.resolver.OrderResolver`: taxes created or inferred."""

    def _create_tax(self, tax_line, include, dest_country, role=False, after=None):
        """A sale tax for a shop tax the company lacks, and its mapping on the shop.

        The shop's rate, price-included or not as the shop's prices are, the
        company's default sale tax accounts and tax group (the company's fiscal
        country: a destination country's rate is an OSS tax of the company);
        the destination country on the mapping. A tax of the same name, rate
        and basis made earlier (another shop) is reused.
        ``role`` is the tax's place among a line's several taxes
        (``const.TAX_COMPOUND_ROLES``): a tax in the base of compound taxes
        affects the base of subsequent taxes; a compound tax comes after the
        taxes ``after`` (a higher sequence).
        :return: the ``account.tax``
        """
        Tax = self.env["account.tax"]
        rate = format(tax_line.rate.normalize(), "f")
        title = (tax_line.title or "").strip()
        if not title or rate not in title:
            title = f"{title or _('Tax')} {rate}%"
        suffix = {TAX_COMPOUND: _(" (compound)"), TAX_COMPOUND_BASE: _(" (base of compound)")}
        name = "".join(
            [
                title,
                f" {dest_country}" if dest_country else "",
                suffix.get(role, ""),
                _(" (incl.)") if include else "",
            ]
        )
        tax = Tax.search(
            [
                ("company_id", "=", self.company.id),
                ("type_tax_use", "=", "sale"),
                ("name", "=", name),
                ("amount", "=", float(tax_line.rate)),
            ],
            limit=1,
        ).filtered(lambda t: t.price_include == include)
        if not tax:
            vals = self._prepare_created_tax_vals(name, tax_line, include)
            if role == TAX_COMPOUND_BASE:
                vals["include_base_amount"] = True
            elif role == TAX_COMPOUND:
                vals.update(include_base_amount=False, is_base_affected=True)
                vals["sequence"] = max((after or Tax).mapped("sequence") or [1]) + 1
            tax = Tax.create(vals)
        self.created_tax_maps |= self.env["ecom.tax.map"].create(
            {
                "shop_id": self.shop.id,
                "rate": float(tax_line.rate),
                "title": tax_line.title or False,
                "country_id": self._country(dest_country).id or False,
                "compound": role or False,
                "tax_id": tax.id,
                "created_from_shop": True,
            }
        )
        return tax

    def scope_taxes(self, taxes, product):
        """Say on ``taxes`` whether they tax goods or services, where they do not say.

        The tax scope (Odoo's ``tax_scope``: goods or services) of the taxes the
        import created or mapped for a line, from its product (a service
        product's are services; shipping carries goods): e-reporting modules
        that read the VAT lines of the books tell goods from services by it. A
        tax that already has a scope keeps it (the French chart's do).
        """
        scope = "service" if product and product.type == "service" else "consu"
        unscoped_sudo = taxes.filtered(lambda tax: not tax.tax_scope).sudo()
        if unscoped_sudo:
            # As the system: whoever imports (shop staff) may not write taxes, and the
            # import only fills an empty scope of the line's own taxes.
            unscoped_sudo.tax_scope = scope
        return taxes

    def _prepare_created_tax_vals(self, name, tax_line, include):
        """Values of a sale tax created from the shop's ``tax_line``."""
        # The company's default sale tax shows its accounts and group; a tax
        # of the company's fiscal country otherwise (a tax's group and
        # country must agree).
        country = self.company.account_fiscal_country_id or self.company.country_id
        model = self.company.account_sale_tax_id.filtered(lambda t: t.country_id == country)
        if not model:
            model = self.env["account.tax"].search(
                [
                    ("company_id", "=", self.company.id),
                    ("type_tax_use", "=", "sale"),
                    ("country_id", "=", country.id),
                ],
                order="sequence, id",
                limit=1,
            )
        account = model.invoice_repartition_line_ids.filtered(
            lambda line: line.repartition_type == "tax"
        )[:1].account_id
        refund_account = (
            model.refund_repartition_line_ids.filtered(lambda line: line.repartition_type == "tax")[
                :1
            ].account_id
            or account
        )
        vals = {
            "name": name,
            "amount": float(tax_line.rate),
            "amount_type": "percent",
            "type_tax_use": "sale",
            "company_id": self.company.id,
            "price_include_override": "tax_included" if include else "tax_excluded",
            "description": _(
                "Created from the shop %(shop)s: check its accounts and tax report tags.",
                shop=self.shop.name,
            ),
            "invoice_repartition_line_ids": [
                Command.create({"repartition_type": "base"}),
                Command.create({"repartition_type": "tax", "account_id": account.id or False}),
            ],
            "refund_repartition_line_ids": [
                Command.create({"repartition_type": "base"}),
                Command.create(
                    {"repartition_type": "tax", "account_id": refund_account.id or False}
                ),
            ],
        }
        if model.tax_group_id and model.tax_group_id.country_id in (country, country.browse()):
            vals["tax_group_id"] = model.tax_group_id.id
        return vals

    def untaxed_taxes(self, order, dest_country, problems):
        """The taxes of the lines the shop did not tax.

        A business customer (a VAT number) delivered in another EU country:
        the 0 % tax the company's intra-EU fiscal position maps its sale tax
        to (its report tags with it). Without a VAT number the lines stay
        untaxed, as the shop says, with a sentence on the order.
        :return: ``account.tax`` records (empty: no tax)
        """
        Tax = self.env["account.tax"]
        country = self._country(dest_country)
        home = self.company.account_fiscal_country_id or self.company.country_id
        europe = self.env.ref("base.europe", raise_if_not_found=False)
        if not (country and europe and country != home):
            return Tax
        if not (country in europe.country_ids and home in europe.country_ids):
            return Tax
        billing = order.billing_address or order.shipping_address
        vat = order.customer.vat or (billing.vat if billing else "")
        if not vat:
            if any(not line.taxes for line in order.lines):
                problems.add(
                    WARNING_UNTAXED_EU_NO_VAT,
                    _(
                        "Lines without tax for a customer in %(country)s without a VAT number: "
                        "imported as the shop sent them; check whether VAT was due.",
                        country=country.name,
                    ),
                    holds=False,
                )
            return Tax
        key = ("intra_eu", country.id)
        if key not in self._taxes:
            self._taxes[key] = self._intra_eu_tax(country)
        position, tax = self._taxes[key]
        if tax and any(not line.taxes for line in order.lines):
            problems.add(
                WARNING_INTRA_EU_B2B,
                _(
                    "Business customer in %(country)s (VAT number %(vat)s): the lines the shop "
                    "did not tax get %(tax)s of the fiscal position %(position)s.",
                    country=country.name,
                    vat=vat,
                    tax=tax.name,
                    position=position.name,
                ),
                holds=False,
            )
        return tax

    def _intra_eu_tax(self, country):
        """(fiscal position, its 0 % sale tax) for EU businesses of ``country``, or empties."""
        positions = self.env["account.fiscal.position"].search(
            [("company_id", "=", self.company.id), ("vat_required", "=", True)],
            order="sequence, id",
        )
        position = (
            positions.filtered(lambda p: p.country_id == country)[:1]
            or positions.filtered(
                lambda p: not p.country_id and country in p.country_group_id.country_ids
            )[:1]
        )
        zero = position.tax_ids.tax_dest_id.filtered(
            lambda t: t.type_tax_use == "sale" and not t.amount
        )
        default = self.company.account_sale_tax_id
        if default and position:
            mapped = position.map_tax(default).filtered(lambda t: not t.amount)
            zero = mapped or zero
        return position, zero[:1]
