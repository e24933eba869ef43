"""The floors `make bench` compares with (bench/views.py): the stock DRF list answers the
households list's rows, field for field, through DRF's own classes."""

import json

import pytest
from django.test import RequestFactory

from bench.views import StockListView
from practice.api.serializers import HouseholdSerializer
from practice.models import Household


@pytest.mark.django_db
def test_the_stock_list_renders_what_the_households_list_renders_for_its_rows(net):
    for n in range(25):
        Household.objects.create(village=net.v12, number=f"T1V2-{n + 2:04d}",
                                 head_name=f"户主{n}", address="一组", phone="13800000009")
    response = StockListView.as_view()(RequestFactory().get("/bench/floor/stock-list/"))
    response.render()
    assert response.status_code == 200
    rows = json.loads(response.content)
    first = list(Household.objects.select_related("village").order_by("id")[:20])
    assert len(rows) == 20
    assert rows == json.loads(json.dumps(HouseholdSerializer(first, many=True).data))
    assert rows[0]["village"] == {"id": net.v11.pk, "name": net.v11.name,
                                  "level": net.v11.level}
