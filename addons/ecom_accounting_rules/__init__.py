# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import models
from . import posting
from . import wizards
from . import demo
from . import controllers
from . import clients
from . import payouts
from . import cli


def _post_init_hook(env):
    """Every company starts with the default posting rules."""
    env["ecom.posting.rule"]._ecom_create_default_rules(env["res.company"].search([]))
