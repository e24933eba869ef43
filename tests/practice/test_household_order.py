"""Household lists go village by village in the network's order, then by number (an order
PostgreSQL serves from the subtree's villages instead of walking every household)."""

import pytest

from practice.models import Household

pytestmark = pytest.mark.django_db


def test_households_are_listed_village_by_village(net, api):
    # Numbers that do not follow the villages' order: the village decides first.
    Household.objects.create(village=net.v12, number="A-0001", head_name="甲")
    Household.objects.create(village=net.v11, number="Z-0001", head_name="乙")
    rows = api(net.township_staff).get("/api/households/").json()["results"]
    assert [r["number"] for r in rows] == ["T1V1-0001", "Z-0001", "A-0001", "T1V2-0001"]


def test_the_points_household_list_uses_the_same_order(net, api):
    Household.objects.create(village=net.v12, number="A-0001", head_name="甲")
    rows = api(net.township_staff).get("/api/points/households/").json()["results"]
    assert [r["number"] for r in rows] == ["T1V1-0001", "A-0001", "T1V2-0001"]
