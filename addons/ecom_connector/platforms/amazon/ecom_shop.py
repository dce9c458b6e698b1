# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import logging
import math

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, split_every

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from ...clients import ShopApiError, TransientError
from ...tools import in_company_lang

_logger = logging.getLogger(__name__)

# Amazon's regions, each with its Selling Partner API endpoint (client.py).
AMAZON_REGIONS = [
    ("eu", "Europe"),
    ("na", "North America"),
    ("fe", "Far East"),
]
# The code of the warehouse made for FBA orders (stock.warehouse codes are 5 characters).
FBA_WAREHOUSE_CODE = "FBA"
# Quants set per inventory adjustment (one batch of moves each).
FBA_STOCK_BATCH = 500
# SKUs named in the result of a reading (the count says the rest).
NAMED_SKUS = 50


# A platform's own settings of a shop live in its folder, as Odoo's payment
# providers extend payment.provider: fields and their checks only, no override.
class EcomShop(models.Model):
    """An Amazon seller account on one marketplace: region, marketplace, FBA warehouse."""

    _inherit = "ecom.shop"  # pylint: disable=consider-merging-classes-inherited

    amazon_region = fields.Selection(
        AMAZON_REGIONS,
        default="eu",
        help="The Selling Partner API region of the seller account (Europe for amazon.fr, "
        ".de, .it, .es, .co.uk...).",
    )
    amazon_marketplace_id = fields.Char(
        string="Amazon Marketplace ID",
        help="The marketplace whose orders this shop imports, such as A13V1IB3VIYZZH "
        "(amazon.fr) or A1PA6795UKMFR9 (amazon.de): one shop per marketplace.",
    )
    amazon_seller_id = fields.Char(
        string="Amazon Seller ID",
        help="The seller's merchant token (Seller Central ▸ Settings ▸ Account Info ▸ "
        "Merchant Token), such as A2EUQ1WTGCTBG2: the stock of merchant-fulfilled offers is "
        "sent under it.",
    )
    amazon_fba_warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="FBA Warehouse",
        check_company=True,
        help="The warehouse that stands for Amazon's fulfilment centres: orders Fulfilled by "
        "Amazon leave from it, not from the shop's warehouse. Made (Amazon FBA) on the "
        "first FBA order when empty.",
    )
    amazon_fba_stock_sync = fields.Boolean(
        string="Read the FBA Stock",
        help="Every hour, set the stock of the FBA warehouse to what Amazon's fulfilment "
        "centres hold for this marketplace (FBA Inventory API), per SKU.",
    )
    amazon_fba_stock_at = fields.Datetime(
        string="Last FBA Stock Reading", readonly=True, copy=False
    )
    amazon_fba_stock_note = fields.Text(string="Last FBA Stock Result", readonly=True, copy=False)

    @api.constrains("amazon_marketplace_id", "amazon_seller_id")
    def _check_amazon_marketplace_id(self):
        for shop in self:
            seller = (shop.amazon_seller_id or "").strip()
            if seller and not (seller.isalnum() and seller.isupper()):
                raise ValidationError(
                    _(
                        "The Amazon seller ID of %(shop)s is a code in capitals and digits "
                        "(the merchant token, such as A2EUQ1WTGCTBG2).",
                        shop=shop.name,
                    )
                )
            marketplace = (shop.amazon_marketplace_id or "").strip()
            if marketplace and not (marketplace.isalnum() and marketplace.isupper()):
                raise ValidationError(
                    _(
                        "The Amazon marketplace ID of %(shop)s is a code in capitals and "
                        "digits, such as A13V1IB3VIYZZH for amazon.fr.",
                        shop=shop.name,
                    )
                )

    def action_amazon_read_fba_stock(self):
        """Read the FBA stock now and set the FBA warehouse to it (connector managers:
        it uses the shop's credentials)."""
        self.ensure_one()
        self.check_access("write")
        try:
            note = self.with_company(self.company_id)._amazon_read_fba_stock()
        except RetryableJobError as error:
            raise UserError(str(error.args[0] if error.args else error)) from None
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success", "message": note, "sticky": True},
        }

    @api.model
    def _cron_amazon_fba_stock(self):
        """Queue a reading of the FBA stock of every active Amazon shop that wants it."""
        shops = self.sudo().search(
            [("platform", "=", "amazon"), ("amazon_fba_stock_sync", "=", True)]
        )
        for shop in shops:
            in_company_lang(shop.with_user(SUPERUSER_ID).with_company(shop.company_id)).with_delay(
                description=_("Read the FBA stock of %(shop)s", shop=shop.name),
                identity_key=identity_exact,
            )._amazon_read_fba_stock()
        return True

    def _amazon_read_fba_stock(self):
        """Job: read Amazon's FBA inventory and set the FBA warehouse's stock to it.

        :return: the result's sentence (also kept on the shop)
        :raises RetryableJobError: when Amazon cannot answer now (the job comes back)
        :raises UserError: when Amazon refuses (credentials, role, marketplace)
        """
        self.ensure_one()
        try:
            quantities = self._ecom_pull_client().fba_quantities()
        except TransientError as error:
            raise RetryableJobError(
                error.sentence(self.env), seconds=math.ceil(error.retry_after)
            ) from error
        except ShopApiError as error:
            raise UserError(error.sentence(self.env)) from None
        note = self._amazon_set_fba_stock(quantities)
        self.write({"amazon_fba_stock_at": fields.Datetime.now(), "amazon_fba_stock_note": note})
        _logger.info("ecom shop %s: FBA stock of %s SKUs read", self.id, len(quantities))
        return note

    def _amazon_set_fba_stock(self, quantities):
        """Set the FBA warehouse's stock to Amazon's quantities: an inventory
        adjustment named after the shop, in batches.

        A product is found by its internal reference, or by the shop's SKU
        mapping; a SKU of no product is counted and named, never created. A
        product with stock in the warehouse that Amazon no longer lists goes
        to zero.

        :param quantities: ``{seller SKU: quantity}``
        :return: a sentence with the counts
        """
        self.ensure_one()
        warehouse = self._amazon_fba_warehouse()
        location = warehouse.lot_stock_id
        Product = self.env["product.product"].with_context(active_test=False)
        by_sku = {}
        for product in Product.search(
            [
                ("default_code", "in", list(quantities)),
                ("company_id", "in", [self.company_id.id, False]),
            ],
            order="id",
        ):
            by_sku.setdefault(product.default_code, product)
        for mapping in self.env["ecom.product.map"].search(
            [("shop_id", "=", self.id), ("sku", "in", list(quantities))]
        ):
            by_sku[mapping.sku] = mapping.product_id
        unknown = sorted(sku for sku in quantities if sku not in by_sku)
        not_stored = sorted(sku for sku, product in by_sku.items() if not product.is_storable)
        targets = {}
        for sku, product in by_sku.items():
            if product.is_storable:
                targets[product] = targets.get(product, 0) + quantities[sku]
        # As the system: the quantities are Amazon's, set by the connector for
        # whoever reads them (a connector manager need not manage the stock); the
        # adjustment is named after the shop, so a stock user sees its origin.
        Quant_sudo = self.env["stock.quant"].sudo()
        quants_sudo = Quant_sudo.search([("location_id", "=", location.id)])
        on_hand = {}
        plain = {}
        for quant in quants_sudo:
            on_hand[quant.product_id] = on_hand.get(quant.product_id, 0) + quant.quantity
            if not (quant.lot_id or quant.package_id or quant.owner_id):
                plain.setdefault(quant.product_id, quant)
        for product in on_hand:
            # Stock in the warehouse that Amazon no longer lists is gone.
            targets.setdefault(product, 0)
        # Deliveries of orders Amazon shipped that still wait here (their stock was
        # short): Amazon's count no longer holds what they took, so the warehouse
        # gets it back for them to take it out (the books see the goods leave).
        shipped_moves_sudo = (
            self.env["stock.move"]
            .sudo()
            .search(
                [
                    ("picking_id.picking_type_id.warehouse_id", "=", warehouse.id),
                    ("picking_code", "=", "outgoing"),
                    ("state", "not in", ("draft", "done", "cancel")),
                    ("sale_line_id.order_id.ecom_fulfillment_status", "=", "fulfilled"),
                    ("sale_line_id.order_id.state", "=", "sale"),
                ]
            )
        )
        for move in shipped_moves_sudo.filtered(lambda m: m.product_id.is_storable):
            targets[move.product_id] = targets.get(move.product_id, 0) + move.product_qty
        changed = {
            product: target
            for product, target in targets.items()
            if float_compare(
                target, on_hand.get(product, 0), precision_rounding=product.uom_id.rounding
            )
        }
        to_create = [
            {"product_id": product.id, "location_id": location.id}
            for product in changed
            if product not in plain
        ]
        for quant in Quant_sudo.create(to_create):
            plain[quant.product_id] = quant
        name = _("Amazon FBA stock (%(shop)s)", shop=self.name)
        for products in split_every(FBA_STOCK_BATCH, list(changed)):
            batch_sudo = Quant_sudo
            for product in products:
                quant = plain[product]
                # The difference goes on the plain quant; lots and packages stay.
                quant.inventory_quantity = (
                    quant.quantity + changed[product] - on_hand.get(product, 0)
                )
                batch_sudo |= quant
            batch_sudo.with_context(inventory_name=name)._apply_inventory()
        if changed:
            # FBA deliveries that waited for this stock take it now.
            self.env["stock.move"].sudo().search(
                [
                    ("picking_id.picking_type_id.warehouse_id", "=", warehouse.id),
                    ("picking_code", "=", "outgoing"),
                    ("state", "in", ("confirmed", "partially_available")),
                ]
            )._action_assign()
        # Those Amazon shipped leave now (Amazon's count is without them).
        shipped_moves_sudo.picking_id._ecom_done_by_platform(say_short=False)
        note = _(
            "%(read)s SKUs read from Amazon, %(changed)s products adjusted in %(warehouse)s.",
            read=len(quantities),
            changed=len(changed),
            warehouse=warehouse.name,
        )
        if unknown:
            note += " " + _(
                "%(count)s SKUs match no product (not created): %(skus)s.",
                count=len(unknown),
                skus=", ".join(unknown[:NAMED_SKUS]),
            )
        if not_stored:
            note += " " + _(
                "%(count)s products are not tracked in stock: %(skus)s.",
                count=len(not_stored),
                skus=", ".join(not_stored[:NAMED_SKUS]),
            )
        return note

    def _amazon_fba_warehouse(self):
        """The warehouse FBA orders leave from: the shop's, else the company's
        Amazon FBA warehouse, made when missing and set on every Amazon shop of
        the company that has none.

        Two imports may want it at the same moment (two workers, two shops of
        the company): the company's Amazon shops are locked first, so the
        second waits for the first, then fails with a serialization error
        (the first changed the rows it waited for), which the import job and
        Odoo's request handling retry; the retry finds the warehouse. Without
        the lock the second would build a warehouse of its own and break on
        its code (unique per company).
        """
        self.ensure_one()
        if self.amazon_fba_warehouse_id:
            return self.amazon_fba_warehouse_id
        self.env.cr.execute(
            """
            SELECT id FROM ecom_shop
             WHERE company_id = %s AND platform = 'amazon'
          ORDER BY id
               FOR NO KEY UPDATE
            """,
            (self.company_id.id,),
        )
        shop_ids = [row[0] for row in self.env.cr.fetchall()]
        # As the system: the import runs for whoever imports orders, who need not
        # manage warehouses; the warehouse is the shops' own setting.
        shops_sudo = self.sudo().browse(shop_ids) | self.sudo()
        shops_sudo.invalidate_recordset(["amazon_fba_warehouse_id"])
        if self.amazon_fba_warehouse_id:
            return self.amazon_fba_warehouse_id
        Warehouse_sudo = self.env["stock.warehouse"].sudo()
        warehouse_sudo = Warehouse_sudo.search(
            [("company_id", "=", self.company_id.id), ("code", "=", FBA_WAREHOUSE_CODE)],
            limit=1,
        ) or Warehouse_sudo.create(
            {
                "name": _("Amazon FBA"),
                "code": FBA_WAREHOUSE_CODE,
                "company_id": self.company_id.id,
            }
        )
        shops_sudo.filtered(lambda shop: not shop.amazon_fba_warehouse_id).write(
            {"amazon_fba_warehouse_id": warehouse_sudo.id}
        )
        return self.amazon_fba_warehouse_id
