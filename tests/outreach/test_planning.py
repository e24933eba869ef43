import datetime

import pytest
from django.utils import timezone

from outreach import services
from outreach.models import Stop
from practice.exceptions import Conflict, Forbidden, InvalidInput
from tests.outreach.conftest import plan, stop_data

pytestmark = pytest.mark.django_db


def test_township_staff_plan_a_month_of_stops(onet):
    round_ = plan(onet, [stop_data(onet), stop_data(onet, date=onet.month.replace(day=12),
                                                    group="三组", village=onet.v12.pk)])
    stops = list(round_.stops.order_by("date"))
    assert [s.village for s in stops] == [onet.v11, onet.v12]
    assert stops[1].group == "三组"
    assert list(stops[0].services.all()) == [onet.haircut]
    assert all(s.status == "planned" and s.post == onet.m1 for s in stops)


def test_the_post_own_station_staff_and_the_banner_plan_too(onet):
    plan(onet, [stop_data(onet)], actor=onet.post_staff)
    later = onet.month.replace(year=onet.month.year + (onet.month.month == 12),
                               month=onet.month.month % 12 + 1)
    plan(onet, [], actor=onet.banner_admin, month=later)


@pytest.mark.parametrize("who", ["township_staff_other", "station_staff", "leader", "villager"])
def test_others_may_not_plan(onet, who):
    with pytest.raises(Forbidden):
        plan(onet, [stop_data(onet)], actor=getattr(onet, who))


def test_a_stop_outside_the_township_is_refused_in_chinese(onet):
    with pytest.raises(InvalidInput) as e:
        plan(onet, [stop_data(onet), stop_data(onet, village=onet.v21.pk)])
    assert e.value.field == "village"
    assert "第2站" in str(e.value.message)
    assert "流动驿站所在苏木镇" in str(e.value.message)
    assert not Stop.objects.exists()


def test_a_stop_ending_before_it_starts_is_refused(onet):
    with pytest.raises(InvalidInput) as e:
        plan(onet, [stop_data(onet, starts_at="14:00", ends_at="10:00")])
    assert e.value.field == "ends_at"
    assert "结束" in str(e.value.message)


@pytest.mark.parametrize("bad", [
    {"date": "2020-01-01"}, {"date": "不是日期"}, {"starts_at": "25:99"},
    {"village": 999999}, {"village": "x"}, {"place": ""}, {"place_kind": "moon"},
    {"services": [999999]},
])
def test_bad_stops_are_refused(onet, bad):
    with pytest.raises(InvalidInput):
        plan(onet, [stop_data(onet, **bad)])


def test_services_come_from_the_posts_menu(onet):
    with pytest.raises(InvalidInput) as e:
        plan(onet, [stop_data(onet, services=[onet.other_item.pk])])
    assert e.value.field == "services"


def test_one_round_a_month(onet):
    plan(onet)
    with pytest.raises(Conflict):
        plan(onet)


def test_a_past_month_is_refused(onet):
    last_year = timezone.localdate().year - 1
    with pytest.raises(InvalidInput):
        services.round_plan(actor=onet.township_staff, post=onet.m1, year=last_year, month=1)


def test_only_a_mobile_post_has_rounds(onet):
    with pytest.raises(InvalidInput):
        services.round_plan(actor=onet.township_staff, post=onet.post1,
                            year=onet.month.year, month=onet.month.month)


def test_last_months_stops_are_copied(onet):
    first = plan(onet, [stop_data(onet), stop_data(onet, date=onet.month.replace(day=20))])
    following = (onet.month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    second = plan(onet, month=following)
    assert services.round_copy_previous(second, actor=onet.township_staff) == 2
    assert services.round_copy_previous(second, actor=onet.township_staff) == 0
    days = sorted(s.date.day for s in second.stops.all())
    assert days == [10, 20]
    assert first.stops.count() == 2


def test_a_planned_stop_is_taken_off_but_not_a_cancelled_one(onet):
    round_ = plan(onet, [stop_data(onet), stop_data(onet, date=onet.month.replace(day=11))])
    a, b = round_.stops.order_by("date")
    services.stop_remove(a, actor=onet.township_staff)
    services.stop_cancel(b, actor=onet.township_staff, reason="下雪")
    with pytest.raises(Conflict):
        services.stop_remove(b, actor=onet.township_staff)
    assert list(round_.stops.all()) == [b]
