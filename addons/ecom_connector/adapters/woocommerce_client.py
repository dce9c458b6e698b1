"""WooCommerce REST API v3: orders changed since a moment, page by page.

``GET /wp-json/wc/v3/orders?modified_after=...&dates_are_gmt=true&orderby=id
&order=asc&per_page=100&page=N``, authenticated with the REST API key's
consumer key and secret as HTTP basic auth (HTTPS only). Some web servers
drop the ``Authorization`` header; WooCommerce then answers 401, and the call
is made once more with the key and secret as query parameters, as its
documentation advises. The last page is told by ``X-WP-TotalPages``.

Pages are ordered by id, not by modification date: an order modified while
we page would otherwise move to the end and push an order we have not read
yet back onto a page we have (a gap). ``modified_after`` needs WooCommerce
5.8 or later (older versions ignore it and return every order each time:
slower, but the inbox skips what it already holds).
"""

from .http_client import AuthError
from .pull_client import Page, PullClient, register_client

API_PATH = "/wp-json/wc/v3"
MAX_PER_PAGE = 100


@register_client("woocommerce")
class WooCommerceClient(PullClient):
    max_page_size = MAX_PER_PAGE
    query_auth = False

    @property
    def orders_url(self):
        return f"{self.base_url}{API_PATH}/orders"

    def fetch_page(self, since, token=None):
        page = int(token or 1)
        params = {"per_page": self.page_size, "page": page, "orderby": "id", "order": "asc"}
        if since:
            params.update(modified_after=self._iso(since), dates_are_gmt="true")
        response = self._call(params)
        documents = self._split(response.content, response)
        try:
            total_pages = int(response.headers.get("X-WP-TotalPages"))
        except (TypeError, ValueError):
            total_pages = None
        if total_pages is not None:
            has_next = page < total_pages
        else:
            has_next = len(documents) >= self.page_size
        return Page(
            documents=documents,
            next_token=page + 1 if has_next else None,
            server_time=self._server_time(response),
        )

    def _call(self, params):
        key, secret = self.credentials.get("key", ""), self.credentials.get("secret", "")
        if not self.query_auth:
            try:
                return self._get(self.orders_url, params, auth=(key, secret))
            except AuthError as error:
                if error.status != 401:
                    raise
                self.query_auth = True
        return self._get(
            self.orders_url, {**params, "consumer_key": key, "consumer_secret": secret}
        )
