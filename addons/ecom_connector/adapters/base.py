"""The interface every platform adapter implements, and the registry."""

from .canonical import InboundDocument, ShopOrder

_ADAPTERS = {}


def register(platform):
    """Class decorator: make an adapter available under ``platform``."""

    def decorator(cls):
        cls.platform = platform
        _ADAPTERS[platform] = cls
        return cls

    return decorator


def get_adapter(platform, options=None):
    """Return an adapter instance for ``platform``.

    :param platform: the shop's platform code (``shopify``, ``csv``...)
    :param options: a dict of per-shop settings the adapter may use (the CSV
        column mapping, its separator and encoding...)
    :raises KeyError: when no adapter is registered for ``platform``
    """
    return _ADAPTERS[platform](options or {})


def registered_platforms():
    return sorted(_ADAPTERS)


class Adapter:
    """Pure translation between a platform's payloads and canonical orders.

    No ORM, no network, no clock: everything an adapter needs comes in its
    arguments, so it is tested with plain payloads.
    """

    platform = None

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

    def parse(self, document: InboundDocument) -> ShopOrder:
        """Turn one stored document into a canonical order.

        :raises PayloadError: with a message for a person when the payload
            cannot become an order (missing field, negative quantity...)
        """
        raise NotImplementedError
