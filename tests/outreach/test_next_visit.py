import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from outreach import services
from practice.models import Household
from practice.roles import Role
from tests.factories import make_user
from tests.outreach.conftest import past_stop, plan, stop_data

pytestmark = pytest.mark.django_db


def _visits(user):
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(reverse("outreach-next-visit"))
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def grouped(onet):
    """Households of v11 in groups 一组 and 二组, each with a villager."""
    onet.h11.group = "一组"
    onet.h11.save()
    h2 = Household.objects.create(village=onet.v11, number="T1V1-0002", head_name="巴特尔",
                                  group="二组")
    onet.villager_g2 = make_user("villager_g2", Role.VILLAGER, onet.v11, h2)
    return onet


def test_a_villager_sees_the_next_stop_in_their_village(grouped):
    plan(grouped, [stop_data(grouped, date=grouped.month.replace(day=15)),
                   stop_data(grouped, date=grouped.month.replace(day=5), place="小学门口",
                             place_kind="school")])
    visits = _visits(grouped.villager)
    assert [v["place"] for v in visits] == ["小学门口", "村委会广场"]
    first = visits[0]
    assert first["date"] == grouped.month.replace(day=5).isoformat()
    assert first["starts_at"].startswith("09:00") and first["ends_at"].startswith("11:00")
    assert first["services"][0]["name"] == "理发"
    assert first["place_kind"] == "school"


def test_a_group_stop_is_shown_to_that_group_only(grouped):
    plan(grouped, [stop_data(grouped, group="二组", place="二组场院"),
                   stop_data(grouped, date=grouped.month.replace(day=11), place="嘎查广场")])
    assert [v["place"] for v in _visits(grouped.villager)] == ["嘎查广场"]
    assert [v["place"] for v in _visits(grouped.villager_g2)] == ["二组场院", "嘎查广场"]


def test_past_and_cancelled_stops_are_not_shown(grouped):
    past_stop(grouped, days_ago=3)
    round_ = plan(grouped, [stop_data(grouped, place="取消的站点"),
                            stop_data(grouped, date=grouped.month.replace(day=20),
                                      place="照常的站点")])
    cancelled = round_.stops.get(place="取消的站点")
    services.stop_cancel(cancelled, actor=grouped.township_staff, reason="暴雪")
    assert [v["place"] for v in _visits(grouped.villager)] == ["照常的站点"]


def test_villagers_of_other_townships_do_not_see_the_stops(grouped):
    plan(grouped, [stop_data(grouped)])
    assert _visits(grouped.villager_other) == []
    assert _visits(grouped.villager_b) == []  # v12: another village of the same township


def test_the_page_shows_the_next_visit_in_chinese_and_mongolian(grouped):
    plan(grouped, [stop_data(grouped)])
    client = Client()
    client.force_login(grouped.villager)
    page = client.get(reverse("outreach:next-visit"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "村委会广场" in text and "流动驿站下次到访" in text and "理发" in text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "mn-mong"
    page = client.get(reverse("outreach:next-visit"))
    assert "ᠶᠠᠪᠤᠭᠤᠯ ᠥᠷᠲᠡᠭᠡ" in page.content.decode()


def test_the_page_says_when_nothing_is_planned(grouped):
    client = Client()
    client.force_login(grouped.villager)
    assert "暂未安排" in client.get(reverse("outreach:next-visit")).content.decode()


def test_the_home_page_tells_the_villager_the_next_visit(grouped):
    plan(grouped, [stop_data(grouped, place="嘎查广场")])
    client = Client()
    client.force_login(grouped.villager)
    text = client.get("/").content.decode()
    assert "流动驿站下次到访：" in text and "嘎查广场" in text
    client.force_login(grouped.villager_other)
    assert "流动驿站下次到访：" not in client.get("/").content.decode()


def test_the_home_and_next_visit_pages_cost_the_same_with_more_stops(grouped):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(grouped.villager)

    def costs():
        out = []
        for url in ("/", reverse("outreach:next-visit")):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            out.append(len(queries))
        return out

    round_ = plan(grouped, [stop_data(grouped)])
    few = costs()
    for day in (3, 5, 7, 9, 11):
        services.stop_add(round_, actor=grouped.township_staff,
                          **stop_data(grouped, date=grouped.month.replace(day=day),
                                      place=f"站点{day}"))
    assert costs() == few
