"""The core's own rules about people: who may give which role to whom, and signing out.

The admin's user pages (and any future roster import or API) ask these functions; they never
decide it themselves.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token

from . import language
from .exceptions import Forbidden
from .roles import STAFF_ROLES, Role
from .scoping import object_in_scope

# Roles a staff member may hand out: never more than the banner administrator's own. The banner
# administrator (and a superuser) may give any role.
GRANTABLE_ROLES = {
    Role.STATION_STAFF: frozenset({Role.VILLAGER, Role.VOLUNTEER, Role.STATION_STAFF}),
    Role.TOWNSHIP_STAFF: frozenset({
        Role.VILLAGER, Role.VOLUNTEER, Role.STATION_STAFF, Role.TOWNSHIP_STAFF, Role.LEADER,
    }),
    Role.BANNER_ADMIN: frozenset(Role),
}


def roles_grantable_by(actor) -> frozenset:
    """The roles ``actor`` may give (none for anyone who is not staff)."""
    if actor.is_superuser:
        return frozenset(Role)
    if not actor.is_active or actor.role not in STAFF_ROLES:
        return frozenset()
    return GRANTABLE_ROLES[actor.role]


def role_grant_check(actor, person) -> None:
    """Refuse to save ``person`` with their role and unit unless ``actor`` may do so."""
    if actor.is_superuser:
        return
    if person.role not in roles_grantable_by(actor):
        raise Forbidden(_("You may not assign this role."))
    if not object_in_scope(actor, person):
        raise Forbidden(_("You can only save objects inside your own unit."))


def tokens_revoke(*, user) -> None:
    """End ``user``'s API token (DRF keeps one a user); the client signs in again for a new one.

    A password change ends it too (``User.save``), and a deactivated user's token is refused
    on its next request (``AuditedTokenAuthentication``).
    """
    Token.objects.filter(user_id=user.pk).delete()


def phone_account_create(*, phone: str, role: str, unit, real_name: str = ""):
    """A new account that signs in with ``phone`` and SMS codes (no password to choose): the
    username is the phone (with a suffix if an older account already has that name), the
    password unusable. The household that lists this phone becomes the account's household;
    when two list it, neither: staff resolve that, nothing is guessed. Call inside the
    transaction that links the account to whatever it was made for."""
    from .models import Household, User

    households = list(Household.objects.filter(phone=phone).values_list("pk", flat=True)[:2])
    username, n = phone, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{phone}-{n}"
    user = User(username=username, phone=phone, role=role, unit=unit, real_name=real_name,
                household_id=households[0] if len(households) == 1 else None)
    user.set_unusable_password()
    user.save()
    return user


def language_set(*, user, code: str) -> str:
    """Remember the language the person chose (``settings.LANGUAGES``; "" for none) on their
    account: their pages on every browser they sign in with, and their text messages."""
    from django.conf import settings

    from .models import User

    if code not in dict(settings.LANGUAGES):
        code = ""
    User.objects.filter(pk=user.pk).update(language=code)
    user.language = code
    return code


def sms_opt_out_set(*, user, opt_out: bool) -> bool:
    """Turn the person's text messages off (all but sign-in codes) or back on; returns the
    setting now."""
    from .models import User

    User.objects.filter(pk=user.pk).update(sms_opt_out=opt_out)
    user.sms_opt_out = opt_out
    return opt_out


def on_signed_in(sender, request, user, **kwargs):
    """``user_logged_in``: the account's language goes into the cookie; an account that chose
    none keeps what this browser chose (before signing in, on the login page)."""
    if request is None:
        return
    code = language.account_language(user)
    if code:
        language.remember(request, code)
        return
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in dict(settings.LANGUAGES) and hasattr(user, "language"):
        language_set(user=user, code=chosen)
