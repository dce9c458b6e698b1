# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Review reasons of databases made before 18.0.2.0.0 moved into the connector's ``ecom.reason``.

Called by migrations/18.0.2.0.0/pre-migration.py and by the tests; see
``ecom_connector/upgrade_reasons.py`` for how the merge goes.
"""

from odoo.addons.ecom_connector.upgrade_reasons import merge_legacy_reasons


def merge_review_reasons(cr):
    """``ecom.review.reason`` into ``ecom.reason``, with the review items and rules using them.

    :return: a dict legacy id → ``ecom_reason`` id
    """
    return merge_legacy_reasons(
        cr,
        "review",
        many2one=[("ecom_review_item", "reason_id"), ("ecom_posting_rule", "review_reason_id")],
        many2many=[
            (
                "ecom_review_item_ecom_review_reason_rel",
                "ecom_reason_ecom_review_item_rel",
                "ecom_review_item_id",
                "ecom_review_reason_id",
            )
        ],
    )
