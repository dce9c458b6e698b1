# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""One outgoing request method for every shop API client (pull, webhooks, push).

Every call has a timeout, and every failure becomes one of three exceptions a
caller can act on without knowing HTTP:

- :class:`TransientError`: try again later (timeout, connection error, 429,
  5xx); ``retry_after`` says when, in seconds (the server's ``Retry-After``
  when it sent one).
- :class:`AuthError`: 401 or 403, the credentials are wrong, revoked or lack
  a scope; retrying will not help until a person fixes them.
- :class:`ClientError`: any other refusal (4xx, a redirect, a URL that cannot
  be called, an answer that is not what the API documents).

Secrets are never logged and never put in a message: credential query
parameters and every value passed in ``secrets`` are masked in URLs and
excerpts. Credentials only travel over HTTPS (or to the local machine, for
tests and development).
"""

import json
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests

_logger = logging.getLogger(__name__)

# Seconds to connect and between bytes read: a shop that does not answer in time
# is "try later". (A number, not a tuple: Odoo's test harness compares it to 10.)
DEFAULT_TIMEOUT = 30
# When a transient failure does not say when to come back.
DEFAULT_RETRY_AFTER = 60
# A 429 asking to wait at most this long (seconds) is waited for inside the call.
MAX_INLINE_WAIT = 5
INLINE_RETRIES = 3
USER_AGENT = "ecom-connector (Odoo 18.0)"
SECRET_PARAMS = frozenset(
    {"consumer_key", "consumer_secret", "ws_key", "access_token", "key", "secret", "token"}
)
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
MASK = "***"
EXCERPT_LENGTH = 300


class ShopApiError(Exception):
    """A call to a shop's API failed; the message is safe to show and log."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


class TransientError(ShopApiError):
    """The shop could not answer now; the same call may work ``retry_after`` seconds later."""

    def __init__(self, message, status=None, retry_after=DEFAULT_RETRY_AFTER):
        super().__init__(message, status)
        self.retry_after = retry_after


class AuthError(ShopApiError):
    """The shop refused the credentials (401) or their scopes (403)."""


class ClientError(ShopApiError):
    """The shop refused the request for another reason, or answered nonsense."""


