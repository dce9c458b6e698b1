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
parameters and every value passed in ``secrets`` are masked in logged URLs.
A message names the host (never the path, the query or what the server
answered), the HTTP status and what to check; it is a lazy translation, put
in the reader's language by :meth:`ShopApiError.sentence`.

Only public addresses are called, over HTTPS: the host is resolved before
each call and refused when any of its addresses is private, loopback,
link-local, multicast, reserved or unspecified (loopback, over http too, only
when the server's ``ecom_allow_loopback`` option is on: the tests' and demos'
local stand-ins). The connection is made to the address that was checked
(DNS can answer differently a moment later). Answers are read as a stream
and cut past :data:`~..const.HTTP_MAX_RESPONSE_BYTES`, decompressed size
included.
"""

import ipaddress
import json
import logging
import socket
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter

from odoo.tools import config
from odoo.tools.translate import LazyTranslate

from ..const import CONFIG_ALLOW_LOOPBACK, HTTP_MAX_RESPONSE_BYTES
from ..sentences import TranslatableError

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

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
MASK = "***"
# The most read of a refusal's body, when the caller reads its error codes.
ERROR_BODY_BYTES = 16 * 1024
# Bytes read (and decompressed) at a time.
CHUNK_BYTES = 64 * 1024
# Content encodings we decompress ourselves, under the size cap.
DECODERS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class ShopApiError(TranslatableError):
    """A call to a shop's API failed; the message is safe to show and log.

    :param message: a sentence: a lazy translation (``_lt``), or plain text;
        ``str()`` English, :meth:`sentence` in the reader's language
    :param body: what the server answered, when the caller asked for it
        (``request(error_body=True)``): for the platform's client to read its
        error codes, never shown or logged as such
    """

    def __init__(self, message, status=None, body=b""):
        super().__init__(message)
        self.status = status
        self.body = body


class TransientError(ShopApiError):
    """The shop could not answer now; the same call may work ``retry_after`` seconds later.

    :param retryable: ``False`` when waiting cannot help (a host name that does not
        resolve): the caller stops instead of retrying; ``None`` when unknown
    """

    def __init__(self, message, status=None, retry_after=DEFAULT_RETRY_AFTER, retryable=None):
        super().__init__(message, status)
        self.retry_after = retry_after
        self.retryable = retryable


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
    url: str  # the host only: what a message may show

    def json(self):
        """The body decoded as JSON.

        :raises ClientError: when it is not JSON (an HTML error page, a login form)
        """
        try:
            return json.loads(self.content.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise ClientError(
                _lt(
                    "%(host)s did not answer what its API documents (not JSON): check the "
                    "address, and that it is the shop's API.",
                    host=self.url,
                ),
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


def loopback_allowed():
    """Whether the server's configuration lets this machine be called (tests, demos)."""
    return str(config.get(CONFIG_ALLOW_LOOPBACK) or "").strip().lower() in ("1", "true", "yes")


def check_url(url, resolve=True):
    """Refuse an address the server must not call, and say which address to connect to.

    https only (http for allowed loopback only); the host's addresses, all of
    them, public (loopback only when :func:`loopback_allowed`).

    :param bool resolve: look the host up in the DNS (``False``: only a host
        written as an address is checked)
    :return: the first address checked (a string), or ``None`` when not resolved
    :raises ClientError: when the address is refused
    :raises TransientError: when the host cannot be looked up
    """
    parts = urlsplit((url or "").strip())
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host = port = None
    if parts.scheme not in ("http", "https") or not host:
        raise ClientError(
            _lt(
                "The address must be a web address starting with https:// "
                "(this one starts with %(start)s).",
                start=f"{parts.scheme}:" if parts.scheme else (url or "")[:12],
            )
        )
    if parts.scheme == "http" and not loopback_allowed():
        raise _clear_text(host)
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is None and not resolve:
        return None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            found = socket.getaddrinfo(
                host, port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
            )
        except (OSError, UnicodeError):
            if parts.scheme == "http":
                raise _clear_text(host) from None  # http is for this machine only
            raise TransientError(
                _lt("%(host)s could not be found (DNS): check the address.", host=host),
                retryable=False,
            ) from None
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]
    for address in addresses:
        internal = _internal(address)
        if internal and not (internal == "loopback" and loopback_allowed()):
            raise ClientError(
                _lt(
                    "%(host)s leads to an internal address (%(address)s): only public "
                    "addresses are called. Check the address.",
                    host=host,
                    address=str(address),
                )
            )
    if parts.scheme == "http" and not all(_internal(a) == "loopback" for a in addresses):
        raise _clear_text(host)
    return str(addresses[0])


def _internal(address):
    """``"loopback"``, ``"internal"`` or ``None`` (a public address)."""
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_loopback:
        return "loopback"
    if (
        address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    ):
        return "internal"
    return None


def _clear_text(host):
    return ClientError(
        _lt(
            "%(host)s: only https:// addresses are called (credentials and customer data "
            "would travel in clear). Use https://.",
            host=host,
        )
    )


