"""What every HTML page shares: the role guard and the answer to a domain error.

``@roles_required(Role.VILLAGER, *STAFF_ROLES)`` (or ``require_roles(user, ...)`` inside a
view) lets a signed-in user with one of the roles in (superusers always); anyone else gets the
403 page. A service's :class:`~practice.exceptions.DomainError` that a view does not handle
itself (to show the form again with the message) becomes a page with the message and its
status, as ``practice/api/exceptions.py`` does for the API: 400, 403, 404 or 409, never a 500.
A lost database connection is a 503 to retry (practice/faults.py); a body Django refuses
before any view (``handler400``) is our 413 or 400 page.
"""

import sys
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import defaults

from . import faults
from .api.parsers import body_too_large_message
from .exceptions import DomainError
from .language import MONGOLIAN, error_language
from .roles import has_role

NOT_YOUR_ROLE = _("Your role may not open this page.")


def may_open(user, *roles) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, *roles))


def require_roles(user, *roles) -> None:
    if not may_open(user, *roles):
        raise PermissionDenied(NOT_YOUR_ROLE)


def roles_required(*roles):
    """A page for signed-in users with one of ``roles``."""

    def decorate(view):
        @login_required
        @wraps(view)
        def guarded(request, *args, **kwargs):
            require_roles(request.user, *roles)
            return view(request, *args, **kwargs)

        return guarded

    return decorate


class DomainErrorMiddleware:
    """Turn a domain error that escaped a page into that page's answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, faults.DATABASE_ERRORS):
            return faults.database_unavailable(request)
        if not isinstance(exception, DomainError):  # the API answers its own (api/exceptions.py)
            return None
        return render(request, "error.html", {"message": exception.message},
                      status=exception.status_code)


def bad_request(request, exception):
    """``handler400``: a request Django refuses before a view reads it — a body over
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (413), too many fields, a host not allowed — answered in
    Chinese, as JSON under /api/."""
    if isinstance(exception, RequestDataTooBig):
        message, status = body_too_large_message(), 413
    else:
        message, status = gettext("The request could not be understood."), 400
    if faults.is_api(request):
        return JsonResponse({"detail": message}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    return faults.error_page(message, status)


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: a form sent without a valid token (an old page, cookies off)."""
    return faults.error_page(
        gettext("The form had expired or cookies are switched off. Go back, reload the page "
                "and send it again."), 403)


def server_error(request):
    """``handler500``: a lost database connection is a 503 to retry (practice/faults.py)
    wherever it struck — a view, a middleware, the session's save; anything else is Django's
    500."""
    if isinstance(sys.exc_info()[1], faults.DATABASE_ERRORS):
        return faults.database_unavailable(request)
    return faults.error_page(
        gettext("Something went wrong on our side and nothing was changed. Please try again in "
                "a moment; if it keeps happening, tell the station."), 500)


def permission_denied(request, exception):
    """``handler403``: our page, in the page's language."""
    with translation.override(error_language(request)):
        return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    """``handler404``: our page, in the page's language; an address that is no page at all
    speaks what the person chose (Chinese to staff)."""
    code = error_language(request)
    if code == MONGOLIAN:
        request.bilingual = True  # the switcher offers the language the page speaks
    with translation.override(code):
        request.LANGUAGE_CODE = code
        response = defaults.page_not_found(request, exception)
    response.headers["Content-Language"] = request.LANGUAGE_CODE
    return response
