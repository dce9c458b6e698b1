# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Business or consumer: what the shop sent about the customer, checked offline.

Pure: no ORM, no I/O. VAT numbers and SIREN/SIRET are checked with
``python-stdnum`` (check digits and formats, no VIES call). The importer
turns :class:`Identity` into the order's ``ecom_customer_kind``, the
partner's VAT and company registry, or a hold when what looks like a
business cannot be identified (it is never guessed).
"""

import re
from dataclasses import dataclass, field

from stdnum import vatin
from stdnum.eu import vat as eu_vat
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret

from ..const import CUSTOMER_KIND_B2B, CUSTOMER_KIND_B2C

# What makes a customer to complete: (code, the value the shop sent).
ISSUE_INVALID_VAT = "invalid_vat"
ISSUE_INVALID_SIRET = "invalid_siret"
ISSUE_NO_IDENTIFIER = "no_identifier"

# VAT prefixes that are not the country's ISO code.
_VAT_PREFIXES = {"GR": "EL"}


@dataclass(frozen=True)
class Identity:
    """Who the customer is, as far as the shop's data tells.

    ``kind`` is ``None`` when the customer looks like a business that cannot
    be identified: ``issues`` then says why, as ``(ISSUE_*, value)`` pairs.
    ``vat`` and ``siret`` are set only when valid (compact forms); a
    consumer's are always empty (never written to a consumer's partner).
    """

    kind: str | None
    company: str = ""
    vat: str = ""
    siret: str = ""
    issues: tuple = field(default_factory=tuple)


def check_vat(number, country_code=None):
    """The compact VAT number when valid, else ``""``.

    A number without its country prefix (as many checkout fields take it)
    is tried with the prefix of ``country_code``.
    """
    number = re.sub(r"[\s.\-/]", "", number or "").upper()
    if not number:
        return ""
    candidates = [number]
    if country_code and not number[:2].isalpha():
        country = country_code.upper()
        candidates.append(_VAT_PREFIXES.get(country, country) + number)
    for candidate in candidates:
        if eu_vat.is_valid(candidate):
            return eu_vat.compact(candidate)
        # Outside the EU (GB, CH...): the country's own format.
        if candidate[:2].lower() not in eu_vat.MEMBER_STATES and vatin.is_valid(candidate):
            return vatin.compact(candidate)
    return ""


def check_siret(number):
    """The SIRET (14 digits) or SIREN (9 digits) when valid, else ``""``."""
    digits = re.sub(r"[\s.\-]", "", number or "")
    if len(digits) == 14 and fr_siret.is_valid(digits):
        return digits
    if len(digits) == 9 and fr_siren.is_valid(digits):
        return digits
    return ""


def identify(customer, address=None):
    """Classify a canonical customer (and its billing address) B2B or B2C.

    B2B: a company name with a valid VAT number or SIREN/SIRET, or a valid
    VAT number or SIREN/SIRET alone. To complete (``kind`` None): a company
    name with an invalid VAT number or SIREN/SIRET, or a French company name
    with neither. B2C otherwise (an invalid number without a company name is
    a consumer's typing, dropped).

    :param customer: a canonical ``Customer``
    :param address: the canonical billing ``Address`` (or ``None``)
    :rtype: Identity
    """
    company = (customer.company or (address.company if address else "") or "").strip()
    raw_vat = (customer.vat or (address.vat if address else "") or "").strip()
    raw_siret = (customer.siret or "").strip()
    country = (address.country_code or "").upper() if address else ""
    vat = check_vat(raw_vat, country)
    siret = check_siret(raw_siret)
    issues = []
    if raw_vat and not vat:
        issues.append((ISSUE_INVALID_VAT, raw_vat))
    if raw_siret and not siret:
        issues.append((ISSUE_INVALID_SIRET, raw_siret))
    if company:
        if issues:
            return Identity(None, company=company, issues=tuple(issues))
        if vat or siret:
            return Identity(CUSTOMER_KIND_B2B, company=company, vat=vat, siret=siret)
        if country == "FR":
            return Identity(None, company=company, issues=((ISSUE_NO_IDENTIFIER, company),))
        return Identity(CUSTOMER_KIND_B2C)
    if vat or siret:
        return Identity(CUSTOMER_KIND_B2B, vat=vat, siret=siret)
    return Identity(CUSTOMER_KIND_B2C)
