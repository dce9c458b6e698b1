# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import ecom_review_resolve
from . import ecom_posting_dry_run
from . import ecom_fec_export
from . import ecom_ereporting_generate
