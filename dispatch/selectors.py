"""Reads of the dispatch mechanism: submissions in scope and how they stand, a township's
villages' submissions, and a dispatch meeting's agenda."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from practice import indicators
from practice.indicators import Period, evaluate
from practice.models import Level, Unit

from .models import Decision, Meeting, Submission, SubmissionStatus

ON_TIME, LATE, MISSING, OPEN = "on_time", "late", "missing", "open"
STANDINGS = (ON_TIME, LATE, MISSING, OPEN)


def standing(submission, today: date | None = None) -> str:
    """``on_time`` (signed off by the deadline), ``late`` (signed off after it), ``missing``
    (the deadline passed without a sign-off) or ``open`` (not due yet)."""
    if submission.status == SubmissionStatus.SIGNED_OFF:
        return ON_TIME if submission.on_time else LATE
    today = today or timezone.localdate()
    return MISSING if today > submission.deadline else OPEN


def standing_label(key: str) -> str:
    return {ON_TIME: _("On time"), LATE: _("Late"), MISSING: _("Missing"),
            OPEN: _("Not due yet")}[key]


def submissions_for(user):
    return (Submission.objects.for_user(user)
            .select_related("unit", "unit__head", "unit__parent", "submitted_by",
                            "signed_off_by"))


def month_submissions(user, year: int, month: int, unit: Unit | None = None):
    qs = submissions_for(user).filter(year=year, month=month).order_by("unit__path")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs


def tally(submissions, today: date | None = None) -> dict[str, int]:
    counts = Counter(standing(s, today) for s in submissions)
    return {key: counts.get(key, 0) for key in STANDINGS}


def village_submissions(submission):
    """A township's villages' submissions of the same month (none for other units)."""
    if submission.unit.level != Level.TOWNSHIP:
        return Submission.objects.none()
    return (Submission.objects.filter(year=submission.year, month=submission.month,
                                      unit__parent_id=submission.unit_id,
                                      unit__level=Level.VILLAGE)
            .select_related("unit").order_by("unit__path"))


def meetings_for(user):
    return (Meeting.objects.for_user(user).select_related("unit", "chair", "created_by")
            .prefetch_related("attendees", Prefetch(
                "decisions", queryset=Decision.objects.select_related("unit"))))


def figures_shown(submission, user) -> list[dict]:
    """The submission's frozen figures that ``user`` may be shown (those of indicators withheld
    from the user's capacities are left out; the submission keeps them)."""
    hidden = indicators.hidden_codes(user)
    return [f for f in submission.figures or [] if f.get("code") not in hidden]


# --- the agenda -------------------------------------------------------------------------------
def _registered(code):
    try:
        return indicators.get(code)
    except KeyError:
        return None


def below_units(unit):
    """The units a meeting of ``unit`` reviews one by one: the banner's townships and
    departments, or a township's villages."""
    levels = (Level.TOWNSHIP, Level.DEPARTMENT) if unit.level == Level.BANNER else (
        Level.VILLAGE,)
    return list(Unit.objects.filter(parent=unit, level__in=levels).order_by("path"))


def _row(unit, figure, note=""):
    return {"unit": unit, "figure": figure, "note": note}


def agenda(meeting) -> dict:
    """The meeting's agenda from its month: each unit below behind on an indicator, with the
    figure, and each unit's submission.

    ``{"sections": [{"key", "title", "measure", "rows": [{"unit", "figure", "note"}]}],
    "submissions": [Submission], "period": Period}``.
    """
    unit = meeting.unit
    period = Period.month(meeting.year, meeting.month)
    below = below_units(unit)
    sections = []

    # Villages that held no volunteer service day this month.
    service = _registered("activities.service_day_villages")
    if service is not None:
        held = set()
        for villages in service.compute(period).values():
            held |= set(villages)
        villages = list(Unit.objects.filter(level=Level.VILLAGE, path__startswith=unit.path)
                        .order_by("path"))
        lacking = [v for v in villages if v.pk not in held]
        rows = []
        for child in below:
            names = [v.name for v in lacking if v.path.startswith(child.path)]
            if names:
                note = "、".join(names[:8]) + ("…" if len(names) > 8 else "")
                rows.append(_row(child, len(names), "" if child.level == Level.VILLAGE else note))
        sections.append({"key": "service_days", "title": _("Villages with no service day held"),
                         "measure": _("villages"), "rows": rows})

    # Indicators where a unit below is behind: overdue orders, low satisfaction, violations.
    low_rating = float(getattr(settings, "DISPATCH_LOW_RATING", 4.0))
    checks = [
        ("orders.overdue", _("Overdue service orders"), lambda v: v is not None and v > 0),
        ("orders.avg_rating", _("Low satisfaction (average rating below %(n)s)")
         % {"n": f"{low_rating:g}"}, lambda v: v is not None and v < low_rating),
        ("banquets.violations", _("Banquet rule violations"), lambda v: v is not None and v > 0),
    ]
    present = [(code, title, test) for code, title, test in checks if _registered(code)]
    values = evaluate(period, below, [code for code, _t, _f in present]) if present else {}
    for code, title, test in present:
        rows = [_row(child, values[child.pk][code]) for child in below
                if test(values[child.pk].get(code))]
        sections.append({"key": code, "title": title, "measure": str(indicators.get(code).unit),
                         "rows": rows})

    # Submissions late or missing (the unit's own and its villages').
    today = timezone.localdate()
    subs = list(Submission.objects.filter(year=meeting.year, month=meeting.month,
                                          unit__path__startswith=unit.path)
                .exclude(unit=unit).select_related("unit", "unit__head").order_by("unit__path"))
    rows = []
    for child in below:
        behind = [s for s in subs if s.unit.path.startswith(child.path)
                  and standing(s, today) in (LATE, MISSING)]
        if behind:
            own = next((s for s in behind if s.unit_id == child.pk), None)
            note = standing_label(standing(own, today)) if own else ""
            rows.append(_row(child, len(behind), note))
    sections.append({"key": "submissions", "title": _("Submissions late or missing"),
                     "measure": _("submissions"), "rows": rows})
    by_unit = {s.unit_id: s for s in subs}
    return {
        "period": period,
        "sections": sections,
        "submissions": [by_unit[c.pk] for c in below if c.pk in by_unit],
    }
