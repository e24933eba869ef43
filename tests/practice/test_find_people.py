"""Households and people are found by what staff know — the head's name, any phone of the
household (its own, its members' sign-in phones, written as people write them) or its number —
wherever staff look: the households API, assisted ordering, the cashier, the admin's search
boxes. Pickers tell two people of the same name apart by village and masked phone, and never
show a full number."""

import re

import pytest

from practice.models import Household
from practice.roles import Role
from practice.selectors import household_label, phone_in
from tests.factories import make_user
from tests.points_market.conftest import credit, market  # noqa: F401 (fixture)
from tests.volunteers.conftest import vnet  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def namesakes(net):
    """Two heads called 胡图雅: in v11 (phone 13812341234) and in v12 (a son in the city signs
    in with 13956785678 for the household); a third in t2's v21."""
    a = Household.objects.create(village=net.v11, number="T1V1-0007", head_name="胡图雅",
                                 phone="13812341234")
    b = Household.objects.create(village=net.v12, number="T1V2-0007", head_name="胡图雅")
    make_user("son", Role.VILLAGER, net.v12, b, phone="13956785678")
    c = Household.objects.create(village=net.v21, number="T2V1-0007", head_name="胡图雅",
                                 phone="13700007777")
    return a, b, c


def _ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_a_phone_is_recognised_as_people_write_it():
    for written in ("13812341234", "138 1234 1234", "138-1234-1234", "+86 138 1234 1234",
                    "0086-13812341234", "（138）12341234"):
        assert phone_in(written) == "13812341234", written
    for not_one in ("1381234123", "23812341234", "胡图雅", "T1V1-0001", ""):
        assert phone_in(not_one) is None


@pytest.mark.parametrize("term,which", [
    ("胡图雅", {0, 1}), ("13812341234", {0}), ("138 1234 1234", {0}), ("13956785678", {1}),
    ("T1V2-0007", {1}), ("t1v2-0007", {1}), ("13700007777", set()),
])
def test_the_households_api_finds_by_name_any_phone_or_number_within_the_area(
        net, namesakes, api, term, which):
    found = _ids(api(net.township_staff).get("/api/households/", {"search": term}))
    assert found == {namesakes[i].pk for i in which}


def test_label_names_number_head_village_and_masked_phone(net, namesakes):
    a, b, _ = namesakes
    assert household_label(a) == "T1V1-0007 · 胡图雅 · 沃德嘎查 · 138****1234"
    assert household_label(b) == "T1V2-0007 · 胡图雅 · 伊胡塔嘎查"


# --- assisted ordering ------------------------------------------------------------------------
def _hits(html):
    block = re.search(r'<ul class="household-hits".*?</ul>', html, re.S)
    return re.findall(r'<a class="button" href="\?household=([^"]+)">([^<]+)</a>',
                      block.group(0)) if block else []


def test_assisted_ordering_finds_namesakes_and_tells_them_apart(net, namesakes, web):
    html = web(net.township_staff).get("/volunteers/staff/assisted-order/",
                                       {"q": "胡图雅"}).content.decode()
    assert _hits(html) == [("T1V1-0007", "T1V1-0007 · 胡图雅 · 沃德嘎查 · 138****1234"),
                           ("T1V2-0007", "T1V2-0007 · 胡图雅 · 伊胡塔嘎查")]
    for full in ("13812341234", "13956785678", "13700007777"):
        assert full not in html


def test_assisted_ordering_finds_by_a_members_phone_and_stays_in_the_station(net, namesakes,
                                                                            web):
    township = web(net.township_staff)
    html = township.get("/volunteers/staff/assisted-order/",
                        {"q": "139 5678 5678"}).content.decode()
    assert [n for n, _ in _hits(html)] == ["T1V2-0007"]
    station = web(net.station_staff)  # v11 only
    html = station.get("/volunteers/staff/assisted-order/", {"q": "胡图雅"}).content.decode()
    assert [n for n, _ in _hits(html)] == ["T1V1-0007"]
    html = station.get("/volunteers/staff/assisted-order/", {"q": "13956785678"}).content.decode()
    assert _hits(html) == [] and "您的辖区内没有找到农户" in html


