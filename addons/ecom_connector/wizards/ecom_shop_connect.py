# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..const import PLATFORMS
from ..models.ecom_shop import suggested_code
from ..platforms import get_platform

# The fields of a shop the assistant fills (the same names on both models).
SHOP_FIELDS = (
    "name",
    "code",
    "platform",
    "company_id",
    "api_url",
    "access_token",
    "api_key",
    "api_secret",
    "webhook_secret",
    "import_start_date",
)
CREDENTIAL_FIELDS = ("access_token", "api_key", "api_secret", "webhook_secret")


class EcomShopConnect(models.TransientModel):
    """Connect a shop, step by step: platform, address and credentials, test, first orders.

    The shop is created when the connection step is left (or tested), so that
    the test uses the same code as the shop's own *Test Connection*; finishing
    registers the webhooks where the platform has them and queues the pull of
    the orders since the start date. The wizard forgets the credentials it
    was given once they are on the shop.
    """

    _name = "ecom.shop.connect"
    _description = "Connect a Shop"

    step = fields.Selection(
        [
            ("shop", "Shop"),
            ("connection", "Connection"),
            ("start", "First Orders"),
            ("import", "Import"),
        ],
        default="shop",
        required=True,
    )
    name = fields.Char(string="Shop Name", required=True)
    code = fields.Char(help="A short code for the shop, used on the command line.")
    platform = fields.Selection(PLATFORMS, required=True, default="shopify")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    api_url = fields.Char(string="Shop URL")
    access_token = fields.Char()
    api_key = fields.Char(string="API Key")
    api_secret = fields.Char(string="API Secret")
    webhook_secret = fields.Char()
    can_pull = fields.Boolean(compute="_compute_can_pull")
    can_register_webhooks = fields.Boolean(compute="_compute_can_pull")
    test_state = fields.Selection(
        [("untested", "Not Tested"), ("ok", "Works"), ("failed", "Failed")],
        default="untested",
        required=True,
    )
    test_message = fields.Text(readonly=True)
    import_start_date = fields.Datetime(
        string="Import Orders Since",
        default=lambda self: fields.Datetime.now() - timedelta(days=30),
        help="Orders created or changed in the shop since this moment are imported; older "
        "ones are left in the shop.",
    )
    register_webhooks = fields.Boolean(
        default=True,
        help="Subscribe this database to the shop's order webhooks, so that new orders "
        "arrive at once rather than at the next automatic import.",
    )
    sync_enabled = fields.Boolean(
        string="Automatic Import",
        default=True,
        help="Pull the orders changed in the shop every few minutes from now on.",
    )
    shop_id = fields.Many2one("ecom.shop", readonly=True)
    sync_run_id = fields.Many2one("ecom.sync.run", string="First Pull", readonly=True)
    run_state = fields.Selection(related="sync_run_id.state", string="Pull Status")
    run_progress = fields.Float(related="sync_run_id.progress")
    run_fetched_count = fields.Integer(related="sync_run_id.fetched_count")
    run_new_count = fields.Integer(related="sync_run_id.new_count")
    run_duplicate_count = fields.Integer(related="sync_run_id.duplicate_count")
    run_imported_count = fields.Integer(related="sync_run_id.imported_count")
    run_held_count = fields.Integer(related="sync_run_id.held_count")
    run_failed_count = fields.Integer(related="sync_run_id.failed_count")
    run_import_done = fields.Boolean(related="sync_run_id.import_done")
    run_error = fields.Text(related="sync_run_id.error")
    finish_note = fields.Text(readonly=True)

    @api.depends("platform")
    def _compute_can_pull(self):
        for wizard in self:
            platform = wizard.platform and get_platform(wizard.platform)
            wizard.can_pull = bool(platform and platform.can_pull)
            wizard.can_register_webhooks = bool(platform and platform.live_webhooks)

    @api.onchange("name")
    def _onchange_name_suggest_code(self):
        if self.name and not self.code:
            self.code = suggested_code(self.name)

    @api.onchange("platform", "api_url", *CREDENTIAL_FIELDS)
    def _onchange_connection(self):
        self.test_state = "untested"
        self.test_message = False

    # ------------------------------------------------------------ actions

    def action_next(self):
        self.ensure_one()
        if self.step == "shop":
            self.code = self.code or suggested_code(self.name)
            self.step = "connection" if self.can_pull else "start"
        elif self.step == "connection":
            self._ecom_save_shop()
            self.step = "start"
        return self._reopen()

    def action_back(self):
        self.ensure_one()
        self.step = "connection" if self.step == "start" and self.can_pull else "shop"
        return self._reopen()

    def action_test_connection(self):
        """Save the shop with these credentials and say, in the assistant, what it answered."""
        self.ensure_one()
        if self.shop_id:
            self.shop_id.check_access("write")
        shop = self._ecom_save_shop()
        success, message = shop._ecom_test_connection()
        self.write({"test_state": "ok" if success else "failed", "test_message": message})
        return self._reopen()

    def action_finish(self):
        """Save the shop and bring its first orders: a pull (with webhooks), or a file.

        A pull stays in the assistant, whose last step shows the run filling
        up (read, new, imported, held, failed) until its orders are in.
        """
        self.ensure_one()
        shop = self._ecom_save_shop()
        if not self.can_pull:
            return shop.action_import_file()
        if self.test_state != "ok":
            # Nothing starts against a shop that does not answer: test it now, and
            # on failure go back to the connection step, which says what is wrong.
            success, message = shop._ecom_test_connection()
            if not success:
                self.write(
                    {
                        "step": "connection",
                        "test_state": "failed",
                        "test_message": _(
                            "Finish needs a working connection. %(problem)s", problem=message
                        ),
                    }
                )
                return self._reopen()
            self.write({"test_state": "ok", "test_message": message})
        notes = []
        if self.register_webhooks and self.can_register_webhooks:
            try:
                shop.action_register_webhooks()
            except UserError as error:
                notes.append(_("Webhooks not registered: %(error)s", error=error.args[0]))
        shop.sync_enabled = self.sync_enabled
        shop.action_pull_now()
        message = _(
            "%(shop)s is connected: its orders since %(since)s are being imported (see Pulls "
            "on the shop).",
            shop=shop.name,
            since=fields.Datetime.to_string(shop.import_start_date),
        )
        shop.message_post(body=" ".join([message, *notes]))
        # The pull just started, or the one already under way (the latest either way).
        run = shop.sync_run_ids[:1]
        self.write(
            {
                "step": "import",
                "sync_run_id": run.id,
                "finish_note": "\n".join(notes) or False,
            }
        )
        return self._reopen()

    def action_open_shop(self):
        """Leave the assistant for the shop, where its mappings are set next."""
        self.ensure_one()
        return self._ecom_form_action(self.shop_id)

    def action_open_orders(self):
        self.ensure_one()
        return self.sync_run_id.action_open_orders()

    def action_open_run(self):
        self.ensure_one()
        return self._ecom_form_action(self.sync_run_id)

    # ------------------------------------------------------------ business

    def _ecom_save_shop(self):
        """Create the shop, or update the one this assistant created; forget the credentials.

        :return: the ``ecom.shop``
        """
        self.ensure_one()
        vals = {name: self[name] for name in SHOP_FIELDS}
        # The platform's own settings the assistant asks for (its folder adds them here too).
        own = get_platform(self.platform).shop_fields
        vals.update({name: self[name] for name in own if name in self._fields})
        vals["company_id"] = self.company_id.id
        vals["code"] = vals["code"] or suggested_code(self.name)
        # Credentials left empty keep what the shop already has.
        for name in CREDENTIAL_FIELDS:
            if not vals[name]:
                vals.pop(name)
        if self.shop_id:
            self.shop_id.write(vals)
        else:
            self.shop_id = self.env["ecom.shop"].create(vals)
        self.write(dict.fromkeys(CREDENTIAL_FIELDS, False))
        return self.shop_id

    @staticmethod
    def _ecom_form_action(record):
        """Open ``record``'s form in the main window (the assistant closes)."""
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Connect a Shop"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