class PinnedAdapter(HTTPAdapter):
    """Connects to the address that was checked, whatever the DNS says a moment later.

    The request keeps the host's name (``Host`` header, TLS server name and
    certificate check): only the connection's address is fixed.
    """

    def __init__(self, host, address):
        self.pinned_host = host
        self.pinned_address = address
        super().__init__()

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):
        connection = super().get_connection_with_tls_context(request, verify, proxies, cert)
        self._pin(connection)
        return connection

    def get_connection(self, url, proxies=None):  # requests < 2.32
        connection = super().get_connection(url, proxies)
        self._pin(connection)
        return connection

    def _pin(self, pool):
        # urllib3 connects to a connection's ``_dns_host``; the name stays for
        # the Host header, SNI and the certificate.
        if getattr(pool, "ecom_pinned", False) or pool.host.strip("[]") != self.pinned_host:
            return
        pool.ecom_pinned = True
        make = pool.ConnectionCls
        host, address = self.pinned_host, self.pinned_address

        def pinned(*args, **kwargs):
            connection = make(*args, **kwargs)
            connection._dns_host = address  # pylint: disable=protected-access
            if hasattr(connection, "server_hostname"):
                connection.server_hostname = connection.server_hostname or host
            return connection

        pool.ConnectionCls = pinned


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
    max_bytes=HTTP_MAX_RESPONSE_BYTES,
    rate_limit_wait=None,
    error_body=False,
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
    :param session: a ``requests.Session`` to reuse connections (an adapter
        pinned to the checked address is mounted on it for this host)
    :param max_bytes: the largest answer read (decompressed)
    :param rate_limit_wait: ``headers -> seconds | None``: how long a 429 without
        ``Retry-After`` asks to wait, from the platform's own headers (Amazon's
        ``x-amzn-RateLimit-Limit``)
    :param error_body: read the body of a 4xx refusal (other than 401, 403 and
        429; at most :data:`ERROR_BODY_BYTES`) into the :class:`ClientError`'s
        ``body``, for a client whose API answers documented error codes from a
        host fixed in code (Amazon's ``errors`` list)
    :return: :class:`Response` for a 2xx answer
    :raises TransientError: timeout, connection error, 429, 5xx
    :raises AuthError: 401, 403
    :raises ClientError: an address that must not be called (see
        :func:`check_url`), an answer past ``max_bytes``, anything else
    """
    secrets = tuple(s for s in (secrets or ()) if s)
    if auth:
        secrets += tuple(part for part in auth if part)
    parts = urlsplit(url)
    address = check_url(url)
    host = parts.hostname
    shown = safe_url(url, params, secrets)
    all_headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/json",
        "Accept-Encoding": ", ".join(DECODERS),
        **(headers or {}),
        # The connection goes to the checked address; the request names the host.
        "Host": parts.netloc.rpartition("@")[2],
    }
    own_session = session is None
    session = session or requests.Session()
    _pin(session, parts, address)
    try:
        return _call(
            session,
            method,
            url,
            host=host,
            shown=shown,
            params=params,
            headers=all_headers,
            auth=auth,
            json_body=json_body,
            data=data,
            timeout=timeout,
            max_inline_wait=max_inline_wait,
            sleep=sleep,
            max_bytes=max_bytes,
            rate_limit_wait=rate_limit_wait,
            error_body=error_body,
        )
    finally:
        if own_session:
            session.close()


def _pin(session, parts, address):
    """Mount on ``session`` an adapter that connects ``parts``' host to ``address``."""
    prefix = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}/".lower()
    current = session.adapters.get(prefix)
    if isinstance(current, PinnedAdapter) and current.pinned_address == address:
        return  # the same address: keep its open connections
    if current is not None:
        current.close()
    session.mount(prefix, PinnedAdapter(parts.hostname, address))


