"""Answers for faults outside the request's control: the database lost mid-request, a body
Django refuses before any view runs.

A dropped database connection (PostgreSQL restarted or failed over) is found before a request
starts by ``CONN_HEALTH_CHECKS`` (config/settings.py); a request caught in flight gets 503 with
``Retry-After`` and a Chinese message — JSON ``{"code": "database_unavailable", "detail": …}``
under /api/, our error page elsewhere — never a 500. Every write runs in a transaction
(the services' ``transaction.atomic``), so nothing half-written stays behind; the client
retries. The pages here are rendered without the request's context processors: nothing in
them reads the database (the session, the user, the unread notifications).
"""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# What a lost connection raises: the server closed it (OperationalError) or Django found it
# closed (InterfaceError). Both are transient: the next request reconnects.
DATABASE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable_message() -> str:
    return _("The database cannot be reached just now. Please try again in a moment.")


def retry_after() -> str:
    return str(settings.DATABASE_RETRY_AFTER)


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def error_page(message: str, status: int) -> HttpResponse:
    return HttpResponse(render_to_string("error.html", {"message": message}), status=status)


def database_unavailable(request) -> HttpResponse:
    message = database_unavailable_message()
    if is_api(request):
        response = JsonResponse({"code": "database_unavailable", "detail": message}, status=503,
                                json_dumps_params={"ensure_ascii": False})
    else:
        response = error_page(message, 503)
    response["Retry-After"] = retry_after()
    return response
