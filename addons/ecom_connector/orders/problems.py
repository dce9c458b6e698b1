# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""What the import noticed about one order, as (code, sentence) pairs.

Pure: no ORM, no I/O.
"""


class ImportProblems:
    """Problems of one order: codes (those that hold it apart) and sentences.

    ``codes`` are the hold reasons' codes: the order waits for a person.
    ``notices`` are the codes of what was noticed without holding the order
    (a warning of the adapter, a country code Odoo does not know). Each
    sentence is kept once, in the order it came.
    """

    def __init__(self):
        self.codes = set()
        self.notices = set()
        self.messages = []

    def add(self, code, message, holds=True):
        """Add a problem.

        :param str code: a reason code (``const.REASON_*``) when ``holds``, else
            a warning code (``const.WARNING_*``)
        :param str message: the sentence for people
        :param bool holds: whether the problem holds the order
        """
        (self.codes if holds else self.notices).add(code)
        if message not in self.messages:
            self.messages.append(message)
