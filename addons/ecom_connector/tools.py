# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Small ORM helpers shared by the connector and the accounting rules."""

import json

#: Payloads longer than this are shown as received, not re-indented (the code
#: editor stays responsive; the raw text is the same).
READABLE_BODY_LIMIT = 200_000

#: Context keys of the import's and the rules' batch work, honoured by
#: models/mail_thread.py: no origin note ("created from S00009") on the
#: deliveries and invoices made, and no customer made a follower of the orders
#: and deliveries made.
NO_ORIGIN_NOTE = "ecom_no_origin_note"
NO_CUSTOMER_FOLLOWER = "ecom_no_customer_follower"

#: The accounting documents the rules write in batches (invoices, payments,
#: entries, credit notes) have no creator to notify: no "created" note, no
#: creator following each of them, no origin note ("created from S00009": the
#: invoice's origin is in its fields and the order's smart button). The
#: customer following the invoice and the tracking of its state stay.
QUIET_CREATE = {"mail_create_nolog": True, "mail_create_nosubscribe": True, NO_ORIGIN_NOTE: True}


def company_lang(company):
    """The language ``company``'s people read: the company's own (its partner's, as
    Odoo sets it with the address), else the one most of its internal users have.

    :param company: a ``res.company`` record (read as the system)
    :return: a language code, or ``False`` when neither says
    """
    company_sudo = company.sudo()
    if company_sudo.partner_id.lang:
        return company_sudo.partner_id.lang
    users_sudo = company_sudo.env["res.users"].search(
        [("company_id", "=", company_sudo.id), ("share", "=", False), ("lang", "!=", False)]
    )
    langs = users_sudo.mapped("lang")
    return max(set(langs), key=langs.count) if langs else False


def in_company_lang(records, company=None):
    """``records`` in the language of ``company``'s people (default: the first
    company of ``records``, else the environment's).

    For the work nobody's request started (queue jobs, the schedule, the command
    line): what Odoo writes then (record names, "created" and "created from"
    notes, tracking values, our sentences) is read by the company's people, while
    the environment has no language, or the enqueuer's.
    """
    if company is None:
        company = records.env.company
        if "company_id" in records._fields:
            company = records.sudo().company_id[:1].with_env(records.env) or company
    lang = company_lang(company)
    return records.with_context(lang=lang) if lang else records


def batch_chatter(records, customers_follow=False, log_creation=True):
    """``records`` for the import's and the rules' batch calls: without Odoo's
    per-record chatter that nobody reads on what the system creates.

    Odoo's own keys: the user running the batch does not follow each record
    (``mail_create_nosubscribe``), the values the system sets at creation and
    confirmation are not tracked (``mail_notrack``), the shop's salesperson is
    not notified of each order (``mail_auto_subscribe_no_notify``). Ours: no
    origin note per delivery and invoice (their origin is in their fields and
    smart buttons), and the customer follows only when ``customers_follow``
    (the shop's *Customers Follow Their Orders*).

    Only around the batch's calls, never kept on the records: what people do
    afterwards is tracked as usual. The keys silence chatter, they allow nothing.

    :param customers_follow: whether the customers follow the orders and
        deliveries made
    :param log_creation: whether the records created say so in their chatter
        (an imported order says where it came from; a delivery made by the
        confirmation does not: ``mail_create_nolog``)
    :return: ``records`` with that context
    """
    context = {
        "mail_create_nosubscribe": True,
        "mail_notrack": True,
        "mail_auto_subscribe_no_notify": True,
        NO_ORIGIN_NOTE: True,
    }
    if not customers_follow:
        context[NO_CUSTOMER_FOLLOWER] = True
    if not log_creation:
        context["mail_create_nolog"] = True
    return records.with_context(**context)


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


def reopen_wizard(wizard, name=None):
    """The action that shows ``wizard`` again in its dialog, after a step that filled it.

    :param str name: the dialog's title; the wizard's default one if empty
    """
    action = {
        "type": "ir.actions.act_window",
        "res_model": wizard._name,
        "res_id": wizard.id,
        "view_mode": "form",
        "target": "new",
    }
    if name:
        action["name"] = name
    return action


def readable_body(body, content_type=None):
    """A payload's text as a person reads it: JSON indented, anything else as is.

    :param str body: the payload as received
    :param str content_type: its MIME type (JSON unless it says XML or CSV)
    :return: the text to show (``body`` itself when it is not JSON, too long,
        or not valid)
    """
    if not body or len(body) > READABLE_BODY_LIMIT or "json" not in (content_type or "json"):
        return body or ""
    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except ValueError:
        return body


def notification_action(message, kind="success", title=None, sticky=None, next_action=None):
    """A ``display_notification`` client action: a message the web client shows in a corner.

    :param str kind: ``success``, ``info``, ``warning`` or ``danger``
    :param title: its title; none when None
    :param sticky: whether it stays until closed; the web client's default when None
    :param dict next_action: the action the web client runs once it is shown
    :return: the action, a dict the web client runs
    """
    params = {"type": kind, "message": message}
    if title is not None:
        params["title"] = title
    if sticky is not None:
        params["sticky"] = sticky
    if next_action:
        params["next"] = next_action
    return {"type": "ir.actions.client", "tag": "display_notification", "params": params}


def window_action(env, xmlid, domain=None, context=None, name=None):
    """The window action ``xmlid``, opened on ``domain`` with ``context``.

    :param domain: the records to show; the action's own domain when None
    :param dict context: replaces the action's context (none when empty)
    :param str name: the title of the view, the action's own when empty
    :return: the action, a dict the web client opens
    """
    action = env["ir.actions.act_window"]._for_xml_id(xmlid)
    if domain is not None:
        action["domain"] = domain
    action["context"] = context or {}
    if name:
        action["name"] = name
    return action


def gateway_name(env, code):
    """The name people know a payment gateway by, in ``env``'s language, else its code.

    :param str code: the gateway as the shop sent it (``GATEWAY_SELECTION`` in const.py)
    :return: e.g. "Shopify Payments" for ``shopify_payments``; ``False`` without code
    """
    if not code:
        return False
    labels = dict(env["ecom.payment.map"]._fields["gateway_label"]._description_selection(env))
    return labels.get(code.strip().lower()) or code
