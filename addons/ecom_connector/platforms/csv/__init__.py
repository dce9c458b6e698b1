# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""CSV exports: files only (no API), columns as the shop's layout says."""

from odoo.tools.translate import LazyTranslate

from ..registry import Platform, register_platform
from . import adapter

_lt = LazyTranslate(__name__)


def shop_options(shop):
    """The shop's column mapping: its saved layout, its overrides, its preset."""
    return {"csv": shop._ecom_csv_options()}


PLATFORM = register_platform(
    Platform(
        code="csv",
        adapter=adapter.CsvExportAdapter,
        file_formats=("csv",),
        formats_help=_lt(
            "A CSV export: its columns, separator and decimals as the shop's CSV layout "
            "says (the shop's Order Import tab)."
        ),
        sample_files={
            "": "csv_fr_standard.csv",
            "fr_standard": "csv_fr_standard.csv",
            "generic_en": "csv_generic_en.csv",
        },
        shop_options=shop_options,
    )
)
