# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from ..tools import notification_action

MANAGER = "ecom_connector.group_ecom_manager"


class ResPartner(models.Model):
    _inherit = "res.partner"

    ecom_placeholder = fields.Boolean(
        string="Placeholder Customer",
        readonly=True,
        help="Created for a shop order whose customer was not in the payload: "
        "complete it from the shop.",
    )

    # ------------------------------------------------------------ CRUD

    def write(self, vals):
        # Archiving a customer is how Odoo erases them: what the shops sent
        # about them goes too (the contact itself is Odoo's to keep or delete).
        archived = self.filtered("active") if "active" in vals and not vals["active"] else None
        result = super().write(vals)
        if archived:
            archived._ecom_erase_payloads()
        return result

    @api.ondelete(at_uninstall=False)
    def _ecom_erase_payloads_on_delete(self):
        self._ecom_erase_payloads()

    # ------------------------------------------------------------ actions

    def action_ecom_erase_personal_data(self):
        """Mask these customers' personal data in every payload the shops sent about them.

        For connector managers. The contacts and their orders stay as they are.
        :return: a notification saying how many payloads were redacted
        """
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                _("Only web-shop connector managers erase the personal data of payloads.")
            )
        redacted = self._ecom_erase_payloads()
        return notification_action(
            _(
                "%(count)s web-shop payloads about %(customers)s no longer hold their personal "
                "data.",
                count=len(redacted),
                customers=", ".join(self.mapped("display_name")),
            ),
            title=_("Web-shop personal data erased"),
        )

    # ------------------------------------------------------------ business

    def _ecom_erase_payloads(self):
        """Redact the payloads about these customers, whatever their shop's retention.

        Those of the orders of the customers, their addresses and contacts
        (``child_of``), and those that carry one of their e-mails, unless
        another active contact still has it (merging duplicates archives or
        deletes one of two contacts with the same e-mail).

        :return: the payloads redacted (``ecom.payload``)
        """
        if not self:
            return self.env["ecom.payload"]
        # As the system: erasing a customer reaches every payload about them,
        # of every shop and company, whoever may archive the contact (payloads
        # and their raw bodies are the connector's).
        partners_sudo = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", self.ids)])
        )
        emails = set(partners_sudo.mapped("email_normalized")) - {False}
        if emails:
            still_used = (
                self.env["res.partner"]
                .sudo()
                ._read_group(
                    [("email_normalized", "in", list(emails)), ("id", "not in", partners_sudo.ids)],
                    ["email_normalized"],
                )
            )
            emails -= {email for (email,) in still_used}
        domain = expression.OR(
            [
                [("sale_order_id.partner_id", "in", partners_sudo.ids)],
                [("sale_order_id.partner_invoice_id", "in", partners_sudo.ids)],
                [("sale_order_id.partner_shipping_id", "in", partners_sudo.ids)],
                *([("body", "ilike", email)] for email in sorted(emails)),
            ]
        )
        payloads_sudo = (
            self.env["ecom.payload"]
            .sudo()
            .search(expression.AND([[("redacted_on", "=", False)], domain]))
        )
        return payloads_sudo._ecom_redact().with_env(self.env)
