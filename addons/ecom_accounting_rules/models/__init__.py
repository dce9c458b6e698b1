from . import ecom_posting_rule
from . import ecom_review_item
