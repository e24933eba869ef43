"""The demo year of activities: service days in most villages, attendance with hours in the
time bank consistently (balance = sum of entries), idempotent."""

import io
from collections import Counter

import pytest
from django.db.models import Sum
from django.utils import timezone

from practice import demo as practice_demo
from practice.models import Level, Unit
from volunteers import activity_services, demo, services
from volunteers.models import (
    Activity,
    ActivityStatus,
    Attendance,
    EntryKind,
    HoursSource,
    TimeBankAccount,
    TimeBankEntry,
)


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(demo, "VOLUNTEERS_TOTAL", 2000)
    monkeypatch.setattr(demo, "ORDERS_TOTAL", 300)


def _seed():
    ctx = practice_demo.new_context(scale=1, stdout=io.StringIO())
    practice_demo.seed(ctx)
    demo.seed(ctx)
    return ctx


@pytest.mark.django_db
def test_the_demo_year_of_activities(small):
    ctx = _seed()
    total = Activity.objects.count()
    # Last year is a whole year, as full as this one: the dashboard compares the two.
    today = timezone.localdate()
    this_year = Activity.objects.filter(starts_at__year=today.year).count()
    last_year = Activity.objects.filter(starts_at__year=today.year - 1).count()
    assert last_year > 0 and last_year >= 0.8 * this_year
    categories = Counter(Activity.objects.values_list("category", flat=True))
    assert len(categories) == 11
    villages = Unit.objects.filter(level=Level.VILLAGE).count()
    held_days = (Activity.objects.filter(category="service_day", status=ActivityStatus.HELD)
                 .values("unit").distinct().count())
    assert held_days >= 0.9 * villages
    assert Activity.objects.filter(status=ActivityStatus.PLANNED).exists()

    # Attendance: verified and staff-entered, each deposited once.
    kinds = Counter(Attendance.objects.values_list("hours_source", flat=True))
    assert kinds[HoursSource.VERIFIED] > kinds[HoursSource.STAFF_ENTERED] > 0
    paid = Attendance.objects.filter(hours__gt=0).count()
    assert TimeBankEntry.objects.filter(source_type="attendance").count() == paid
    assert (TimeBankEntry.objects.filter(kind=EntryKind.STAFF_ENTERED, source_type="attendance")
            .count() == Attendance.objects.filter(hours_source=HoursSource.STAFF_ENTERED,
                                                  hours__gt=0).count())
    for account in TimeBankAccount.objects.annotate(total=Sum("entries__hours"))[:2000]:
        assert account.balance == (account.total or 0)

    # Running it again changes nothing.
    _seed()
    assert Activity.objects.count() == total

    # volunteer1 can check in now at the demo activity in station1's village.
    live = Activity.objects.get(title__contains="扫码签到演示")
    token = activity_services.checkin_token(live)
    activity_services.attendance_check_in(live, actor=ctx.users["volunteer1"], token=token)
    activity_services.attendance_check_out(live, actor=ctx.users["volunteer1"], token=token)
    assert services.balance_of(ctx.users["volunteer1"].volunteer) >= 0
