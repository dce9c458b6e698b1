# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from . import test_bench_command
from . import test_bench_mix
from . import test_bench_posting
from . import test_bench_webhooks
