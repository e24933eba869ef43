"""Answers for locked-out logins (django-axes): JSON for the API, a page for the browser."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_message() -> str:
    return _(
        "Too many failed logins. This account is locked at this address for a while; "
        "try again later or ask your administrator to unlock it."
    )


def lockout_response(request, credentials, *args, **kwargs):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": lockout_message()}, status=429)
    return render(request, "registration/locked_out.html", status=429)


def attempted_username(request, credentials=None):
    """The username axes records for a login attempt (django-axes' own lookup), cut to the
    longest a user's name can be: axes stores it in a 255-character column, and a 100,000
    character name in the login form was a 500 on PostgreSQL instead of "wrong password"."""
    from django.conf import settings

    from .models import User

    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    elif request is None:
        return None
    else:
        username = getattr(request, "data", request.POST).get(field)
    if isinstance(username, str):
        return username[: User._meta.get_field("username").max_length]
    return username