def test_choosing_a_hit_fills_the_household_and_the_order_goes_to_it(
        vnet, namesakes, web):  # noqa: F811 (the imported fixture)
    a = namesakes[0]
    client = web(vnet.station_staff)
    html = client.get("/volunteers/staff/assisted-order/",
                      {"household": a.number}).content.decode()
    assert 'id="chosen-household"' in html and "T1V1-0007 · 胡图雅 · 沃德嘎查 · 138****1234" in html
    assert re.search(r'name="household_number"[^>]*value="T1V1-0007"', html)
    r = client.post("/volunteers/staff/assisted-order/", {
        "household_number": a.number, "service_item": vnet.item_v11.pk,
        "description": "老人腿脚不便，需要理发"})
    assert r.status_code == 302
    from volunteers.models import Order

    order = Order.objects.get()
    assert order.household == a and order.assisted


def test_a_too_long_search_is_a_message_not_an_error(net, web):
    r = web(net.station_staff).get("/volunteers/staff/assisted-order/", {"q": "胡" * 101})
    assert r.status_code == 200 and "搜索内容过长" in r.content.decode()


# --- the cashier's picker ---------------------------------------------------------------------
def test_the_cashier_tells_namesakes_apart_by_village_and_masked_phone(net, namesakes, web):
    html = web(net.township_staff).get("/points/cashier/", {"q": "胡图雅"}).content.decode()
    assert "T1V1-0007 · 沃德嘎查 · 138****1234" in html
    assert "T1V2-0007 · 伊胡塔嘎查" in html
    assert "13812341234" not in html and "T2V1-0007" not in html
    html = web(net.township_staff).get("/points/cashier/", {"q": "13956785678"}).content.decode()
    assert f"/points/cashier/households/{namesakes[1].pk}/" in html


# --- the admin ----------------------------------------------------------------------------------
def _admin_rows(client, path, term):
    r = client.get(path, {"q": term})
    assert r.status_code == 200
    return {int(pk) for pk in re.findall(r'href="/admin/\w+/\w+/(\d+)/change/',
                                         r.content.decode())}


@pytest.mark.parametrize("term,which", [
    ("胡图雅", {0, 1}), ("138 1234 1234", {0}), ("13956785678", {1}), ("T1V2-0007", {1}),
])
def test_the_household_admin_finds_by_name_any_phone_or_number(net, namesakes, web, term,
                                                               which):
    found = _admin_rows(web(net.township_staff), "/admin/practice/household/", term)
    assert found == {namesakes[i].pk for i in which}


def test_the_user_admin_finds_by_phone_and_household_number(net, namesakes, web):
    client = web(net.banner_admin)
    son = namesakes[1].members.get()
    assert _admin_rows(client, "/admin/practice/user/", "139-5678-5678") == {son.pk}
    assert _admin_rows(client, "/admin/practice/user/", "T1V2-0007") == {son.pk}
    assert _admin_rows(client, "/admin/practice/user/", "station_staff") >= {
        net.station_staff.pk}


def test_the_ledger_admin_finds_a_households_entries_by_a_members_phone(
        net, namesakes, market, web):  # noqa: F811 (the imported fixture)
    a = namesakes[0]
    make_user("daughter", Role.VILLAGER, net.v11, a, phone="13611112222")
    entry = credit(net, market, a, 5).record.entry
    other = credit(net, market, net.h11, 5).record.entry
    client = web(net.township_staff)
    assert _admin_rows(client, "/admin/points_market/entry/", "13611112222") == {entry.pk}
    assert _admin_rows(client, "/admin/points_market/entry/", "138 1234 1234") == {entry.pk}
    assert _admin_rows(client, "/admin/points_market/entry/", "包金山") == {other.pk}
    assert _admin_rows(web(net.township_staff_other), "/admin/points_market/entry/",
                       "13611112222") == set()


def test_the_volunteer_admin_finds_by_name_or_phone_as_written(
        vnet, web):  # noqa: F811 (the imported fixture)
    client = web(vnet.township_staff)
    assert _admin_rows(client, "/admin/volunteers/volunteer/", "139 0000 0001") == {vnet.vol.pk}
    assert _admin_rows(client, "/admin/volunteers/volunteer/", "志愿者") == {
        vnet.vol.pk, vnet.vol2.pk}
