# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from .base import get_pull_client, pull_platforms
from .http import AuthError, ClientError, ShopApiError, TransientError
