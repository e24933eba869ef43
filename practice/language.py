"""The interface's language: Simplified Chinese (``LANGUAGE_CODE``) whatever the browser asks.

A phone set to English must not show a villager English pages, so the browser's
``Accept-Language`` is never read (no ``LocaleMiddleware``). Only the person's own choice
changes it: the switcher at the foot of every page posts to Django's ``set_language``, which
remembers the choice in the language cookie; this middleware speaks that language for their
requests, and Chinese for everybody else.
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


def bilingual(view):
    """Marks a view as one a villager, a volunteer or the public reads: it speaks Mongolian to
    whoever chose it. Every other page (staff pages, the admin) stays Chinese in Mongolian's
    place. ``path("…", bilingual(SomeView.as_view()), name=…)`` or ``@bilingual`` on a function."""
    view.bilingual = True
    return view


def is_bilingual(request) -> bool:
    from django.urls import Resolver404, resolve

    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "bilingual", False)


def page_language(request) -> str:
    """The language this request is answered in: the person's choice, except that Mongolian is
    spoken only on the pages marked ``bilingual``."""
    code = chosen_language(request)
    if code == MONGOLIAN and not is_bilingual(request):
        return settings.LANGUAGE_CODE
    return code


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = page_language(request)
        request.LANGUAGE_CODE = code
        with translation.override(code):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
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
