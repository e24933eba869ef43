"""Reads of the reports: stored reports, a period's figures for every unit, the assessment's
results and the leaders' dashboard.

The figures of a period come from :func:`period_values`: one aggregate query per indicator for
the whole network (banner, townships and villages at once), cached and kept as a stored
snapshot. The dashboard, its drill-down and the assessment all read that one table: a warm
dashboard costs almost nothing, one with an empty cache reads the snapshot (one query), and only
when no valid snapshot exists are the figures computed (one query per indicator and period).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from practice.indicators import Period, all_indicators, hidden_codes, visible_indicators
from practice.models import Level, Unit

from . import figures
from .models import (
    GROUP_LEVEL,
    LEVEL_GROUP,
    Assessment,
    AssessmentGroup,
    ManualScore,
    MonthlyReport,
    ReportRun,
    ReportValue,
)


def reports_listed(user, *, year=None, month=None, unit=None):
    """The reports ``user`` may see, newest first, with their units: what a list of them shows
    (month and unit; their values, dozens per report, are not loaded)."""
    qs = MonthlyReport.objects.for_user(user).select_related("unit").order_by(
        "-year", "-month", "unit__path")
    if year:
        qs = qs.filter(year=year)
    if month:
        qs = qs.filter(month=month)
    if unit:
        qs = qs.filter(unit=unit)
    return qs


def report_years(user) -> list[int]:
    """The years that have reports ``user`` may see, newest first (a list's year choices)."""
    return list(MonthlyReport.objects.for_user(user).order_by("-year")
                .values_list("year", flat=True).distinct())


def values_shown(user):
    """The stored figures ``user`` may be shown (a report keeps every indicator's figure; those
    withheld from the user's capacities are left out)."""
    hidden = hidden_codes(user)
    qs = ReportValue.objects.order_by("order", "code")
    return qs.exclude(code__in=hidden) if hidden else qs


def reports_for(user, *, year=None, month=None, unit=None):
    """The reports as a printed report or workbook shows them: with their units' heads and
    the values ``user`` may be shown."""
    return (reports_listed(user, year=year, month=month, unit=unit)
            .select_related("unit__head")
            .prefetch_related(Prefetch("values", queryset=values_shown(user))))


def report_family(report: MonthlyReport, user):
    """The reports a workbook or printable page of ``report`` shows: itself and, for the
    banner, every township's report of the same month that ``user`` may see."""
    if report.unit.level != Level.BANNER:
        return [report]
    townships = list(
        reports_for(user, year=report.year, month=report.month)
        .filter(unit__parent=report.unit, unit__level=Level.TOWNSHIP)
        .exclude(pk=report.pk)
    )
    return [report, *townships]


def previous_values(reports) -> dict[int, dict[str, Decimal | None]]:
    """``{unit_id: {code: value}}`` of the month before ``reports``' month (one query), for a
    month-on-month column."""
    first = reports[0]
    year, month = (first.year - 1, 12) if first.month == 1 else (first.year, first.month - 1)
    out: dict[int, dict] = {r.unit_id: {} for r in reports}
    rows = ReportValue.objects.filter(
        report__unit_id__in=list(out), report__year=year, report__month=month
    ).values_list("report__unit_id", "code", "value")
    for unit_id, code, value in rows:
        out[unit_id][code] = value
    return out


def runs_for(user):
    return ReportRun.objects.for_user(user).select_related("started_by")


def year_periods(year: int, today: date | None = None) -> tuple[Period, Period]:
    """The year so far and the same stretch of the year before (whole years once past)."""
    today = today or timezone.localdate()
    if year < today.year:
        return Period.year(year), Period.year(year - 1)
    end = today + timedelta(days=1)
    try:
        last_end = end.replace(year=end.year - 1)
    except ValueError:  # 29 February
        last_end = end.replace(year=end.year - 1, day=28) + timedelta(days=1)
    return Period(date(year, 1, 1), end), Period(date(year - 1, 1, 1), last_end)


def indicator_meta(indicators=None) -> list[dict]:
    return [
        {
            "code": i.code,
            "label": str(i.label),
            "measure": str(i.unit),
            "agg": i.agg,
            "higher_is_better": i.higher_is_better,
            "details_url": reverse(i.details_url) if i.details_url else None,
        }
        for i in (indicators or all_indicators())
    ]


# --- the annual assessment ---------------------------------------------------------------
def assessment_for(year: int, group=AssessmentGroup.TOWNSHIPS) -> Assessment | None:
    """The banner's assessment of ``year`` for ``group`` (townships unless asked otherwise)."""
    return (
        Assessment.objects.filter(year=year, unit__level=Level.BANNER, group=group)
        .select_related("unit")
        .first()
    )


def result_rows(results: dict) -> list[dict]:
    """The scored units' rows of an assessment's results, ranked. They are kept under the
    group's name (``townships`` or ``departments``); a snapshot frozen before assessments had
    groups holds townships."""
    return results.get(results.get("group") or AssessmentGroup.TOWNSHIPS, [])


def _num(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return round(value, 4) if isinstance(value, float) else value


def assessment_compute(assessment: Assessment, *, use_cache=True) -> dict:
    """Score and rank the units below the assessing unit (never reads the snapshot)."""
    units = list(
        Unit.objects.filter(parent=assessment.unit, level=GROUP_LEVEL[assessment.group])
        .select_related("head").order_by("path")
    )
    items = list(assessment.items.all())
    manual_items = list(assessment.manual_items.all())
    scores = {
        (s.item_id, s.unit_id): s
        for s in ManualScore.objects.filter(item__assessment=assessment)
    }
    known = {i.code: i for i in all_indicators()}
    codes = [it.code for it in items if it.code in known]
    # The same figures as the dashboard's year so far (all indicators, one cache entry): for a
    # past year that is the whole year, for the running year no data lies beyond today.
    values = figures.period_values(year_periods(assessment.year)[0], use_cache=use_cache) if codes \
        else {}
    rows = []
    for u in units:
        breakdown, total = [], Decimal("0")
        for it in items:
            value = values.get(u.pk, {}).get(it.code)
            points = it.points_for(value)
            total += points
            breakdown.append({"code": it.code, "value": _num(value), "points": float(points)})
        manual = []
        for mi in manual_items:
            s = scores.get((mi.pk, u.pk))
            total += s.score if s else Decimal("0")
            manual.append({"item": mi.pk, "name": mi.name,
                           "score": float(s.score) if s else None,
                           "note": s.note if s else ""})
        rows.append({
            "unit_id": u.pk,
            "code": u.code,
            "name": u.name,
            "head": str(u.head) if u.head_id else None,
            "head_id": u.head_id,
            "score": float(total.quantize(Decimal("0.01"))),
            "indicators": breakdown,
            "manual": manual,
        })
    rows.sort(key=lambda r: (-r["score"], r["code"]))
    rank, previous = 0, None
    for n, row in enumerate(rows, start=1):
        if row["score"] != previous:
            rank, previous = n, row["score"]
        row["rank"] = rank  # equal scores share a rank: 1, 2, 2, 4
    return {
        "id": assessment.pk,
        "year": assessment.year,
        "group": assessment.group,
        "title": str(assessment),
        "unit": {"id": assessment.unit_id, "name": assessment.unit.name},
        "finalised": False,
        "finalised_at": None,
        "computed_at": timezone.now().isoformat(),
        "items": [
            {
                "code": it.code,
                "label": str(known[it.code].label) if it.code in known else it.code,
                "measure": str(known[it.code].unit) if it.code in known else "",
                "weight": float(it.weight),
                "target": float(it.target),
                "cap": float(it.cap),
                "higher_is_better": it.higher_is_better,
            }
            for it in items
        ],
        "manual_items": [
            {"id": mi.pk, "name": mi.name, "max_score": float(mi.max_score)}
            for mi in manual_items
        ],
        assessment.group: rows,
    }


def assessment_results(assessment: Assessment) -> dict:
    """The frozen snapshot of a finalised assessment, otherwise the live scores.

    Live scores are cached as long as the figures they are computed from (every dashboard
    shows them); any change to what they are made of other than the figures forgets them.
    """
    if assessment.finalised and assessment.snapshot:
        return assessment.snapshot
    return figures.live_scores(assessment.pk, lambda: assessment_compute(assessment))


def assessment_for_user(assessment: Assessment, user) -> dict:
    """The results with only the rows of units inside ``user``'s scope (ranks stay global)."""
    results = dict(assessment_results(assessment))
    key = results.get("group") or AssessmentGroup.TOWNSHIPS
    results["group"] = key
    rows = result_rows(results)
    ids = [row["unit_id"] for row in rows]
    visible = set(Unit.objects.for_user(user).filter(pk__in=ids).values_list("pk", flat=True))
    results[key] = [row for row in rows if row["unit_id"] in visible]
    return _without_hidden(results, key, hidden_codes(user))


def _without_hidden(results: dict, key: str, hidden) -> dict:
    """The results without the items (and their breakdown) of indicators withheld from the
    reader; the scores, computed from every item, stay as they are."""
    if not hidden:
        return results
    results["items"] = [it for it in results.get("items", []) if it["code"] not in hidden]
    results[key] = [
        dict(row, indicators=[b for b in row.get("indicators", []) if b["code"] not in hidden])
        for row in results[key]
    ]
    return results


# --- the dashboard -----------------------------------------------------------------------
def _trend(unit: Unit, year: int, codes) -> dict[str, list]:
    series = {code: [None] * 12 for code in codes}
    rows = ReportValue.objects.filter(report__unit=unit, report__year=year).values_list(
        "report__month", "code", "value"
    )
    for month, code, value in rows:
        if code in series:
            series[code][month - 1] = _num(value)
    return series


# A change is shown as a percentage only against a base worth comparing with: a figure more
# than this many times last year's (or last year's nothing) says the base was too small, not
# that the work grew by thousands of percent.
COMPARABLE_RATIO = 5


def change_against(now, before) -> tuple[float | None, bool]:
    """(the change in percent, or None; whether the base was too small to compare)."""
    if now is None or before is None:
        return None, False
    now, before = float(now), float(before)
    if before == 0 or abs(now) > COMPARABLE_RATIO * abs(before):
        return None, now != 0
    return round(100.0 * (now - before) / abs(before), 1), False


def dashboard_summary(unit: Unit, *, year: int, user) -> dict:
    """Everything the leaders' dashboard draws for ``unit`` (already checked to be in scope):
    the figures of the indicators ``user`` may be shown."""
    indicators = visible_indicators(user)
    codes = [i.code for i in indicators]
    this_period, last_period = year_periods(year)
    current = figures.period_values(this_period)
    previous = figures.period_values(last_period)
    below = list(
        Unit.objects.for_user(user).filter(parent=unit).exclude(level=Level.BASE)
        .select_related("head").order_by("path")
    )
    # The drill-down lists the townships (or villages); the banner's departments are not
    # townships and have their own group.
    children = [c for c in below if c.level != Level.DEPARTMENT]
    departments = [c for c in below if c.level == Level.DEPARTMENT]
    totals = []
    for i in indicators:
        now_v = current.get(unit.pk, {}).get(i.code)
        before = previous.get(unit.pk, {}).get(i.code)
        change, base_too_small = change_against(now_v, before)
        totals.append({"code": i.code, "value": _num(now_v), "last_year": _num(before),
                       "change_pct": change, "base_too_small": base_too_small})
    rankings = {}
    for group in AssessmentGroup:
        assessment = assessment_for(year, group)
        if assessment is None:
            continue
        results = assessment_for_user(assessment, user)
        rankings[group.value] = {
            "id": results["id"],
            "group": group.value,
            "group_label": str(group.label),
            "title": results["title"],
            "finalised": results["finalised"],
            "items": results["items"],
            "manual_items": results["manual_items"],
            group.value: [
                row for row in result_rows(results)
                if unit.level == Level.BANNER or row["unit_id"] == unit.pk
            ],
        }
    ranking = rankings.get(AssessmentGroup.TOWNSHIPS.value)
    return {
        "year": year,
        "period": {"start": str(this_period.first_day),
                   "end": str(this_period.last_day_exclusive - timedelta(days=1)),
                   "last_start": str(last_period.first_day),
                   "last_end": str(last_period.last_day_exclusive - timedelta(days=1))},
        "unit": {"id": unit.pk, "code": unit.code, "name": unit.name, "level": unit.level,
                 "head": str(unit.head) if unit.head_id else None,
                 "parent": unit.parent_id},
        "indicators": indicator_meta(indicators),
        "totals": totals,
        "trend": {"months": list(range(1, 13)), "series": _trend(unit, year, codes)},
        "children": [
            {"id": c.pk, "code": c.code, "name": c.name, "level": c.level,
             "head": str(c.head) if c.head_id else None,
             "values": {code: _num(current.get(c.pk, {}).get(code)) for code in codes}}
            for c in children
        ],
        "departments": [
            {"id": c.pk, "code": c.code, "name": c.name, "level": c.level,
             "head": str(c.head) if c.head_id else None,
             "values": {code: _num(current.get(c.pk, {}).get(code)) for code in codes}}
            for c in departments
        ],
        "ranking": ranking,
        "department_ranking": rankings.get(AssessmentGroup.DEPARTMENTS.value),
    }


# --- the per-head record (一把手 考评档案) --------------------------------------------------------
# The figures a head's record shows beside the score (those registered; "—" where not).
HEAD_RECORD_CODES = [
    "supervision.tasks_closed_on_time",
    "supervision.tasks_overdue",
    "dispatch.submissions_on_time",
]


def head_record_unit(unit_id) -> Unit | None:
    """The assessed unit (a township or a banner department) whose record is asked for."""
    return (Unit.objects.filter(pk=unit_id, level__in=list(LEVEL_GROUP))
            .select_related("head", "parent").first())


def head_record(unit: Unit) -> dict:
    """Every year's assessment of ``unit`` in its group: the head at the time (the frozen
    results keep the name; the running year shows the unit's head now), score, rank within the
    group, tasks closed on time and overdue, and submissions on time."""
    group = LEVEL_GROUP[unit.level]
    known = {i.code: i for i in all_indicators()}
    codes = [code for code in HEAD_RECORD_CODES if code in known]
    assessments = list(
        Assessment.objects.filter(unit_id=unit.parent_id, group=group).order_by("-year")
    )
    today = timezone.localdate()
    years = []
    for assessment in assessments:
        results = assessment_results(assessment)
        rows = result_rows(results)
        row = next((r for r in rows if r["unit_id"] == unit.pk), None)
        if assessment.finalised and row is not None:
            head = row.get("head")
        else:
            head = str(unit.head) if unit.head_id else None
        values = {}
        if codes:
            period = year_periods(assessment.year, today)[0]
            values = figures.period_values(period).get(unit.pk, {})
        years.append({
            "year": assessment.year,
            "assessment": assessment.pk,
            "title": str(assessment),
            "finalised": assessment.finalised,
            "head": head,
            "score": row["score"] if row else None,
            "rank": row["rank"] if row else None,
            "of": len(rows),
            "figures": {code: _num(values.get(code)) if code in known else None
                        for code in HEAD_RECORD_CODES},
        })
    return {
        "unit": {"id": unit.pk, "code": unit.code, "name": unit.name, "level": unit.level,
                 "parent": unit.parent.name if unit.parent_id else None},
        "group": group,
        "group_label": str(AssessmentGroup(group).label),
        "head": str(unit.head) if unit.head_id else None,
        "figures": [
            {"code": code, "label": str(known[code].label) if code in known else code,
             "registered": code in known}
            for code in HEAD_RECORD_CODES
        ],
        "years": years,
    }


def head_records_see_all(user) -> bool:
    """The banner's administrators and banner-level leaders see every head's record (the
    organisation department chooses cadres from them)."""
    from practice.roles import Role, has_role

    if user.is_superuser:
        return True
    unit = user.unit if user.unit_id else None
    return (unit is not None and unit.level == Level.BANNER
            and has_role(user, Role.BANNER_ADMIN, Role.LEADER))


def head_record_for(user, unit_id) -> dict:
    """The record of ``unit_id`` for ``user``: any for those who see all, a head their own
    unit's. Others: 404 when the unit lies outside their scope, 403 when inside."""
    from practice.exceptions import Forbidden, NotFound

    unit = head_record_unit(unit_id)
    if unit is None:
        raise NotFound()
    if head_records_see_all(user) or (unit.head_id is not None and unit.head_id == user.pk):
        return head_record(unit)
    if Unit.objects.for_user(user).filter(pk=unit.pk).exists():
        raise Forbidden(_("Only the banner's administrators and leaders, and the unit's head, "
                          "see a head's record."))
    raise NotFound()


def head_records_listed(user) -> list[Unit]:
    """The assessed units whose record ``user`` may open: every township and department for
    those who see all, else the units the user heads."""
    qs = Unit.objects.filter(level__in=list(LEVEL_GROUP)).select_related("head").order_by(
        "level", "path")
    if head_records_see_all(user):
        return list(qs)
    return list(qs.filter(head=user))
