# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Posting rules name statuses, origins and gateways as tags, not codes (18.0.2.4.0).

The comma-separated codes of the old text fields (``financial_statuses``,
``origins``, ``gateways``) become the tags of ``financial_status_ids``,
``origin_ids`` (records of ``ecom.rule.value``) and ``gateway_map_ids`` (the
shops' payment mappings with that gateway, in the rule's shops, or all the
company's shops when it names none). The rule keeps its version: it means the
same. A gateway no shop maps could never be posted by a rule (its orders go to
review as an unknown payment method), so it is left out, said in the rule's
chatter; a rule left with none of its gateways is archived rather than made to
match every gateway. The old columns are dropped.
"""

from odoo import SUPERUSER_ID, Command, api
from odoo.tools import SQL

OLD_COLUMNS = ("financial_statuses", "origins", "gateways")


def _codes(text):
    return {part.strip().lower() for part in (text or "").split(",") if part.strip()}


def migrate(cr, version):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'ecom_posting_rule' AND column_name IN %s",
        [OLD_COLUMNS],
    )
    present = [name for (name,) in cr.fetchall()]
    if not present:
        return
    columns = SQL(", ").join(SQL.identifier(name) for name in present)
    cr.execute(SQL("SELECT id, %s FROM ecom_posting_rule", columns))
    old = {row[0]: dict(zip(present, row[1:], strict=True)) for row in cr.fetchall()}
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    Value = env["ecom.rule.value"]
    for rule in env["ecom.posting.rule"].browse(sorted(old)):
        texts = old[rule.id]
        vals = {"version": rule.version}
        statuses = _codes(texts.get("financial_statuses"))
        if statuses:
            vals["financial_status_ids"] = [
                Command.set(Value._ecom_get("financial_status", statuses).ids)
            ]
        origins = _codes(texts.get("origins"))
        if origins:
            vals["origin_ids"] = [Command.set(Value._ecom_get("origin", origins).ids)]
        gateways = _codes(texts.get("gateways"))
        if gateways:
            shops = rule.shop_ids or env["ecom.shop"].search(
                [("company_id", "=", rule.company_id.id)]
            )
            mappings = shops.payment_map_ids.filtered(
                lambda mapping, codes=gateways: mapping.gateway.strip().lower() in codes
            )
            vals["gateway_map_ids"] = [Command.set(mappings.ids)]
            missing = gateways - {mapping.gateway.strip().lower() for mapping in mappings}
            if not mappings:
                vals["active"] = False
            if missing:
                rule.message_post(
                    body=env._(
                        "Upgrade: the gateways %(gateways)s are mapped in none of the rule's "
                        "shops and were left out of its conditions.%(archived)s",
                        gateways=", ".join(sorted(missing)),
                        archived=env._(" It named no other gateway: it is archived.")
                        if not mappings
                        else "",
                    )
                )
        rule.write(vals)
    for name in present:
        cr.execute(SQL("ALTER TABLE ecom_posting_rule DROP COLUMN %s", SQL.identifier(name)))
