# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models

from ..tools import NO_CUSTOMER_FOLLOWER, NO_ORIGIN_NOTE

# The note sale, stock and account post on each document made from another
# ("This transfer has been created from: S00009").
ORIGIN_NOTE = "mail.message_origin_link"


class MailThread(models.AbstractModel):
    """What Odoo writes in the chatter during the import's and the rules' batch work.

    Odoo posts these from inside its own flows (order confirmation, delivery
    creation, invoicing), where no context key of its own turns them off; the
    keys are set by :func:`~odoo.addons.ecom_connector.tools.batch_chatter`
    around the batch calls only.
    """

    _inherit = "mail.thread"

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """In a batch whose shop keeps customers out, the record's own customer
        (``partner_id``: the order's customer, the delivery's address) does not
        follow it; anyone else still does."""
        field = self._fields.get("partner_id")
        if (
            partner_ids
            and self.env.context.get(NO_CUSTOMER_FOLLOWER)
            and field
            and field.comodel_name == "res.partner"
        ):
            customers = set(self.partner_id.ids)
            partner_ids = [pid for pid in partner_ids if pid not in customers]
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def message_post_with_source(self, source_ref, *args, **kwargs):
        """In a batch, no origin note: the delivery's and the invoice's origin is in their
        fields (Source Document, the order's smart buttons)."""
        if source_ref == ORIGIN_NOTE and self.env.context.get(NO_ORIGIN_NOTE):
            return self.env["mail.message"]
        return super().message_post_with_source(source_ref, *args, **kwargs)
