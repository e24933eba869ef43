"""Text no field may hold, refused once for every page, form, serializer and the admin.

PostgreSQL's ``text`` and ``varchar`` cannot store the NUL character (``\\x00``): a value
holding one makes the database driver raise, which surfaced as a 500 from whichever form or
serializer saved it. Nobody types a NUL; it comes from a broken client or a probe. So
:class:`NulCharacterMiddleware` looks at a request before any view runs — the query string's
names and values, a form post's names and values (urlencoded or multipart), and a JSON body's
strings — and answers 400 with a Chinese message when one holds a NUL: JSON
``{"code": "nul_character", "detail": …}`` under ``/api/``, the error page elsewhere. Nothing
is stripped silently, so what is stored is exactly what was sent.

Other unusual text is ordinary input and is not touched here: emoji (4-byte UTF-8) and
right-to-left marks are stored as sent; over-long values get the field's own "too long" error
from the form's or serializer's ``max_length`` (or the service's ``clean_text``). A search
term longer than :data:`SEARCH_MAX_LENGTH` matches nothing any column holds (and SQLite refuses
a LIKE pattern past 50,000 bytes): the cashier's search, the API's ``search`` filters and the
admin's search box answer "too long" instead of searching.
"""

import re

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"
# A JSON string's escaped NUL: ``\u0000`` after an even number of backslashes (``\\u0000`` is a
# backslash followed by the text "u0000"). Outside strings valid JSON has no backslash.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
SEARCH_MAX_LENGTH = 100  # longer than any name, number or phone a search looks in
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def nul_message() -> str:
    return _("The text sent contains a NUL character (\\0), which cannot be saved. "
             "Remove it and send again.")


def search_too_long_message() -> str:
    return _("The search text is too long (at most %(n)d characters).") % {
        "n": SEARCH_MAX_LENGTH}


def _holds_nul(querydict) -> bool:
    return any(NUL in key or any(NUL in v for v in values)
               for key, values in querydict.lists())


def request_holds_nul(request) -> bool:
    """Whether the query string, the posted form or the JSON body carries a NUL character."""
    if NUL in request.path or _holds_nul(request.GET):
        return True
    content_type = request.content_type or ""
    try:
        if request.method == "POST" and content_type in _FORM_TYPES:
            return _holds_nul(request.POST)  # parsed once: the view and DRF reuse it
        if "json" in content_type and request.method in ("POST", "PUT", "PATCH"):
            body = request.body  # read once and kept: the view reads it again
            return b"\x00" in body or _JSON_NUL.search(body) is not None
    except (RequestDataTooBig, TooManyFieldsSent):
        # Django parses a body once: after this refusal every later read of request.POST would
        # find it empty, and a view would act on a form that seems blank. Refused here, then,
        # by handler400 (practice/pages.bad_request: 413 for a body too large, in Chinese).
        raise
    return False


class NulCharacterMiddleware:
    """400 with a Chinese message for a request whose text carries a NUL character."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request_holds_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "nul_character", "detail": nul_message()},
                                    status=400)
            return render(request, "error.html", {"message": nul_message()}, status=400)
        return self.get_response(request)


def clean_text(value, field, *, required=False, max_length=1000) -> str:
    """A service's free text: stripped; 400 on ``field`` when it is not text, when it is
    required and empty, or when it is longer than ``max_length``."""
    from .exceptions import InvalidInput

    if value is not None and not isinstance(value, str):
        raise InvalidInput(_("Enter text."), field=field)
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(_("This field is required."), field=field)
    if len(value) > max_length:
        raise InvalidInput(_("This text is too long (at most %(n)d characters).")
                           % {"n": max_length}, field=field)
    return value
