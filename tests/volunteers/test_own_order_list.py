"""A villager's or a volunteer's order list (the API's): their own orders, newest first,
filtered and paged, whether they have few orders (read by their keys, ``selectors.keys_first``)
or very many; staff see their area's."""

import pytest

from volunteers import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(vnet, place):
    """The villager's three orders (one finished and rated), and an order of someone else."""
    first = place()
    services.order_dispatch(first, actor=vnet.station_staff, team=vnet.team)
    services.order_accept(first, actor=vnet.volunteer)
    services.order_complete(first, actor=vnet.volunteer, hours="1.5")
    services.order_rate(first, actor=vnet.villager, score=5)
    second = place(item=vnet.item_t1)
    third = place()
    other = place(actor=vnet.villager_b, item=vnet.item_t1)
    return first, second, third, other


def ids(response):
    assert response.status_code == 200, response.data
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("many", [500, 1])
def test_a_villager_sees_their_orders_newest_first_filtered_and_paged(
        vnet, api, history, many, monkeypatch):
    monkeypatch.setattr(selectors, "MANY_OWN_ORDERS", many)  # 1: the path for many orders
    first, second, third, _other = history
    client = api(vnet.villager)
    assert ids(client.get("/api/orders/")) == [third.pk, second.pk, first.pk]
    assert ids(client.get("/api/orders/", {"status": ["rated", "completed"]})) == [first.pk]
    assert ids(client.get("/api/orders/", {"status": ["submitted"]})) == [third.pk, second.pk]
    assert ids(client.get("/api/orders/", {"status": ["cancelled"]})) == []
    page = client.get("/api/orders/", {"page_size": 2}).json()
    assert [row["id"] for row in page["results"]] == [third.pk, second.pk]
    assert ids(client.get(page["next"])) == [first.pk]


def test_a_volunteer_sees_their_teams_orders(vnet, api, history):
    first, second, _third, _other = history
    services.order_dispatch(second, actor=vnet.township_staff, team=vnet.team_t1)
    # vnet.volunteer's team holds the first order (accepted, done, rated), not the second.
    assert ids(api(vnet.volunteer).get("/api/orders/")) == [first.pk]


def test_staff_see_every_order_of_their_area(vnet, api, history):
    assert set(ids(api(vnet.township_staff).get("/api/orders/"))) == {o.pk for o in history}
