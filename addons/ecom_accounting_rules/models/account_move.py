# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.ecom_connector.models.sale_order import (
    WEB_SHOP_STAFF,
    product_authority_context,
)
from odoo.addons.ecom_connector.tools import count_by

from ..const import ENTRY_TRIGGERS

_STAMP_KEY = "_ecom_entry_stamp"
_STAMPED_FIELDS = frozenset({"ecom_trigger", "ecom_triggered_by_id"})


class _EntryStamp:
    """What made the entries created under it, and at whose request.

    Only server-side code builds one (``_ecom_trigger_context``); the web
    client's JSON context cannot carry it, so an RPC caller never chooses what
    an entry says made it.
    """

    __slots__ = ("trigger", "uid")

    def __init__(self, trigger, uid):
        self.trigger = trigger
        self.uid = uid


class AccountMove(models.Model):
    _inherit = "account.move"

    ecom_shop_id = fields.Many2one(
        "ecom.shop",
        string="Web Shop",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=WEB_SHOP_STAFF,
    )
    ecom_posting_rule_id = fields.Many2one(
        "ecom.posting.rule",
        string="Posted by Rule",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=WEB_SHOP_STAFF,
    )
    ecom_posting_rule_version = fields.Integer(
        string="Rule Version", readonly=True, copy=False, groups=WEB_SHOP_STAFF
    )
    # Who made the books move: the rules run as the system, so the entry
    # itself says what started it and at whose request (``_ecom_trigger_context``,
    # used by the engine, the Post button, the review resolutions and the
    # payout booking).
    ecom_trigger = fields.Selection(
        ENTRY_TRIGGERS,
        string="Made By",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=WEB_SHOP_STAFF,
    )
    ecom_triggered_by_id = fields.Many2one(
        "res.users",
        string="At the Request Of",
        readonly=True,
        copy=False,
        groups=WEB_SHOP_STAFF,
        help="The person whose action made this entry: who imported the order the rules "
        "posted, clicked Post to the Books, resolved the review item or booked the payout "
        "(OdooBot for the schedule and the shops' webhooks).",
    )
    ecom_summary_order_ids = fields.One2many(
        "sale.order", "ecom_summary_move_id", string="Orders in this Summary", groups=WEB_SHOP_STAFF
    )
    ecom_summary_order_count = fields.Integer(
        compute="_compute_ecom_summary_order_count", compute_sudo=True, groups=WEB_SHOP_STAFF
    )

    @api.model_create_multi
    def create(self, vals_list):
        stamp = self._ecom_stamp()
        if stamp:
            for vals in vals_list:
                vals.setdefault("ecom_trigger", stamp.trigger)
                vals.setdefault("ecom_triggered_by_id", stamp.uid)
        elif not self.env.su:
            # What a user sends is ignored: only the product says what made an entry.
            for vals in vals_list:
                for name in _STAMPED_FIELDS:
                    vals.pop(name, None)
        return super().create(vals_list)

    def write(self, vals):
        stamped = _STAMPED_FIELDS & set(vals)
        if stamped and not (self.env.su or self._ecom_stamp()):
            raise AccessError(
                _(
                    "What made an entry and at whose request (%(fields)s) is written by the "
                    "posting rules only.",
                    fields=", ".join(sorted(stamped)),
                )
            )
        return super().write(vals)

    @api.model
    def _ecom_stamp(self):
        """The stamp of the product's code running now, or None (see ``_ecom_trigger_context``)."""
        stamp = self.env.context.get(_STAMP_KEY)
        return stamp if isinstance(stamp, _EntryStamp) else None

    @api.model
    def _ecom_trigger_context(self, trigger):
        """The context of the product's code making entries: it stamps them with
        ``trigger`` and its user, and may write the web orders' protected fields.

        Called by server-side code only, once it checked who asks (the rules,
        a button with its group, a review resolution, a payout booking). The
        user is the real one behind a ``sudo()`` (whose uid Odoo keeps); an
        anonymous webhook's import is the system's.
        """
        user = self.env.user
        uid = SUPERUSER_ID if user._is_public() else user.id
        return {_STAMP_KEY: _EntryStamp(trigger, uid), **product_authority_context()}

    @api.model
    def _ecom_with_stamp(self, records):
        """``records`` under the stamp (and the authority) of the code running now, if any."""
        stamp = self._ecom_stamp()
        if not stamp:
            return records
        return records.with_context(**{_STAMP_KEY: stamp}, **product_authority_context())

    def _ecom_stamp_trigger(self, trigger):
        """Say on these existing entries (a prepared credit note posted now) who made them."""
        if self:
            # As the system: the stamp is the product's own record of who asked.
            self.sudo().write({"ecom_trigger": trigger, "ecom_triggered_by_id": self.env.user.id})

    def _compute_ecom_summary_order_count(self):
        # As superuser (compute_sudo): a billing user without sales rights
        # opens the entry too; counted in the entry's own company only.
        counts = count_by(self, "sale.order", "ecom_summary_move_id", own_company=True)
        for move in self:
            move.ecom_summary_order_count = counts.get(move, 0)

    def action_open_ecom_summary_orders(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("ecom_summary_move_id", "=", self.id)],
            "context": {"create": False},
        }
