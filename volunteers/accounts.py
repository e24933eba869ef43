"""Rostered volunteers sign in with the phone on their roster row (practice/phone_sign_in.py).

Registered with ``practice.auth.register_phone_account_source`` in the app's ``ready``. The
first sign-in of a rostered volunteer without an account makes it (role volunteer, the
volunteer's unit, the household that lists the same phone) and links the roster row to it; an
account that signs in with a phone whose roster row is not linked yet gets it linked; a linked
account that has no sign-in phone yet takes the roster's.
"""

from practice.auth import may_sign_in_by_code
from practice.models import User
from practice.roles import Role
from practice.services import phone_account_create

from .models import Volunteer


def _linked_account_takes_phone(volunteer) -> bool:
    user = volunteer.user
    return user is not None and not user.phone and may_sign_in_by_code(user)


def roster_knows(phone: str) -> bool:
    """A roster row lists ``phone`` for someone without an account, or for an account that
    may sign in by code and has no sign-in phone of its own."""
    volunteer = Volunteer.objects.select_related("user").filter(phone=phone).first()
    return volunteer is not None and (volunteer.user_id is None
                                      or _linked_account_takes_phone(volunteer))


def roster_sign_in(*, phone: str, user):
    """At a verified sign-in of ``phone``: link the roster row, making the account if needed."""
    volunteer = (Volunteer.objects.select_for_update(of=("self",)).select_related("user")
                 .filter(phone=phone).first())
    if volunteer is None:
        return None
    if user is not None:
        if volunteer.user_id is None and not Volunteer.objects.filter(user=user).exists():
            volunteer.user = user
            volunteer.save(update_fields=["user"])
        return user
    if volunteer.user_id is not None:
        if not _linked_account_takes_phone(volunteer):
            return None
        account = User.objects.select_for_update().get(pk=volunteer.user_id)
        account.phone = phone
        account.save(update_fields=["phone"])
        return account
    account = phone_account_create(phone=phone, role=Role.VOLUNTEER, unit=volunteer.unit,
                                   real_name=volunteer.name)
    volunteer.user = account
    volunteer.save(update_fields=["user"])
    return account
