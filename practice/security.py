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
