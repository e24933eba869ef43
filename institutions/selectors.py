"""Reads of the villages' institutions that other apps ask (banquets, honours, the board)."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from .models import Council, CouncilKind, CouncilMember, Decider, Seat


def _today(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


def sitting(on: datetime.date | None = None) -> Q:
    """Members whose term covers ``on`` (today by default)."""
    day = _today(on)
    return Q(term_starts__lte=day) & (Q(term_ends__isnull=True) | Q(term_ends__gte=day))


def council_of(village_id: int, kind: str) -> Council | None:
    return Council.objects.filter(village_id=village_id, kind=kind).first()


def sitting_members(council: Council, on: datetime.date | None = None):
    return CouncilMember.objects.filter(sitting(on), council=council).select_related("user")


def council_set_up(village_id: int, kind: str, on: datetime.date | None = None) -> bool:
    """Does the village have this council with at least one sitting member? Where it has not,
    station staff act for it (banquets) or its step is skipped (honours)."""
    return CouncilMember.objects.filter(
        sitting(on), council__village_id=village_id, council__kind=kind).exists()


def sits_on(user, village_id: int, kind: str, *, on: datetime.date | None = None) -> bool:
    """Is ``user`` a sitting member of the village's council of ``kind``?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return CouncilMember.objects.filter(
        sitting(on), user=user, council__village_id=village_id, council__kind=kind).exists()


def may_decide(user, village_id: int, kind: str, *, on: datetime.date | None = None) -> bool:
    """May ``user`` decide for the council (any sitting member, or the chair only where the
    council says so)?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    council = council_of(village_id, kind)
    if council is None:
        return False
    seats = CouncilMember.objects.filter(sitting(on), council=council, user=user)
    if council.decider == Decider.CHAIR:
        seats = seats.filter(seat=Seat.CHAIR)
    return seats.exists()


def villages_where_sitting(user, kind: str, *, on: datetime.date | None = None) -> list[int]:
    """The ids of the villages in whose council of ``kind`` the user sits."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return sorted(set(CouncilMember.objects.filter(sitting(on), user=user, council__kind=kind)
                      .values_list("council__village_id", flat=True)))


__all__ = ["CouncilKind", "council_of", "council_set_up", "may_decide", "sits_on",
           "sitting", "sitting_members", "villages_where_sitting"]
