"""Fixtures of the dispatch tests: heads for the small network, a month's submissions."""

import datetime

import pytest
from django.utils import timezone

from dispatch import services
from practice.models import Unit
from practice.roles import Role
from tests.factories import make_user

MONTH = (2025, 5)  # a month long over: its deadline (2025-06-05) has passed


@pytest.fixture
def heads(net):
    """A head (一把手) for each township and for village v11."""
    net.t1_head = make_user("t1_head", Role.LEADER, net.t1, phone="13900000101")
    net.t2_head = make_user("t2_head", Role.LEADER, net.t2)
    net.v11_head = make_user("v11_head", Role.STATION_STAFF, net.v11)
    Unit.objects.filter(pk=net.t1.pk).update(head=net.t1_head)
    Unit.objects.filter(pk=net.t2.pk).update(head=net.t2_head)
    Unit.objects.filter(pk=net.v11.pk).update(head=net.v11_head)
    for unit in (net.t1, net.t2, net.v11):
        unit.refresh_from_db()
    return net


@pytest.fixture
def month(heads):
    """The submissions of MONTH for every township and village of the network."""
    services.submissions_create(*MONTH)
    return heads


def submission(unit, year_month=MONTH):
    return unit.submissions.get(year=year_month[0], month=year_month[1])


def due_soon(sub, days=1):
    """Move ``sub``'s deadline to ``days`` from today (a month whose deadline lies ahead)."""
    deadline = timezone.localdate() + datetime.timedelta(days=days)
    type(sub).objects.filter(pk=sub.pk).update(deadline=deadline)
    sub.refresh_from_db()
    return sub


def filled(sub, staff):
    return services.submission_update(sub, actor=staff, work_done="开展宣讲三场",
                                      next_plan="继续开展志愿服务活动日")
