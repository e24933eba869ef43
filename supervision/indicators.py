"""Supervision's indicators: tasks closed on time, overdue, escalated; field-visit days.

Each counts at the unit where the fact happened (a task at its responsible unit, a visit's days
at each village visited) and is rolled up the tree by the registry.
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from practice.indicators import SUM, register

from .models import FieldVisit, SupervisedTask, TaskState


def _per_unit(qs):
    return dict(qs.values("unit_id").annotate(n=Count("id")).values_list("unit_id", "n")
                .order_by())


@register("supervision.tasks_closed_on_time", label=_("Supervised tasks closed on time"),
          unit=pgettext_lazy("unit of measure", "tasks"), agg=SUM, order=700)
def tasks_closed_on_time(period):
    """Tasks accepted as closed in the period, on or before their deadline."""
    return _per_unit(SupervisedTask.objects.filter(
        state=TaskState.CLOSED, closed_on__gte=period.first_day,
        closed_on__lt=period.last_day_exclusive, closed_on__lte=F("deadline")))


@register("supervision.tasks_overdue", label=_("Supervised tasks overdue"),
          unit=pgettext_lazy("unit of measure", "tasks"), agg=SUM, order=710,
          higher_is_better=False,
          description=_("Tasks whose deadline fell in the period and has passed, not closed "
                        "by it (still open, or closed late)."))
def tasks_overdue(period):
    today = timezone.localdate()
    return _per_unit(SupervisedTask.objects.filter(
        deadline__gte=period.first_day,
        deadline__lt=min(period.last_day_exclusive, today)).filter(
        ~Q(state=TaskState.CLOSED) | Q(closed_on__gt=F("deadline"))))


@register("supervision.tasks_escalated", label=_("Supervised tasks escalated"),
          unit=pgettext_lazy("unit of measure", "tasks"), agg=SUM, order=720,
          higher_is_better=False)
def tasks_escalated(period):
    return _per_unit(SupervisedTask.objects.filter(escalated_at__gte=period.start,
                                                   escalated_at__lt=period.end))


@register("supervision.field_visits", label=_("Field-visit days"),
          unit=pgettext_lazy("unit of measure", "days"), agg=SUM, order=730)
def field_visits(period):
    """Days of leaders' field stays within the period, counted at each village visited."""
    rows = FieldVisit.villages.through.objects.filter(
        fieldvisit__started_on__lt=period.last_day_exclusive,
        fieldvisit__ended_on__gte=period.first_day,
    ).values_list("unit_id", "fieldvisit__started_on", "fieldvisit__ended_on")
    out = defaultdict(int)
    last = period.last_day_exclusive - timedelta(days=1)
    for unit_id, start, end in rows:
        out[unit_id] += (min(end, last) - max(start, period.first_day)).days + 1
    return dict(out)
