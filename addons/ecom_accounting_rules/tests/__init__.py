# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import test_install
from . import test_posting
from . import test_rules
from . import test_guards
from . import test_reason_upgrade
from . import test_resolutions
from . import test_summary
from . import test_figures
from . import test_multicompany
from . import test_origin
from . import test_demo
from . import test_i18n
from . import test_core_users
from . import test_tax_created
from . import test_french_books
from . import test_payout_parsers
from . import test_payout_booking
from . import test_payout_sources
from . import test_payout_currency
from . import test_review_gate
from . import test_privacy_books
from . import test_chatter
from . import test_posting_plan
from . import test_settlement_plan
from . import test_settlement_booking
from . import test_ereporting_calendar
from . import test_ereporting
from . import test_demo_ereporting
