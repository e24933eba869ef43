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
