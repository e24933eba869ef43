"""The interface's language: Simplified Chinese (``LANGUAGE_CODE``) whatever the browser asks.

A phone set to English must not show a villager English pages, so the browser's
``Accept-Language`` is never read (no ``LocaleMiddleware``). Only the person's own choice
changes it: the switcher at the foot of every page posts to Django's ``set_language``, which
remembers the choice in the language cookie; this middleware speaks that language for their
requests, and Chinese for everybody else.
"""

from django.conf import settings
from django.utils import translation


def choices() -> list[tuple[str, str]]:
    """(code, the language's own name for itself) of every language the switcher offers: a
    language is named in its own script, whatever the page speaks."""
    return [(code, translation.get_language_info(code)["name_local"])
            for code, _name in settings.LANGUAGES]


def chosen_language(request) -> str:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = chosen_language(request)
        request.LANGUAGE_CODE = code
        with translation.override(code):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response
