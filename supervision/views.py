"""Pages of supervision: tasks (list, detail with progress and the moves, a form to set one),
field visits and joint meetings (lists filtered by unit, forms). Thin: reads through the
selectors, writes through the services."""

import datetime

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from practice.exceptions import DomainError, Forbidden
from practice.models import Level, Unit, User
from practice.numbers import parse_id, parse_int
from practice.pages import roles_required
from practice.roles import STAFF_ROLES, SUBTREE_ROLES, Role, has_role

from . import origins, selectors, services
from .models import (
    TASK_LEVELS,
    EvidenceKind,
    MeetingDecision,
    ProgressReport,
    SupervisedTask,
    TaskState,
)

ACTORS = (*STAFF_ROLES, Role.LEADER)


def _errors(exc) -> list[str]:
    if isinstance(exc, ValidationError):
        return [str(m) for m in exc.messages]
    return [str(exc.message)]


def _date(raw):
    try:
        return datetime.date.fromisoformat((raw or "").strip())
    except ValueError:
        return None


def _unit_filter(request):
    raw = request.GET.get("unit")
    if raw in (None, ""):
        return None
    unit = Unit.objects.for_user(request.user).filter(pk=parse_id(raw, default=0)).first()
    if unit is None:
        raise Http404
    return unit


# --- tasks ---------------------------------------------------------------------
@roles_required(*SUBTREE_ROLES)
def task_list(request):
    user = request.user
    mine = request.GET.get("scope") != "area"
    state = request.GET.get("state") if request.GET.get("state") in TaskState.values else None
    overdue = True if request.GET.get("overdue") == "1" else None
    unit = _unit_filter(request)
    tasks = selectors.tasks_for(user, mine=mine and unit is None, state=state, unit=unit,
                                overdue=overdue)
    page = Paginator(tasks, 30).get_page(parse_int(request.GET.get("page"), default=1))
    today = timezone.localdate()
    for task in page:
        task.late = task.is_overdue(today)
    return render(request, "supervision/task_list.html", {
        "page": page, "mine": mine and unit is None, "state": state, "overdue": overdue,
        "unit": unit, "states": TaskState.choices, "can_set": services.may_set_tasks(user),
    })


def _origin_from(request):
    """``?origin=<kind>:<id>`` (``visit``, ``decision``, or another app's kind, see
    ``origins``): what the new task comes from."""
    return origins.resolve(request.user,
                           request.GET.get("origin") or request.POST.get("origin") or "")


@roles_required(*ACTORS)
def task_new(request):
    user = request.user
    if not services.may_set_tasks(user):
        raise PermissionDenied
    origin_key, origin = _origin_from(request)
    units = [u for u in Unit.objects.for_user(user).filter(level__in=TASK_LEVELS)
             .order_by("path") if services.may_set_task_for(user, u)]
    errors, values = [], origins.suggested(origin) if origin is not None else {}
    if request.method == "POST":
        values = request.POST
        unit = next((u for u in units if u.pk == parse_id(values.get("unit"), default=0)), None)
        try:
            if unit is None:
                raise ValidationError({"unit": [_("Choose the responsible unit.")]})
            activity = None
            if values.get("evidence_kind") == EvidenceKind.ACTIVITY and values.get("activity"):
                activity = services.activity_for(user, parse_id(values.get("activity"),
                                                                default=0))
            task = services.task_create(
                actor=user, title=values.get("title"), unit=unit,
                deadline=_date(values.get("deadline")),
                description=values.get("description", ""),
                evidence_kind=values.get("evidence_kind", EvidenceKind.NOTE),
                evidence_text=values.get("evidence_text", ""), activity=activity,
                indicator_code=values.get("indicator_code", ""), origin=origin)
        except (ValidationError, DomainError) as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("The task was set."))
            return redirect("supervision:task", task.pk)
    return render(request, "supervision/task_form.html", {
        "units": units, "kinds": EvidenceKind.choices, "errors": errors, "values": values,
        "origin": origin, "origin_key": origin_key,
        "min_date": timezone.localdate().isoformat(),
    }, status=400 if errors else 200)


@roles_required(*SUBTREE_ROLES)
def task_detail(request, pk):
    task = get_object_or_404(
        SupervisedTask.objects.for_user(request.user).select_related(
            "unit", "head", "created_by", "activity", "origin_type"), pk=pk)
    reports = (ProgressReport.objects.filter(task=task).select_related("author")
               .prefetch_related("photos"))
    return render(request, "supervision/task_detail.html", {
        "task": task, "late": task.is_overdue(), "reports": reports,
        "events": task.events.select_related("actor"),
        "actions": services.task_actions(task, request.user),
    })


@require_POST
@roles_required(*ACTORS)
def task_action(request, pk, verb):
    task = get_object_or_404(SupervisedTask.objects.for_user(request.user)
                             .select_related("unit"), pk=pk)
    user, post = request.user, request.POST
    done = {
        "progress": _("Progress recorded."), "request-close": _("Closing was requested."),
        "accept": _("The task is closed."), "return": _("The task was sent back."),
    }
    if verb not in done:
        raise Http404
    try:
        if verb in ("request-close", "accept", "return") and post.get("confirm") != "1":
            raise ValidationError(pgettext("supervision", "Tick the box to confirm."))
        if verb == "progress":
            services.task_progress(task, actor=user, note=post.get("note"),
                                   photos=request.FILES.getlist("photos"))
        elif verb == "request-close":
            services.task_request_close(task, actor=user, note=post.get("note", ""))
        elif verb == "accept":
            services.task_accept(task, actor=user, note=post.get("note", ""))
        else:
            services.task_return(task, actor=user, reason=post.get("reason", ""))
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc
    except (ValidationError, DomainError) as exc:
        for m in _errors(exc):
            messages.error(request, m)
    else:
        messages.success(request, done[verb])
    return redirect("supervision:task", task.pk)


