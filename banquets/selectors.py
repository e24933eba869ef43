"""Reads of the banquets app. Other apps may call :func:`support_withheld`."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from practice.models import Level, Unit

from .models import (
    ACTIVE_STATUSES,
    Booking,
    Canteen,
    RuleSet,
    Status,
    ViolationRecord,
    council_villages,
)


def today() -> datetime.date:
    return timezone.localdate()


def default_ruleset() -> RuleSet:
    """The source report's figures, for a banner that has not adopted its own yet (not saved)."""
    return RuleSet(effective_from=datetime.date(2018, 1, 1))


def ruleset_in_force(village: Unit, on: datetime.date | None = None) -> RuleSet:
    """The village's latest version in force on ``on``, else the banner's, else the defaults.

    One query: the rule sets of the village's line (banner … village) that have taken effect,
    the deepest unit first, then the newest version.
    """
    on = on or today()
    codes = village.path.strip("/").split("/")
    found = (
        RuleSet.objects.filter(unit__code__in=codes, effective_from__lte=on)
        .filter(Q(unit__level=Level.VILLAGE, unit=village) | Q(unit__level=Level.BANNER))
        .select_related("unit")
        .order_by("-unit__depth", "-effective_from")
        .first()
    )
    return found or default_ruleset()


def tables_booked(canteen: Canteen, on: datetime.date, *, exclude_pk=None) -> int:
    qs = Booking.objects.filter(canteen=canteen, date=on, status__in=ACTIVE_STATUSES)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.aggregate(n=Sum("tables"))["n"] or 0


def tables_left(canteen: Canteen, on: datetime.date) -> int:
    return max(canteen.capacity - tables_booked(canteen, on), 0)


def support_withheld(household, on: datetime.date | None = None) -> bool:
    """Does the village committee withhold its support from ``household`` on ``on``?

    True while one of the household's recorded violations carries a "withheld until" date on or
    after ``on`` (and the violation happened by then).
    """
    if household is None:
        return False
    on = on or today()
    household_id = getattr(household, "pk", household)
    return ViolationRecord.objects.filter(
        household_id=household_id, event_date__lte=on, support_withheld_until__gte=on
    ).exists()


def withheld_household_ids(household_ids, on: datetime.date | None = None) -> set[int]:
    """The households among ``household_ids`` that carry the flag on ``on`` (one query)."""
    on = on or today()
    return set(
        ViolationRecord.objects.filter(
            household_id__in=list(household_ids), event_date__lte=on,
            support_withheld_until__gte=on,
        ).values_list("household_id", flat=True)
    )


def bookings_for(user):
    return Booking.objects.for_user(user).select_related(
        "household", "household__village", "canteen", "canteen__village", "decided_by"
    )


# --- the red-and-white council (红白理事会) ----------------------------------------------------
# Who sits on a village's council and who decides for it is the institutions app's; these are
# the reads the banquet pages need in bulk (a page of bookings of many villages in two queries),
# asking the same question as institutions.selectors: sitting(), seat_decides().


@dataclass(frozen=True)
class CouncilStanding:
    """For a set of villages: which have a red-and-white council set up (a sitting member), in
    which ``user`` sits, and in which ``user`` may decide for it (any sitting member, or the
    chair where the council says so)."""

    set_up: frozenset = frozenset()
    sits: frozenset = frozenset()
    decides: frozenset = frozenset()


def council_standing(user, village_ids, on: datetime.date | None = None) -> CouncilStanding:
    from institutions.models import CouncilKind, CouncilMember
    from institutions.selectors import seat_decides, sitting

    village_ids = {v for v in village_ids if v is not None}
    if not village_ids:
        return CouncilStanding()
    seats = CouncilMember.objects.filter(sitting(on), council__kind=CouncilKind.RED_WHITE,
                                         council__village_id__in=village_ids)
    set_up = frozenset(seats.values_list("council__village_id", flat=True).distinct())
    sits, decides = set(), set()
    if set_up and getattr(user, "is_authenticated", False) and user.is_active:
        for village_id, seat, decider in seats.filter(user=user).values_list(
                "council__village_id", "seat", "council__decider"):
            sits.add(village_id)
            if seat_decides(decider, seat):
                decides.add(village_id)
    return CouncilStanding(set_up, frozenset(sits), frozenset(decides))


def sits_on_a_council(user) -> bool:
    """Does ``user`` sit on a red-and-white council today (the council's pages are theirs)?"""
    from institutions.models import CouncilKind
    from institutions.selectors import villages_where_sitting

    return bool(villages_where_sitting(user, CouncilKind.RED_WHITE))


def council_queue(user):
    """The submitted bookings of the canteens of the villages where ``user`` sits on the
    red-and-white council, the soonest first."""
    return Booking.objects.filter(
        status=Status.SUBMITTED, canteen__village_id__in=council_villages(user),
    ).select_related("household", "canteen", "canteen__village").order_by("date", "id")


def approval_queue(user):
    return bookings_for(user).filter(status__in=[Status.SUBMITTED, Status.APPROVED]).order_by(
        "date", "id"
    )


def canteen_month(canteen: Canteen, year: int, month: int) -> list[dict]:
    """Each day of the month: tables booked, tables left and the active bookings (one query)."""
    first = datetime.date(year, month, 1)
    days = calendar.monthrange(year, month)[1]
    last = first + datetime.timedelta(days=days - 1)
    rows = list(
        Booking.objects.filter(canteen=canteen, date__range=(first, last),
                               status__in=ACTIVE_STATUSES)
        .select_related("household")
        .order_by("date", "id")
    )
    by_day: dict[datetime.date, list[Booking]] = {}
    for b in rows:
        by_day.setdefault(b.date, []).append(b)
    out = []
    for d in range(days):
        day = first + datetime.timedelta(days=d)
        bookings = by_day.get(day, [])
        booked = sum(b.tables for b in bookings)
        out.append({
            "date": day,
            "booked": booked,
            "left": max(canteen.capacity - booked, 0),
            "full": booked >= canteen.capacity,
            "bookings": bookings,
        })
    return out


def board_rules(unit) -> list[dict]:
    """The rules in force at ``unit`` (a village's own, else the banner's), for the board."""
    from .rules import describe

    return [{"rule": sentence} for sentence in describe(ruleset_in_force(unit))]


def customs_reform_blocker(household, year: int) -> str | None:
    """A recorded banquet violation in ``year`` rules out that year's customs-reform star."""
    household_id = getattr(household, "pk", household)
    if ViolationRecord.objects.filter(household_id=household_id, event_date__year=year).exists():
        return _("This household has a banquet violation recorded this year, so it cannot "
                 "earn the customs-reform star.")
    return None
