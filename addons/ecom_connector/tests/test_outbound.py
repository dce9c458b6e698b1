# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The server calls public https addresses only, reads answers under a cap, shows no remote page.

The tests' stand-ins run on 127.0.0.1 over http, which the test configuration
allows (``ecom_allow_loopback``, see ``./ecom``'s ``test_config``); the tests
below switch that allowance off where they check that loopback is refused.
"""

import gzip
from unittest.mock import patch

import requests

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tests.common import _super_send
from odoo.tools import config

from ..clients import http
from ..const import CONFIG_ALLOW_LOOPBACK, HTTP_MAX_RESPONSE_BYTES
from .common import EcomCase, FrenchMixin
from .http_stub import StubServer

REMOTE_PAGE = "<html>Internal admin of 10.1.2.3: token=s3cr3t-remote</html>"
# Addresses a shop URL must never reach, with or without the loopback allowance.
INTERNAL_URLS = (
    "https://169.254.169.254/latest/meta-data/",  # the cloud's metadata
    "https://10.0.0.1/admin",
    "https://192.168.1.1/",
    "https://[fd00::1]/",
    "https://[::ffff:10.0.0.1]/",
    "https://0.0.0.0/",
    "file:///etc/passwd",
    "gopher://127.0.0.1:25/",
    "ftp://shop.example.com/orders",
    "http://93.184.215.14/",  # a public host, in clear text
    "http://shop.example.com/",
)


class NamedHostSession(requests.Session):
    """Sends to a name other than localhost, which Odoo's tests block (the name
    leads to this machine's stand-in here)."""

    def send(self, request, **kwargs):
        return _super_send(self, request, **kwargs)


class Recorder(StubServer):
    """A server on this machine that records every call and answers what a test says."""

    methods = ("GET", "POST")

    def __init__(self):
        super().__init__()
        self.calls = []
        self.answer = (200, b'{"orders": []}', {})

    def _handle(self, handler, method):
        self.calls.append((method, handler.path))
        status, body, headers = self.answer
        self._send(handler, status, body, headers)


def no_loopback():
    """The server's configuration as in production: this machine may not be called."""
    return patch.dict(config.options, {CONFIG_ALLOW_LOOPBACK: False})


@tagged("post_install", "-at_install")
class TestOutboundAddresses(EcomCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = Recorder().start()
        cls.addClassCleanup(cls.server.stop)

    def setUp(self):
        super().setUp()
        self.server.calls.clear()

    def shop_with(self, url, **values):
        return self.create_shop("shopify", "OUT", api_url=url, access_token="shpat_x", **values)

    def test_internal_addresses_refused_when_saved(self):
        shop = self.shop_with("https://shop.example.com")
        for url in INTERNAL_URLS:
            with self.subTest(url=url), self.assertRaises(ValidationError) as refused:
                shop.api_url = url
            self.assertIn("the shop's address cannot be used", str(refused.exception))
        with no_loopback():
            for url in (self.server.url, "https://127.0.0.1:8443/", "https://localhost:8443/"):
                with self.subTest(url=url), self.assertRaises(ValidationError):
                    shop.api_url = url
        with self.assertRaisesRegex(ValidationError, r"10\.0\.0\.1 leads to an internal address"):
            shop.api_url = "https://10.0.0.1/"
        # A public address, or this machine when the server allows it (the tests).
        shop.api_url = "https://shop.example.com/"
        shop.api_url = self.server.url

    def test_internal_addresses_refused_at_request(self):
        for url in INTERNAL_URLS:
            with self.subTest(url=url), self.assertRaises(http.ClientError):
                http.request("GET", url, secrets=("shpat_x",))
        with no_loopback():
            with self.assertRaisesRegex(http.ClientError, "only https:// addresses"):
                http.request("GET", f"{self.server.url}/orders.json")
            # A name that leads to this machine: looked up, refused.
            port = self.server.httpd.server_port
            with self.assertRaisesRegex(
                http.ClientError, r"localhost leads to an internal address \((127\.0\.0\.1|::1)\)"
            ):
                http.request("GET", f"https://localhost:{port}/orders.json")
        self.assertEqual(self.server.calls, [], "nothing reached this machine")
        # With the allowance (tests, demos), loopback over http is called.
        self.assertEqual(http.request("GET", f"{self.server.url}/ok").json(), {"orders": []})
        self.assertEqual(self.server.calls, [("GET", "/ok")])

    def test_shop_saved_then_refused_at_request(self):
        # Saved while the server allowed this machine; the check is made again
        # at each call (a name's address can change after it was saved).
        shop = self.shop_with(self.server.url)
        with no_loopback():
            success, message = shop._ecom_test_connection()
        self.assertFalse(success)
        self.assertIn("127.0.0.1: only https:// addresses are called", message)
        self.assertEqual(self.server.calls, [])

    def test_connection_is_made_to_the_checked_address(self):
        # The name is looked up once, checked, and the connection goes to that
        # address: a second answer of the DNS (rebinding) is never used.
        looked_up = []
        real = http.socket.getaddrinfo

        def rebinding(host, *args, **kwargs):
            if host != "shop.test":
                return real(host, *args, **kwargs)
            looked_up.append(host)
            # First this machine's stand-in, then another address (never served).
            return real("127.0.0.1" if len(looked_up) == 1 else "127.0.0.2", *args, **kwargs)

        port = self.server.httpd.server_port
        with patch.object(http.socket, "getaddrinfo", rebinding):
            answer = http.request(
                "GET", f"http://shop.test:{port}/pinned", session=NamedHostSession()
            )
        self.assertEqual(answer.json(), {"orders": []})
        self.assertEqual(looked_up, ["shop.test"])
        self.assertEqual(self.server.calls, [("GET", "/pinned")])


@tagged("post_install", "-at_install")
class TestOutboundAnswers(FrenchMixin, EcomCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = Recorder().start()
        cls.addClassCleanup(cls.server.stop)

    def test_answer_over_the_cap_is_cut(self):
        self.server.answer = (200, b"[" + b" " * HTTP_MAX_RESPONSE_BYTES + b"]", {})
        with self.assertRaisesRegex(
            http.ClientError, r"^127\.0\.0\.1 answered more than 20 MB: the answer was cut"
        ):
            http.request("GET", f"{self.server.url}/orders.json")

    def test_compressed_bomb_is_cut(self):
        bomb = gzip.compress(b"0" * (HTTP_MAX_RESPONSE_BYTES + 1024 * 1024))
        self.assertLess(len(bomb), 100_000)
        self.server.answer = (200, bomb, {"Content-Encoding": "gzip"})
        with self.assertRaisesRegex(http.ClientError, "answered more than 20 MB"):
            http.request("GET", f"{self.server.url}/orders.json")
        self.server.answer = (200, gzip.compress(b'{"orders": [1]}'), {"Content-Encoding": "gzip"})
        answer = http.request("GET", f"{self.server.url}/orders.json")
        self.assertEqual(answer.json(), {"orders": [1]}, "a compressed answer is read")

    def test_errors_show_no_remote_page(self):
        url = f"{self.server.url}/admin/api/orders.json?status=any&access_token=shpat_x"
        expected = {
            401: "127.0.0.1 refused the credentials (HTTP 401): check the API key",
            403: "127.0.0.1 refused access (HTTP 403): check that the credentials",
            404: "127.0.0.1 refused the request (HTTP 404): check the address, the "
            "credentials and the shop's API access.",
            500: "127.0.0.1: the server failed (HTTP 500)",
        }
        for status, sentence in expected.items():
            self.server.answer = (status, REMOTE_PAGE.encode(), {"Content-Type": "text/html"})
            with self.subTest(status=status), self.assertRaises(http.ShopApiError) as caught:
                http.request("GET", url, sleep=lambda seconds: None)
            message = str(caught.exception)
            self.assertTrue(message.startswith(sentence), message)
            for leak in ("Internal admin", "s3cr3t", "/admin/api", "status=any", "shpat_x"):
                self.assertNotIn(leak, message)
        # A page that is not the API's JSON: said, not shown.
        self.server.answer = (200, REMOTE_PAGE.encode(), {"Content-Type": "text/html"})
        with self.assertRaises(http.ClientError) as caught:
            http.request("GET", url).json()
        self.assertNotIn("Internal admin", str(caught.exception))
        self.assertIn("127.0.0.1 did not answer what its API documents", str(caught.exception))

    def test_connection_test_shows_a_sentence_in_the_users_language(self):
        shop = self.create_shop(
            "shopify", "OUT-FR", api_url=self.server.url, access_token="shpat_x"
        ).with_env(self.env_fr)
        self.server.answer = (401, REMOTE_PAGE.encode(), {"Content-Type": "text/html"})
        success, message = shop._ecom_test_connection()
        self.assertFalse(success)
        self.assertIn(
            "127.0.0.1 a refusé les identifiants (HTTP 401) : vérifiez la clé d'API", message
        )
        self.assertNotIn("Internal admin", message)