# --- field visits ---------------------------------------------------------------------
@roles_required(*SUBTREE_ROLES)
def visit_list(request):
    user = request.user
    unit = _unit_filter(request)
    page = Paginator(selectors.visits_for(user, unit), 30).get_page(
        parse_int(request.GET.get("page"), default=1))
    year = timezone.localdate().year
    return render(request, "supervision/visit_list.html", {
        "page": page, "unit": unit, "year": year,
        "leaders": selectors.leader_visits_by_quarter(user, year),
        "expected": selectors.visits_expected_per_quarter(),
        "can_record": services.may_record_visits(user),
        "can_set": services.may_set_tasks(user),
        "units": Unit.objects.for_user(user).filter(
            level__in=[Level.TOWNSHIP, Level.VILLAGE]).order_by("path")[:400],
    })


@roles_required(*ACTORS)
def visit_new(request):
    user = request.user
    villages = list(Unit.objects.for_user(user).filter(level=Level.VILLAGE)
                    .select_related("parent").order_by("path"))
    staff = has_role(user, *STAFF_ROLES) or user.is_superuser
    leaders = list(User.objects.for_user(user).filter(role=Role.LEADER, is_active=True)
                   .order_by("unit__path", "pk")) if staff else [user]
    errors, values = [], {}
    if request.method == "POST":
        values = request.POST
        chosen = {parse_id(v, default=0) for v in values.getlist("villages")}
        leader = next((u for u in leaders if u.pk == parse_id(values.get("leader"), default=0)),
                      None) if staff else user
        try:
            if leader is None:
                raise ValidationError({"leader": [_("Choose the leader.")]})
            visit = services.visit_record(
                actor=user, leader=leader, villages=[v for v in villages if v.pk in chosen],
                started_on=_date(values.get("started_on")),
                ended_on=_date(values.get("ended_on")), findings=values.get("findings"))
        except (ValidationError, DomainError) as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("The field visit was recorded."))
            return redirect(f"{_reverse('supervision:visits')}#visit-{visit.pk}")
    return render(request, "supervision/visit_form.html", {
        "villages": villages, "leaders": leaders, "staff": staff, "errors": errors,
        "values": values, "chosen": [str(v) for v in values.getlist("villages")]
        if values else [], "today": timezone.localdate().isoformat(),
    }, status=400 if errors else 200)


def _reverse(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


# --- joint meetings ---------------------------------------------------------------------
@roles_required(*SUBTREE_ROLES)
def meeting_list(request):
    user = request.user
    unit = _unit_filter(request)
    page = Paginator(selectors.meetings_for(user, unit), 20).get_page(
        parse_int(request.GET.get("page"), default=1))
    ct = ContentType.objects.get_for_model(MeetingDecision)
    decision_ids = [d.pk for m in page for d in m.decisions.all()]
    counts = {}
    for origin_id in SupervisedTask.objects.filter(
            origin_type=ct, origin_id__in=decision_ids).values_list("origin_id", flat=True):
        counts[origin_id] = counts.get(origin_id, 0) + 1
    for m in page:
        for d in m.decisions.all():
            d.task_count = counts.get(d.pk, 0)
    return render(request, "supervision/meeting_list.html", {
        "page": page, "unit": unit, "can_record": services.may_record_visits(user),
        "can_set": services.may_set_tasks(user),
    })


@roles_required(*ACTORS)
def meeting_new(request):
    user = request.user
    units = list(Unit.objects.for_user(user).filter(
        level__in=[Level.BANNER, Level.TOWNSHIP]).order_by("path"))
    people = list(User.objects.for_user(user).filter(
        role__in=[Role.LEADER, Role.TOWNSHIP_STAFF, Role.BANNER_ADMIN], is_active=True)
        .order_by("unit__path", "pk")[:300])
    errors, values = [], {}
    if request.method == "POST":
        values = request.POST
        unit = next((u for u in units if u.pk == parse_id(values.get("unit"), default=0)), None)
        chosen = {parse_id(v, default=0) for v in values.getlist("participants")}
        try:
            if unit is None:
                raise ValidationError({"unit": [_("Choose the banner or a township.")]})
            meeting = services.meeting_record(
                actor=user, unit=unit, date=_date(values.get("date")),
                topics=values.get("topics"),
                participants=[p for p in people if p.pk in chosen],
                other_participants=values.get("other_participants", ""),
                decisions=(values.get("decisions") or "").splitlines())
        except (ValidationError, DomainError) as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("The joint meeting was recorded."))
            return redirect(f"{_reverse('supervision:meetings')}#meeting-{meeting.pk}")
    return render(request, "supervision/meeting_form.html", {
        "units": units, "people": people, "errors": errors, "values": values,
        "chosen": values.getlist("participants") if values else [],
        "today": timezone.localdate().isoformat(),
    }, status=400 if errors else 200)



