"""Staff find an order by what they know: its number, the household's number, the head's name,
any of the household's phones (its own and its members' sign-in phones), the volunteer's name
or phone. The API (``?search=``), the staff's order list and the admin find the same orders,
never one outside the caller's area, and as cheaply with many matches as with few."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practice.models import Household
from practice.roles import Role
from tests.factories import make_user
from volunteers import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def found(vnet, place):
    """h11 (包金山, phone 13700000011; member ``villager`` signs in with 13800000001) with a
    waiting order and one held by 志愿者甲 (13900000001); h21's order in township t2; a second
    household in v11 whose order nothing here names."""
    Household.objects.filter(pk=vnet.h11.pk).update(phone="13700000011")
    waiting = place()
    held = place(item=vnet.item_t1)
    services.order_dispatch(held, actor=vnet.station_staff, team=vnet.team)
    services.order_accept(held, actor=vnet.volunteer)
    other = place(actor=vnet.villager_other, item=vnet.item_v21)
    neighbour = Household.objects.create(village=vnet.v11, number="T1V1-0002", head_name="巴特尔")
    villager = make_user("neighbour", Role.VILLAGER, vnet.v11, neighbour, phone="13800000009")
    unrelated = place(actor=villager)
    return vnet, waiting, held, other, unrelated


KEYS = {
    "order number": lambda n, w, h: f"#{w.pk}",
    "household number": lambda n, w, h: "T1V1-0001",
    "part of the household number": lambda n, w, h: "v1-0001",
    "head's name": lambda n, w, h: "包金山",
    "household phone": lambda n, w, h: "13700000011",
    "member's phone": lambda n, w, h: "13800000001",
    "member's phone as people write it": lambda n, w, h: "138 0000 0001",
}


def _api_ids(client, term):
    r = client.get("/api/orders/", {"search": term})
    assert r.status_code == 200, r.content
    return {row["id"] for row in r.json()["results"]}


def _page_ids(client, term):
    r = client.get("/volunteers/staff/orders/", {"search": term})
    assert r.status_code == 200
    return {int(pk) for pk in re.findall(r'href="/volunteers/orders/(\d+)/"', r.content.decode())}


def _admin_ids(client, term):
    r = client.get("/admin/volunteers/order/", {"q": term})
    assert r.status_code == 200
    return {int(pk) for pk in re.findall(r'name="_selected_action" value="(\d+)"',
                                         r.content.decode())}


SURFACES = {"api": ("api", _api_ids), "page": ("web", _page_ids), "admin": ("web", _admin_ids)}


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("key", KEYS)
def test_each_key_finds_the_households_orders(found, surface, key, api, web):
    vnet, waiting, held, other, unrelated = found
    kind, ids = SURFACES[surface]
    client = (api if kind == "api" else web)(vnet.station_staff)
    term = KEYS[key](vnet, waiting, held)
    expected = {waiting.pk} if key.startswith("order number") else {waiting.pk, held.pk}
    assert ids(client, term) == expected


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("term", ["志愿者甲", "13900000001"])
def test_the_volunteers_name_or_phone_finds_the_orders_they_hold(found, surface, term, api,
                                                                 web):
    vnet, waiting, held, other, unrelated = found
    kind, ids = SURFACES[surface]
    client = (api if kind == "api" else web)(vnet.township_staff)
    assert ids(client, term) == {held.pk}


@pytest.mark.parametrize("surface", SURFACES)
def test_it_never_finds_an_order_outside_the_callers_area(found, surface, api, web):
    vnet, waiting, held, other, unrelated = found
    kind, ids = SURFACES[surface]
    for user in (vnet.station_staff_other, vnet.township_staff_other):
        client = (api if kind == "api" else web)(user)
        for term in (f"#{waiting.pk}", "包金山", "T1V1-0001", "13800000001", "志愿者甲"):
            assert ids(client, term) == set(), (user, term)
        assert ids(client, "乌云") == {other.pk}
    client = (api if kind == "api" else web)(vnet.station_staff)
    assert ids(client, f"#{other.pk}") == set() and ids(client, "乌云") == set()


def test_digits_alone_find_the_order_of_that_number_and_households_whose_number_holds_them(
        found, api):
    """户号 may be all digits: "1" is order #1 and every household number with a 1 in it."""
    vnet, waiting, held, other, unrelated = found
    client = api(vnet.station_staff)
    Household.objects.filter(pk=vnet.h11.pk).update(number="15052200017")
    assert _api_ids(client, "5220001") == {waiting.pk, held.pk}
    assert _api_ids(client, f"#{unrelated.pk}") == {unrelated.pk}
    assert unrelated.pk in _api_ids(client, str(unrelated.pk))


def test_the_banner_finds_across_townships_and_nothing_for_an_unknown_term(found, api):
    vnet, waiting, held, other, unrelated = found
    client = api(vnet.banner_admin)
    assert _api_ids(client, "乌云") == {other.pk}
    assert _api_ids(client, "查无此人") == set()
    assert _api_ids(client, "99999999") == set()
    assert _api_ids(client, "13000000000") == set()


def test_search_combines_with_the_other_filters(found, api):
    vnet, waiting, held, other, unrelated = found
    r = api(vnet.station_staff).get("/api/orders/", {"search": "包金山", "status": "accepted"})
    assert {row["id"] for row in r.json()["results"]} == {held.pk}


def test_a_search_longer_than_anything_it_could_find_is_a_clear_400(found, api, web):
    vnet = found[0]
    r = api(vnet.station_staff).get("/api/orders/", {"search": "包" * 101})
    assert r.status_code == 400
    assert "search" in r.json()
    page = web(vnet.station_staff).get("/volunteers/staff/orders/", {"search": "包" * 101})
    assert page.status_code == 200
    admin = web(vnet.station_staff).get("/admin/volunteers/order/", {"q": "包" * 101})
    assert admin.status_code == 200 and "搜索内容过长" in admin.content.decode()


def test_the_staff_page_keeps_the_search_in_its_form_and_its_page_links(found, web):
    vnet = found[0]
    html = web(vnet.station_staff).get("/volunteers/staff/orders/",
                                       {"search": "包金山"}).content.decode()
    assert re.search(r'<input type="search" name="search" value="包金山"', html)


def _queries(client, url, params):
    client.get(url, params)  # warm: sessions, content types
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url,param,kind", [
    ("/api/orders/", "search", "api"),
    ("/volunteers/staff/orders/", "search", "web"),
    ("/admin/volunteers/order/", "q", "web"),
])
def test_a_search_asks_the_database_as_often_with_many_matches_as_with_few(
        found, place, url, param, kind, api, web):
    vnet = found[0]
    client = (api if kind == "api" else web)(vnet.township_staff)
    few = _queries(client, url, {param: "包金山"})
    for _ in range(8):
        place()
    assert _queries(client, url, {param: "包金山"}) == few
    # A name many households share: the same number of queries.
    for i in range(12):
        Household.objects.create(village=vnet.v12, number=f"T1V2-1{i:03d}", head_name="包金山")
    assert _queries(client, url, {param: "包金山"}) == few
