# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The interface every platform adapter implements, and the registry."""

from odoo.tools.translate import LazyTranslate

from .canonical import InboundDocument, ShopOrder
from .utils import guarded

_lt = LazyTranslate(__name__)

# The methods that read what a shop sent, and how their errors name it.
GUARDED_METHODS = {
    "split": _lt("The file cannot be read"),
    "parse": _lt("The order cannot be read"),
    "webhook_documents": _lt("The webhook body cannot be read"),
}


def platform_registry(registry):
    """The class decorator factory that files classes in ``registry`` by platform.

    ``@register("shopify")`` sets the class's ``platform`` and makes it
    available under that code (adapters here, pull clients in ``clients/``).
    """

    def register(platform):
        def decorator(cls):
            cls.platform = platform
            registry[platform] = cls
            return cls

        return decorator

    return register


_ADAPTERS = {}
#: Class decorator: make an adapter available under ``platform``.
register = platform_registry(_ADAPTERS)


def get_adapter(platform, options=None):
    """Return an adapter instance for ``platform``.

    :param platform: the shop's platform code (``shopify``, ``csv``...)
    :param options: a dict of per-shop settings the adapter may use (the CSV
        column mapping, its separator and encoding...)
    :raises KeyError: when no adapter is registered for ``platform``
    """
    return _ADAPTERS[platform](options or {})


class Adapter:
    """Pure translation between a platform's payloads and canonical orders.

    No ORM, no network, no clock: everything an adapter needs comes in its
    arguments, so it is tested with plain payloads.
    """

    platform = None

    def __init_subclass__(cls, **kwargs):
        """Guard each platform's reading methods: bad input only ever raises
        :class:`PayloadError` (see :func:`~.utils.guarded`)."""
        for name, what in GUARDED_METHODS.items():
            method = cls.__dict__.get(name)
            if method and not getattr(method, "ecom_guarded", False):
                setattr(cls, name, guarded(what)(method))
        return super().__init_subclass__(**kwargs)

    def __init__(self, options):
        self.options = options

    def split(self, content, filename=""):
        """Cut a file's content into one document per external object.

        :param bytes content: the file as received
        :param str filename: its name, a hint for the format
        :return: a list of :class:`InboundDocument`; a part that cannot be
            identified comes back with ``error`` set, never raises for bad
            input in one part
        :raises PayloadError: when the file as a whole is unreadable
        """
        raise NotImplementedError

    def split_stream(self, stream, filename=""):
        """:meth:`split` of a file read from ``stream`` (binary), as an iterator.

        By default the file is read whole; platforms whose exports can be
        large (NDJSON, JSON arrays) read them a piece at a time.
        :raises PayloadError: as :meth:`split`, possibly after giving documents
        """
        return iter(self.split(stream.read(), filename))

    def parse(self, document: InboundDocument) -> ShopOrder:
        """Turn one stored document into a canonical order.

        :raises PayloadError: with a message for a person when the payload
            cannot become an order (missing field, negative quantity...)
        """
        raise NotImplementedError

    def personal_keys(self):
        """Keys of this shop's payloads that hold personal data beyond ``PERSONAL_KEYS``.

        :return: a set of keys (the CSV export's headers of its name and
            address columns, which each shop names as it likes)
        """
        return frozenset()

    # ------------------------------------------------------------ webhooks

    #: The webhook topics the connector takes, each with the kind of payload it
    #: brings (``order``, ``refund``...); empty when the platform has no signed
    #: webhooks, and its shops then refuse every webhook call.
    webhook_topics = {}

    def webhook_headers(self, headers):
        """The topic, delivery id and signature of one webhook delivery.

        :param headers: a mapping of the request's header names to values
        :return: a :class:`~.webhook.WebhookHeaders`
        """
        raise NotImplementedError

    def verify_webhook(self, body, headers, secret):
        """Whether the delivery is signed with ``secret`` (compared in constant time).

        :param bytes body: the raw request body
        :param headers: a mapping of the request's header names to values
        :param str secret: the shop's webhook secret; without one, ``False``
        """
        raise NotImplementedError

    def is_webhook_ping(self, body, headers, params):
        """Whether the call is the platform's unsigned test ping (nothing to store).

        :param bytes body: the raw request body (empty when it was a form)
        :param params: the form fields the web server already decoded
        """
        return False

    def webhook_documents(self, body, topic):
        """The documents of one verified delivery, to store in the inbox.

        :param bytes body: the raw request body
        :param str topic: its topic, one of :attr:`webhook_topics`
        :return: a list of :class:`InboundDocument` (one per webhook)
        :raises PayloadError: when the body is not JSON
        """
        raise NotImplementedError
