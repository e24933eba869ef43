import io

import pytest

from practice import demo as practice_demo
from volunteers import demo, selectors, services
from volunteers.models import (
    Order,
    OrderStatus,
    ServiceItem,
    Team,
    Volunteer,
    VolunteerApplication,
)


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(demo, "VOLUNTEERS_TOTAL", 2000)
    monkeypatch.setattr(demo, "ORDERS_TOTAL", 600)


def _seed():
    ctx = practice_demo.new_context(scale=1, stdout=io.StringIO())
    practice_demo.seed(ctx)
    demo.seed(ctx)
    return ctx


@pytest.mark.django_db
def test_the_demo_has_900_teams_orders_in_every_status_and_is_idempotent(small):
    ctx = _seed()
    counts = (Team.objects.count(), Volunteer.objects.count(), Order.objects.count())
    assert counts[0] == 900 and counts[2] == 600
    assert set(Order.objects.values_list("status", flat=True)) == set(OrderStatus.values)
    # Service items and teams in both scripts for the Mongolian interface.
    assert ServiceItem.objects.exclude(name_mn="").count() >= 15
    assert Team.objects.exclude(name_mn="").count() >= 100
    waiting = VolunteerApplication.objects.filter(status="pending").count()
    _seed()
    assert (Team.objects.count(), Volunteer.objects.count(), Order.objects.count()) == counts
    # A few applications wait, the same after a second run; station1 sees those of 沃德嘎查.
    assert VolunteerApplication.objects.filter(status="pending").count() == waiting == 3
    assert selectors.pending_applications(ctx.users["station1"]).count() == 2

    # volunteer1 and volunteer2 share a team that station1 and town1 can dispatch to.
    v1, v2 = ctx.users["volunteer1"], ctx.users["volunteer2"]
    team = Team.objects.get(memberships__volunteer__user=v1)
    assert team.memberships.filter(volunteer__user=v2).exists()
    order = Order.objects.filter(created_by=ctx.users["villager1"],
                                 status=OrderStatus.SUBMITTED).first()
    services.order_dispatch(order, actor=ctx.users["station1"], team=team)
    services.order_accept(order, actor=v2)
    other = Order.objects.filter(created_by=ctx.users["villager1"],
                                 status=OrderStatus.SUBMITTED).first()
    services.order_dispatch(other, actor=ctx.users["town1"], team=team)
