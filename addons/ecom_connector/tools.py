"""Small ORM helpers shared by the connector and the accounting rules."""


def count_by(records, model, field, domain=(), own_company=False):
    """How many ``model`` records point at each of ``records`` through ``field``.

    One grouped query for the whole recordset (no search in a loop).

    :param records: the recordset counted for
    :param str model: the model of the records counted
    :param str field: their many2one to ``records``
    :param domain: more conditions on the records counted
    :param own_company: count only those of ``records``' own companies (for a
        count computed as superuser, which record rules no longer limit)
    :return: a dict record -> count (a record nothing points at is absent)
    """
    if own_company:
        domain = [("company_id", "in", records.company_id.ids), *domain]
    return dict(
        records.env[model]._read_group([(field, "in", records.ids), *domain], [field], ["__count"])
    )
