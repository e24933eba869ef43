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


def sitting_members(council: Council, on: datetime.date | None = None):
    return CouncilMember.objects.filter(sitting(on), council=council).select_related("user")


def council_set_up(village_id: int, kind: str, on: datetime.date | None = None) -> bool:
    """Does the village have this council with at least one sitting member? Where it has not,
    station staff act for it (banquets) or its step is skipped (honours)."""
    return CouncilMember.objects.filter(
        sitting(on), council__village_id=village_id, council__kind=kind).exists()


def villages_set_up(village_ids, kind: str, on: datetime.date | None = None) -> set[int]:
    """Which of ``village_ids`` have this council set up (a sitting member): one query for a
    page of rows, where :func:`council_set_up` asks for one village."""
    return set(CouncilMember.objects.filter(
        sitting(on), council__village_id__in=list(village_ids), council__kind=kind)
        .values_list("council__village_id", flat=True))


def sits_on(user, village_id: int, kind: str, *, on: datetime.date | None = None) -> bool:
    """Is ``user`` a sitting member of the village's council of ``kind``?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return CouncilMember.objects.filter(
        sitting(on), user=user, council__village_id=village_id, council__kind=kind).exists()


def seat_decides(decider: str, seat: str) -> bool:
    """Does a sitting member in ``seat`` decide for a council whose ``decider`` is this? Any
    sitting member does, or only the chair where the council says so."""
    return decider != Decider.CHAIR or seat == Seat.CHAIR


def may_decide(user, village_id: int, kind: str, *, on: datetime.date | None = None) -> bool:
    """May ``user`` decide for the village's council of ``kind`` (seat_decides)?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return any(seat_decides(decider, seat) for decider, seat in CouncilMember.objects.filter(
        sitting(on), user=user, council__village_id=village_id, council__kind=kind,
    ).values_list("council__decider", "seat"))


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


def _count(qs, field="pk", function="COUNT"):
    """``qs``'s count (or sum of ``field``) as a scalar subquery: one query for many figures."""
    from django.db.models import F, Func, IntegerField, Subquery

    return Subquery(qs.order_by().annotate(
        _n=Func(F(field), function=function, output_field=IntegerField())).values("_n")[:1],
        output_field=IntegerField())


def council_results(unit, year: int | None = None) -> dict:
    """This year's figures of the councils of ``unit`` (a village or a township), and its
    compact in force (a village) or how many of its villages have one (a township): counts
    only, in one query."""
    from django.db.models import Exists, OuterRef, Subquery

    from practice.models import Level, Unit

    from .models import (
        AntiDrugActivity,
        AntiDrugVisit,
        CompactVersion,
        CouncilMeeting,
        Decision,
        Outcome,
    )

    year = year or timezone.localdate().year
    village = unit.level == Level.VILLAGE
    path = OuterRef("path")
    if village:
        where = {"council__village": OuterRef("pk")}
        decided = {"proposal__council__village": OuterRef("pk")}
    else:
        where = {"council__village__path__startswith": path}
        decided = {"proposal__council__village__path__startswith": path}
    decisions = Decision.objects.filter(decided_on__year=year, **decided)
    visits = AntiDrugVisit.objects.filter(visited_on__year=year, **where)
    figures = {
        "meetings": _count(CouncilMeeting.objects.filter(held_on__year=year, **where)),
        "decisions": _count(decisions),
        "adopted": _count(decisions.filter(outcome=Outcome.ADOPTED)),
        "antidrug_activities": _count(AntiDrugActivity.objects.filter(
            activity__starts_at__year=year, **where)),
        "antidrug_visits": _count(visits),
        "households_visited": _count(visits, "households", "SUM"),
    }
    if village:
        current = CompactVersion.objects.filter(village=OuterRef("pk")).order_by(
            "-adopted_on", "-number")
        figures.update(compact_number=Subquery(current.values("number")[:1]),
                       compact_day=Subquery(current.values("adopted_on")[:1]),
                       compact_text=Subquery(current.values("text")[:1]))
    else:
        figures["villages_with_compact"] = _count(Unit.objects.filter(
            level=Level.VILLAGE, path__startswith=path).filter(
            Exists(CompactVersion.objects.filter(village=OuterRef("pk")))))
    row = Unit.objects.filter(pk=unit.pk).annotate(**figures).values(*figures).get()
    out = {k: row[k] or 0 for k in ("meetings", "decisions", "adopted", "antidrug_activities",
                                    "antidrug_visits", "households_visited")}
    out["year"] = year
    if village:
        out.update(compact_number=row["compact_number"], compact_day=row["compact_day"],
                   compact_text=row["compact_text"] or "")
    else:
        out["villages_with_compact"] = row["villages_with_compact"] or 0
    return out


def board_institutions(unit):
    """The board's section of the compact and the four councils (一约四会): a village's compact
    in force line by line, then this year's figures of its councils (a township: how many of
    its villages have a compact, and its villages' figures). Counts and the compact's text
    only: no names, no personal data."""
    from django.utils.translation import gettext as _

    r = council_results(unit)
    rows = []
    if r.get("compact_number"):
        rows.append({"line": _("Version %(n)d, adopted by the villagers' assembly on %(day)s")
                     % {"n": r["compact_number"], "day": _iso(r["compact_day"])}})
        rows += [{"line": line.strip()} for line in r["compact_text"].splitlines()
                 if line.strip()]
    if r.get("villages_with_compact"):
        rows.append({"what": _("Villages with a compact in force"),
                     "n": r["villages_with_compact"]})
    for key, label in (("meetings", _("Council meetings held this year")),
                       ("decisions", _("Decisions of the villagers' council this year")),
                       ("adopted", _("Of them adopted")),
                       ("antidrug_activities", _("Anti-drug awareness activities this year")),
                       ("antidrug_visits", _("Anti-drug home visits this year")),
                       ("households_visited", _("Households visited this year"))):
        if r[key]:
            rows.append({"what": label, "n": r[key]})
    return rows or None


def _iso(day) -> str:
    return day.isoformat() if hasattr(day, "isoformat") else str(day)


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


__all__ = ["board_decisions", "board_institutions", "council_results",
           "current_compact", "CouncilKind", "council_set_up", "may_decide", "seat_decides",
           "sits_on", "sitting", "sitting_members", "villages_where_sitting"]
