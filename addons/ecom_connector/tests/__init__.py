# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import test_adapter_csv
from . import test_adapter_prestashop
from . import test_adapter_properties
from . import test_adapter_shopify
from . import test_adapter_woocommerce
from . import test_demo
from . import test_i18n
from . import test_import
from . import test_import_stream
from . import test_import_prestashop_csv
from . import test_import_samples
from . import test_install
from . import test_multicompany
from . import test_pull
from . import test_push
from . import test_reason
from . import test_reason_upgrade
from . import test_trust
from . import test_webhook
from . import test_webhook_signature
from . import test_order_payments
from . import test_adapter_magento
from . import test_import_magento
from . import test_real_payloads
from . import test_totals
from . import test_privacy
from . import test_chatter
