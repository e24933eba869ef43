"""The interface's language: Simplified Chinese (``LANGUAGE_CODE``) whatever the browser asks.

A phone set to English must not show a villager English pages, so the browser's
``Accept-Language`` is never read (no ``LocaleMiddleware``). Only the person's own choice
changes it: the switcher at the foot of every page posts to ``set_language`` (Django's, which
remembers the choice in the language cookie, and keeps it on a signed-in person's account too;
signing in brings the account's choice back into the cookie); this middleware speaks that
language for their requests, and Chinese for everybody else.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def choices() -> list[tuple[str, str]]:
    """(code, the language's own name for itself) of every language the switcher offers: a
    language is named in its own script, whatever the page speaks."""
    return [(code, translation.get_language_info(code)["name_local"])
            for code, _name in settings.LANGUAGES]


def chosen_language(request) -> str:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def bilingual(view=None, *, when=None):
    """Marks a view as one a villager, a volunteer or the public reads: it speaks Mongolian to
    whoever chose it. Every other page (staff pages, the admin) stays Chinese in Mongolian's
    place. ``path("…", bilingual(SomeView.as_view()), name=…)`` or ``@bilingual`` on a function.

    ``when`` (a function of the request) says for which requests the view is bilingual. By
    default (:func:`not_staff`) it is for villagers, volunteers and the public, and Chinese for
    staff, who read every page in Chinese in this step: the home page is one view for every
    role, a signed-in clerk may open the login page or a public board, and their menus and
    words are staff words."""
    if view is None:
        return lambda v: bilingual(v, when=when)
    view.bilingual = when or not_staff
    return view


def not_staff(request) -> bool:
    """Anyone but staff: the public, villagers and volunteers (``bilingual(…, when=…)``)."""
    from .roles import has_staff_role

    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated
                and (user.is_superuser or has_staff_role(user)))


def _marked(request, func) -> bool:
    mark = getattr(func, "bilingual", False)
    return bool(mark(request)) if callable(mark) else bool(mark)


def is_bilingual(request) -> bool:
    from django.urls import Resolver404, resolve

    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return _marked(request, match.func)


def page_language(request) -> str:
    """The language this request is answered in: the person's choice, except that Mongolian is
    spoken only on the pages marked ``bilingual`` (for this request)."""
    code = chosen_language(request)
    if code == MONGOLIAN:
        speaks = getattr(request, "bilingual", None)
        if not (is_bilingual(request) if speaks is None else speaks):
            return settings.LANGUAGE_CODE
    return code


def error_language(request) -> str:
    """The language of an error page: the page's own where the address is one of ours; for an
    address that is no page at all (404), the person's choice unless they are staff."""
    from django.urls import Resolver404, resolve

    try:
        resolve(request.path_info)
    except Resolver404:
        code = chosen_language(request)
        return settings.LANGUAGE_CODE if code == MONGOLIAN and not not_staff(request) else code
    return page_language(request)


def offered_choices(request) -> list[tuple[str, str]]:
    """The switcher's languages on this page: Mongolian only where the page speaks it."""
    speaks_mongolian = getattr(request, "bilingual", None)
    if speaks_mongolian is None:
        speaks_mongolian = is_bilingual(request)
    return [(code, name) for code, name in choices() if code != MONGOLIAN or speaks_mongolian]


# --- the remembered choice ----------------------------------------------------------------
def remember(request, code: str) -> None:
    """The next response puts ``code`` in the language cookie (sign-in: the account's
    choice)."""
    request._language_to_remember = code


def account_language(user) -> str:
    """The account's remembered language, "" where it chose none (or one no longer offered)."""
    code = getattr(user, "language", "") or ""
    return code if code in dict(settings.LANGUAGES) else ""


def set_cookie(response, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE)


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.bilingual = is_bilingual(request)
        code = page_language(request)
        request.LANGUAGE_CODE = code
        with translation.override(code):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        remembered = getattr(request, "_language_to_remember", "")
        if remembered:
            set_cookie(response, remembered)
        return response


# Mongolian in the traditional script (Unicode's Mongolian block, U+1800–U+18AF), beside Chinese.
# Django knows only Cyrillic Mongolian (``mn``): its own name for the language, and catalogues in
# Django, its contrib apps and DRF. Neither may reach a page: the language gets its own
# information here, and ``install`` makes its catalogues load from ``mn_Mong`` folders alone,
# so that a string without a traditional-script translation falls back to Chinese
# (``LANGUAGE_CODE``), never to Cyrillic.
MONGOLIAN = "mn-mong"
MONGOLIAN_INFO = {
    "bidi": False,
    "code": MONGOLIAN,
    "name": "Mongolian (traditional script)",
    "name_local": "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ",
}
_EXACT_LOCALES = {"mn_Mong"}


def install():
    """Called once from ``PracticeConfig.ready``, before any page is translated."""
    from gettext import GNUTranslations, NullTranslations
    from pathlib import Path

    from django.conf.locale import LANG_INFO
    from django.utils.translation import trans_real

    LANG_INFO[MONGOLIAN] = MONGOLIAN_INFO
    if getattr(trans_real.DjangoTranslation, "_exact_locales", None):
        return
    stock = trans_real.DjangoTranslation._new_gnu_trans

    def _new_gnu_trans(self, localedir, use_null_fallback=True):
        locale = trans_real.to_locale(self.language())
        if locale not in _EXACT_LOCALES:
            return stock(self, localedir, use_null_fallback)
        # gettext would also try the bare language (``mn``): Cyrillic. Only the exact folder.
        mo = Path(localedir) / locale / "LC_MESSAGES" / f"{self.domain}.mo"
        if not mo.exists():
            return NullTranslations()
        with mo.open("rb") as fp:
            return GNUTranslations(fp)

    trans_real.DjangoTranslation._new_gnu_trans = _new_gnu_trans
    trans_real.DjangoTranslation._exact_locales = _EXACT_LOCALES


MONGOLIAN_SCRIPT = re.compile(
    r"^[\u1800-\u18AF\u202F\u200C\u200D0-9 .,;:!?()·\-–—/、。，：；！？（）《》]*$"
)


def validate_mongolian_script(value: str):
    """A Mongolian name is written in the traditional script: never Cyrillic, never the
    private-use code points of older vendor encodings."""
    if value and (not MONGOLIAN_SCRIPT.match(value) or not re.search(r"[\u1820-\u18AF]", value)):
        raise ValidationError(
            _("Write the Mongolian name in the traditional Mongolian script (Unicode "
              "U+1800–U+18AF), not Cyrillic or an old font's private codes."),
            code="not_mongolian_script",
        )


def mongolian_name_field():
    """The optional Mongolian name beside a Chinese ``name``, shown in the Mongolian interface."""
    return models.CharField(_("Mongolian name"), max_length=200, blank=True, default="",
                            validators=[validate_mongolian_script],
                            help_text=_("In the traditional Mongolian script; shown to people "
                                        "who read the platform in Mongolian. Empty: the Chinese "
                                        "name is shown."))


def local_name(obj) -> str:
    """The name people read in the page's language: the Mongolian name in the Mongolian
    interface where there is one, otherwise the Chinese ``name``."""
    if obj is None:
        return ""
    if translation.get_language() == MONGOLIAN:
        mn = getattr(obj, "name_mn", "")
        if mn:
            return mn
    return getattr(obj, "name", str(obj))
