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


# --- the compact and the board ------------------------------------------------------------------
def current_compact(village_id: int):
    """The village's compact in force: the newest adopted version (None when it has none)."""
    from .models import CompactVersion

    return (CompactVersion.objects.filter(village_id=village_id)
            .order_by("-adopted_on", "-number").first())


def _villages_of(unit):
    from practice.models import Level, Unit

    if unit.level == Level.VILLAGE:
        return Unit.objects.filter(pk=unit.pk)
    return Unit.objects.filter(level=Level.VILLAGE, path__startswith=unit.path)


def board_compact(unit):
    """The board's section of the compact in force: a village's text line by line, or for a
    township which version each village has in force. No personal data."""
    from django.utils.translation import gettext as _

    from practice.models import Level

    from .models import CompactVersion

    if unit.level == Level.VILLAGE:
        version = current_compact(unit.pk)
        if version is None:
            return None
        head = _("Version %(n)d, adopted by the villagers' assembly on %(day)s") % {
            "n": version.number, "day": version.adopted_on.isoformat()}
        return [{"line": head}] + [{"line": line.strip()} for line in version.text.splitlines()
                                   if line.strip()]
    rows = {}
    for v in (CompactVersion.objects.filter(village__in=_villages_of(unit))
              .select_related("village").order_by("village__path", "adopted_on", "number")):
        rows[v.village_id] = {"village": v.village.name, "version": _(
            "Version %(n)d, adopted on %(day)s") % {"n": v.number,
                                                     "day": v.adopted_on.isoformat()}}
    return list(rows.values()) or None


def council_results(unit, year: int | None = None) -> dict:
    """This year's figures of the councils of ``unit`` (a village or a township): counts only."""
    from django.db.models import Count, Sum

    from .models import AntiDrugActivity, AntiDrugVisit, CouncilMeeting, Decision, Outcome

    year = year or timezone.localdate().year
    villages = _villages_of(unit).values("pk")
    meetings = CouncilMeeting.objects.filter(council__village__in=villages,
                                             held_on__year=year).count()
    decisions = Decision.objects.filter(proposal__council__village__in=villages,
                                        decided_on__year=year).aggregate(
        adopted=Count("pk", filter=Q(outcome=Outcome.ADOPTED)), all=Count("pk"))
    activities = AntiDrugActivity.objects.filter(
        council__village__in=villages, activity__starts_at__year=year).count()
    visits = AntiDrugVisit.objects.filter(council__village__in=villages,
                                          visited_on__year=year).aggregate(
        n=Count("pk"), households=Sum("households"))
    return {"year": year, "meetings": meetings, "decisions": decisions["all"],
            "adopted": decisions["adopted"], "antidrug_activities": activities,
            "antidrug_visits": visits["n"], "households_visited": visits["households"] or 0}


def board_results(unit):
    """The board's section of the councils' work this year: counts, no names."""
    from django.utils.translation import gettext as _

    r = council_results(unit)
    if not any(r[k] for k in ("meetings", "decisions", "antidrug_activities",
                              "antidrug_visits")):
        return None
    return {
        _("Council meetings held this year"): r["meetings"],
        _("Decisions of the villagers' council this year"): r["decisions"],
        _("Of them adopted"): r["adopted"],
        _("Anti-drug awareness activities this year"): r["antidrug_activities"],
        _("Anti-drug home visits this year"): r["antidrug_visits"],
        _("Households visited this year"): r["households_visited"],
    }


def board_decisions(unit):
    """The villagers' council's adopted decisions of the last year: date, village and the
    decision; never who proposed it."""
    from .models import Decision, Outcome

    since = timezone.localdate() - datetime.timedelta(days=365)
    rows = (Decision.objects.filter(outcome=Outcome.ADOPTED, decided_on__gte=since,
                                    proposal__council__village__in=_villages_of(unit).values("pk"))
            .select_related("proposal__council__village").order_by("-decided_on", "-pk")[:20])
    out = []
    for d in rows:
        row = {"day": d.decided_on.isoformat()}
        if unit.pk != d.proposal.council.village_id:
            row["village"] = d.proposal.council.village.name
        row["decision"] = d.text
        out.append(row)
    return out or None


__all__ = ["board_compact", "board_decisions", "board_results", "council_results",
           "current_compact", "CouncilKind", "council_of", "council_set_up", "may_decide",
           "sits_on", "sitting", "sitting_members", "villages_where_sitting"]
