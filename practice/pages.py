"""What every HTML page shares: the role guard and the answer to a domain error.

``@roles_required(Role.VILLAGER, *STAFF_ROLES)`` (or ``require_roles(user, ...)`` inside a
view) lets a signed-in user with one of the roles in (superusers always); anyone else gets the
403 page. A service's :class:`~practice.exceptions.DomainError` that a view does not handle
itself (to show the form again with the message) becomes a page with the message and its
status, as ``practice/api/exceptions.py`` does for the API: 400, 403, 404 or 409, never a 500.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .exceptions import DomainError
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
        if not isinstance(exception, DomainError):  # the API answers its own (api/exceptions.py)
            return None
        return render(request, "error.html", {"message": exception.message},
                      status=exception.status_code)
