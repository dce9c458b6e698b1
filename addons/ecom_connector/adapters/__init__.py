from . import canonical
from .base import Adapter, get_adapter, register
from . import shopify, woocommerce, prestashop, csv_export
