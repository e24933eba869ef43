"""Texts the app writes into its records (an order's timeline notes, notifications), shown in
the reader's language.

A record keeps the Chinese text it was written with (``note``, ``message``: what exports,
the admin and the API read) and, since Mongolian came, the English message id and its
parameters beside it, so that a page translates it for whoever reads it. Rows written before
keep only the Chinese: :func:`shown` recognises the Chinese of a known message id in them and
translates it the same way, so old rows need no rewriting (the timeline is append-only).
Text people typed (a reason, a comment) and names are shown as written.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

# The message ids the app writes into records, in code and on old rows alike.
NOTES = [
    gettext_noop("Placed by staff for the household."),
    gettext_noop("%(hours)s h"),
    gettext_noop("Not dispatched within %(h)d hours."),
    gettext_noop("Not accepted within %(h)d hours."),
]
MESSAGES = [
    gettext_noop("A new service order is waiting to be dispatched."),
    gettext_noop("A service order was dispatched to your team."),
    gettext_noop("Your order was dispatched to a volunteer team."),
    gettext_noop("Your team claimed a service order."),
    gettext_noop("A volunteer team took your order."),
    gettext_noop("A team returned a service order: it needs dispatching again."),
    gettext_noop("A service order was passed up to your unit."),
    gettext_noop("A volunteer accepted your order."),
    gettext_noop("Your order was completed. Please rate the service."),
    gettext_noop("The household rated your service."),
    gettext_noop("A service order was cancelled by the household."),
    gettext_noop("A dispatched order has not been accepted in time."),
    gettext_noop("A new volunteer application is waiting for a decision."),
    gettext_noop("Your application to volunteer %(outcome)s."),
]
# Parameters that are themselves message ids (the outcome of an application).
TRANSLATED_PARAMS = {"outcome"}
OUTCOMES = [gettext_noop("was approved"), gettext_noop("was declined")]


class Written:
    """A text the platform writes into a record: its message id and parameters."""

    def __init__(self, msgid: str, params: dict | None = None):
        self.msgid, self.params = msgid, params or {}

    @property
    def chinese(self) -> str:
        return in_chinese(self.msgid, self.params)

    def __str__(self):
        return self.chinese


def in_chinese(msgid: str, params: dict | None = None) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render(msgid, params)


def render(msgid: str, params: dict | None = None) -> str:
    """``msgid`` with ``params`` in the active language."""
    params = {k: gettext(v) if k in TRANSLATED_PARAMS and isinstance(v, str) else v
              for k, v in (params or {}).items()}
    text = gettext(msgid)
    return text % params if params else text


def _pattern(chinese: str) -> tuple[re.Pattern, set]:
    """A pattern matching the text ``chinese`` makes, and its ``%(name)d`` parameters."""
    parts = re.split(r"%\((\w+)\)([sd])", chinese)
    regex, numbers = [], set()
    for i in range(0, len(parts), 3):
        regex.append(re.escape(parts[i]))
        if i + 2 < len(parts):
            name, kind = parts[i + 1], parts[i + 2]
            regex.append(f"(?P<{name}>\\d+)" if kind == "d" else f"(?P<{name}>.+?)")
            if kind == "d":
                numbers.add(name)
    return re.compile("".join(regex)), numbers


@lru_cache(maxsize=4)
def _known(kind: str, _catalogue_key: str) -> list[tuple[re.Pattern, str]]:
    msgids = NOTES if kind == "notes" else MESSAGES
    with translation.override(settings.LANGUAGE_CODE):
        outcomes = {gettext(o): o for o in OUTCOMES}
        # The Chinese a row was written in, or the message id itself where Chinese lacked it
        # (a long enough one: "%(hours)s h" would take any note ending in " h").
        return [(*_pattern(text), m, outcomes) for m in msgids
                for text in {gettext(m), m}
                if text != m or len(re.sub(r"%\(\w+\)[sd]", "", m)) >= 10]


def _catalogue_key() -> str:
    from django.utils.translation import trans_real

    return str(id(trans_real._translations.get(settings.LANGUAGE_CODE)))


def recognise(text: str, kind: str) -> tuple[str, dict] | None:
    """(message id, parameters) of a Chinese text written by the app, or None."""
    for pattern, numbers, msgid, outcomes in _known(kind, _catalogue_key()):
        match = pattern.fullmatch(text)
        if match:
            params = {k: int(v) if k in numbers else v for k, v in match.groupdict().items()}
            if "outcome" in params:
                if params["outcome"] not in outcomes:
                    continue
                params["outcome"] = outcomes[params["outcome"]]
            return msgid, params
    return None


def shown(text: str, msgid: str = "", params: dict | None = None, *, kind: str = "notes") -> str:
    """The record's text in the active language: its message id translated, else a Chinese
    text the app wrote recognised and translated, else the text as written."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return text
    if msgid:
        try:
            return render(msgid, params)
        except (KeyError, TypeError, ValueError):
            return text
    found = recognise(text, kind) if text else None
    return render(*found) if found else text


def split_suffix(message: str) -> tuple[str, str]:
    """A notification's text and the "（#12 理发）" it ends with (the order, or the applicant),
    kept as written."""
    match = re.fullmatch(r"(.*?)(（[^（）]*）)", message, flags=re.S)
    return (match.group(1), match.group(2)) if match else (message, "")
