from . import ecom_demo
