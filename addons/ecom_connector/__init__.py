from . import adapters
from . import models
from . import wizards
from . import controllers
from . import cli
from . import samples
