"""A volunteer who holds an at-home order sees whose home and where (the head of household's
name and the address), and only while they hold it; the order form offers the household's
number."""

from decimal import Decimal

import pytest

from tests.conftest import save_screenshot
from volunteers import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(vnet):
    vnet.h11.address = "沃德嘎查三组 12 号"
    vnet.h11.save()
    return vnet


def _visit(api, user, order):
    response = api(user).get(f"/api/orders/{order.pk}/")
    return response.status_code, response.json().get("visit")


def test_the_volunteer_who_holds_the_order_sees_the_head_and_the_address(home, accepted, api,
                                                                          web):
    status, visit = _visit(api, home.volunteer, accepted)
    assert status == 200 and visit["head_name"] == "包金山"
    assert visit["address"] == "沃德嘎查三组 12 号"
    page = web(home.volunteer).get(f"/volunteers/orders/{accepted.pk}/").content.decode()
    assert "包金山" in page and "沃德嘎查三组 12 号" in page


def test_a_team_mate_who_does_not_hold_it_sees_only_the_village(home, accepted, api, web):
    status, visit = _visit(api, home.volunteer2, accepted)
    assert status == 200 and visit is None
    page = web(home.volunteer2).get(f"/volunteers/orders/{accepted.pk}/").content.decode()
    assert "沃德嘎查" in page and "三组 12 号" not in page and "包金山" not in page


def test_once_completed_the_volunteer_no_longer_sees_them(home, accepted, api, web):
    services.order_complete(accepted, actor=home.volunteer, hours=Decimal("1"))
    assert _visit(api, home.volunteer, accepted) == (200, None)
    page = web(home.volunteer).get(f"/volunteers/orders/{accepted.pk}/").content.decode()
    assert "三组 12 号" not in page


def test_a_dispatched_order_waiting_for_a_volunteer_shows_no_address(home, place, api):
    order = place()
    services.order_dispatch(order, actor=home.station_staff, team=home.team)
    assert _visit(api, home.volunteer, order) == (200, None)


def test_the_household_and_the_area_staff_see_them(home, accepted, api):
    for user in (home.villager, home.station_staff, home.township_staff, home.leader):
        assert _visit(api, user, accepted)[1]["head_name"] == "包金山", user
    assert api(home.station_staff_other).get(f"/api/orders/{accepted.pk}/").status_code == 404


def test_the_order_form_offers_the_households_number(home, web):
    home.villager.phone = None
    home.villager.save()
    home.h11.phone = "13912345678"
    home.h11.save()
    page = web(home.villager).get("/volunteers/order/").content.decode()
    assert 'value="13912345678"' in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_volunteer_accepts_on_a_phone_and_sees_where_to_go(home, place, browser_login,
                                                             live_server):
    order = place()
    services.order_dispatch(order, actor=home.station_staff, team=home.team)
    page = browser_login(home.volunteer, viewport=(390, 844))
    page.goto(f"{live_server.url}/volunteers/orders/{order.pk}/")
    assert page.locator("#visit-head").count() == 0
    page.get_by_role("button", name="接单").click()
    page.wait_for_load_state()
    assert page.locator("#visit-head").inner_text() == "包金山"
    assert page.locator("#visit-address").inner_text() == "沃德嘎查三组 12 号"
    save_screenshot(page, "volunteers-order-visit-phone")
