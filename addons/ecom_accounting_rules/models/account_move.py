# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from stdnum.fr import siren as stdnum_siren

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.ecom_connector.const import (
    CUSTOMER_KIND_B2B,
    OPERATION_CATEGORIES,
    OPERATION_MIXED,
)
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
    # Set when a marketplace settlement books the sales of its orders not in Odoo
    # (never written afterwards): what the e-reporting reads them by.
    ecom_settlement_id = fields.Many2one(
        "ecom.payout",
        string="Marketplace Settlement",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=WEB_SHOP_STAFF,
        help="The marketplace settlement whose sales of orders not in Odoo this entry books: "
        "marketplace sales the seller e-reports.",
    )
    ecom_operation_category = fields.Selection(
        OPERATION_CATEGORIES,
        string="Operation Category",
        compute="_compute_ecom_operation_category",
        store=True,
        help="Goods, services or both, from the products of the invoice's lines (shipping "
        "follows the goods it carries): a mandatory mention of French e-invoices.",
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

    @api.depends(
        "move_type",
        "invoice_line_ids.product_id.product_tmpl_id.ecom_operation_category",
        "invoice_line_ids.sale_line_ids.is_delivery",
    )
    def _compute_ecom_operation_category(self):
        for move in self:
            if not move.is_sale_document(include_receipts=True):
                move.ecom_operation_category = False
                continue
            lines = move.invoice_line_ids.filtered(
                lambda line: line.display_type == "product" and line.product_id
            )
            # Shipping is accessory to the goods it carries: it does not make
            # a sale of goods "mixed" (unless the invoice is nothing else).
            main = lines.filtered(lambda line: not any(line.sale_line_ids.mapped("is_delivery")))
            kinds = set(
                (main or lines).product_id.product_tmpl_id.mapped("ecom_operation_category")
            )
            kinds.discard(False)
            if len(kinds) > 1:
                move.ecom_operation_category = OPERATION_MIXED
            else:
                move.ecom_operation_category = next(iter(kinds), False)

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

    # ------------------------------------------------------------ e-invoicing

    def _ecom_is_business_sale(self):
        """Whether this is a customer invoice (or credit note) of a business's web order.

        :return: ``True`` when one of its sale orders was classified B2B at import
        """
        self.ensure_one()
        if self.move_type not in ("out_invoice", "out_refund"):
            return False
        # As the system: the customer kind is for internal users, and the PDF
        # and the Factur-X are made for whoever prints or sends the invoice.
        orders_sudo = self.sudo().invoice_line_ids.sale_line_ids.order_id
        return any(order.ecom_customer_kind == CUSTOMER_KIND_B2B for order in orders_sudo)

    def _ecom_customer_siren(self):
        """The customer's SIREN: its SIRET's first nine digits, else its company registry.

        :return: the nine digits, or ``False`` when the customer has no valid one
        """
        self.ensure_one()
        partner = self.commercial_partner_id
        numbers = [partner.company_registry]
        if "siret" in partner._fields:
            numbers.insert(0, partner.siret)
        for number in numbers:
            digits = "".join(char for char in (number or "") if char.isdigit())
            if len(digits) in (9, 14) and stdnum_siren.is_valid(digits[:9]):
                return digits[:9]
        return False

    def _ecom_einvoice_mentions(self):
        """The French reform's mentions of a business's web invoice, in the company's language.

        :return: a list of dicts, in the order printed: ``key`` (``siren``,
            ``delivery_address``, ``operation_category``, ``vat_on_debits``),
            ``text`` (the sentence) and ``subject_code`` (the subject code of
            its Factur-X note, or ``False`` when the Factur-X has a place of
            its own for it: the buyer's SIREN in BT-47, the delivery address
            in BG-15)
        """
        self.ensure_one()
        move = self.with_context(lang=self.company_id.partner_id.lang or self.env.lang)
        env = move.env
        mentions = []
        siren = move._ecom_customer_siren()
        if siren:
            mentions.append(
                {
                    "key": "siren",
                    "subject_code": False,
                    "text": env._("Customer SIREN: %(siren)s", siren=siren),
                }
            )
        shipping = move.partner_shipping_id
        if shipping and shipping != move.partner_id:
            address = shipping._display_address(without_company=True)
            if address != move.partner_id._display_address(without_company=True):
                lines = [shipping.name or "", *address.splitlines()]
                mentions.append(
                    {
                        "key": "delivery_address",
                        "subject_code": False,
                        "text": env._(
                            "Delivery address: %(address)s",
                            address=", ".join(line.strip() for line in lines if line.strip()),
                        ),
                    }
                )
        if move.ecom_operation_category:
            labels = dict(move._fields["ecom_operation_category"]._description_selection(env))
            mentions.append(
                {
                    "key": "operation_category",
                    # General information (UNTDID 4451 AAI)
                    "subject_code": "AAI",
                    "text": env._(
                        "Operation category: %(category)s",
                        category=labels[move.ecom_operation_category],
                    ),
                }
            )
        if move.company_id.ecom_vat_on_debits:
            mentions.append(
                {
                    "key": "vat_on_debits",
                    # Tax declaration (UNTDID 4451 TXD), where the French
                    # specifications put the VAT-on-debits option
                    "subject_code": "TXD",
                    "text": env._("Option for the payment of tax on debits"),
                }
            )
        return mentions
