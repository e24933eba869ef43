"""Pages of the reports: the leaders' dashboard, the list of monthly reports (with a build form
for staff and the runs' progress) and a printable report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from practice.exceptions import DomainError
from practice.indicators import Period
from practice.models import Level, Unit
from practice.numbers import MONTH_MIN_YEAR, parse_id, parse_int
from practice.pages import require_roles
from practice.roles import READER_ROLES, STAFF_ROLES, Role, has_role

from . import selectors, services
from .models import ReportRun


def _per_campaign(start, end, units) -> list[dict]:
    """Held activities per campaign in [start, end), one cell per unit of ``units`` (its
    subtree); campaigns with none are left out. Two queries."""
    from campaigns.selectors import activities_per_campaign

    return [{"campaign": campaign, "cells": [counts.get(u.pk, 0) for u in units]}
            for campaign, counts in activities_per_campaign(start=start, end=end, units=units)]

REPORT_ROLES = READER_ROLES | STAFF_ROLES
DASHBOARD_ROLES = frozenset({Role.LEADER, Role.REVIEWER, Role.TOWNSHIP_STAFF, Role.BANNER_ADMIN})


def _unit_for(user, raw):
    """The unit asked for when it lies in the user's scope (else 404), or the user's own."""
    scoped = Unit.objects.for_user(user).select_related("head")
    if raw in (None, ""):
        unit = scoped.filter(pk=user.unit_id).first() if user.unit_id else None
        unit = unit or scoped.filter(level=Level.BANNER).first()
    else:
        unit = scoped.filter(pk=parse_id(raw, default=0)).first()
    if unit is None or unit.level == Level.BASE:
        raise Http404
    return unit


def _month_dispatch(user, unit) -> dict:
    """The month now due of the 月调度 mechanism, in brief: its submissions' standing and the
    open and overdue supervised tasks (the 月调度 view has the rest)."""
    from dispatch import overview
    from dispatch import services as dispatch_services

    today = services.local_today()
    year, month = dispatch_services.previous_month(today)
    data = overview.month_overview(user, unit, year, month, today)
    return {"year": year, "month": month, "counts": data["counts"],
            "tasks_open": data["tasks_open"], "tasks_overdue": data["tasks_overdue"]}


def _year_bounds(year):
    period = Period.year(year)
    return period.start, period.end


@login_required
def dashboard(request):
    user = request.user
    require_roles(user, *DASHBOARD_ROLES)
    this_year = services.local_today().year
    year = parse_int(request.GET.get("year"), default=this_year)
    if not 2000 <= year <= this_year:
        year = this_year
    unit = _unit_for(user, request.GET.get("unit"))
    data = selectors.dashboard_summary(unit, year=year, user=user)
    indicators = data["indicators"]
    codes = [i["code"] for i in indicators]
    meta = {i["code"]: i for i in indicators}
    parent = None
    if unit.parent_id:
        parent = Unit.objects.for_user(user).filter(pk=unit.parent_id).first()
    campaign_units = [unit, *Unit.objects.filter(
        pk__in=[c["id"] for c in data["children"]]).order_by("path")]
    context = {
        "data": data,
        "unit": unit,
        "parent": parent,
        "year": year,
        "years": list(range(this_year, this_year - 5, -1)),
        "totals": [dict(t, **meta[t["code"]]) for t in data["totals"]],
        "base_too_small_any": any(t["base_too_small"] for t in data["totals"]),
        "trend_rows": [
            {**meta[c], "months": data["trend"]["series"][c]} for c in codes
        ],
        "children_rows": [
            dict(c, cells=[c["values"].get(code) for code in codes]) for c in data["children"]
        ],
        "department_rows": [
            dict(c, cells=[c["values"].get(code) for code in codes]) for c in data["departments"]
        ],
        "see_head_records": selectors.head_records_see_all(user),
        "dispatch": _month_dispatch(user, unit),
        "campaign_units": campaign_units,
        "per_campaign": _per_campaign(*_year_bounds(year), campaign_units),
        "labels": {
            "this_year": _("This year"),
            "last_year": _("Same period last year"),
            "score": _("Score"),
            "month": _("Month"),
            "no_data": _("No figures yet"),
        },
    }
    return render(request, "reports/dashboard.html", context)


# Two months of the banner's and its twenty townships' reports a page.
REPORTS_PER_PAGE = 42


def _report_filters(request, user):
    """The list's filters from the query string: ``(year, month, unit, units, ignored)``.

    A year from the first the platform has to this one, a month 1–12, and a unit among the
    report units of the user's scope (``units``); a value outside them is not applied, and its
    label is in ``ignored`` so that the page can say so."""
    units = list(Unit.objects.for_user(user).filter(level__in=services.REPORT_LEVELS)
                 .order_by("path"))
    raw = {name: (request.GET.get(name) or "").strip() for name in ("year", "month", "unit")}
    year = parse_int(raw["year"], minimum=MONTH_MIN_YEAR, maximum=services.local_today().year)
    month = parse_int(raw["month"], minimum=1, maximum=12)
    unit_id = parse_id(raw["unit"])
    unit = next((u for u in units if u.pk == unit_id), None)
    labels = {"year": _("Year"), "month": _("Month"), "unit": _("Unit")}
    parsed = {"year": year, "month": month, "unit": unit}
    ignored = [labels[name] for name, value in raw.items() if value and parsed[name] is None]
    return year, month, unit, units, ignored


@login_required
def monthly_list(request):
    user = request.user
    require_roles(user, *REPORT_ROLES)
    can_build = user.is_superuser or has_role(user, *STAFF_ROLES)
    if request.method == "POST":
        if not can_build:
            raise PermissionDenied
        try:
            run = services.report_run_start(year=request.POST.get("year"),
                                            month=request.POST.get("month"), actor=user)
        except DomainError as exc:
            messages.error(request, str(exc))
            return redirect("reports:monthly-list")
        # No "being built" message here: the build may be over before the page is shown (the
        # worker is quick, or runs in-process). The page shows the run as it is when read.
        return redirect(f"{reverse('reports:monthly-list')}?run={run.pk}")
    year, month, unit, units, ignored = _report_filters(request, user)
    reports = selectors.reports_listed(user, year=year, month=month, unit=unit)
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    runs = list(selectors.runs_for(user)[:8])
    watched = None
    if (run_id := parse_id(request.GET.get("run"))) is not None:
        watched = next((r for r in runs if r.pk == run_id), None) or (
            selectors.runs_for(user).filter(pk=run_id).first())
    query = request.GET.copy()
    for name in ("page", "run"):
        query.pop(name, None)
    default_year, default_month = services.previous_month()
    years = selectors.report_years(user)
    if year and year not in years:
        years = sorted({*years, year}, reverse=True)
    return render(request, "reports/monthly_list.html", {
        "page": page,
        "reports": page.object_list,
        "runs": runs,
        "watched": watched,
        "busy": any(r.state in (ReportRun.State.PENDING, ReportRun.State.RUNNING)
                    for r in [*runs, *([watched] if watched else [])]),
        "can_build": can_build,
        "year": year,
        "month": month,
        "unit": unit,
        "years": years,
        "months": range(1, 13),
        "units": units,
        "ignored": ignored,
        "filters_applied": bool(year or month or unit),
        "query": query.urlencode(),
        "default_year": default_year,
        "default_month": default_month,
    })


@login_required
def monthly_detail(request, pk):
    """The printable report: the banner's with every township side by side."""
    user = request.user
    require_roles(user, *REPORT_ROLES)
    report = get_object_or_404(selectors.reports_for(user), pk=pk)
    family = selectors.report_family(report, user)
    previous = selectors.previous_values([report]).get(report.unit_id, {})
    by_unit = [{v.code: v.value for v in r.values.all()} for r in family]
    rows = [
        {
            "code": v.code,
            "label": v.label,
            "measure": v.measure,
            "cells": [values.get(v.code) for values in by_unit],
            "previous": previous.get(v.code),
        }
        for v in report.values.all()
    ]
    month = Period.month(report.year, report.month)
    start, end = month.start, month.end
    return render(request, "reports/monthly_detail.html", {
        "report": report, "family": family, "rows": rows,
        "per_campaign": _per_campaign(start, end, [r.unit for r in family]),
    })


@login_required
def head_records(request):
    """The heads' records the user may open: every township's and department's for the banner's
    administrators and leaders, a head's own unit for a head."""
    units = selectors.head_records_listed(request.user)
    if not units:
        raise PermissionDenied
    groups = [
        {"label": _("Townships"), "units": [u for u in units if u.level == Level.TOWNSHIP]},
        {"label": _("Banner departments"),
         "units": [u for u in units if u.level == Level.DEPARTMENT]},
    ]
    return render(request, "reports/head_records.html",
                  {"groups": [g for g in groups if g["units"]]})


@login_required
def head_record(request, unit_id):
    """The printable record (A4) of a unit's head: a year per row."""
    record = selectors.head_record_for(request.user, unit_id)
    codes = [f["code"] for f in record["figures"]]
    for year in record["years"]:
        year["cells"] = [year["figures"].get(code) for code in codes]
    return render(request, "reports/head_record.html", {
        "record": record,
        "see_all": selectors.head_records_see_all(request.user),
        "printed_on": services.local_today(),
    })
