# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The shop's CSV column mapping editor: pick each field's column, preview, save."""

import base64
import csv
import io

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from ..adapters import get_adapter
from ..adapters.canonical import PayloadError
from ..adapters.utils import decode_text
from ..platforms.csv.adapter import PRESETS, REQUIRED
from ..sentences import env_sentence
from ..tools import notification_action, reopen_wizard

# The fields of a CSV export the adapter reads, in the editor's order, with their labels.
CSV_FIELDS = [
    ("order_id", "Order number"),
    ("date", "Order date"),
    ("status", "Status"),
    ("currency", "Currency"),
    ("customer_name", "Customer name"),
    ("email", "Email"),
    ("company", "Company"),
    ("vat", "VAT number"),
    ("phone", "Phone"),
    ("billing_street", "Street"),
    ("billing_zip", "Postcode"),
    ("billing_city", "City"),
    ("billing_country", "Country"),
    ("sku", "Product SKU"),
    ("product_name", "Product name"),
    ("quantity", "Quantity"),
    ("unit_price", "Unit price"),
    ("line_discount", "Line discount"),
    ("tax_rate", "Tax rate"),
    ("shipping_method", "Shipping method"),
    ("shipping_amount", "Shipping amount"),
    ("order_total", "Order total"),
    ("payment_method", "Payment method"),
]
PREVIEW_ORDERS = 5


