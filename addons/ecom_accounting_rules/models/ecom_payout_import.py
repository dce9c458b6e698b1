# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""How parsed payouts and balance transactions are stored, then booked.

A transaction is stored once per provider and company (the same one
received twice is a duplicate); one received before its payout waits,
and attaches when the payout comes. Then every payout touched is matched
and booked as far as it goes, and a report says where each stands.
"""

from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.ecom_connector.adapters.canonical import PayloadError

from .. import payouts as parsers
from ..tools import accountant_env


def by_external_id(model, company, provider, external_ids):
    """The records of ``model`` of ``company`` and ``provider`` with these external ids.

    :return: a dict external id → record
    """
    domain = [
        ("company_id", "=", company.id),
        ("provider", "=", provider),
        ("external_id", "in", list(external_ids)),
    ]
    return {record.external_id: record for record in model.search(domain)}


class EcomPayout(models.Model):
    _inherit = "ecom.payout"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _ecom_import_content(self, provider, content, filename, company=None, shop=None):
        """Parse one file or API answer of ``provider`` and receive it (see :meth:`_ecom_receive`).

        :raises UserError: when the content is not what the provider sends
        """
        try:
            parsed = parsers.parse(provider, content, filename)
        except PayloadError as error:
            raise UserError(
                _("%(file)s: %(error)s", file=filename or provider, error=str(error))
            ) from None
        return self._ecom_receive(provider, parsed, company=company, shop=shop)

    @api.model
    def _ecom_receive(self, provider, parsed, company=None, shop=None):
        """Store ``parsed`` payouts and transactions, then match and book their payouts.

        :param parsed: a :class:`~..payouts.ParsedPayouts`
        :return: a dict: ``payouts`` (the ``ecom.payout`` records received or
            completed) and ``counts`` of the transactions: received, booked,
            pending, review, duplicates (each received one in one of the last four)
        """
        company = company or (shop and shop.company_id) or self.env.company
        self = self.with_company(company)
        currencies, activated = self._ecom_currencies(
            {p.currency for p in parsed.payouts} | {t.currency for t in parsed.transactions}
        )
        payouts = self._ecom_store_payouts(provider, parsed.payouts, company, shop, currencies)
        lines, duplicates = self.env["ecom.payout.line"]._ecom_store(
            provider, parsed.transactions, company, shop, currencies
        )
        # Waiting transactions of the payouts received, from earlier files.
        pending = self.env["ecom.payout.line"].search(
            [
                ("company_id", "=", company.id),
                ("provider", "=", provider),
                ("payout_id", "=", False),
                ("payout_external_id", "in", payouts.mapped("external_id")),
            ]
        )
        by_ext = {payout.external_id: payout for payout in payouts}
        for line in pending:
            line.write({"payout_id": by_ext[line.payout_external_id].id, "state": "todo"})
        touched = payouts | lines.payout_id
        if activated:
            # Never a silent change of settings: the payouts say what changed and why.
            for payout in touched:
                env = accountant_env(self.env, payout.company_id, payout.shop_id)
                payout.message_post(
                    body=env._(
                        "The currency %(currencies)s was activated by this import: the "
                        "provider pays in it.",
                        currencies=", ".join(activated.mapped("name")),
                    )
                )
        touched._ecom_process()
        return {
            "payouts": touched.sorted(lambda p: (p.date or p.create_date.date(), p.id)),
            "lines": lines,
            "counts": lines._ecom_counts(len(parsed.transactions), duplicates),
        }

    @api.model
    def _ecom_currencies(self, codes):
        codes = {code for code in codes if code}
        found = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search([("name", "in", list(codes))])
        )
        by_code = {currency.name: currency for currency in found}
        missing = codes - set(by_code)
        if missing:
            raise UserError(_("Unknown currency: %(codes)s.", codes=", ".join(sorted(missing))))
        inactive = found.filtered(lambda c: not c.active)
        if inactive:
            inactive.sudo().active = True  # a currency the provider pays in must be usable
        return by_code, inactive

    @api.model
    def _ecom_store_payouts(self, provider, parsed_payouts, company, shop, currencies):
        existing = by_external_id(self, company, provider, [p.external_id for p in parsed_payouts])
        result = self.browse()
        create_vals = []
        for parsed in parsed_payouts:
            currency = currencies.get(parsed.currency) or company.currency_id
            vals = {
                "status": parsed.status,
                "date": parsed.date,
                "currency_id": currency.id,
                "amount": float(parsed.amount),
                "summary": parsed.summary or False,
            }
            payout = existing.get(parsed.external_id)
            if payout:
                # A booked payout keeps its figures; only its status may move on.
                changes = {"status": parsed.status} if payout.move_id else vals
                current = {
                    "status": payout.status,
                    "date": payout.date,
                    "currency_id": payout.currency_id.id,
                    "amount": payout.amount,
                    "summary": payout.summary or False,
                }
                changes = {key: value for key, value in changes.items() if current[key] != value}
                if changes:
                    payout.write(changes)
                result |= payout
                continue
            create_vals.append(
                {
                    **vals,
                    "company_id": company.id,
                    "provider": provider,
                    "shop_id": shop.id if shop else False,
                    "external_id": parsed.external_id,
                }
            )
            existing[parsed.external_id] = True
        if create_vals:
            result |= self.create(create_vals)
        return result


class EcomPayoutLine(models.Model):
    _inherit = "ecom.payout.line"  # pylint: disable=consider-merging-classes-inherited

    def _ecom_counts(self, received, duplicates):
        """Where these lines (received, not duplicates) stand: booked, pending or in review."""
        counts = {"received": received, "booked": 0, "pending": 0, "review": 0}
        counts["duplicates"] = duplicates
        for line in self:
            if line.state == "booked":
                counts["booked"] += 1
            elif not line.payout_id or line.payout_id.status in ("scheduled", "in_transit"):
                counts["pending"] += 1
            else:
                counts["review"] += 1
        return counts

    @api.model
    def _ecom_store(self, provider, transactions, company, shop, currencies):
        """Create the transactions not stored yet, each linked to its payout when known.

        A transaction stored while it waited for its payout, received again
        with its payout named, is attached to it.
        :return: (the new or attached lines, how many were duplicates)
        """
        stored = by_external_id(self, company, provider, [txn.external_id for txn in transactions])
        known = set(stored)
        payout_ids = {txn.payout_external_id for txn in transactions if txn.payout_external_id}
        payouts = by_external_id(self.env["ecom.payout"], company, provider, payout_ids)
        duplicates = 0
        create_vals = []
        attached = self.browse()
        for txn in transactions:
            line = stored.pop(txn.external_id, None)
            if line and not line.payout_external_id and txn.payout_external_id:
                # Received while it waited for a payout: it now names its payout.
                payout = payouts.get(txn.payout_external_id)
                line.write(
                    {
                        "payout_external_id": txn.payout_external_id,
                        "payout_id": payout.id if payout else False,
                        "state": "todo" if payout else "pending",
                    }
                )
                attached |= line
                continue
            if txn.external_id in known:
                duplicates += 1
                continue
            known.add(txn.external_id)
            payout = payouts.get(txn.payout_external_id)
            currency = currencies.get(txn.currency) or company.currency_id
            create_vals.append(
                {
                    "company_id": company.id,
                    "provider": provider,
                    "shop_id": shop.id if shop else False,
                    "payout_id": payout.id if payout else False,
                    "payout_external_id": txn.payout_external_id or False,
                    "external_id": txn.external_id,
                    "type": txn.type,
                    "provider_type": txn.provider_type,
                    "currency_id": currency.id,
                    "amount": float(txn.amount),
                    "fee": float(txn.fee),
                    "net": float(txn.net),
                    "exchange_rate": float(txn.exchange_rate or 0.0),
                    "date": txn.date,
                    "description": txn.description or False,
                    "order_external_id": txn.order_external_id or False,
                    "order_reference": txn.order_reference or False,
                    "transaction_refs": " ".join(txn.transaction_refs) or False,
                    "state": "todo" if payout else "pending",
                }
            )
        return attached | self.create(create_vals), duplicates
