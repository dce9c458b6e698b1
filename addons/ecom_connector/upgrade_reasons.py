# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Reasons of databases made before 18.0.2.1.0 moved into ``ecom.reason``.

Versions 18.0.1 had two reason models: ``ecom.hold.reason`` (this addon) and
``ecom.review.reason`` (the accounting addon). The pre-migration scripts of
both addons call :func:`merge_legacy_reasons`, so the rows, the records that
point to them and their XML ids follow; the tests call it on legacy tables
they make. Plain SQL on a cursor: the ORM of the old models is gone by then.
"""

import json

from odoo.tools import SQL, sql

REASON_MODEL = "ecom.reason"
# Our own XML ids of reasons: ecom_connector.reason_<code>.
XMLID_MODULE = "ecom_connector"
XMLID_PREFIX = "reason_"
# The modules that shipped the legacy reasons.
LEGACY_MODULES = ("ecom_connector", "ecom_accounting_rules")


def merge_legacy_reasons(cr, applies_to, many2one=(), many2many=()):
    """Merge the rows of the legacy ``ecom_<applies_to>_reason`` into ``ecom_reason`` (by code),
    then drop it.

    A code already in ``ecom_reason`` keeps its record, which then applies to
    both stages when it applied to the other one; a new code gets a record.
    Every reference to a legacy row is moved to the merged record.

    :param applies_to: ``hold`` or ``review``: where the legacy reasons applied;
        the legacy model is ``ecom.<applies_to>.reason``, the legacy XML ids of
        its shipped reasons ``<applies_to>_reason_<code>``; they become
        ``ecom_connector.reason_<code>`` unless that one exists already
    :param many2one: ``(table, column)`` pairs holding ids of the legacy table
    :param many2many: ``(legacy relation, new relation, column of the other
        side, legacy column)`` tuples
    :return: a dict legacy id → ``ecom_reason`` id (empty when there was no
        legacy table)
    """
    legacy_model = f"ecom.{applies_to}.reason"
    legacy_table = legacy_model.replace(".", "_")
    xmlid_prefix = f"{applies_to}_reason_"
    if not sql.table_exists(cr, legacy_table):
        return {}
    _ensure_reason_table(cr)
    cr.execute(
        SQL(
            """SELECT id, code, name, description, sequence,
                      create_uid, create_date, write_uid, write_date
                 FROM %s ORDER BY id""",
            SQL.identifier(legacy_table),
        )
    )
    mapping = {}
    codes = {}
    for old_id, code, name, description, sequence, *audit in cr.fetchall():
        cr.execute("SELECT id, applies_to FROM ecom_reason WHERE code = %s", [code])
        found = cr.fetchone()
        if found:
            new_id, current = found
            if current not in (applies_to, "both"):
                cr.execute("UPDATE ecom_reason SET applies_to = 'both' WHERE id = %s", [new_id])
        else:
            cr.execute(
                """INSERT INTO ecom_reason (code, name, description, sequence, applies_to,
                                            create_uid, create_date, write_uid, write_date)
                   VALUES (%s, %s::jsonb, %s::jsonb, %s, %s, %s, %s, %s, %s)
                   RETURNING id""",
                [code, _json(name), _json(description), sequence, applies_to, *audit],
            )
            new_id = cr.fetchone()[0]
        mapping[old_id] = new_id
        codes[old_id] = code
    old_ids, new_ids = list(mapping), list(mapping.values())
    for table, column in many2one:
        _drop_foreign_keys(cr, table, column, legacy_table)
        cr.execute(
            SQL(
                """UPDATE %(table)s SET %(column)s = m.new_id
                     FROM unnest(%(old)s::int[], %(new)s::int[]) AS m(old_id, new_id)
                    WHERE %(table)s.%(column)s = m.old_id""",
                table=SQL.identifier(table),
                column=SQL.identifier(column),
                old=old_ids,
                new=new_ids,
            )
        )
    for legacy_relation, relation, other_column, legacy_column in many2many:
        _move_relation(cr, legacy_relation, relation, other_column, legacy_column, old_ids, new_ids)
    _move_xmlids(cr, legacy_model, xmlid_prefix, mapping, codes)
    cr.execute(SQL("DROP TABLE %s CASCADE", SQL.identifier(legacy_table)))
    return mapping


def _json(value):
    """A translated value read from a jsonb column (a dict), to write into another."""
    return None if value is None else json.dumps(value)


def _ensure_reason_table(cr):
    """The ``ecom_reason`` table, with the columns the merge writes.

    Before the connector's models are loaded the table does not exist yet; the
    ORM adds the rest (constraints, foreign keys) when it loads the model.
    """
    cr.execute(
        """CREATE TABLE IF NOT EXISTS ecom_reason (
               id SERIAL PRIMARY KEY,
               code VARCHAR NOT NULL,
               name JSONB NOT NULL,
               description JSONB,
               sequence INTEGER,
               applies_to VARCHAR NOT NULL,
               create_uid INTEGER,
               create_date TIMESTAMP,
               write_uid INTEGER,
               write_date TIMESTAMP
           )"""
    )


def _drop_foreign_keys(cr, table, column, referenced_table):
    """Drop the foreign keys of ``table.column`` to ``referenced_table`` (the ORM adds the new)."""
    cr.execute(
        """SELECT fk.conname
             FROM pg_constraint fk
             JOIN pg_class c1 ON c1.oid = fk.conrelid
             JOIN pg_class c2 ON c2.oid = fk.confrelid
             JOIN pg_attribute a1 ON a1.attrelid = c1.oid AND a1.attnum = fk.conkey[1]
            WHERE fk.contype = 'f' AND c1.relname = %s AND a1.attname = %s AND c2.relname = %s""",
        [table, column, referenced_table],
    )
    for (name,) in cr.fetchall():
        cr.execute(
            SQL(
                "ALTER TABLE %s DROP CONSTRAINT %s",
                SQL.identifier(table),
                SQL.identifier(name),
            )
        )


def _move_relation(cr, legacy_relation, relation, other_column, legacy_column, old_ids, new_ids):
    """Copy a many2many's pairs to its new relation table (made as the ORM makes it)."""
    if not sql.table_exists(cr, legacy_relation):
        return
    identifiers = {
        "relation": SQL.identifier(relation),
        "other": SQL.identifier(other_column),
        "reason": SQL.identifier("ecom_reason_id"),
    }
    if not sql.table_exists(cr, relation):
        cr.execute(
            SQL(
                """CREATE TABLE %(relation)s (%(other)s INTEGER NOT NULL,
                                              %(reason)s INTEGER NOT NULL,
                                              PRIMARY KEY (%(other)s, %(reason)s));
                   CREATE INDEX ON %(relation)s (%(reason)s, %(other)s)""",
                **identifiers,
            )
        )
    cr.execute(
        SQL(
            """INSERT INTO %(relation)s (%(other)s, %(reason)s)
               SELECT legacy.%(other)s, m.new_id
                 FROM %(legacy)s legacy
                 JOIN unnest(%(old)s::int[], %(new)s::int[]) AS m(old_id, new_id)
                   ON m.old_id = legacy.%(legacy_column)s
               ON CONFLICT DO NOTHING""",
            legacy=SQL.identifier(legacy_relation),
            legacy_column=SQL.identifier(legacy_column),
            old=old_ids,
            new=new_ids,
            **identifiers,
        )
    )
    cr.execute(SQL("DROP TABLE %s", SQL.identifier(legacy_relation)))
    cr.execute("DELETE FROM ir_model_relation WHERE name = %s", [legacy_relation])


