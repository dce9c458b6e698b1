# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import ecom_import_wizard
from . import ecom_csv_mapping
from . import ecom_product_map_wizard
from . import ecom_shop_connect
from ..platforms.amazon import ecom_shop_connect as amazon_ecom_shop_connect
from ..platforms.mirakl import ecom_shop_connect as mirakl_ecom_shop_connect
