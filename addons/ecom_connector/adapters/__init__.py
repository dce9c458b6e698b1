from . import canonical
from .base import Adapter, get_adapter, register, registered_platforms
from . import shopify, woocommerce, prestashop, csv_export
