"""Reads of supervision: scoped task lists, overdue tasks, visits per leader per quarter."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from practice.models import User
from practice.roles import Role

from .models import FieldVisit, JointMeeting, SupervisedTask, TaskState


def visits_expected_per_quarter() -> int:
    return int(getattr(settings, "SUPERVISION_VISITS_PER_QUARTER", 2))


def overdue_q(today=None) -> Q:
    today = today or timezone.localdate()
    return Q(deadline__lt=today) & ~Q(state=TaskState.CLOSED)


def tasks_for(user, *, mine=False, state=None, unit=None, overdue=None):
    """Tasks the user may see; ``mine``: those of the user's own unit or headed by the user."""
    qs = SupervisedTask.objects.for_user(user).select_related("unit", "head")
    if mine:
        qs = qs.filter(Q(unit_id=user.unit_id) | Q(head=user))
    if state:
        qs = qs.filter(state=state)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if overdue is True:
        qs = qs.filter(overdue_q())
    elif overdue is False:
        qs = qs.exclude(overdue_q())
    return qs.order_by("deadline", "pk")


def visits_for(user, unit=None):
    qs = FieldVisit.objects.for_user(user).select_related("leader", "leader__unit")
    if unit is not None:
        qs = qs.filter(Q(villages__path__startswith=unit.path)
                       | Q(leader__unit__path__startswith=unit.path)).distinct()
    return qs.prefetch_related("villages").order_by("-started_on", "-pk")


def meetings_for(user, unit=None):
    qs = JointMeeting.objects.for_user(user).select_related("unit")
    if unit is not None:
        qs = qs.filter(Q(unit__path__startswith=unit.path) | Q(unit__in=unit.line_ids()))
    return qs.prefetch_related("decisions", "participants").order_by("-date", "-pk")


def leader_visits_by_quarter(user, year: int) -> list[dict]:
    """Each leader of the user's area: visits begun in each quarter of ``year`` against the
    expected number (``SUPERVISION_VISITS_PER_QUARTER``)."""
    expected = visits_expected_per_quarter()
    leaders = list(User.objects.for_user(user).filter(role=Role.LEADER, is_active=True)
                   .select_related("unit").order_by("unit__path", "pk"))
    counts = defaultdict(lambda: [0, 0, 0, 0])
    for leader_id, started in FieldVisit.objects.filter(
            leader__in=leaders, started_on__year=year).values_list("leader_id", "started_on"):
        counts[leader_id][(started.month - 1) // 3] += 1
    today = timezone.localdate()
    rows = []
    for leader in leaders:
        quarters = []
        for q, n in enumerate(counts[leader.pk]):
            begun = datetime.date(year, 3 * q + 1, 1) <= today
            quarters.append({"n": n, "short": begun and n < expected})
        rows.append({"leader": leader, "quarters": quarters, "expected": expected,
                     "total": sum(counts[leader.pk])})
    return rows


def open_and_overdue_by_unit(user, today=None) -> dict[int, dict[str, int]]:
    """``{unit_id: {"open": n, "overdue": n}}`` of the tasks not closed that the user sees, by
    responsible unit (for the leaders' 月调度 view): one query."""
    today = today or timezone.localdate()
    out: dict[int, dict[str, int]] = {}
    rows = (SupervisedTask.objects.for_user(user).exclude(state=TaskState.CLOSED)
            .values_list("unit_id", "deadline"))
    for unit_id, deadline in rows:
        counts = out.setdefault(unit_id, {"open": 0, "overdue": 0})
        counts["open"] += 1
        counts["overdue"] += deadline < today
    return out


def tasks_of_origins(user, origins) -> dict[tuple[int, int], list]:
    """The tasks the user sees raised from each of ``origins`` (a dispatch meeting's decisions,
    a visit, …), keyed by ``(content type id, object id)``: one query per model."""
    from django.contrib.contenttypes.models import ContentType

    by_type: dict[int, list[int]] = defaultdict(list)
    for obj in origins:
        by_type[ContentType.objects.get_for_model(obj).pk].append(obj.pk)
    out: dict[tuple[int, int], list] = defaultdict(list)
    for ct_id, ids in by_type.items():
        for task in (SupervisedTask.objects.for_user(user).filter(origin_type_id=ct_id,
                                                                  origin_id__in=ids)
                     .select_related("unit").order_by("deadline", "pk")):
            out[(ct_id, task.origin_id)].append(task)
    return dict(out)
