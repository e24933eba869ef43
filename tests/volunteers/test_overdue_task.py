from datetime import timedelta

import pytest
from django.utils import timezone

from volunteers import services, tasks
from volunteers.models import EventKind, Order

pytestmark = pytest.mark.django_db


def _age(order, **field_hours):
    Order.objects.filter(pk=order.pk).update(
        **{f: timezone.now() - timedelta(hours=h) for f, h in field_hours.items()})


def test_the_task_flags_late_orders_escalates_undispatched_ones_and_is_idempotent(vnet, place):
    late, fresh, unaccepted = place(), place(), place()
    services.order_dispatch(unaccepted, actor=vnet.station_staff, team=vnet.team)
    _age(late, submitted_at=25)
    _age(unaccepted, dispatched_at=49)
    first = tasks.flag_overdue_orders.delay().get()
    assert first == {"flagged": 2, "escalated": 1}
    snapshot = list(Order.objects.order_by("pk").values())
    events = Order.objects.get(pk=late.pk).events.count()

    second = tasks.flag_overdue_orders.delay().get()
    assert second == {"flagged": 0, "escalated": 0}
    assert list(Order.objects.order_by("pk").values()) == snapshot
    assert Order.objects.get(pk=late.pk).events.count() == events

    late.refresh_from_db()
    assert late.is_overdue and late.handler_unit == vnet.t1
    assert late.events.filter(kind=EventKind.OVERDUE).count() == 1
    assert late.events.filter(kind=EventKind.ESCALATED).count() == 1
    fresh.refresh_from_db()
    assert not fresh.is_overdue and fresh.handler_unit == vnet.v11
    unaccepted.refresh_from_db()
    assert unaccepted.is_overdue and unaccepted.status == "dispatched"
    assert set(Order.objects.overdue()) == {late, unaccepted}


def test_the_limits_are_configurable(vnet, place, settings):
    settings.VOLUNTEERS_DISPATCH_WITHIN_HOURS = 2
    order = place()
    _age(order, submitted_at=3)
    assert services.orders_flag_overdue()["flagged"] == 1


def test_dispatching_clears_the_flag(vnet, place):
    order = place()
    _age(order, submitted_at=30)
    services.orders_flag_overdue()
    order.refresh_from_db()
    services.order_dispatch(order, actor=vnet.township_staff, team=vnet.team)
    order.refresh_from_db()
    assert order.overdue_at is None and not order.is_overdue


def test_the_beat_schedule_runs_the_task():
    from django.conf import settings

    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "volunteers.tasks.flag_overdue_orders" in entries
