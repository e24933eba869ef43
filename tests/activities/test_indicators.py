"""Activity indicators against figures computed by hand on a fixed month (March 2025)."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from practice.indicators import Period, evaluate
from volunteers.models import Activity, Attendance, HoursSource

TZ = ZoneInfo("Asia/Shanghai")
MARCH = Period.month(2025, 3)
CODES = ["activities.held", "activities.participants", "activities.service_day_villages",
         "volunteers.hours", "volunteers.hours_verified", "volunteers.hours_staff_entered"]


def at(day, hour=9, month=3):
    return datetime(2025, month, day, hour, tzinfo=TZ)


@pytest.fixture
def month(vnet):
    def activity(unit, start, status="held", category="service_day", participants=0):
        return Activity.objects.create(unit=unit, title="活动", category=category,
                                       starts_at=start, ends_at=start + timedelta(hours=3),
                                       status=status, participants=participants)

    def attend(a, volunteer, hours, source):
        Attendance.objects.create(activity=a, volunteer=volunteer, hours=Decimal(hours),
                                  hours_source=source, checked_in_at=a.starts_at)

    V, S = HoursSource.VERIFIED, HoursSource.STAFF_ENTERED
    a = activity(vnet.v11, at(3), participants=40)
    attend(a, vnet.vol, "1.25", V)
    attend(a, vnet.vol2, "2.00", S)
    b = activity(vnet.v11, at(20), participants=10)            # a second service day in v11
    attend(b, vnet.lead, "0.50", V)
    activity(vnet.b111, at(5), participants=5)                 # a base of v11: still v11
    activity(vnet.v12, at(10), status="cancelled")             # cancelled: not held
    e = activity(vnet.v12, at(25), status="planned", category="culture")
    attend(e, vnet.vol, "1.00", V)                             # hours of a not-yet-held one count
    activity(vnet.t1, at(15), category="theory_lecture", participants=100)
    g = activity(vnet.v21, at(8), participants=20)
    attend(g, vnet.vol_other, "3.00", S)
    h = activity(vnet.v11, at(28, 23, month=2), participants=7)  # February: outside
    attend(h, vnet.vol, "2.00", V)
    return vnet


def test_activity_indicators_match_the_hand_computed_figures(month):
    n = month
    units = [n.v11, n.v12, n.v21, n.t1, n.t2, n.banner]
    got = evaluate(MARCH, units, CODES)
    expected = {
        # held: v11 = a, b, base's; t1 adds its lecture; t2 = g.
        "activities.held": {n.v11: 3, n.v12: 0, n.v21: 1, n.t1: 4, n.t2: 1, n.banner: 5},
        "activities.participants": {n.v11: 55, n.v12: 0, n.v21: 20, n.t1: 155, n.t2: 20,
                                    n.banner: 175},
        # distinct villages: v11 held three service days but counts once; v12's was cancelled.
        "activities.service_day_villages": {n.v11: 1, n.v12: 0, n.v21: 1, n.t1: 1, n.t2: 1,
                                            n.banner: 2},
        "volunteers.hours_verified": {n.v11: 1.75, n.v12: 1.0, n.v21: 0, n.t1: 2.75, n.t2: 0,
                                      n.banner: 2.75},
        "volunteers.hours_staff_entered": {n.v11: 2.0, n.v12: 0, n.v21: 3.0, n.t1: 2.0,
                                           n.t2: 3.0, n.banner: 5.0},
        "volunteers.hours": {n.v11: 3.75, n.v12: 1.0, n.v21: 3.0, n.t1: 4.75, n.t2: 3.0,
                             n.banner: 7.75},
    }
    for code, by_unit in expected.items():
        assert {u.code: got[u.pk][code] for u in units} == {
            u.code: v for u, v in by_unit.items()}, code


def test_volunteer_hours_add_order_hours_to_activity_hours(month):
    from volunteers.models import Order

    n = month
    Order.objects.create(created_by=n.villager, household=n.h11, village=n.v11,
                         handler_unit=n.v11, service_item=n.item_t1, description="x",
                         created_at=at(2), submitted_at=at(2), status="completed",
                         team=n.team, volunteer=n.vol, dispatched_at=at(2), accepted_at=at(2),
                         completed_at=at(4), hours=Decimal("1.5"))
    got = evaluate(MARCH, [n.v11, n.banner], ["volunteers.hours"])
    assert got[n.v11.pk]["volunteers.hours"] == 5.25
    assert got[n.banner.pk]["volunteers.hours"] == 9.25