@dataclass(frozen=True)
class Response:
    """A successful answer: status, headers (case-insensitive), raw body, masked URL."""

    status: int
    headers: dict
    content: bytes
    url: str

    def json(self):
        """The body decoded as JSON.

        :raises ClientError: when it is not JSON (an HTML error page, a login form)
        """
        try:
            return json.loads(self.content.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise ClientError(
                f"{self.url} did not answer JSON (it starts with "
                f"{self.content[:60].decode('utf-8', 'replace')!r}): is the shop URL right?",
                self.status,
            ) from None


def mask(text, secrets=()):
    """``text`` with every secret value replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text


def safe_url(url, params=None, secrets=()):
    """The URL (with ``params``) as it may be logged: credentials masked."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list((params or {}).items())
    query = [(key, MASK if key in SECRET_PARAMS else value) for key, value in query]
    text = urlunsplit(parts._replace(query=urlencode(query, safe="[],|:"), fragment=""))
    return mask(text, secrets)


def parse_retry_after(value, default=DEFAULT_RETRY_AFTER, now=None):
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return default
    if value.strip().replace(".", "", 1).isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    now = now or datetime.now(UTC)
    return max((moment - now).total_seconds(), 0.0)


def check_transport(url, secrets=()):
    """Refuse to send credentials in clear text over the network.

    :raises ClientError: for a URL that is not ``https://`` (loopback hosts
        excepted) when ``secrets`` are to be sent, or that is not HTTP at all
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ClientError(f"{mask(url, secrets)!r} is not a web address (https://...).")
    if parts.scheme == "http" and any(secrets) and parts.hostname not in LOOPBACK_HOSTS:
        raise ClientError(
            f"{parts.hostname}: the shop's credentials are only sent over HTTPS; "
            "set the shop URL to https://..."
        )


def request(
    method,
    url,
    *,
    params=None,
    headers=None,
    auth=None,
    json_body=None,
    data=None,
    timeout=DEFAULT_TIMEOUT,
    secrets=(),
    max_inline_wait=MAX_INLINE_WAIT,
    sleep=time.sleep,
    session=None,
):
    """Call a shop's API once (waiting out a short 429), and return its answer.

    :param str method: ``GET``, ``POST``, ``PUT``...
    :param str url: the full URL, without credentials in it
    :param dict params: query parameters (credential ones are masked in logs)
    :param dict headers: extra headers (an access token goes here, and in ``secrets``)
    :param auth: ``(user, password)`` for HTTP basic authentication
    :param json_body: a JSON-serialisable body
    :param data: a raw body (bytes), with its ``Content-Type`` in ``headers``
    :param timeout: seconds, or ``(connect, read)`` seconds
    :param secrets: every credential value sent, so that none is ever logged
    :param max_inline_wait: a 429 whose ``Retry-After`` is at most this many
        seconds is waited for (up to three times) instead of raised
    :param sleep: how to wait (tests pass a recorder)
    :param session: a ``requests.Session`` to reuse connections
    :return: :class:`Response` for a 2xx answer
    :raises TransientError: timeout, connection error, 429, 5xx
    :raises AuthError: 401, 403
    :raises ClientError: anything else
    """
    secrets = tuple(s for s in (secrets or ()) if s)
    if auth:
        secrets += tuple(part for part in auth if part)
    check_transport(url, secrets)
    shown = safe_url(url, params, secrets)
    all_headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})}
    caller = session or requests
    for attempt in range(INLINE_RETRIES + 1):
        started = time.monotonic()
        try:
            answer = caller.request(
                method,
                url,
                params=params,
                headers=all_headers,
                auth=auth,
                json=json_body,
                data=data,
                timeout=timeout,
                allow_redirects=False,  # a redirect could carry the token elsewhere
            )
        except requests.Timeout:
            _logger.warning("%s %s: timed out", method, shown)
            raise TransientError(
                f"{shown} did not answer within {_seconds(timeout)} seconds."
            ) from None
        except requests.ConnectionError as error:
            _logger.warning("%s %s: connection failed (%s)", method, shown, type(error).__name__)
            raise TransientError(f"{shown} could not be reached: the connection failed.") from None
        except requests.RequestException as error:
            raise ClientError(f"{shown} cannot be called ({type(error).__name__}).") from None
        status = answer.status_code
        _logger.debug(
            "%s %s -> %s in %.0f ms", method, shown, status, (time.monotonic() - started) * 1000
        )
        if status == 429:
            wait = parse_retry_after(answer.headers.get("Retry-After"))
            if wait <= max_inline_wait and attempt < INLINE_RETRIES:
                _logger.info("%s %s: rate limited, waiting %.1f s", method, shown, wait)
                sleep(wait)
                continue
            raise TransientError(
                f"{shown}: the shop's rate limit is reached; retry in {wait:g} seconds.",
                status,
                retry_after=wait,
            )
        break
    if 200 <= status < 300:
        return Response(status, answer.headers, answer.content, shown)
    excerpt = mask(answer.text[:EXCERPT_LENGTH], secrets).strip()
    _logger.warning("%s %s -> HTTP %s", method, shown, status)
    if status >= 500:
        raise TransientError(
            f"{shown}: the shop's server failed (HTTP {status}).",
            status,
            retry_after=parse_retry_after(answer.headers.get("Retry-After")),
        )
    if status in (401, 403):
        what = "refused the credentials" if status == 401 else "refused access (missing scope?)"
        raise AuthError(f"{shown}: the shop {what} (HTTP {status}): {excerpt}", status)
    if 300 <= status < 400:
        target = mask(answer.headers.get("Location") or "?", secrets)
        raise ClientError(
            f"{shown} redirects to {target} (HTTP {status}): set the shop URL to that address.",
            status,
        )
    raise ClientError(f"{shown}: the shop refused the request (HTTP {status}): {excerpt}", status)


def _seconds(timeout):
    return timeout[-1] if isinstance(timeout, tuple | list) else timeout
