from . import ecom_import_wizard
