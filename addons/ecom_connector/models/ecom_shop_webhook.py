# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import hashlib
import logging
import math
import secrets
from collections import namedtuple

import psycopg2

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round, mute_logger

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from ..adapters import get_adapter
from ..adapters.canonical import PayloadError
from ..clients import ShopApiError, TransientError
from ..const import LIVE_PLATFORMS, PUSH_PLATFORMS, STOCK_PUSH_DELAY, WEBHOOK_ROUTE
from ..tools import window_action

_logger = logging.getLogger(__name__)

#: What the webhook endpoint needs of a shop, kept in memory per shop id
#: (:meth:`EcomShop._ecom_webhook_settings`): plain values, no record.
WebhookSettings = namedtuple("WebhookSettings", "shop_id company_id secret platform options")
#: The shop's fields those settings are made of: a write of any of them
#: empties the cache (the shop's adapter options included).
WEBHOOK_SETTINGS_FIELDS = frozenset(
    {
        "active",
        "platform",
        "company_id",
        "webhook_secret",
        "tz",
        "csv_layout_id",
        "csv_options",
        "csv_preset",
        "prestashop_shipped_state_id",
        "magento_source_code",
    }
)


# The shop's live links live apart from its pull (ecom_shop_sync.py, ecom_shop_pull.py)
# and its import settings (ecom_shop.py): one file per concern of a large model.
class EcomShop(models.Model):
    """Live links of a shop: its webhooks (in), its stock levels and shipments (out)."""

    _inherit = "ecom.shop"  # pylint: disable=consider-merging-classes-inherited

    webhook_url = fields.Char(
        string="Webhook URL",
        compute="_compute_webhook_url",
        help="The address to give the shop for its order webhooks.",
    )
    webhook_event_ids = fields.One2many("ecom.webhook.event", "shop_id", string="Webhook Calls")
    webhook_event_count = fields.Integer(compute="_compute_webhook_event_count")
    push_stock = fields.Boolean(
        string="Push Stock to the Shop",
        help="Send the quantity free to sell in the shop's warehouse to the shop, per SKU, "
        "shortly after it changes (grouped: one call batch per shop).",
    )
    push_shipments = fields.Boolean(
        string="Push Shipments to the Shop",
        help="When the delivery of an imported order is validated, mark the order "
        "shipped in the shop, with the carrier and the tracking number.",
    )
    shopify_location_id = fields.Char(
        string="Shopify Location ID",
        help="The Shopify location whose stock levels the connector sets "
        "(Settings ▸ Locations, the number at the end of the location's address).",
    )
    prestashop_shipped_state_id = fields.Integer(
        string="PrestaShop Shipped State ID",
        default=4,
        help="The id of the order state that means shipped in the shop "
        "(Orders ▸ Statuses; 4 in a stock install).",
    )
    magento_source_code = fields.Char(
        help="With Multi-Source Inventory: the code of the source whose quantities the "
        "connector sets (Stores ▸ Inventory ▸ Sources). Empty: the single default stock.",
    )
    stock_pushed_at = fields.Datetime(string="Last Stock Push", readonly=True, copy=False)
    stock_push_note = fields.Text(string="Last Stock Push Result", readonly=True, copy=False)

    def _compute_webhook_url(self):
        for shop in self:
            shop.webhook_url = (
                f"{shop.get_base_url()}{WEBHOOK_ROUTE}/{shop.id}"
                if shop.id and shop._ecom_webhook_adapter()
                else False
            )

    def _compute_webhook_event_count(self):
        # Calls that stored nothing (each trace counts those of a minute).
        counts = dict(
            self.env["ecom.webhook.event"]._read_group(
                [("shop_id", "in", self.ids)], ["shop_id"], ["call_count:sum"]
            )
        )
        for shop in self:
            shop.webhook_event_count = counts.get(shop, 0)

    @api.constrains("push_stock", "push_shipments", "platform")
    def _check_push_platform(self):
        for shop in self:
            if (shop.push_stock or shop.push_shipments) and shop.platform not in PUSH_PLATFORMS:
                raise ValidationError(
                    _(
                        "Stock and shipments can only be pushed to Shopify, WooCommerce, "
                        "PrestaShop and Magento shops; turn the switches off for %(shop)s.",
                        shop=shop.name,
                    )
                )

    @api.constrains("shopify_location_id")
    def _check_shopify_location_id(self):
        for shop in self:
            location = (shop.shopify_location_id or "").strip()
            if location and not location.isdigit():
                raise ValidationError(
                    _(
                        "The Shopify location ID of %(shop)s is a number, such as 655441491 "
                        "(the end of the location's address in Shopify's admin).",
                        shop=shop.name,
                    )
                )

    # ------------------------------------------------------------ CRUD

    # The webhook endpoint reads a shop's secret and settings from a cache
    # (:meth:`_ecom_webhook_settings`): what changes them empties it, in this
    # worker at once and in the others at their next request (Odoo's registry
    # signalling), so that an old secret is refused right after a change.
    @api.model_create_multi
    def create(self, vals_list):
        # A shop id called before the shop existed is cached as unknown.
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if WEBHOOK_SETTINGS_FIELDS.intersection(vals):
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    # ------------------------------------------------------------ actions

    def action_register_webhooks(self):
        """Subscribe the shop's webhooks to this database's webhook URL.

        Creates the subscriptions the shop lacks (one per topic, see the
        adapter's ``webhook_topics``), keeps those already there: pressing it
        twice changes nothing. WooCommerce webhooks get the shop's webhook
        secret (one is generated when the shop has none); Shopify signs with
        the app's client secret, which must be entered as the webhook secret.
        """
        self.ensure_one()
        self._ecom_check_live()
        shop_sudo = self.sudo()
        if not shop_sudo.webhook_secret:
            if self.platform == "shopify":
                raise UserError(
                    _(
                        "Shopify signs webhooks with the app's client secret (API secret key): "
                        "enter it as the webhook secret of %(shop)s first.",
                        shop=self.name,
                    )
                )
            shop_sudo.webhook_secret = secrets.token_urlsafe(32)
        client = self._ecom_pull_client()
        url = self.webhook_url
        try:
            present = {hook["topic"] for hook in client.webhooks() if hook.get("address") == url}
            created = [
                topic
                for topic in self._ecom_webhook_adapter().webhook_topics
                if topic not in present
                and client.create_webhook(topic, url, shop_sudo.webhook_secret)
            ]
        except TransientError as error:
            # Unreachable (or failing) is not a refusal: nothing is wrong with the webhooks.
            raise UserError(
                _(
                    "The webhooks could not be registered, the shop did not answer: %(error)s "
                    "Register them later with Register Webhooks on the shop.",
                    error=error,
                )
            ) from None
        except ShopApiError as error:
            raise UserError(
                _(
                    "The shop refused the webhooks: %(error)s",
                    error=error.sentence(self.env),
                )
            ) from None
        self.message_post(
            body=_(
                "Webhooks registered to %(url)s: %(created)s.",
                url=url,
                created=", ".join(created) or _("all were already there"),
            )
        )
        return self._ecom_notify(_("%(count)s webhooks registered.", count=len(created)))

    def action_unregister_webhooks(self):
        """Delete the shop's webhook subscriptions that point to this database."""
        self.ensure_one()
        self._ecom_check_live()
        client = self._ecom_pull_client()
        url = self.webhook_url
        try:
            hooks = [hook for hook in client.webhooks() if hook.get("address") == url]
            for hook in hooks:
                client.delete_webhook(hook["id"])
        except ShopApiError as error:
            raise UserError(
                _(
                    "The shop refused to remove the webhooks: %(error)s",
                    error=error.sentence(self.env),
                )
            ) from None
        self.message_post(
            body=_("%(count)s webhooks to %(url)s removed.", count=len(hooks), url=url)
        )
        return self._ecom_notify(_("%(count)s webhooks removed.", count=len(hooks)))

    def action_push_all_stock(self):
        """Queue a push of the stock of every product with a SKU (a full resynchronisation)."""
        self.ensure_one()
        self._ecom_check_live(PUSH_PLATFORMS)
        if not self.push_stock:
            raise UserError(_("Turn on Push Stock to the Shop first."))
        products = self.env["product.product"].search(
            [
                ("default_code", "!=", False),
                ("is_storable", "=", True),
                ("company_id", "in", [False, self.company_id.id]),
            ]
        )
        self._ecom_mark_stock(products)
        return self._ecom_notify(
            _("The stock of %(count)s products will be sent shortly.", count=len(products))
        )

    def _ecom_adapter_options(self):
        options = super()._ecom_adapter_options()
        options["shipped_state_id"] = self.prestashop_shipped_state_id
        options["magento_source_code"] = self.magento_source_code or ""
        return options

    def _ecom_check_live(self, platforms=LIVE_PLATFORMS):
        # These buttons use the shop's credentials: connector managers only.
        self.check_access("write")
        if self.platform not in platforms:
            labels = dict(self._fields["platform"]._description_selection(self.env))
            raise UserError(
                _(
                    "%(shop)s: only %(platforms)s shops can do this.",
                    shop=self.name,
                    platforms=", ".join(labels[platform] for platform in platforms),
                )
            )

    def _ecom_notify(self, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success", "message": message},
        }

    def action_open_webhook_events(self):
        self.ensure_one()
        return window_action(
            self.env, "ecom_connector.ecom_webhook_event_action", domain=[("shop_id", "=", self.id)]
        )

    # ------------------------------------------------------------ webhooks

    def _ecom_webhook_adapter(self):
        """The shop's adapter when its platform sends signed webhooks, else ``None``."""
        self.ensure_one()
        adapter = get_adapter(self.platform, self._ecom_adapter_options())
        return adapter if adapter.webhook_topics else None

    @api.model
    @tools.ormcache("shop_id")
    def _ecom_webhook_settings(self, shop_id):
        """What the webhook endpoint needs of shop ``shop_id``, read once and cached.

        Cached in memory per shop id (unknown ids too, so that calls to them
        cost no query); a change of the shop empties the cache (see
        :meth:`write`). Company rules do not apply: the caller is a shop
        authenticated by its signature, not a user.

        :param int shop_id: the id in the webhook's URL
        :return: a :data:`WebhookSettings`, or ``None`` when no active shop
            with signed webhooks has that id
        """
        # As the superuser: the endpoint has no user, and reads the secret to
        # check the signature, nothing else; this one shop only.
        shop_sudo = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch([("id", "=", shop_id)], list(WEBHOOK_SETTINGS_FIELDS))
        )
        if not shop_sudo.active or not shop_sudo._ecom_webhook_adapter():
            return None
        return WebhookSettings(
            shop_sudo.id,
            shop_sudo.company_id.id,
            shop_sudo.webhook_secret or "",
            shop_sudo.platform,
            shop_sudo._ecom_adapter_options(),
        )

    def _ecom_receive_webhook(self, adapter, body, topic, delivery_id):
        """Store one verified webhook delivery in the inbox and queue its processing.

        Called by the webhook endpoint (as superuser) once the signature is
        checked. Stored once per shop and delivery id, and once per shop and
        body (its SHA-256): the platform sending the same delivery again, or
        anyone replaying a body it once signed under another delivery id, is
        told ``duplicate`` and nothing is stored. The database's unique
        constraints decide, not a lookup before the insert: two copies
        arriving at the same moment are one payload too.

        :param adapter: the shop's adapter (:meth:`_ecom_webhook_adapter`)
        :param bytes body: the raw request body
        :param str topic: the delivery's topic
        :param str delivery_id: the platform's id of the delivery (may be ``None``)
        :return: ``(status code, reason code, detail, payload)`` for
            the answer and its trace (see ``WEBHOOK_REASONS``)
        """
        self.ensure_one()
        Payload = self.env["ecom.payload"].with_company(self.company_id)
        if topic not in adapter.webhook_topics:
            return 200, "topic_ignored", None, Payload
        try:
            documents = adapter.webhook_documents(body, topic)
        except PayloadError as error:
            return 400, "bad_body", str(error), Payload
        if len(documents) != 1:
            return 400, "bad_body", f"{len(documents)} objects where a webhook brings one.", Payload
        try:
            # A duplicate is an expected refusal of the INSERT, not an error
            # to log (Odoo logs the refused query, with the customer's data).
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                payload = Payload._ecom_store(
                    self,
                    documents,
                    "webhook",
                    delivery_id=delivery_id,
                    queued=True,
                    webhook_body_hash=hashlib.sha256(body).hexdigest(),
                )
        except psycopg2.errors.UniqueViolation:
            return 200, "duplicate", None, Payload
        if payload.state == "queued":
            # The job runs as the superuser, as a cron would: not as whoever
            # called the endpoint.
            payload.with_user(SUPERUSER_ID)._ecom_enqueue(stored=True)
        return 200, "stored", None, payload

    # ------------------------------------------------------------ stock push

    def _ecom_mark_stock(self, products):
        """Remember that these products' stock must be sent to these shops, and queue it.

        One mark per (shop, product), whatever the number of changes; one
        delayed job per shop (``identity_key``) sends every marked SKU at once.
        """
        shops = self.filtered("push_stock")
        if not shops or not products:
            return
        self.env.cr.execute(
            """
            INSERT INTO ecom_stock_mark (shop_id, product_id)
                 SELECT shop.id, product.id
                   FROM unnest(%s::int[]) AS shop(id), unnest(%s::int[]) AS product(id)
            ON CONFLICT DO NOTHING
            """,
            (shops.ids, products.ids),
        )
        for shop in shops:
            shop.with_user(SUPERUSER_ID).with_delay(
                eta=STOCK_PUSH_DELAY,
                description=_("Push stock to %(shop)s", shop=shop.name),
                identity_key=identity_exact,
            )._ecom_push_stock()

    def _ecom_push_stock(self):
        """Job: send the free quantity of every marked product to the shop, in one batch.

        The quantity is what the shop's warehouse can still sell (on hand less
        reserved, never below zero), per SKU. Marks are removed once sent; a
        change during the push marks the product again for the next job.
        :return: a sentence on what was sent
        """
        self.ensure_one()
        shop = self.with_company(self.company_id)
        if not shop.push_stock:
            return "Stock push is off."
        self.env.cr.execute(
            "SELECT id, product_id FROM ecom_stock_mark WHERE shop_id = %s FOR UPDATE SKIP LOCKED",
            (shop.id,),
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return "Nothing to send."
        products = (
            self.env["product.product"]
            .with_context(warehouse_id=shop._ecom_warehouse().id, active_test=False)
            .browse([product_id for _mark, product_id in rows])
            .filtered("default_code")
        )
        quantities = {
            product.default_code: max(
                math.floor(
                    float_round(product.free_qty, precision_rounding=product.uom_id.rounding)
                ),
                0,
            )
            for product in products
        }
        if not quantities:  # the marked products lost their SKU meanwhile
            self.env.cr.execute(
                "DELETE FROM ecom_stock_mark WHERE id IN %s", (tuple(r[0] for r in rows),)
            )
            return "Nothing to send."
        if shop.platform == "shopify" and not shop.shopify_location_id:
            raise UserError(
                _(
                    "%(shop)s: set the Shopify location ID, the location whose stock is sent.",
                    shop=shop.name,
                )
            )
        try:
            unknown = shop._ecom_pull_client().push_stock(
                quantities, location_id=shop.shopify_location_id
            )
        except TransientError as error:
            raise RetryableJobError(
                error.sentence(self.env), seconds=int(error.retry_after)
            ) from error
        except ShopApiError as error:
            raise UserError(error.sentence(self.env)) from None
        self.env.cr.execute(
            "DELETE FROM ecom_stock_mark WHERE id IN %s", (tuple(r[0] for r in rows),)
        )
        note = _("%(count)s SKUs sent.", count=len(quantities) - len(unknown))
        if unknown:
            note += " " + _(
                "Not found in the shop: %(skus)s.", skus=", ".join(sorted(unknown)[:50])
            )
        shop.write({"stock_pushed_at": fields.Datetime.now(), "stock_push_note": note})
        _logger.info("ecom shop %s: stock of %s products pushed", shop.id, len(quantities))
        return note
