# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Amazon: settlements (report V2 flat file), by file or the Reports API with the set's keys."""

from ..provider import WITH_KEYS, PayoutProvider
from ..settlement import SettlementFormat
from . import client, const, parser

PROVIDER = PayoutProvider(
    code="amazon",
    label="Amazon",
    parser=parser,
    client=client.make_client,
    reached=WITH_KEYS,
    settlement=SettlementFormat(
        kind_of=const.kind_of,
        operator_vat=const.operator_vat,
        operator_name=const.OPERATOR,
        destination=const.destination,
    ),
    parse_content=parser.parse_content,
)
