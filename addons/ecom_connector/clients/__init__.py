from .base import get_pull_client, pull_platforms
from .http import AuthError, ClientError, ShopApiError, TransientError
from . import shopify, woocommerce, prestashop
