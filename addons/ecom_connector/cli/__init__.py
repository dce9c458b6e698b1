from . import ecom