def _move_xmlids(cr, legacy_model, xmlid_prefix, mapping, codes):
    """Point the legacy records' XML ids to the merged records.

    A shipped reason's id (``<prefix><code>``) becomes ``ecom_connector.reason_<code>``;
    when that id exists already (the connector's data made it, or another
    legacy model's reason of the same code did), the legacy one is dropped.
    Other ids (exports, other modules) keep their name.
    """
    cr.execute(
        "SELECT id, module, name, res_id FROM ir_model_data WHERE model = %s ORDER BY id",
        [legacy_model],
    )
    for imd_id, module, name, res_id in cr.fetchall():
        new_id = mapping.get(res_id)
        code = codes.get(res_id)
        if new_id is None:
            cr.execute("DELETE FROM ir_model_data WHERE id = %s", [imd_id])
            continue
        if module not in LEGACY_MODULES or name != f"{xmlid_prefix}{code}":
            cr.execute(
                "UPDATE ir_model_data SET model = %s, res_id = %s WHERE id = %s",
                [REASON_MODEL, new_id, imd_id],
            )
            continue
        target = f"{XMLID_PREFIX}{code}"
        cr.execute(
            "SELECT 1 FROM ir_model_data WHERE module = %s AND name = %s",
            [XMLID_MODULE, target],
        )
        if cr.fetchone():
            cr.execute("DELETE FROM ir_model_data WHERE id = %s", [imd_id])
        else:
            cr.execute(
                """UPDATE ir_model_data
                      SET module = %s, name = %s, model = %s, res_id = %s
                    WHERE id = %s""",
                [XMLID_MODULE, target, REASON_MODEL, new_id, imd_id],
            )


def merge_hold_reasons(cr):
    """``ecom.hold.reason`` into ``ecom.reason``, with the orders held for them.

    :return: a dict legacy id → ``ecom_reason`` id
    """
    return merge_legacy_reasons(
        cr,
        "hold",
        many2many=[
            (
                "ecom_hold_reason_sale_order_rel",
                "ecom_reason_sale_order_rel",
                "sale_order_id",
                "ecom_hold_reason_id",
            )
        ],
    )
