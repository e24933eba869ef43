"""The units, service items and teams beside a page come from the process's reference tables
(practice/reference.py): no query of their own in a request, yet a change shows on the very
next request, and only committed rows are ever served.

These tests commit (transaction=True): inside the test's own transaction the tables are not
used at all, which is what the other tests of the suite see.
"""

import pytest
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from practice import generations, reference
from practice.models import Unit
from practice.related import load_foreign
from volunteers import selectors
from volunteers.models import Order, ServiceItem, Team, TeamKind

pytestmark = pytest.mark.django_db(transaction=True)

REFERENCE_TABLES = ('"practice_unit"', '"volunteers_serviceitem"', '"volunteers_team"')


def reads_reference_table(queries) -> bool:
    return any(f"FROM {table}" in q["sql"] for q in queries for table in REFERENCE_TABLES)


@pytest.fixture
def in_request():
    """Code run as part of a request (as a view runs), ending it afterwards."""
    request_started.send(sender=None)
    yield
    request_finished.send(sender=None)


def names(response):
    return {row["id"]: (row["village"]["name"], row["service_item"]["name"],
                        (row["team"] or {}).get("name"))
            for row in response.json()["results"]}


def test_a_page_names_its_units_items_and_teams_without_querying_them(api, vnet, orders):
    client = api(vnet.banner_admin)
    first = client.get("/api/orders/")  # loads the tables into this process
    with CaptureQueriesContext(connection) as ctx:
        again = client.get("/api/orders/")
    assert again.status_code == 200
    assert not reads_reference_table(ctx.captured_queries)
    waiting, accepted = orders
    assert names(again) == names(first) == {
        waiting.pk: ("沃德嘎查", "老人理发", None),
        accepted.pk: ("沃德嘎查", "农牧技术指导", "沃德嘎查巾帼志愿服务队"),
    }
    # The same page inside a transaction reads them from the database, with the same answer.
    with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
        inside = client.get("/api/orders/")
    assert reads_reference_table(ctx.captured_queries)
    assert inside.json() == again.json()


def test_an_order_detail_names_them_too(api, vnet, orders):
    client = api(vnet.banner_admin)
    accepted = orders[1]
    client.get(f"/api/orders/{accepted.pk}/")
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(f"/api/orders/{accepted.pk}/").json()
    assert not reads_reference_table(ctx.captured_queries)
    shown = (body["village"]["name"], body["handler_unit"]["name"], body["team"]["name"],
             body["volunteer"]["name"])
    assert shown == ("沃德嘎查", "沃德嘎查", "沃德嘎查巾帼志愿服务队", "志愿者甲")
    # the events keep their actors' names (only those columns of the users are read)
    assert [(e["kind"], e["actor"]) for e in body["events"]][:1] == [("placed", "villager")]


