"""GET /api/points/prices/ and /api/points/products/, with pinned query budgets."""

import datetime

import pytest

from points_market.services import price_set

from .conftest import credit

pytestmark = pytest.mark.django_db


def test_prices_are_the_source_reports_price_list(net, market, api):
    rows = api(net.villager).get("/api/points/prices/").json()
    assert [(r["name"], r["price_per_jin"]) for r in rows] == [
        ("报纸", "0.80"), ("塑料瓶", "0.80"), ("纸板", "0.50"), ("书本", "0.60")]
    # name_mn: the Mongolian name, empty where there is none.
    assert set(rows[0]) == {"id", "name", "name_mn", "price_per_jin"}


def test_prices_show_the_callers_village_override(net, market, api):
    price_set(market.cardboard, actor=net.station_staff, village=net.v11, price_per_jin="0.70",
              effective_from=datetime.date(2024, 6, 1))
    mine = {r["name"]: r["price_per_jin"] for r in api(net.villager).get(
        "/api/points/prices/").json()}
    other = {r["name"]: r["price_per_jin"] for r in api(net.villager_other).get(
        "/api/points/prices/").json()}
    assert mine["纸板"] == "0.70" and other["纸板"] == "0.50"
    asked = {r["name"]: r["price_per_jin"] for r in api(net.township_staff).get(
        f"/api/points/prices/?village={net.v11.pk}").json()}
    assert asked["纸板"] == "0.70"
    assert api(net.township_staff).get(
        f"/api/points/prices/?village={net.v21.pk}").status_code == 404


def test_products_show_the_stock_at_the_callers_supermarket(net, market, api):
    rows = api(net.villager).get("/api/points/products/").json()["results"]
    assert {r["supermarket"] for r in rows} == {market.shop11.pk}
    oil = next(r for r in rows if r["name"] == "食用油")
    assert {k: oil[k] for k in ("points", "stock", "active")} == {
        "points": 600, "stock": 10, "active": True}
    assert {"id", "name", "points", "stock", "active"} <= set(oil)


def test_township_staff_see_every_shelf_of_the_township_and_can_pick_one(net, market, api):
    client = api(net.township_staff)
    assert len(client.get("/api/points/products/").json()["results"]) == 4
    assert len(api(net.banner_admin).get(
        f"/api/points/products/?village={net.v21.pk}").json()["results"]) == 4


def test_list_query_budgets(net, market, api, django_assert_max_num_queries):
    for _ in range(5):
        credit(net, market, net.h11, 3)
    client = api(net.station_staff)
    with django_assert_max_num_queries(4):
        assert client.get("/api/points/products/").status_code == 200
    with django_assert_max_num_queries(4):
        assert len(client.get("/api/points/entries/").json()["results"]) == 5
    with django_assert_max_num_queries(5):
        assert client.get("/api/points/deposits/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(f"/api/points/households/{net.h11.pk}/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/api/points/prices/").status_code == 200


def test_me_shows_the_households_points_balance(net, market, api):
    credit(net, market, net.h11, 10)
    assert api(net.villager).get("/api/me/").json()["points_balance"] == 80
    assert api(net.villager_b).get("/api/me/").json()["points_balance"] == 0
    assert api(net.station_staff).get("/api/me/").json()["points_balance"] is None


def test_products_refuse_a_village_that_is_not_a_number(net, api):
    response = api(net.banner_admin).get("/api/points/products/?village=abc")
    assert response.status_code == 400 and "village" in response.json()
