# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import adapters
from . import clients
from . import platforms
from . import models
from . import wizards
from . import controllers
from . import cli
from . import demo
