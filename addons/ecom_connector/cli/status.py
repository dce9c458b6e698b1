# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""``odoo ecom status``: where each shop stands, as JSON or as a plain-text table."""

import odoo
from odoo.tools.translate import LazyTranslate

from ..const import PAYLOAD_STATES
from ..sentences import ENGLISH, sentence_in

_lt = LazyTranslate(__name__)

# What shop_status says of every shop; other keys come from _ecom_status_figures.
STATUS_OWN_KEYS = (
    "code",
    "name",
    "platform",
    "company",
    "automatic_import",
    "last_pull",
    "payloads",
)


def shop_status(env, shops):
    """Where each shop stands, as a JSON-ready document (``odoo ecom status``).

    :param shops: ``ecom.shop`` records
    :return: ``{"shops": [...]}``, per shop its code, name, platform, company,
        whether the automatic import is on, its last pull (``started_at``,
        ``state``, or ``None``), its payloads counted by state, and the
        figures other addons add (:meth:`ecom.shop._ecom_status_figures`)
    """
    payload_counts = {
        (shop.id, state): count
        for shop, state, count in env["ecom.payload"]._read_group(
            [("shop_id", "in", shops.ids)], ["shop_id", "state"], ["__count"]
        )
    }
    last_runs = env["ecom.sync.run"].browse(
        run_id
        for _shop, run_id in env["ecom.sync.run"]._read_group(
            [("shop_id", "in", shops.ids)], ["shop_id"], ["id:max"]
        )
    )
    last_run_of = {run.shop_id.id: run for run in last_runs}
    figures = shops._ecom_status_figures()
    report = []
    for shop in shops:
        run = last_run_of.get(shop.id)
        report.append(
            {
                "code": shop.code,
                "name": shop.name,
                "platform": shop.platform,
                "company": shop.company_id.name,
                "automatic_import": shop.sync_enabled,
                "last_pull": run
                and {
                    "started_at": odoo.fields.Datetime.to_string(run.started_at),
                    "state": run.state,
                },
                "payloads": {
                    state: payload_counts.get((shop.id, state), 0)
                    for state, _label in PAYLOAD_STATES
                },
                **figures[shop.id],
            }
        )
    return {"shops": report}


def status_table(report, lang=ENGLISH):
    """The status document as a plain-text table, one line per shop.

    :param str lang: the language of the table's words (the figures' keys
        other addons add stay as they are)
    """

    def say(message):
        return sentence_in(message, lang)

    # The figures other addons add, in the order they come.
    extra = list(
        dict.fromkeys(key for shop in report["shops"] for key in shop if key not in STATUS_OWN_KEYS)
    )
    header = [
        say(word)
        for word in (
            _lt("shop"),
            _lt("name"),
            _lt("platform"),
            _lt("auto"),
            _lt("last pull"),
            _lt("payloads"),
        )
    ] + [key.replace("_", " ") for key in extra]
    rows = []
    for shop in report["shops"]:
        run = shop["last_pull"]
        payloads = ", ".join(
            f"{state} {count}" for state, count in shop["payloads"].items() if count
        )
        rows.append(
            [
                shop["code"],
                shop["name"],
                shop["platform"],
                say(_lt("on")) if shop["automatic_import"] else say(_lt("off")),
                f"{run['started_at'][:16]} {run['state']}" if run else say(_lt("never")),
                payloads or say(_lt("none")),
                *(_figure(key, shop.get(key)) for key in extra),
            ]
        )
    if not rows:
        return say(_lt("No shop."))
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [header, *rows]
    )


def _figure(key, value):
    if value is None:
        return ""
    if key.endswith("_rate"):
        return f"{value:.1f} %"
    return str(value)
