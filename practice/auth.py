"""Authentication: Django's model backend and DRF's token, each loading the user's unit with
the user, since every scoped query reads ``user.unit``; and which account a phone signs in,
with the rosters of other apps registered here (``register_phone_account_source``)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.backends import ModelBackend


class UnitAwareModelBackend(ModelBackend):
    def get_user(self, user_id):
        from .models import User

        user = User._default_manager.select_related("unit").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


# --- signing in with the phone (practice/phone_sign_in.py) ---------------------------------
@dataclass(frozen=True)
class PhoneAccountSource:
    """A roster outside practice that lists phones of people who may sign in by code before
    they have an account (the volunteers' roster). ``knows(phone)`` answers, without changing
    anything, whether it would give this phone an account; ``sign_in(phone=, user=)`` runs in
    the transaction of a verified code: with ``user`` (the phone's account) it links what it
    holds for the phone to it, with None it may make the account; it returns the account, or
    None when it has nothing for the phone."""

    knows: Callable[[str], bool]
    sign_in: Callable[..., object]


_phone_account_sources: list[PhoneAccountSource] = []


def register_phone_account_source(*, knows, sign_in) -> None:
    """Called by an app's ``AppConfig.ready``; see :class:`PhoneAccountSource`."""
    source = PhoneAccountSource(knows=knows, sign_in=sign_in)
    if source not in _phone_account_sources:
        _phone_account_sources.append(source)


def may_sign_in_by_code(user) -> bool:
    """Whether ``user`` may sign in with a phone code: active accounts without a staff role.
    A staff account keeps its password: a code alone never signs it in."""
    from .roles import SUBTREE_ROLES

    return bool(user.is_active and not user.is_superuser and user.role not in SUBTREE_ROLES)


def phone_signs_in_by_code(phone: str) -> bool:
    """Whether a code sent to ``phone`` would sign someone in (its account, or a roster that
    makes one). Changes nothing."""
    from .models import User

    user = User.objects.filter(phone=phone).first()
    if user is not None:
        return may_sign_in_by_code(user)
    return any(source.knows(phone) for source in _phone_account_sources)


def phone_account_for_sign_in(phone: str):
    """The account a verified code for ``phone`` signs in, made or linked by the rosters;
    None when there is none that may sign in by code. Call inside a transaction."""
    from .models import User

    user = User.objects.select_for_update().filter(phone=phone).first()
    if user is not None and not may_sign_in_by_code(user):
        return None
    for source in _phone_account_sources:
        user = source.sign_in(phone=phone, user=user) or user
    if user is None or not may_sign_in_by_code(user):
        return None
    return user
