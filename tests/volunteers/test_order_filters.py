"""Orders filtered by several statuses come once each, and the query asks for no DISTINCT
(see tests/platform/test_choice_filters.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from volunteers import services

pytestmark = pytest.mark.django_db


def test_orders_of_several_statuses_come_once_each_without_distinct(vnet, place, api):
    waiting = place()
    dispatched = place()
    services.order_dispatch(dispatched, actor=vnet.station_staff, team=vnet.team)
    place(item=vnet.item_t1)
    with CaptureQueriesContext(connection) as ctx:
        response = api(vnet.township_staff).get(
            "/api/orders/?status=submitted&status=dispatched")
    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["results"]]
    assert len(ids) == len(set(ids)) == 3
    assert dispatched.pk in ids and waiting.pk in ids
    assert not any("DISTINCT" in q["sql"] for q in ctx.captured_queries)


@pytest.mark.parametrize("many", [500, 1])
def test_my_orders_are_the_users_and_their_households_newest_first(vnet, place, many,
                                                                   monkeypatch):
    from volunteers import selectors

    monkeypatch.setattr(selectors, "MANY_OWN_ORDERS", many)  # 1: the path for many orders
    first, second = place(), place(item=vnet.item_t1)
    # Placed for the household by staff: the household's too.
    assisted = services.order_place(actor=vnet.station_staff, service_item=vnet.item_v11,
                                    description="代为下单", household=vnet.h11)
    services.order_place(actor=vnet.township_staff, service_item=vnet.item_t1,
                         description="别人家的", household=vnet.h12)
    got = list(selectors.own_orders(vnet.villager))
    assert got == [assisted, second, first]
    assert [o.village for o in got] == [vnet.v11] * 3
