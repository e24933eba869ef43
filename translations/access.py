"""Who may review translations: the banner's administrators, and any account granted the
``translations.translator`` permission (a permission, not a role: a township clerk who reads
Mongolian well keeps their role and gains the review pages). Rosetta asks the same question
(``ROSETTA_ACCESS_CONTROL_FUNCTION``)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from practice.roles import Role, has_role

PERMISSION = "translations.translator"
NOT_A_TRANSLATOR = _("Only the banner's administrators and translators may review "
                     "translations.")


def may_translate(user) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or has_role(user, Role.BANNER_ADMIN) or user.has_perm(PERMISSION)


def translators_only(view):
    """A page for translators: a visitor signs in first, anyone else gets the 403 page."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_translate(request.user):
            raise PermissionDenied(NOT_A_TRANSLATOR)
        return view(request, *args, **kwargs)

    return guarded