def test_an_action_answers_with_them_once_its_change_is_committed(api, vnet, place):
    order = place()
    response = api(vnet.station_staff).post(f"/api/orders/{order.pk}/dispatch/",
                                            {"team": vnet.team.pk}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    shown = (body["status"], body["village"]["name"], body["service_item"]["name"],
             body["team"]["name"])
    assert shown == ("dispatched", "沃德嘎查", "老人理发", "沃德嘎查巾帼志愿服务队")
    # The answer reads the order alone (its volunteer: none yet).
    request_started.send(sender=None)
    try:
        selectors.order_for_answer(order.pk)
        with CaptureQueriesContext(connection) as ctx:
            again = selectors.order_for_answer(order.pk)
    finally:
        request_finished.send(sender=None)
    assert len(ctx.captured_queries) == 1
    assert (again.village.name, again.handler_unit.name, again.team.name) == (
        "沃德嘎查", "沃德嘎查", "沃德嘎查巾帼志愿服务队")


def test_a_saved_change_shows_on_the_next_request(api, vnet, orders):
    client = api(vnet.banner_admin)
    client.get("/api/orders/")
    vnet.v11.name = "沃德嘎查（新）"
    vnet.v11.save()
    item = ServiceItem.objects.get(pk=vnet.item_v11.pk)
    item.name = "理发"
    item.save()
    team = Team.objects.get(pk=vnet.team.pk)
    team.name = "巾帼队"
    team.save()
    waiting, accepted = orders
    assert names(client.get("/api/orders/")) == {
        waiting.pk: ("沃德嘎查（新）", "理发", None),
        accepted.pk: ("沃德嘎查（新）", "农牧技术指导", "巾帼队"),
    }


def test_a_change_from_another_process_shows_once_the_generation_moves(api, vnet, orders):
    client = api(vnet.banner_admin)
    client.get("/api/orders/")
    # update() sends no signal: this process keeps what it read ...
    Unit.objects.filter(pk=vnet.v11.pk).update(name="改名嘎查")
    assert {v[0] for v in names(client.get("/api/orders/")).values()} == {"沃德嘎查"}
    # ... until the shared generation moves, as a save in any other process moves it.
    generations.bump(reference.KEY)
    assert {v[0] for v in names(client.get("/api/orders/")).values()} == {"改名嘎查"}


def test_a_change_without_a_signal_shows_once_the_table_is_old(api, vnet, orders, monkeypatch):
    client = api(vnet.banner_admin)
    client.get("/api/orders/")
    Unit.objects.filter(pk=vnet.v11.pk).update(name="改名嘎查")
    monkeypatch.setattr(reference, "MAX_AGE", 0.0)
    assert {v[0] for v in names(client.get("/api/orders/")).values()} == {"改名嘎查"}


def test_callers_get_their_own_instances(vnet, in_request):
    first = reference.rows(Unit, [vnet.v11.pk])[vnet.v11.pk]
    first.name = "changed by a caller"
    second = reference.rows(Unit, [vnet.v11.pk])[vnet.v11.pk]
    assert second is not first
    assert second.name == "沃德嘎查"
    assert second.parent_id == vnet.t1.pk and second._state.adding is False


def test_rows_newer_than_the_table_come_from_the_database(vnet, in_request):
    reference.rows(Team, [vnet.team.pk])  # the table as it is now
    # bulk_create sends no signal: the table does not know the new team.
    (new_team,) = Team.objects.bulk_create(
        [Team(name="新队", kind=TeamKind.OTHER, unit=vnet.v11)])
    objects = [Order(team_id=vnet.team.pk), Order(team_id=new_team.pk), Order(team_id=None)]
    with CaptureQueriesContext(connection) as ctx:
        load_foreign(objects, ["team"])
    assert [o.team and o.team.name for o in objects] == ["沃德嘎查巾帼志愿服务队", "新队", None]
    assert len(ctx.captured_queries) == 1  # the new team alone
    assert f"IN ({new_team.pk})" in ctx.captured_queries[0]["sql"]


def test_not_used_outside_a_request_nor_inside_a_transaction(vnet):
    assert not reference.available(Unit)  # a task, a command, the shell
    request_started.send(sender=None)
    try:
        assert reference.available(Unit)
        assert not reference.available(Order)  # not a reference table
        with transaction.atomic():
            # uncommitted rows are never kept for other requests
            assert not reference.available(Unit)
    finally:
        request_finished.send(sender=None)
    assert not reference.available(Unit)


@pytest.mark.parametrize("path, shown", [
    ("/api/households/", {("T1V1-0001", "沃德嘎查"), ("T1V2-0001", "伊胡塔嘎查"),
                          ("T2V1-0001", "柴达木嘎查")}),
    ("/api/teams/", {("沃德嘎查巾帼志愿服务队", "沃德嘎查"), ("查日苏镇宣讲队", "查日苏镇"),
                     ("努古斯台镇乌兰牧骑", "努古斯台镇")}),
    ("/api/service-items/", {("政策宣讲", "测试旗"), ("农牧技术指导", "查日苏镇"),
                             ("老人理发", "沃德嘎查"), ("家电维修", "柴达木嘎查")}),
])
def test_lists_name_their_units_from_the_reference_table(api, vnet, path, shown):
    client = api(vnet.banner_admin)
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    rows = response.json()["results"]
    key = "village" if path == "/api/households/" else "unit"
    assert {(row.get("number") or row["name"], row[key]["name"]) for row in rows} == shown
    # the units are joined for the order of the list, their columns never read
    assert not any('"practice_unit"."name"' in q["sql"] for q in ctx.captured_queries)


def test_the_generation_rides_with_the_tokens_lookup(vnet, orders, monkeypatch):
    """A token-authenticated page reads the cache once: the token (with its generation) and
    the reference tables' generation in one round trip."""
    from django.core.cache import cache
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=vnet.banner_admin)}")
    assert client.get("/api/service-items/").status_code == 200  # caches token, loads tables
    reads = []
    for name in ("get", "get_many"):
        original = getattr(cache, name)
        monkeypatch.setattr(cache, name, lambda *a, _o=original, _n=name, **k: (
            reads.append(_n), _o(*a, **k))[1])
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/api/service-items/")
    assert page.status_code == 200 and page.json()["results"]
    assert reads == ["get_many"]
    # The page alone (with room to spare, it tells its own total): no token, no table.
    assert len(ctx.captured_queries) == 1