class EcomCsvMapping(models.TransientModel):
    """Read a sample export's header, map each field to a column, preview, apply or save."""

    _name = "ecom.csv.mapping"
    _description = "CSV Column Mapping Editor"

    shop_id = fields.Many2one("ecom.shop", required=True)
    file = fields.Binary(string="Sample Export", required=True)
    filename = fields.Char()
    preset = fields.Selection(
        [
            ("fr_standard", "French export (; and comma decimals)"),
            ("generic_en", "Generic (English)"),
        ],
        default="fr_standard",
        required=True,
        help="The layout the mapping starts from: its number, date and price conventions.",
    )
    delimiter = fields.Char(default=";", size=1, required=True)
    decimal_comma = fields.Boolean(string="Comma Decimals", default=True)
    prices_include_tax = fields.Boolean(default=True)
    column_ids = fields.One2many("ecom.csv.mapping.column", "mapping_id", string="Columns")
    line_ids = fields.One2many("ecom.csv.mapping.line", "mapping_id", string="Fields")
    preview = fields.Text(compute="_compute_preview")
    layout_name = fields.Char(
        string="Save as Layout", help="Also save the mapping as a layout other shops can use."
    )
    state = fields.Selection([("upload", "Upload"), ("map", "Map")], default="upload")

    @api.onchange("preset")
    def _onchange_preset(self):
        preset = PRESETS[self.preset or "fr_standard"]
        self.delimiter = preset["delimiter"]
        self.decimal_comma = preset["decimal_comma"]
        self.prices_include_tax = preset["prices_include_tax"]

    @api.depends("line_ids.column_id", "delimiter", "decimal_comma", "prices_include_tax", "file")
    def _compute_preview(self):
        for wizard in self:
            wizard.preview = wizard._preview_text() if wizard.state == "map" else False

    # ------------------------------------------------------------ actions

    def action_read_header(self):
        """Read the sample's header: one column per header, each field matched to one."""
        self.ensure_one()
        headers = self._headers()
        current = self.shop_id._ecom_adapter_options()["csv"].get("columns") or {}
        columns = {**PRESETS[self.preset]["columns"], **current}
        self.column_ids = [Command.clear()] + [Command.create({"name": h}) for h in headers]
        by_name = {column.name.lower(): column for column in self.column_ids}
        self.line_ids = [Command.clear()] + [
            Command.create(
                {
                    "key": key,
                    "column_id": (
                        by_name.get((columns.get(key) or "").lower())
                        or by_name.get(key.replace("_", " "))
                        or self.env["ecom.csv.mapping.column"]
                    ).id,
                }
            )
            for key, _label in CSV_FIELDS
        ]
        self.state = "map"
        return reopen_wizard(self)

    def action_apply(self):
        """Give the shop this mapping (and save it as a layout when named)."""
        self.ensure_one()
        options = self._options()
        missing = [
            line.key for line in self.line_ids if line.key in REQUIRED and not line.column_id
        ]
        if missing:
            raise UserError(
                _(
                    "Pick a column for %(fields)s: an order cannot be read without them.",
                    fields=", ".join(dict(self._key_labels())[key] for key in missing),
                )
            )
        vals = {"csv_options": options, "csv_preset": self.preset}
        if self.layout_name:
            layout = self.env["ecom.csv.layout"].create(
                {
                    "name": self.layout_name,
                    "company_id": self.shop_id.company_id.id,
                    "options": options,
                }
            )
            vals.update(csv_layout_id=layout.id)
        self.shop_id.write(vals)
        return notification_action(
            _("The CSV column mapping of %(shop)s is saved.", shop=self.shop_id.name),
            next_action={"type": "ir.actions.act_window_close"},
        )

    # ------------------------------------------------------------ helpers

    def _key_labels(self):
        return self.env["ecom.csv.mapping.line"]._fields["key"]._description_selection(self.env)

    def _headers(self):
        if not self.file:
            raise UserError(_("Upload a sample of the shop's CSV export first."))
        text = decode_text(base64.b64decode(self.file))
        first = next(csv.reader(io.StringIO(text), delimiter=self.delimiter or ";"), [])
        headers = [header.strip() for header in first if header and header.strip()]
        if len(headers) < 2:
            raise UserError(
                _(
                    "The file's first line holds no header with the separator %(sep)s: "
                    "check the separator.",
                    sep=self.delimiter,
                )
            )
        return headers

    def _options(self):
        """The CSV adapter's settings this mapping makes."""
        return {
            "preset": self.preset,
            "delimiter": self.delimiter,
            "decimal_comma": self.decimal_comma,
            "prices_include_tax": self.prices_include_tax,
            # A field left without a column is read from no column at all.
            "columns": {line.key: line.column_id.name or "" for line in self.line_ids},
        }

    def _preview_text(self):
        """The first orders of the sample as they would import, one paragraph each."""
        options = dict(self.shop_id._ecom_adapter_options(), csv=self._options())
        adapter = get_adapter("csv", options)
        try:
            documents = adapter.split(base64.b64decode(self.file or b""), self.filename or "")
        except PayloadError as error:
            return error.sentence(self.env)
        paragraphs = []
        for document in documents[:PREVIEW_ORDERS]:
            if document.error:
                paragraphs.append(env_sentence(self.env, document.error))
                continue
            try:
                order = adapter.parse(document)
            except PayloadError as error:
                paragraphs.append(f"{document.external_id}: {error.sentence(self.env)}")
                continue
            lines = "\n".join(
                f"  {line.quantity} × {line.name} ({line.sku or '-'}) at {line.unit_price}"
                for line in order.lines
            )
            paragraphs.append(
                _(
                    "%(ref)s, %(date)s, %(customer)s: %(total)s %(currency)s (%(status)s)",
                    ref=order.reference,
                    date=order.created_at or "-",
                    customer=order.customer.name or order.customer.email or "-",
                    total=order.totals.total,
                    currency=order.currency,
                    status=order.financial_status,
                )
                + "\n"
                + lines
            )
        return "\n\n".join(paragraphs)


class EcomCsvMappingColumn(models.TransientModel):
    _name = "ecom.csv.mapping.column"
    _description = "CSV Export Column"

    mapping_id = fields.Many2one("ecom.csv.mapping", required=True, ondelete="cascade")
    name = fields.Char(required=True)


class EcomCsvMappingLine(models.TransientModel):
    _name = "ecom.csv.mapping.line"
    _description = "CSV Field and Its Column"
    _order = "id"

    mapping_id = fields.Many2one("ecom.csv.mapping", required=True, ondelete="cascade")
    key = fields.Selection(CSV_FIELDS, string="Field", required=True, readonly=True)
    required = fields.Boolean(compute="_compute_required")
    column_id = fields.Many2one(
        "ecom.csv.mapping.column",
        domain="[('mapping_id', '=', mapping_id)]",
    )

    @api.depends("key")
    def _compute_required(self):
        for line in self:
            line.required = line.key in REQUIRED
