# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Mirakl marketplaces: payment cycles, by TL02 through the Mirakl shop or by the cycle export."""

from ..provider import THROUGH_SHOP, PayoutProvider
from ..settlement import SettlementFormat
from . import client, const, parser

PROVIDER = PayoutProvider(
    code="mirakl",
    label="Mirakl",
    parser=parser,
    client=client.make_client,
    reached=THROUGH_SHOP,
    platform="mirakl",
    lists_payouts=False,
    settlement=SettlementFormat(
        kind_of=const.kind_of,
        operator_vat=const.operator_vat,
        # The connector's Mirakl shop names its operator (Fnac-Darty, Boulanger...).
        operator_field="mirakl_operator",
    ),
)
