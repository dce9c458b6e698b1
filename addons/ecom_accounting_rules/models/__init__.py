# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import res_company
from . import product_template
from . import res_config_settings
from . import ecom_rule_value
from . import ecom_posting_rule
from . import ecom_review_item
from . import ecom_shop
from . import sale_order
from . import account_move
from . import account_move_line
from . import account_edi_xml_cii
from . import account_payment
from . import ecom_posting_engine
from . import ecom_order_importer
from . import ecom_payload
from . import ecom_payout_account_set
from . import ecom_payout_line
from . import ecom_payout
from . import account_bank_statement_line
from . import ecom_payout_pull
from . import ecom_payout_settlement

# Reports last: their SQL views read the tables of the models above.
from . import ecom_automation_report
from . import ecom_payout_figures
from . import ecom_ereporting_period
from . import ecom_ereporting_line
from . import ecom_ereporting_invoice
from . import ecom_ereporting_payment
from . import ecom_ereporting_difference
from . import ecom_ereporting_export
