"""The API's filter backend builds only the filters a request names (practice/api/filters.py):
the same rows as django-filter's whole filter set, the same 400s for bad values, and no
filter set at all when the query string names none (``?cursor=…``, ``?page=…``)."""

import django_filters
import pytest
from django.http import QueryDict

from practice.api.filters import _narrowed
from tests.platform.test_choice_filters import project_filtersets
from volunteers import services
from volunteers.filters import OrderFilter
from volunteers.models import Order

pytestmark = pytest.mark.django_db


def test_each_filter_named_alone_builds_a_set_of_that_filter_only():
    checked = 0
    for filterset in project_filtersets():
        if filterset.__name__ != filterset.__qualname__ or not filterset.base_filters:
            continue
        for name in filterset.base_filters:
            narrowed = _narrowed(filterset, frozenset({name, "page", "cursor"}))
            assert narrowed is not None, (filterset, name)
            assert list(narrowed.base_filters) == [name], (filterset, name)
            assert narrowed.base_filters[name] is filterset.base_filters[name]
            checked += 1
        assert _narrowed(filterset, frozenset({"page", "cursor", "page_size"})) is None
        assert _narrowed(filterset, frozenset(filterset.base_filters)) is filterset
    assert checked >= 20


def test_a_range_widget_suffix_names_its_filter():
    class Ranged(django_filters.FilterSet):
        created = django_filters.DateFromToRangeFilter()
        status = django_filters.CharFilter()

        class Meta:
            model = Order
            fields = ["created", "status"]

    narrowed = _narrowed(Ranged, frozenset({"created_after"}))
    assert list(narrowed.base_filters) == ["created"]
    assert _narrowed(Ranged, frozenset({"created_after"})) is narrowed  # made once


@pytest.fixture
def orders(vnet, place):
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
def test_a_named_filter_answers_the_rows_the_whole_set_gives(vnet, orders, api, query):
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


def test_only_a_page_or_cursor_filters_nothing(vnet, orders, api):
    client = api(vnet.township_staff)
    everything = {row["id"] for row in client.get("/api/orders/").json()["results"]}
    assert len(everything) == 3
    assert {row["id"] for row in
            client.get("/api/orders/", {"page_size": 50}).json()["results"]} == everything


@pytest.mark.parametrize("query, field", [
    ({"status": "nonsense"}, "status"),
    ({"status": "submitted", "team": "abc"}, "team"),
    ({"village": "1e300"}, "village"),
    ({"unit": "x", "page_size": "5"}, "unit"),
])
def test_a_bad_value_of_a_named_filter_answers_400_naming_it(vnet, orders, api, query, field):
    response = api(vnet.township_staff).get("/api/orders/", query)
    assert response.status_code == 400
    assert list(response.data) == [field]
