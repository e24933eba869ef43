"""The order filters: orders filtered by several statuses come once each, and the query asks
for no DISTINCT (see tests/platform/test_choice_filters.py); the API answers the rows its
filter set gives, and 400 naming a filter given a bad value."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from volunteers import services
from volunteers.filters import OrderFilter
from volunteers.models import Order

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


@pytest.fixture
def three(vnet, place):
    waiting = place()
    dispatched = place()
    services.order_dispatch(dispatched, actor=vnet.station_staff, team=vnet.team)
    other_item = place(item=vnet.item_t1)
    return waiting, dispatched, other_item


@pytest.mark.parametrize("query", [
    {"status": ["dispatched"]},
    {"status": ["submitted", "dispatched"], "team": [None]},
    {"village": [None], "overdue": ["false"]},
    {"unit": [None], "status": ["submitted"]},
    {"team": [None]},
])
def test_the_api_filters_answer_the_rows_the_filter_set_gives(vnet, three, api, query):
    query = {key: [str(v) if v is not None else str(vnet.team.pk if key == "team" else
                                                    vnet.v11.pk) for v in values]
             for key, values in query.items()}
    data = QueryDict(mutable=True)
    for key, values in query.items():
        data.setlist(key, values)
    whole = OrderFilter(data, queryset=Order.objects.all())
    assert whole.is_valid(), whole.errors
    expected = set(whole.qs.values_list("pk", flat=True))
    response = api(vnet.township_staff).get("/api/orders/", query)
    assert response.status_code == 200, response.data
    assert {row["id"] for row in response.json()["results"]} == expected
    assert expected  # each query finds something


def test_a_page_size_or_cursor_alone_filters_nothing(vnet, three, api):
    client = api(vnet.township_staff)
    everything = {row["id"] for row in client.get("/api/orders/").json()["results"]}
    assert everything == {o.pk for o in three}
    assert {row["id"] for row in
            client.get("/api/orders/", {"page_size": 50}).json()["results"]} == everything
    first = client.get("/api/orders/", {"page_size": 2}).json()
    rest = client.get(first["next"]).json()
    assert {row["id"] for row in first["results"] + rest["results"]} == everything


@pytest.mark.parametrize("query, field", [
    ({"status": "nonsense"}, "status"),
    ({"status": "submitted", "team": "abc"}, "team"),
    ({"village": "1e300"}, "village"),
    ({"unit": "x", "page_size": "5"}, "unit"),
])
def test_a_bad_filter_value_answers_400_naming_it(vnet, three, api, query, field):
    response = api(vnet.township_staff).get("/api/orders/", query)
    assert response.status_code == 400
    assert list(response.data) == [field]
