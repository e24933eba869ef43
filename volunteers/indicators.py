"""Figures of the order flow for the monthly dispatch report and the annual assessment.

Each is one aggregate query keyed by the unit where the fact happened (the order's village, the
activity's unit); the framework rolls them up to townships and the banner. Activity hours count
by the activity's start; ``volunteers.hours`` is orders plus activities, and the two kinds of
activity hours (verified by QR, entered by staff) are reported apart.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, FloatField, Func, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from practice.indicators import DISTINCT, MEAN, MEDIAN, RATIO, SUM, register
from practice.models import Level

from .models import (
    Activity,
    ActivityCategory,
    ActivityStatus,
    Attendance,
    EventKind,
    HoursSource,
    Order,
    OrderEvent,
    OrderStatus,
    Review,
)

DONE = (OrderStatus.COMPLETED, OrderStatus.RATED)


def _in(field, period):
    return {f"{field}__gte": period.start, f"{field}__lt": period.end}


def _count_by_village(qs):
    return dict(
        qs.values("village_id").annotate(n=Count("id")).values_list("village_id", "n").order_by()
    )


class HoursBetween(Func):
    """Hours from one timestamp to another, computed by the database (a float): the medians
    read one number per order instead of two time-zone-aware datetimes."""

    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection,
                           template="date_part('epoch', %(expressions)s) / 3600.0",
                           arg_joiner=" - ", **extra)

    def as_sql(self, compiler, connection, **extra):
        extra.setdefault("template", "(julianday(%(expressions)s)) * 24.0")
        extra.setdefault("arg_joiner", ") - julianday(")
        return super().as_sql(compiler, connection, **extra)


def _hours_between(qs, start_field, end_field):
    leaves = defaultdict(list)
    rows = (qs.filter(**{f"{start_field}__isnull": False, f"{end_field}__isnull": False})
            .annotate(h=HoursBetween(end_field, start_field))
            .values_list("village_id", "h").order_by())
    for village_id, hours in rows:
        leaves[village_id].append(hours)
    return dict(leaves)


@register("orders.placed", label=_("Orders placed"), unit=_("orders"), agg=SUM, order=10)
def orders_placed(period):
    return _count_by_village(Order.objects.filter(**_in("created_at", period)))


@register("orders.dispatched", label=_("Orders dispatched"), unit=_("orders"), agg=SUM, order=11)
def orders_dispatched(period):
    return _count_by_village(Order.objects.filter(**_in("dispatched_at", period)))


@register("orders.completed", label=_("Orders completed"), unit=_("orders"), agg=SUM, order=12)
def orders_completed(period):
    return _count_by_village(Order.objects.filter(**_in("completed_at", period)))


@register(
    "orders.completion_rate",
    label=_("Completion rate of orders placed"),
    unit="%",
    agg=RATIO,
    order=13,
    description=_("Orders placed in the period that are completed, of all placed."),
)
def orders_completion_rate(period):
    rows = (
        Order.objects.filter(**_in("created_at", period))
        .values("village_id")
        .annotate(done=Count("id", filter=Q(status__in=DONE)), total=Count("id"))
        .values_list("village_id", "done", "total")
        .order_by()
    )
    return {village: (done, total) for village, done, total in rows}


@register(
    "orders.median_dispatch_hours",
    label=_("Median hours to dispatch"),
    unit=_("hours"),
    agg=MEDIAN,
    order=14,
    higher_is_better=False,
)
def orders_median_dispatch_hours(period):
    return _hours_between(
        Order.objects.filter(**_in("dispatched_at", period)), "created_at", "dispatched_at"
    )


@register(
    "orders.median_accept_hours",
    label=_("Median hours to acceptance"),
    unit=_("hours"),
    agg=MEDIAN,
    order=15,
    higher_is_better=False,
)
def orders_median_accept_hours(period):
    return _hours_between(
        Order.objects.filter(**_in("accepted_at", period)), "dispatched_at", "accepted_at"
    )


@register(
    "orders.avg_rating",
    label=_("Average rating by households"),
    unit=pgettext_lazy("rating", "points"),
    agg=MEAN,
    order=16,
)
def orders_avg_rating(period):
    rows = (
        Order.objects.filter(rating__isnull=False, **_in("rated_at", period))
        .values("village_id")
        .annotate(total=Sum("rating"), n=Count("id"))
        .values_list("village_id", "total", "n")
        .order_by()
    )
    return {village: (total, n) for village, total, n in rows}


@register(
    "orders.avg_review",
    label=_("Average third-party review"),
    unit=pgettext_lazy("rating", "points"),
    agg=MEAN,
    order=17,
)
def orders_avg_review(period):
    rows = (
        Review.objects.filter(**_in("created_at", period))
        .values("order__village_id")
        .annotate(total=Sum("score"), n=Count("id"))
        .values_list("order__village_id", "total", "n")
        .order_by()
    )
    return {village: (total, n) for village, total, n in rows}


@register(
    "orders.overdue",
    label=_("Orders flagged overdue"),
    unit=_("orders"),
    agg=SUM,
    order=18,
    higher_is_better=False,
)
def orders_overdue(period):
    rows = (
        OrderEvent.objects.filter(kind=EventKind.OVERDUE, **_in("at", period))
        .values("order__village_id")
        .annotate(n=Count("order_id", distinct=True))
        .values_list("order__village_id", "n")
        .order_by()
    )
    return dict(rows)


@register(
    "volunteers.active", label=_("Volunteers who served"), unit=_("people"), agg=DISTINCT, order=20
)
def volunteers_active(period):
    leaves = defaultdict(set)
    rows = (
        Order.objects.filter(volunteer__isnull=False, **_in("completed_at", period))
        .values_list("village_id", "volunteer_id")
        .order_by()  # the default ordering would join the DISTINCT and sort every row
        .distinct()
    )
    for village, volunteer in rows:
        leaves[village].add(volunteer)
    return dict(leaves)


@register(
    "volunteers.hours",
    label=_("Volunteer service hours"),
    unit=_("hours"),
    agg=SUM,
    order=21,
    description=_(
        "Hours of completed orders plus hours earned at practice "
        "activities (verified and staff-entered)."
    ),
)
def volunteers_hours(period):
    """One query: the union of order hours by village and activity hours by unit."""
    orders = (
        Order.objects.filter(hours__isnull=False, **_in("completed_at", period))
        .values("village_id")
        .annotate(h=Sum("hours"))
        .values_list("village_id", "h")
        .order_by()
    )
    leaves = defaultdict(Decimal)
    for unit_id, hours in orders.union(_attendance_hours(period), all=True):
        leaves[unit_id] += hours
    return dict(leaves)


def _attendance_hours(period, source=None):
    qs = Attendance.objects.filter(hours__gt=0, **_in("activity__starts_at", period)).exclude(
        activity__status=ActivityStatus.CANCELLED
    )
    if source is not None:
        qs = qs.filter(hours_source=source)
    return (
        qs.values("activity__unit_id")
        .annotate(h=Sum("hours"))
        .values_list("activity__unit_id", "h")
        .order_by()
    )


@register(
    "volunteers.hours_verified",
    label=_("Verified activity hours"),
    unit=_("hours"),
    agg=SUM,
    order=22,
    description=_("Hours at practice activities from QR check-in and check-out."),
)
def volunteers_hours_verified(period):
    return dict(_attendance_hours(period, HoursSource.VERIFIED))


@register(
    "volunteers.hours_staff_entered",
    label=_("Staff-entered activity hours"),
    unit=_("hours"),
    agg=SUM,
    order=23,
    description=_("Hours at practice activities recorded or added by staff."),
)
def volunteers_hours_staff_entered(period):
    return dict(_attendance_hours(period, HoursSource.STAFF_ENTERED))


# --- practice activities ---------------------------------------------------------------------
def _held(period):
    return Activity.objects.filter(status=ActivityStatus.HELD, **_in("starts_at", period))


@register(
    "activities.held", label=_("Practice activities held"), unit=_("activities"), agg=SUM, order=30
)
def activities_held(period):
    return dict(
        _held(period)
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
        .order_by()
    )


@register(
    "activities.participants",
    label=_("Participants in practice activities"),
    unit=_("people"),
    agg=SUM,
    order=31,
)
def activities_participants(period):
    return dict(
        _held(period)
        .values("unit_id")
        .annotate(n=Sum("participants"))
        .values_list("unit_id", "n")
        .order_by()
    )


@register(
    "activities.service_day_villages",
    label=_("Villages that held a service day"),
    unit=_("villages"),
    agg=DISTINCT,
    order=32,
    description=_("Villages that held at least one volunteer service day in the period."),
)
def activities_service_day_villages(period):
    leaves = defaultdict(set)
    rows = (
        _held(period)
        .filter(category=ActivityCategory.SERVICE_DAY)
        .values_list("unit_id", "unit__level", "unit__parent_id")
        .distinct()
    )
    for unit_id, level, parent_id in rows:
        village = unit_id if level == Level.VILLAGE else parent_id
        leaves[unit_id].add(village)
    return dict(leaves)
