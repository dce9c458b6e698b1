from . import test_install
from . import test_posting
from . import test_rules
from . import test_guards
from . import test_resolutions
