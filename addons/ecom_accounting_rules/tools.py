# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Small helpers of the accounting addon, outside any model."""


def accountant_env(env, company, shop=None):
    """``env`` in the language of ``shop``'s accountant, else ``company``'s accountant's,
    else the company's.

    What the system writes for people (item names, descriptions, activities,
    payout messages) is read by the shop's accountant, or else by the
    company's people: in the accountant's language, else the company's
    partner's, whoever (or whichever job) runs the code.
    :param shop: an ``ecom.shop`` or nothing (a payout of the whole company)
    :return: an environment whose ``_()`` writes in that language (``env``
        itself when neither has a language)
    """
    accountant = (shop.accountant_id if shop else False) or company.ecom_accountant_id
    lang = accountant.lang if accountant else company.partner_id.lang
    return env(context=dict(env.context, lang=lang)) if lang else env


def order_lang_env(env, order):
    """``env`` in the language of ``order``'s accountant (see :func:`accountant_env`)."""
    return accountant_env(env, order.company_id, order.ecom_shop_id)
