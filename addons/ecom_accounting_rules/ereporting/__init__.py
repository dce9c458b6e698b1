# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""E-reporting files for the French administration (Flux 10): see ``flux10``."""
