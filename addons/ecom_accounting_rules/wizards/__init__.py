from . import ecom_review_resolve
from . import ecom_posting_dry_run
