# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What a batch of shop orders names, found (or created) in Odoo.

Who is this customer (partners by email, or by the shop's customer id for a
buyer without an email of its own; their invoice and delivery addresses),
which product (by SKU, then barcode, then name), which tax (the shop's
mapping, then the rate), which currency and pricelist. The importer asks; the
resolver answers from caches filled with one query per kind.
"""

from decimal import Decimal

from odoo import Command, _

from ..const import (
    CUSTOMER_KIND_B2B,
    REASON_CUSTOMER_TO_COMPLETE,
    REASON_INACTIVE_CURRENCY,
    REASON_PLACEHOLDER_CUSTOMER,
    REASON_UNKNOWN_PRODUCT,
    REASON_UNKNOWN_TAX,
    TAX_COMPOUND,
    TAX_COMPOUND_BASE,
    WARNING_UNKNOWN_COUNTRY,
)
from .customer_kind import (
    ISSUE_INVALID_SIRET,
    ISSUE_INVALID_VAT,
    check_siret,
    check_vat,
    identify,
)
from .tax_creation import TaxCreation


class OrderResolver(TaxCreation):
    """Finds (or creates) what a batch of orders names, with one query per kind.

    Partners by email, products by SKU then barcode, taxes by mapping then by
    rate, pricelists by currency. Everything is cached for the batch.
    """

    def __init__(self, env, shop, orders):
        # A VAT number is the customer's own entry in the shop: kept as given, never a
        # reason to refuse the order (base_vat, installed with Odoo's localisations,
        # would fail the whole order for a wrong check digit).
        self.env = env(context=dict(env.context, no_vat_validation=True))
        self.shop = shop
        self.company = shop.company_id
        self.price_digits = env["decimal.precision"].precision_get("Product Price")
        self._taxes = {}
        # Tax mappings this batch created (the shop's unknown tax policy):
        # the importer opens one review item for each.
        self.created_tax_maps = env["ecom.tax.map"]
        self._countries = {}
        self._currencies = {}
        self._pricelists = {}
        self._anonymous_partners = {}
        self._load_partners(orders)
        self._load_products(orders)
        self.discount_product = env.ref("ecom_connector.product_discount")
        self.fee_product = shop.fee_product_id or env.ref("ecom_connector.product_fee")
        self.gift_card_product = env.ref("ecom_connector.product_gift_card")
        self.unknown_product = env.ref("ecom_connector.product_unknown")

    # -------------------------------------------------------------- partners

    @staticmethod
    def _email(order):
        for address in (order.billing_address, order.shipping_address):
            if address and address.email and not order.customer.email:
                return address.email.strip().lower()
        return (order.customer.email or "").strip().lower()

    def _customer_ref(self, order, email):
        """The partner reference that keeps the shop's customer id, for a buyer known by
        it rather than by an email (none, or a marketplace's relay address); else ``""``.

        ``ecom:<shop code>:customer-id:<id>``, as the shop's other partners are
        referenced (``ecom:<shop code>:anonymous:...``): per shop, since ids are.
        """
        customer = order.customer
        if not customer.external_id or customer.anonymous:
            return ""
        if email and not customer.email_is_relay:
            return ""
        return f"ecom:{self.shop.code}:customer-id:{customer.external_id}"

    def _load_partners(self, orders):
        emails = {self._email(order) for order in orders} - {""}
        refs = {self._customer_ref(order, self._email(order)) for order in orders} - {""}
        self._partners_by_ref = {}
        if refs:
            for partner in self.env["res.partner"].search(
                [("ref", "in", list(refs)), ("company_id", "=", self.company.id)], order="id"
            ):
                self._partners_by_ref.setdefault(partner.ref, partner)
        partners = self.env["res.partner"].search(
            [
                ("email_normalized", "in", list(emails)),
                ("company_id", "in", [self.company.id, False]),
                ("type", "=", "contact"),
            ],
            order="id",
        )
        self._partners_by_email = {}
        for partner in partners:
            self._partners_by_email.setdefault(partner.email_normalized, partner)

    def _country(self, code):
        if not code:
            return self.env["res.country"]
        code = code.upper()
        if code not in self._countries:
            self._countries[code] = self.env["res.country"].search([("code", "=", code)], limit=1)
        return self._countries[code]

    def _address_vals(self, address, problems):
        country = self._country(address.country_code)
        if address.country_code and not country:
            problems.add(
                WARNING_UNKNOWN_COUNTRY,
                _("Unknown country code %(code)s.", code=address.country_code),
                holds=False,
            )
        state = self.env["res.country.state"]
        if country and address.state_code:
            state = state.search(
                [("country_id", "=", country.id), ("code", "=", address.state_code)], limit=1
            )
        return {
            "street": address.street or False,
            "street2": address.street2 or False,
            "city": address.city or False,
            "zip": address.zip or False,
            "country_id": country.id or False,
            "state_id": state.id or False,
            "phone": address.phone or False,
        }

    def partners(self, order, problems):
        """The customer and its invoice and delivery addresses for ``order``.

        :return: a tuple (customer, invoice address, delivery address)
        """
        customer = order.customer
        billing = order.billing_address or order.shipping_address
        shipping = order.shipping_address or order.billing_address
        if customer.anonymous and customer.external_id:
            partner = self._anonymous(order)
            return partner, partner, partner
        email = self._email(order)
        name = customer.name or (billing and billing.name) or email
        if not email and not name:
            return self._placeholder(order, problems)
        ref = self._customer_ref(order, email)
        partner = self._partners_by_ref.get(ref) if ref else None
        if not partner and email:
            partner = self._partners_by_email.get(email)
        identity = identify(customer, billing)
        if not partner:
            base_vals = self._address_vals(billing, problems) if billing else {}
            partner = self._create_partner(order, identity, name, email, base_vals, ref=ref)
            if ref:
                self._partners_by_ref[ref] = partner
            if email:
                self._partners_by_email[email] = partner
        elif identity.kind == CUSTOMER_KIND_B2B:
            self._complete_company(partner.commercial_partner_id, identity)
        invoice = self._address(partner, billing, "invoice", problems)
        delivery = self._address(partner, shipping, "delivery", problems)
        return partner, invoice, delivery

    def _identifiers(self, identity):
        """The partner's fields for a business's VAT number and SIREN/SIRET (B2B only)."""
        if identity.kind != CUSTOMER_KIND_B2B:
            # A consumer's VAT number (or a business's not identified) is never written.
            return {}
        vals = {"vat": identity.vat or False, "company_registry": identity.siret or False}
        if "siret" in self.env["res.partner"]._fields and len(identity.siret) == 14:
            vals["siret"] = identity.siret  # l10n_fr's field: a SIRET, 14 digits
        return vals

    def _create_partner(self, order, identity, name, email, base_vals, ref=""):
        """A new customer: a company with its identifiers for a business, else a person.

        A company name the shop sent makes a company (the person its contact),
        whatever the classification; only a business classified B2B gets the
        VAT number and SIREN/SIRET. A business with a VAT number but no company
        name is itself the company. ``ref`` (the shop's customer id, see
        :meth:`_customer_ref`) goes on the partner returned, the one orders name.
        """
        Partner = self.env["res.partner"]
        customer = order.customer
        billing = order.billing_address or order.shipping_address
        company_name = identity.company or customer.company or (billing and billing.company) or ""
        identifiers = self._identifiers(identity)
        contact_vals = {
            "name": name,
            "email": email or False,
            "phone": customer.phone or False,
            "company_id": self.company.id,
            "ref": ref or False,
            **base_vals,
        }
        if not company_name:
            return Partner.create({**contact_vals, "is_company": bool(identifiers), **identifiers})
        commercial = Partner.create(
            {
                "name": company_name,
                "is_company": True,
                "company_id": self.company.id,
                **identifiers,
                **base_vals,
            }
        )
        return Partner.create({**contact_vals, "parent_id": commercial.id})

    def _complete_company(self, commercial, identity):
        """A known business customer's missing identifiers, from the shop (never replaced)."""
        if not commercial.is_company:
            return
        vals = {
            key: value
            for key, value in self._identifiers(identity).items()
            if value and not commercial[key]
        }
        if vals:
            commercial.write(vals)

    def customer_kind(self, order, partner, problems):
        """B2B or B2C for ``order`` of ``partner`` (from :meth:`partners`).

        What looks like a business but cannot be identified is not guessed: the
        order is held (customer to complete) until the partner's company has a
        valid VAT number or SIREN/SIRET, which a person sets by hand.
        :return: a code of ``const.CUSTOMER_KINDS``, or ``False`` while held
        """
        identity = identify(order.customer, order.billing_address or order.shipping_address)
        if identity.kind:
            return identity.kind
        commercial = partner.commercial_partner_id
        siret = commercial["siret"] if "siret" in commercial._fields else ""
        if (
            check_vat(commercial.vat, commercial.country_id.code)
            or check_siret(commercial.company_registry)
            or check_siret(siret)
        ):
            return CUSTOMER_KIND_B2B
        problems.add(REASON_CUSTOMER_TO_COMPLETE, self._to_complete_sentence(identity, commercial))
        return False

    @staticmethod
    def _to_complete_sentence(identity, commercial):
        what = []
        for issue, value in identity.issues:
            if issue == ISSUE_INVALID_VAT:
                what.append(_("the VAT number %(vat)s is not valid", vat=value))
            elif issue == ISSUE_INVALID_SIRET:
                what.append(_("the SIREN/SIRET %(siret)s is not valid", siret=value))
            else:
                what.append(
                    _(
                        "%(company)s is a French company name without a VAT number or "
                        "SIREN/SIRET",
                        company=value,
                    )
                )
        return _(
            "The customer looks like a business but cannot be identified: %(what)s. Set the "
            "VAT number or the SIRET of %(partner)s, then reprocess the order.",
            what="; ".join(what),
            partner=commercial.display_name,
        )

    def _address(self, partner, address, kind, problems):
        """The child address of ``partner`` matching ``address`` (created if new)."""
        if not address:
            return partner
        vals = self._address_vals(address, problems)
        name = address.name or partner.name
        same_as_partner = (
            all(
                (partner[key].id if key.endswith("_id") else partner[key]) == value
                for key, value in vals.items()
                if key != "phone"
            )
            and name == partner.name
        )
        if same_as_partner:
            return partner
        for child in partner.child_ids:
            if (
                child.type == kind
                and child.name == name
                and all(
                    (child[key].id if key.endswith("_id") else child[key]) == value
                    for key, value in vals.items()
                    if key != "phone"
                )
            ):
                return child
        return self.env["res.partner"].create(
            {"parent_id": partner.id, "type": kind, "name": name, **vals}
        )

    def _anonymous(self, order):
        """The shop's one customer for buyers a marketplace keeps to itself
        (per ``customer.external_id``, such as a marketplace's site)."""
        customer = order.customer
        ref = f"ecom:{self.shop.code}:anonymous:{customer.external_id}"
        cache = self._anonymous_partners
        if ref in cache:
            return cache[ref]
        Partner = self.env["res.partner"].with_context(active_test=False)
        partner = Partner.search([("ref", "=", ref), ("company_id", "=", self.company.id)], limit=1)
        if not partner:
            partner = Partner.create(
                {
                    "name": _(
                        "%(platform)s customer (%(site)s)",
                        platform=dict(
                            self.shop._fields["platform"]._description_selection(self.env)
                        )[self.shop.platform],
                        site=customer.external_id,
                    ),
                    "ref": ref,
                    "company_id": self.company.id,
                }
            )
        cache[ref] = partner
        return partner

    def _placeholder(self, order, problems):
        ref = f"ecom:{self.shop.code}:customer:{order.customer.external_id or 'unknown'}"
        Partner = self.env["res.partner"].with_context(active_test=False)
        partner = Partner.search([("ref", "=", ref), ("company_id", "=", self.company.id)], limit=1)
        if not partner:
            partner = Partner.create(
                {
                    "name": _(
                        "%(shop)s customer %(id)s (to complete)",
                        shop=self.shop.name,
                        id=order.customer.external_id or "?",
                    ),
                    "ref": ref,
                    "company_id": self.company.id,
                    "ecom_placeholder": True,
                }
            )
        problems.add(
            REASON_PLACEHOLDER_CUSTOMER,
            _("The customer was not in the payload: a placeholder customer was used."),
        )
        return partner, partner, partner

    # -------------------------------------------------------------- products

    def _load_products(self, orders):
        skus = {line.sku for order in orders for line in order.lines if line.sku}
        barcodes = {line.barcode for order in orders for line in order.lines if line.barcode}
        Product = self.env["product.product"]
        company_domain = [("company_id", "in", [self.company.id, False])]
        self._by_sku = {}
        for product in Product.search(
            [("default_code", "in", list(skus))] + company_domain, order="id"
        ):
            self._by_sku.setdefault(product.default_code, product)
        # The shop's SKU mappings come before the products' internal references.
        for mapping in self.env["ecom.product.map"].search(
            [("shop_id", "=", self.shop.id), ("sku", "in", list(skus))]
        ):
            self._by_sku[mapping.sku] = mapping.product_id
        self._by_barcode = {}
        if barcodes:
            for product in Product.search([("barcode", "in", list(barcodes))] + company_domain):
                self._by_barcode.setdefault(product.barcode, product)
        self._by_name = {}

    def product(self, line, problems):
        if line.is_gift_card:
            return self.gift_card_product
        product = (line.sku and self._by_sku.get(line.sku)) or (
            line.barcode and self._by_barcode.get(line.barcode)
        )
        if product:
            return product
        if not line.sku:
            product = self._by_name.get(line.name) or self.env["product.product"].search(
                [("name", "=", line.name), ("company_id", "in", [self.company.id, False])], limit=1
            )
            if product:
                self._by_name[line.name] = product
                return product
        if self.shop.unknown_product_policy == "create":
            product = self.env["product.product"].create(
                {
                    "name": line.name,
                    "default_code": line.sku or False,
                    "barcode": line.barcode or False,
                    "type": "consu",
                    "is_storable": bool(line.requires_shipping),
                    "invoice_policy": "order",
                    "list_price": float(line.unit_price),
                    "taxes_id": [Command.clear()],
                }
            )
            if line.sku:
                self._by_sku[line.sku] = product
            else:
                self._by_name[line.name] = product
            return product
        problems.add(
            REASON_UNKNOWN_PRODUCT,
            _(
                "No product with SKU %(sku)s (%(name)s): create it or map it, then reprocess.",
                sku=line.sku or _("(none)"),
                name=line.name,
            ),
        )
        return self.unknown_product

    def shipping_product(self, shipping):
        mapping = self.shop.shipping_map_ids.filtered(
            lambda m: m.code in (shipping.code, shipping.title)
        )[:1]
        return (
            (mapping and mapping._ecom_product())
            or self.shop.shipping_product_id
            or self.env.ref("ecom_connector.product_shipping")
        )

    def carrier(self, order):
        for shipping in order.shipping_lines:
            mapping = self.shop.shipping_map_ids.filtered(
                lambda m, s=shipping: m.code in (s.code, s.title)
            )[:1]
            if mapping.carrier_id:
                return mapping.carrier_id
        return None

    # -------------------------------------------------------------- taxes

    def taxes(self, tax_lines, include, dest_country, problems, create=True):
        """Odoo taxes for a line's tax lines (mapping first, then by rate).

        Several shop taxes give several Odoo taxes. When the shop compounds
        one (computes it on the price plus the line's other taxes), the
        simple taxes of the line are taxes that affect the base of subsequent
        taxes (``include_base_amount``) and the compound ones come after them
        in Odoo's order (sequence, then id): Odoo then computes what the shop
        did, to the cent.

        A shop tax the company lacks is created when the shop's policy says
        so and ``create`` allows it; ``create`` is false for an order whose
        amounts do not reconcile (a rate estimated from them would be a
        guess): the order is held, saying the tax waits with it.
        :return: ``account.tax`` records
        """
        tax_lines = [line for line in tax_lines if line.rate or line.amount]
        compounded = any(line.compound for line in tax_lines)
        found = {TAX_COMPOUND_BASE: self.env["account.tax"], TAX_COMPOUND: self.env["account.tax"]}
        taxes = self.env["account.tax"]
        # The simple taxes first: a compound tax created for the line comes after them.
        for tax_line in sorted(tax_lines, key=lambda line: line.compound):
            role = (
                TAX_COMPOUND if tax_line.compound else (TAX_COMPOUND_BASE if compounded else False)
            )
            key = (tax_line.rate, tax_line.title, dest_country, include, role)
            if key not in self._taxes:
                self._taxes[key] = self._find_tax(tax_line, include, dest_country, role)
            tax = self._taxes[key]
            creates = self.shop.unknown_tax_policy == "create"
            if not tax and creates and create:
                tax = self._taxes[key] = self._create_tax(
                    tax_line, include, dest_country, role, after=found[TAX_COMPOUND_BASE]
                )
            if not tax and creates:
                problems.add(REASON_UNKNOWN_TAX, self._waiting_tax_sentence(tax_line, dest_country))
            elif not tax:
                sentence = self._unknown_tax_sentence(tax_line, role, dest_country)
                problems.add(REASON_UNKNOWN_TAX, sentence)
            if role:
                found[role] |= tax
            taxes |= tax
        self._check_compound_order(found[TAX_COMPOUND_BASE], found[TAX_COMPOUND], problems)
        return taxes

    @staticmethod
    def _waiting_tax_sentence(tax_line, dest_country):
        return _(
            "The sale tax of %(rate)s %% (%(title)s, %(country)s) the shop charged is not in "
            "the company, and is not created while the order's amounts do not reconcile: "
            "its rate may be wrong. It waits with the order: once the order's totals are "
            "corrected, reprocess it and the tax is created.",
            rate=format(tax_line.rate.normalize(), "f"),
            title=tax_line.title or "-",
            country=dest_country or "-",
        )

    @staticmethod
    def _unknown_tax_sentence(tax_line, role, dest_country):
        values = {
            "rate": format(tax_line.rate.normalize(), "f"),
            "title": tax_line.title or "-",
            "country": dest_country or "-",
        }
        if role == TAX_COMPOUND:
            return _(
                "No compound sale tax of %(rate)s %% (%(title)s, %(country)s), computed on the "
                "price plus the line's other taxes: add a tax mapping (compounding: compound) "
                "on the shop, then reprocess.",
                **values,
            )
        if role == TAX_COMPOUND_BASE:
            return _(
                "No sale tax of %(rate)s %% (%(title)s, %(country)s) that affects the base of "
                "subsequent taxes, as the line's compound tax needs: add a tax mapping "
                "(compounding: in the base of compound taxes) on the shop, then reprocess.",
                **values,
            )
        return _(
            "No sale tax of %(rate)s %% (%(title)s, %(country)s) in the company: "
            "add a tax mapping on the shop, then reprocess.",
            **values,
        )

    @staticmethod
    def _check_compound_order(bases, compounds, problems):
        """A problem when a line's compound tax would not be computed after its base taxes."""

        def order(tax):
            return (tax.sequence, tax.id)

        for compound in compounds:
            for base in bases:
                if not base.include_base_amount or order(base) >= order(compound):
                    problems.add(
                        REASON_UNKNOWN_TAX,
                        _(
                            "The compound tax %(compound)s must be computed after %(base)s, "
                            "which must affect the base of subsequent taxes: give %(compound)s "
                            "a higher sequence and %(base)s the option, then reprocess.",
                            compound=compound.name,
                            base=base.name,
                        ),
                    )

    def _find_tax(self, tax_line, include, dest_country, role=False):
        rate = float(tax_line.rate)
        title = (tax_line.title or "").strip().lower()
        candidates = self.shop.tax_map_ids.filtered(
            lambda m: abs(m.rate - rate) < 0.005
            and (m.compound or False) == role
            and (not m.title or m.title.strip().lower() == title)
            and (not m.country_id or m.country_id.code == dest_country)
        )
        if candidates:
            return candidates.sorted(lambda m: (not m.title, not m.country_id))[0].tax_id
        Tax = self.env["account.tax"]
        domain = [
            ("type_tax_use", "=", "sale"),
            ("amount_type", "=", "percent"),
            ("company_id", "=", self.company.id),
            ("amount", ">=", rate - 0.001),
            ("amount", "<=", rate + 0.001),
        ]
        if role == TAX_COMPOUND_BASE:
            domain.append(("include_base_amount", "=", True))
        elif role == TAX_COMPOUND:
            domain += [("include_base_amount", "=", False), ("is_base_affected", "=", True)]
        company_country = self.company.account_fiscal_country_id.code
        if dest_country and company_country and dest_country != company_country:
            # EU distance sales are taxed at the destination (OSS): the rate
            # lives on the destination's fiscal position, not in the domestic taxes.
            positions = self.env["account.fiscal.position"].search(
                [("company_id", "=", self.company.id), ("country_id.code", "=", dest_country)]
            )
            destination_taxes = positions.tax_ids.tax_dest_id.filtered_domain(domain)
            if destination_taxes:
                return self._prefer_basis(destination_taxes, include)
        return self._prefer_basis(Tax.search(domain), include)

    @staticmethod
    def _prefer_basis(taxes, include):
        """The tax of ``taxes`` on the shop's basis, one that affects no other tax first."""
        return taxes.sorted(
            lambda t: (t.price_include != include, t.include_base_amount, t.sequence, t.id)
        )[:1]

    def price_in_tax_basis(self, amount, taxes, include):
        """``amount`` expressed on the basis of ``taxes`` (tax included or not).

        :return: a tuple (amount, whether it includes tax)
        """
        if not taxes:
            return amount, include
        taxes_include = all(taxes.mapped("price_include"))
        if taxes_include == include:
            return amount, include
        factor = 1 + self._tax_rate(taxes)
        if include:
            return amount / factor, False
        return amount * factor, True

    @staticmethod
    def _tax_rate(taxes):
        """The taxes' total rate on a price (a fraction), compound taxes compounded."""
        flat, _groups = taxes._flatten_taxes_and_sort_them()
        total = in_base = Decimal(0)
        for tax in flat:
            amount = Decimal(str(tax.amount)) / 100 * (1 + (in_base if tax.is_base_affected else 0))
            total += amount
            if tax.include_base_amount:
                in_base += amount
        return total

    # -------------------------------------------------------------- currency

    def currency(self, code, problems):
        """The currency ``code``; an inactive one holds the order, saying which.

        A company's currencies are its configuration (rates, books): an import
        never activates one, whoever runs it (a user's file, a pull, a webhook,
        the command line). A connector manager activates it from the held
        order (*Activate Currency and Reprocess*).
        """
        if code not in self._currencies:
            self._currencies[code] = (
                self.env["res.currency"]
                .with_context(active_test=False)
                .search([("name", "=", code)], limit=1)
            )
        currency = self._currencies[code]
        if not currency.active:
            problems.add(
                REASON_INACTIVE_CURRENCY,
                _(
                    "The order is in %(currency)s, a currency not active in Odoo: a web-shop "
                    "connector manager activates %(currency)s with Activate Currency and "
                    "Reprocess on the order.",
                    currency=code,
                ),
            )
        return currency

    def pricelist(self, currency):
        """A pricelist in ``currency`` (the shop's, the company's, or a new one)."""
        if currency in self._pricelists:
            return self._pricelists[currency]
        Pricelist = self.env["product.pricelist"]
        pricelist = Pricelist
        if self.shop.pricelist_id.currency_id == currency:
            pricelist = self.shop.pricelist_id
        if not pricelist:
            pricelist = Pricelist.search(
                [("currency_id", "=", currency.id), ("company_id", "in", [self.company.id, False])],
                limit=1,
            )
        if not pricelist:
            pricelist = Pricelist.create(
                {
                    "name": _("Web shops (%(currency)s)", currency=currency.name),
                    "currency_id": currency.id,
                    "company_id": self.company.id,
                }
            )
        self._pricelists[currency] = pricelist
        return pricelist
