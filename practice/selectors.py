"""Reads of the core: finding households and people by what staff know of them.

Staff know people by name and phone, not by number. One rule finds a household, wherever a
search box or a picker asks (the cashier, assisted ordering, the admin, the API): its number,
the head's name, or any of its phones — the household's contact phone and the sign-in phones
of the accounts that belong to it (``User.household``). Apps search their own rows through
it (an order by its household) with :func:`household_match` and a lookup.

A phone is compared whole (the accounts' through the unique index of ``User.phone``), names and
numbers by containment, always within the rows the caller may see (its scope: a village's few
hundred households for a station, some thousands for a township).
"""

import re

from django.db.models import Q

from .exceptions import InvalidInput
from .models import Household, User
from .text_input import SEARCH_MAX_LENGTH, search_too_long_message

_PHONE_NOISE = re.compile(r"[\s\-()（）]")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def search_text(term) -> str:
    """``term`` stripped; 400 on ``search`` when it is longer than anything a search could
    find."""
    term = (term or "").strip()
    if len(term) > SEARCH_MAX_LENGTH:
        raise InvalidInput(search_too_long_message(), field="search")
    return term


def phone_in(term: str) -> str | None:
    """The mobile number ``term`` spells, written as people write one ("138 1234 5678",
    "+86 138-1234-5678"), as the 11 digits stored; None when it is not one."""
    digits = _PHONE_NOISE.sub("", term or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits if _MOBILE.match(digits) else None


def mask_phone(phone) -> str:
    """A mobile number with its middle hidden ("138****1234"); "" without one."""
    phone = (phone or "").strip()
    if len(phone) < 7:
        return "*" * len(phone)
    return f"{phone[:3]}****{phone[-4:]}"


def household_match(term: str, *, through: str = "") -> Q:
    """The rows whose household (``through``: the lookup to it, "" for households themselves)
    has ``term`` in its number or its head's name, or ``term`` as one of its phones."""
    prefix = f"{through}__" if through else ""
    match = Q(**{f"{prefix}number__icontains": term}) | Q(**{f"{prefix}head_name__contains": term})
    phone = phone_in(term)
    if phone:
        members = User.objects.filter(phone=phone, household__isnull=False).values("household_id")
        match |= Q(**{f"{prefix}phone": phone}) | Q(**{f"{prefix}pk__in": members})
    return match


def households_matching(households, term):
    """``households`` (already scoped) found by ``term`` (:func:`household_match`); all of
    them for an empty term."""
    term = search_text(term)
    return households.filter(household_match(term)) if term else households


def household_search(user, term, *, limit=20):
    """The households ``user`` may see that ``term`` finds, with their villages, in the
    network's order: what a picker offers (none for an empty term)."""
    term = search_text(term)
    if not term:
        return Household.objects.none()
    return (Household.objects.for_user(user).filter(household_match(term))
            .select_related("village").in_network_order()[:limit])


def household_label(household) -> str:
    """How a picker names a household: number, head, village and masked phone, so that two
    heads of the same name are told apart without showing anyone's full number. Select the
    household's ``village`` with it."""
    parts = [household.number, household.head_name, household.village.name]
    if household.phone:
        parts.append(mask_phone(household.phone))
    return " · ".join(parts)


def user_match(term: str) -> Q:
    """Accounts by user name, real name, sign-in phone or their household's number."""
    match = (Q(username__icontains=term) | Q(real_name__contains=term)
             | Q(household__number__iexact=term))
    phone = phone_in(term)
    if phone:
        match |= Q(phone=phone)
    return match


def users_matching(users, term):
    term = search_text(term)
    return users.filter(user_match(term)) if term else users