def test_a_request_reads_the_generation_once_and_sees_its_own_moves(in_request):
    before = generations.current(reference.KEY)
    generations.bump(reference.KEY)  # as a save in this request does
    assert generations.current(reference.KEY) == before + 1
    from django.core.cache import cache

    cache.incr(reference.KEY)  # another process: this request keeps the state it saw
    assert generations.current(reference.KEY) == before + 1


def test_a_units_own_line_comes_from_the_kept_units(vnet, in_request):
    village = Unit.objects.get(pk=vnet.v11.pk)
    expected = [vnet.v11.pk, vnet.t1.pk, vnet.banner.pk]
    assert village.line_ids() == expected  # loads the units into this process
    with CaptureQueriesContext(connection) as ctx:
        assert village.line_ids() == expected
        assert Unit.objects.get(pk=vnet.banner.pk).line_ids() == [vnet.banner.pk]
    assert len(ctx.captured_queries) == 1  # the get: no line read from the database
    with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
        assert village.line_ids() == expected
    assert reads_reference_table(ctx.captured_queries)


def test_a_units_own_line_outside_a_request_is_read_from_the_database(vnet):
    with CaptureQueriesContext(connection) as ctx:
        assert Unit.objects.get(pk=vnet.v21.pk).line_ids() == [
            vnet.v21.pk, vnet.t2.pk, vnet.banner.pk]
    assert len(ctx.captured_queries) == 2


def test_a_volunteers_activities_name_their_units_without_a_query(vnet, api):
    """The activities a volunteer may see are those of the units on their own line: the
    units' keys come from the kept units."""
    import datetime

    from django.utils import timezone

    from volunteers.models import Activity

    starts = timezone.now() + datetime.timedelta(days=3)
    for unit, title in ((vnet.v11, "嘎查讲座"), (vnet.t1, "镇里义诊"), (vnet.v21, "外镇活动")):
        Activity.objects.create(unit=unit, title=title, starts_at=starts,
                                ends_at=starts + datetime.timedelta(hours=2))
    client = api(vnet.volunteer)
    first = client.get("/api/activities/")
    assert {row["title"] for row in first.json()["results"]} == {"嘎查讲座", "镇里义诊"}
    with CaptureQueriesContext(connection) as ctx:
        again = client.get("/api/activities/")
    assert again.status_code == 200 and again.json() == first.json()
    assert not any('FROM "practice_unit"' in q["sql"] for q in ctx.captured_queries)
