from . import adapters
from . import clients
from . import models
from . import wizards
from . import controllers
from . import cli
from . import demo
