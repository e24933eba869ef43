"""Which message ids a language's catalogue lacks, met while pages are rendered.

While ``watching(language)`` runs, every lookup in that language's catalogue (gettext,
pgettext, ngettext, npgettext, from code, templates and lazy strings alike) that finds no
translation is recorded with ``watch.where``, the page being rendered. For Chinese the catalogue
is every catalogue the language loads (the apps', the project's, Django's, the add-ons'); for
Mongolian only the ``mn_Mong`` ones (practice/language.py), so a string it lacks is one that
would show in Chinese on a Mongolian page.
"""

import contextlib

from django.utils.translation import trans_real

# Message ids whose translation is rightly the message id itself ("ID", a format string):
# none is met today.
ALLOWED: set[str] = set()
# Looked up but never shown: django-filter builds a filter's label with
# ``VERBOSE_LOOKUPS.get(lookup, _(lookup))``, translating the lookup's name even where the table
# gives "exact" an empty word.
SEEN_NOWHERE = {"exact"}


class Watch:
    """The untranslated message ids met, each with the first place it was met."""

    def __init__(self):
        self.where = "building the world"
        self.found: dict[str, str] = {}

    def miss(self, msgid):
        if msgid and msgid not in ALLOWED | SEEN_NOWHERE:
            self.found.setdefault(msgid, self.where)


@contextlib.contextmanager
def watching(language: str):
    """Record every lookup of ``language``'s catalogue (``"zh"``, ``"mn-mong"``: a code or its
    prefix) that finds no translation in it."""
    watch = Watch()
    cls = trans_real.DjangoTranslation
    gettext, ngettext = cls.gettext, cls.ngettext
    missing = object()

    def readable(msgid):  # "context\x04message" of pgettext → "message (context)"
        context, sep, message = msgid.partition(trans_real.CONTEXT_SEPARATOR)
        return f"{message} (context {context!r})" if sep else msgid

    def watched_gettext(self, message):
        if self.language().startswith(language) and self._catalog.get(message, missing) is missing \
                and self._catalog.get((message, self.plural(1)), missing) is missing:
            watch.miss(readable(message))
        return gettext(self, message)

    def watched_ngettext(self, msgid1, msgid2, n):
        if self.language().startswith(language):
            try:
                self._catalog.plural(msgid1, n)
            except KeyError:
                watch.miss(readable(msgid1))
        return ngettext(self, msgid1, msgid2, n)

    cls.gettext, cls.ngettext = watched_gettext, watched_ngettext
    try:
        yield watch
    finally:
        cls.gettext, cls.ngettext = gettext, ngettext
