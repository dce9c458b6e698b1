# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What the platforms' signed webhooks have in common (pure, no ORM, no I/O).

Shopify and WooCommerce both sign the raw request body with HMAC-SHA256 and
send the digest base64-encoded in a header; each platform's adapter names
its headers and topics and takes the reading and the check from
:class:`SignedWebhooks`.
"""

import base64
import hashlib
import hmac
from dataclasses import dataclass


@dataclass(frozen=True)
class WebhookHeaders:
    """The headers of one delivery that the endpoint needs (``None`` when absent)."""

    topic: str | None = None
    delivery_id: str | None = None
    signature: str | None = None


def header(headers, name):
    """The stripped value of header ``name`` in ``headers`` (any case), or ``None``.

    :param headers: a mapping of header names to values (a plain dict in the
        tests, Werkzeug's case-insensitive headers in the endpoint)
    """
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            value = (value or "").strip()
            return value or None
    return None


def read_headers(headers, topic_header, delivery_header, signature_header):
    """The :class:`WebhookHeaders` of a delivery, from the platform's header names.

    :param headers: a mapping of the request's header names to values
    """
    return WebhookHeaders(
        topic=header(headers, topic_header),
        delivery_id=header(headers, delivery_header),
        signature=header(headers, signature_header),
    )


def sign(body, secret):
    """The base64 HMAC-SHA256 of ``body`` keyed with ``secret``, as the platforms send it.

    :param bytes body: the raw request body
    :param str secret: the webhook secret
    :return: the signature (str)
    """
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def verify_signature(body, signature, secret):
    """Whether ``signature`` is the signature of ``body`` with ``secret``.

    Compared in constant time. Without a secret or a signature nothing is
    trusted: a shop that has no webhook secret accepts no webhook.

    :param bytes body: the raw request body, exactly as received
    :param str signature: the header's value
    :param str secret: the shop's webhook secret
    :return: bool
    """
    if not secret or not signature:
        return False
    expected = sign(body, secret).encode("ascii")
    return hmac.compare_digest(expected, signature.strip().encode("utf-8", "replace"))


class SignedWebhooks:
    """Adapter mix-in: a platform that signs the raw body (base64 HMAC-SHA256).

    The adapter names its three headers; reading them and checking the
    signature are the same for every such platform.
    """

    signature_header = None
    topic_header = None
    delivery_header = None

    def webhook_headers(self, headers):
        """Topic, delivery id and signature of one delivery, from the platform's headers.

        :param headers: a mapping of the request's header names to values
        :return: :class:`WebhookHeaders`
        """
        return read_headers(headers, self.topic_header, self.delivery_header, self.signature_header)

    def verify_webhook(self, body, headers, secret):
        """Whether the platform's signature header is the base64 HMAC-SHA256 of ``body``.

        :param bytes body: the raw request body
        :param headers: a mapping of the request's header names to values
        :param str secret: the shop's webhook secret; without one, ``False``
        """
        return verify_signature(body, header(headers, self.signature_header), secret)
