# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What each platform declares, and where the shared code reads it.

Each ``platforms/<code>/__init__.py`` builds one :class:`Platform` and hands it
to :func:`register_platform`. The shop, its form, the webhook endpoint, the
connect assistant and the import wizard ask the declaration what the
platform can do (pull, webhooks, stock, shipments), which settings of the
shop its adapter takes, which sample file it has: never ``platform ==``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from ..const import PLATFORMS

LABELS = dict(PLATFORMS)


def _no_options(shop):
    return {}


def _nothing(shop):
    return None


def _no_warehouse(shop, order):
    return None


def _never(shop, picking):
    return False


@dataclass(frozen=True)
class Platform:
    """One platform's declaration.

    :param code: its code, one of ``const.PLATFORMS`` (the vocabulary)
    :param adapter: its :class:`~..adapters.base.Adapter` class (pure translation)
    :param client: its :class:`~..clients.base.PullClient` class, or ``None``
        when its orders come in files only
    :param live_webhooks: whether the connector registers its webhooks in the shop
    :param push_stock: whether stock levels can be sent to the shop
    :param push_shipments: whether shipments can be marked in the shop
    :param credential_fields: the shop's credential fields its client uses
    :param shop_fields: the fields of ``ecom.shop`` only this platform reads
        (declared in its folder); a change of one empties the webhook cache
    :param file_formats: what its files are, as ``sniff_format`` names them
        (a file of another kind is told to belong to another shop)
    :param formats_help: what its files look like, for the import wizard (lazy translation)
    :param sample_files: the import wizard's sample, by CSV preset (``""`` for any)
    :param shop_options: ``shop -> dict``: the shop's settings its adapter and
        client read (``adapter.options``)
    :param stock_push_options: ``shop -> dict``: the keyword arguments of its
        client's ``push_stock``; raises ``UserError`` when a setting is missing
    :param missing_webhook_secret: ``shop -> str | None``: why webhooks cannot be
        registered without a secret entered by hand (the platform signs with
        one of its own), or ``None`` when the connector may generate it
    :param order_warehouse: ``(shop, order) -> stock.warehouse | None``: the
        warehouse a canonical order leaves from when it is not the shop's
        (an order the marketplace ships itself, ``fulfilled_by_platform``)
    :param ships_itself: ``(shop, stock.picking) -> bool``: whether the
        platform ships this delivery itself (it leaves from the warehouse
        ``order_warehouse`` named), so that nothing is confirmed to it
    :param marketplace: a marketplace (Amazon, Mirakl): it collects the customers'
        money and pays the seller settlements, whose sales of orders not in Odoo
        the accounting books from its report
    """

    code: str
    adapter: type
    client: type | None = None
    live_webhooks: bool = False
    push_stock: bool = False
    push_shipments: bool = False
    credential_fields: tuple = ()
    shop_fields: tuple = ()
    file_formats: tuple = ("json", "xml")
    formats_help: object = None
    sample_files: dict = field(default_factory=dict)
    shop_options: Callable = _no_options
    stock_push_options: Callable = _no_options
    missing_webhook_secret: Callable = _nothing
    order_warehouse: Callable = _no_warehouse
    ships_itself: Callable = _never
    marketplace: bool = False

    @property
    def label(self):
        return LABELS[self.code]

    @property
    def can_pull(self):
        return self.client is not None

    def sample_file(self, preset=""):
        """The name of the import wizard's sample file, or ``None``."""
        return self.sample_files.get(preset or "") or self.sample_files.get("")


_PLATFORMS = {}


def register_platform(platform):
    """Make ``platform`` (a :class:`Platform`) the declaration of its code.

    :raises ValueError: when the code is not in ``const.PLATFORMS``, or its
        adapter or client is registered under another code
    """
    if platform.code not in LABELS:
        raise ValueError(f"{platform.code!r} is not in const.PLATFORMS")
    for cls in (platform.adapter, platform.client):
        if cls is not None and cls.platform != platform.code:
            raise ValueError(f"{cls.__name__} is registered for {cls.platform!r}")
    _PLATFORMS[platform.code] = platform
    return platform


def get_platform(code):
    """The declaration of platform ``code``.

    :raises KeyError: when no platform has that code
    """
    return _PLATFORMS[code]


def all_platforms():
    """Every declared platform, in the order of ``const.PLATFORMS``."""
    return [_PLATFORMS[code] for code in LABELS if code in _PLATFORMS]


def platform_codes(capability):
    """The codes of the platforms with ``capability`` (``can_pull``, ``push_stock``...)."""
    return tuple(platform.code for platform in all_platforms() if getattr(platform, capability))


def all_shop_fields():
    """Every platform's own fields of ``ecom.shop``."""
    return frozenset(name for platform in all_platforms() for name in platform.shop_fields)
