# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""Sentences said before anyone knows who reads them: lazy translations.

The pure modules (adapters, payout parsers, API clients) say what is wrong
without an environment: their sentences are lazy translations
(``_lt("%(what)s is missing", what=...)``, named placeholders so that a
translation can reorder them), or plain text where nothing was translated
yet. A lazy sentence may hold other lazy sentences as values (a line's name
and the inner error it prefixes): all are put in one language when read.

Whoever shows or stores the sentence puts it in the reader's language:
:func:`sentence_in` / :meth:`TranslatableError.sentence` with the
environment of the company's people (``tools.in_company_lang``). ``str()``
of the error stays English (logs, tests, the command line's English).

Pure: no ORM.
"""

from odoo.tools.translate import LazyGettext

ENGLISH = "en_US"


class Sentence(str):
    """A lazy translation as English text that remembers it.

    For the sentences that travel as text (a document's error, an order's
    warnings and refusals): read as a ``str`` they are English, as they always
    were; :func:`sentence_in` gives them in another language.
    """

    def __new__(cls, message):
        text = super().__new__(cls, sentence_in(message))
        message = lazy(message)
        text.lazy = message if isinstance(message, LazyGettext) else None
        return text

    def __reduce__(self):
        return (Sentence, (self.lazy if self.lazy is not None else str(self),))


def lazy(message):
    """``message`` as a value to compose into another lazy sentence (its lazy
    translation when it has one, else the text)."""
    if isinstance(message, Sentence) and message.lazy is not None:
        return message.lazy
    return message


def sentence_in(message, lang=ENGLISH):
    """``message`` as text in ``lang``: a lazy translation translated, anything else as text.

    :param message: a lazy translation, a :class:`Sentence`, a text, or ``None`` (gives ``""``)
    :param str lang: a language code; English when empty
    """
    message = lazy(message)
    if isinstance(message, LazyGettext):
        return message._translate(lang or ENGLISH)
    return "" if message is None else str(message)


def env_sentence(env, message):
    """``message`` in ``env``'s language (French in a French company's work)."""
    return sentence_in(message, env.lang)


class TranslatableError(Exception):
    """An error whose message is a lazy translation or plain text.

    ``str(error)`` is English; :meth:`sentence` is in the reader's language;
    :attr:`message` is the message as given, to compose it lazily into
    another sentence (``_lt("%(where)s: %(error)s", where=..., error=error.message)``).
    """

    @property
    def message(self):
        """The message as given: a lazy translation or a text."""
        return lazy(self.args[0]) if self.args else ""

    @property
    def text(self):
        """The message as a :class:`Sentence`: English text that keeps its translation."""
        return Sentence(self.message)

    def __str__(self):
        return sentence_in(self.message)

    def sentence(self, env):
        """The message in ``env``'s language (French in a French company)."""
        return env_sentence(env, self.message)