def _call(
    session,
    method,
    url,
    *,
    host,
    shown,
    max_inline_wait,
    sleep,
    max_bytes,
    rate_limit_wait=None,
    error_body=False,
    **options,
):
    timeout = options["timeout"]
    for attempt in range(INLINE_RETRIES + 1):
        started = time.monotonic()
        try:
            answer = session.request(
                method,
                url,
                params=options["params"],
                headers=options["headers"],
                auth=options["auth"],
                json=options["json_body"],
                data=options["data"],
                timeout=timeout,
                allow_redirects=False,  # a redirect could carry the token elsewhere
                stream=True,  # read under a size cap, see _read
            )
        except requests.Timeout:
            _logger.warning("%s %s: timed out", method, shown)
            raise TransientError(
                _lt(
                    "%(host)s did not answer within %(seconds)s seconds: it will be tried "
                    "again later.",
                    host=host,
                    seconds=_seconds(timeout),
                )
            ) from None
        except requests.ConnectionError as error:
            _logger.warning("%s %s: connection failed (%s)", method, shown, type(error).__name__)
            raise TransientError(
                _lt(
                    "%(host)s could not be reached: the connection failed. Check the address.",
                    host=host,
                )
            ) from None
        except requests.RequestException as error:
            raise ClientError(
                _lt(
                    "%(host)s cannot be called (%(kind)s): check the address.",
                    host=host,
                    kind=type(error).__name__,
                )
            ) from None
        status = answer.status_code
        _logger.debug(
            "%s %s -> %s in %.0f ms", method, shown, status, (time.monotonic() - started) * 1000
        )
        if status == 429:
            answer.close()
            own_wait = None
            if rate_limit_wait and not answer.headers.get("Retry-After"):
                own_wait = rate_limit_wait(answer.headers)
            if own_wait is not None:
                wait = own_wait
            else:
                wait = parse_retry_after(answer.headers.get("Retry-After"))
            if wait <= max_inline_wait and attempt < INLINE_RETRIES:
                _logger.info("%s %s: rate limited, waiting %.1f s", method, shown, wait)
                sleep(wait)
                continue
            raise TransientError(
                _lt(
                    "%(host)s: the rate limit is reached (HTTP 429); retry in %(seconds)s "
                    "seconds.",
                    host=host,
                    seconds=f"{wait:g}",
                ),
                status,
                retry_after=wait,
            )
        break
    if 200 <= status < 300:
        try:
            content = _read(answer, host, max_bytes)
        finally:
            answer.close()
        return Response(status, answer.headers, content, host)
    # What a refusing server answered is neither read nor shown: it may be a
    # page of the user's choosing, or hold what we sent. A client reading a
    # fixed host's documented error codes asks for the body (error_body).
    body = b""
    if error_body and 400 <= status < 500 and status not in (401, 403):
        try:
            body = _read(answer, host, ERROR_BODY_BYTES)
        except ShopApiError:
            body = b""
    answer.close()
    _logger.warning("%s %s -> HTTP %s", method, shown, status)
    if status >= 500:
        raise TransientError(
            _lt(
                "%(host)s: the server failed (HTTP %(status)s); it will be tried again later.",
                host=host,
                status=status,
            ),
            status,
            retry_after=parse_retry_after(answer.headers.get("Retry-After")),
        )
    if status == 401:
        raise AuthError(
            _lt(
                "%(host)s refused the credentials (HTTP 401): check the API key, secret or "
                "token.",
                host=host,
            ),
            status,
        )
    if status == 403:
        raise AuthError(
            _lt(
                "%(host)s refused access (HTTP 403): check that the credentials have the "
                "API access (scopes, permissions) the connector needs.",
                host=host,
            ),
            status,
        )
    if 300 <= status < 400:
        target = urlsplit(answer.headers.get("Location") or "").hostname or host
        raise ClientError(
            _lt(
                "%(host)s redirects to %(target)s (HTTP %(status)s): check the address.",
                host=host,
                target=target,
                status=status,
            ),
            status,
        )
    raise ClientError(
        _lt(
            "%(host)s refused the request (HTTP %(status)s): check the address, the "
            "credentials and the shop's API access.",
            host=host,
            status=status,
        ),
        status,
        body=body,
    )


def _read(answer, host, max_bytes):
    """The body of ``answer``, decompressed, at most ``max_bytes`` of it.

    Decompressed here rather than by urllib3, so that a small compressed body
    that inflates to gigabytes is stopped at the cap too.

    :raises ClientError: past the cap, or for an encoding we did not ask for
    """
    encoding = (answer.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in DECODERS and encoding != "identity":
        raise ClientError(
            _lt(
                "%(host)s answered in an encoding that was not asked for (%(encoding)s).",
                host=host,
                encoding=encoding[:20],
            )
        )
    decoder = zlib.decompressobj(DECODERS[encoding]) if encoding in DECODERS else None
    chunks, size = [], 0
    try:
        for raw in answer.raw.stream(CHUNK_BYTES, decode_content=False):
            pending = raw
            while pending:
                if decoder:
                    # At most what is left under the cap (+1 to see it passed).
                    chunk = decoder.decompress(pending, max_bytes - size + 1)
                    pending = decoder.unconsumed_tail
                else:
                    chunk, pending = pending, b""
                size += len(chunk)
                if size > max_bytes:
                    raise ClientError(
                        _lt(
                            "%(host)s answered more than %(size)s MB: the answer was cut and "
                            "not read. Ask for smaller pages, or check the address.",
                            host=host,
                            size=f"{max_bytes / 1024 / 1024:g}",
                        )
                    )
                chunks.append(chunk)
                if decoder and not chunk:
                    break
        if decoder:
            chunks.append(decoder.flush())
    except zlib.error:
        raise ClientError(
            _lt("%(host)s answered a damaged compressed body: check the address.", host=host)
        ) from None
    except (requests.RequestException, OSError):
        raise TransientError(
            _lt(
                "%(host)s stopped answering in the middle: it will be tried again later.", host=host
            )
        ) from None
    return b"".join(chunks)


def _seconds(timeout):
    return timeout[-1] if isinstance(timeout, tuple | list) else timeout
