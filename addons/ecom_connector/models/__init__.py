# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import ecom_csv_layout
from . import ecom_shop
from . import ecom_shop_pull
from ..platforms.shopify import ecom_shop as shopify_ecom_shop
from ..platforms.prestashop import ecom_shop as prestashop_ecom_shop
from ..platforms.magento import ecom_shop as magento_ecom_shop
from ..platforms.amazon import ecom_shop as amazon_ecom_shop
from ..platforms.mirakl import ecom_shop as mirakl_ecom_shop
from . import ecom_sync_run
from . import ecom_shop_map_mixin
from . import ecom_tax_map
from . import ecom_payment_map
from . import ecom_shipping_map
from . import ecom_product_map
from . import ecom_payload
from . import ecom_order_importer
from . import ecom_reason
from . import ecom_order_record_mixin
from . import ecom_order_payment
from . import ecom_order_refund
from . import sale_order
from . import res_partner
from . import ecom_webhook_event
from . import ecom_stock_mark
from . import stock_quant
from . import stock_picking
from . import queue_job
from . import ir_http
from . import mail_thread
