"""Each indicator against figures computed by hand on a small, fixed month (March 2025)."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from practice.indicators import Period, evaluate
from volunteers.models import EventKind, Order, OrderEvent, Review

TZ = ZoneInfo("Asia/Shanghai")
MARCH = Period.month(2025, 3)


def at(day, hour=0):
    return datetime(2025, 3, day, hour, tzinfo=TZ)


@pytest.fixture
def month(vnet):
    """v11: three orders, v12: one, v21 (other township): one; plus one from February."""

    def order(village, household, created, **kw):
        return Order.objects.create(
            created_by=vnet.villager, household=household, village=village,
            handler_unit=village, service_item=vnet.item_t1, description="x",
            created_at=created, submitted_at=created, **kw)

    # v11 #1: dispatched after 2 h, accepted 4 h later, completed 3.5 h, rated 5, reviewed 4.
    a = order(vnet.v11, vnet.h11, at(2, 8), status="rated", team=vnet.team, volunteer=vnet.vol,
              dispatched_at=at(2, 10), accepted_at=at(2, 14), completed_at=at(3),
              hours=Decimal("3.5"), rating=5, rated_at=at(4))
    # v11 #2: dispatched after 6 h, accepted 10 h later, completed 1 h, rated 3.
    order(vnet.v11, vnet.h11, at(5, 0), status="rated", team=vnet.team, volunteer=vnet.vol2,
          dispatched_at=at(5, 6), accepted_at=at(5, 16), completed_at=at(6), hours=1,
          rating=3, rated_at=at(7))
    # v11 #3: submitted, flagged overdue.
    c = order(vnet.v11, vnet.h11, at(10), status="submitted", overdue_at=at(11))
    OrderEvent.objects.create(order=c, kind=EventKind.OVERDUE, at=at(11))
    # v12: dispatched after 1 h, accepted 2 h later, completed 2 h by vol (same volunteer).
    order(vnet.v12, vnet.h12, at(12, 0), status="completed", team=vnet.team, volunteer=vnet.vol,
          dispatched_at=at(12, 1), accepted_at=at(12, 3), completed_at=at(13), hours=2)
    # v21: placed and cancelled.
    order(vnet.v21, vnet.h21, at(20), status="cancelled", cancelled_at=at(21))
    # February: placed before the month, completed inside it (counts for completion only).
    order(vnet.v11, vnet.h11, at(1) - timedelta(days=3), status="completed", team=vnet.team,
          volunteer=vnet.vol2, dispatched_at=at(1) - timedelta(days=2),
          accepted_at=at(1) - timedelta(days=1), completed_at=at(1, 5), hours=Decimal("0.5"))
    Review.objects.create(order=a, reviewer=vnet.reviewer, score=4, created_at=at(5))
    return evaluate(MARCH, [vnet.banner, vnet.t1, vnet.t2, vnet.v11, vnet.v12, vnet.v21])


def test_orders_placed_dispatched_completed(vnet, month):
    assert month[vnet.v11.pk]["orders.placed"] == 3
    assert month[vnet.t1.pk]["orders.placed"] == 4
    assert month[vnet.banner.pk]["orders.placed"] == 5
    assert month[vnet.t1.pk]["orders.dispatched"] == 3
    assert month[vnet.v11.pk]["orders.completed"] == 3  # includes February's order
    assert month[vnet.t2.pk]["orders.completed"] == 0


def test_completion_rate(vnet, month):
    assert month[vnet.v11.pk]["orders.completion_rate"] == pytest.approx(66.7)  # 2 of 3
    assert month[vnet.t1.pk]["orders.completion_rate"] == 75.0  # 3 of 4
    assert month[vnet.banner.pk]["orders.completion_rate"] == 60.0  # 3 of 5
    assert month[vnet.t2.pk]["orders.completion_rate"] == 0.0


def test_median_dispatch_and_accept_hours(vnet, month):
    assert month[vnet.v11.pk]["orders.median_dispatch_hours"] == 4.0  # 2 and 6
    assert month[vnet.t1.pk]["orders.median_dispatch_hours"] == 2.0  # 1, 2, 6
    assert month[vnet.t1.pk]["orders.median_accept_hours"] == 4.0  # 2, 4, 10 (+24 in Feb no)
    assert month[vnet.t2.pk]["orders.median_dispatch_hours"] is None


def test_average_rating_and_review(vnet, month):
    assert month[vnet.v11.pk]["orders.avg_rating"] == 4.0  # 5 and 3
    assert month[vnet.v12.pk]["orders.avg_rating"] is None
    assert month[vnet.t1.pk]["orders.avg_review"] == 4.0


def test_overdue_orders(vnet, month):
    assert month[vnet.t1.pk]["orders.overdue"] == 1
    assert month[vnet.v12.pk]["orders.overdue"] == 0


def test_active_volunteers_and_hours(vnet, month):
    # vol served in v11 and v12, vol2 in v11 (twice): two distinct people in t1.
    assert month[vnet.v11.pk]["volunteers.active"] == 2
    assert month[vnet.v12.pk]["volunteers.active"] == 1
    assert month[vnet.t1.pk]["volunteers.active"] == 2
    assert month[vnet.t1.pk]["volunteers.hours"] == 7.0  # 3.5 + 1 + 2 + 0.5
    assert month[vnet.v12.pk]["volunteers.hours"] == 2.0
