# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import json

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..platforms.csv.adapter import PRESETS, REQUIRED

# The settings a layout may hold (the CSV adapter's, platforms/csv/adapter.py).
LAYOUT_KEYS = (
    "preset",
    "delimiter",
    "decimal_comma",
    "encoding",
    "date_formats",
    "prices_include_tax",
    "default_currency",
    "columns",
)


class EcomCsvLayout(models.Model):
    """A saved CSV column mapping: which header of a shop's export holds what.

    Made with the shop's *CSV Column Mapping* editor; shared between shops
    (and, without a company, between companies), exported and imported as
    any Odoo record (its settings are one JSON field).
    """

    _name = "ecom.csv.layout"
    _description = "Shop CSV Layout"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        help="Empty: shared with every company.",
    )
    options = fields.Json(
        required=True,
        help="The CSV settings: preset, delimiter, decimal_comma, encoding, date_formats, "
        "prices_include_tax, default_currency and columns {field: header}.",
    )
    options_text = fields.Text(
        string="Settings (JSON)",
        compute="_compute_options_text",
        inverse="_inverse_options_text",
        help="The settings as JSON text, to copy and share.",
    )

    @api.depends("options")
    def _compute_options_text(self):
        for layout in self:
            layout.options_text = json.dumps(layout.options or {}, indent=2, ensure_ascii=False)

    def _inverse_options_text(self):
        for layout in self:
            try:
                layout.options = json.loads(layout.options_text or "{}")
            except ValueError as error:
                raise ValidationError(
                    _("The settings are not valid JSON: %(error)s", error=error)
                ) from None

    @api.constrains("options")
    def _check_options(self):
        for layout in self:
            options = layout.options
            if not isinstance(options, dict) or set(options) - set(LAYOUT_KEYS):
                raise ValidationError(
                    _(
                        "The layout %(name)s may only hold these settings: %(keys)s.",
                        name=layout.name,
                        keys=", ".join(LAYOUT_KEYS),
                    )
                )
            if options.get("preset") and options["preset"] not in PRESETS:
                raise ValidationError(_("Unknown CSV preset %(preset)s.", preset=options["preset"]))
            columns = {
                **PRESETS[options.get("preset") or "fr_standard"]["columns"],
                **(options.get("columns") or {}),
            }
            missing = [key for key in REQUIRED if not columns.get(key)]
            if missing:
                raise ValidationError(
                    _(
                        "The layout %(name)s names no column for: %(fields)s.",
                        name=layout.name,
                        fields=", ".join(missing),
                    )
                )
