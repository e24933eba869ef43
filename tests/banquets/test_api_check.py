"""POST /api/banquets/check/: every problem and the fee, without booking."""

import pytest

from banquets.models import Booking
from tests.banquets.conftest import body

pytestmark = pytest.mark.django_db


def test_a_good_request_is_ok_with_its_fee(net, api, canteen):
    r = api(net.villager).post("/api/banquets/check/", body(canteen, tables=10), format="json")
    assert r.status_code == 200
    assert r.json() == {"ok": True, "violations": [], "fee": "400.00", "tables_left": 20}
    assert Booking.objects.count() == 0


def test_it_lists_every_broken_rule_with_field_and_message(net, api, canteen):
    r = api(net.villager).post(
        "/api/banquets/check/",
        body(canteen, occasion="school_admission", kind="banquet", tables=11,
             dishes_per_table=7, gift_limit=201),
        format="json",
    )
    data = r.json()
    assert r.status_code == 200 and data["ok"] is False
    assert data["violations"] == [
        {"field": "kind", "message": "升学不办酒席，只可办茶话会"},
        {"field": "tables", "message": "酒席不得超过10桌"},
        {"field": "dishes_per_table", "message": "每桌菜品不得超过6个"},
        {"field": "gift_limit", "message": "礼金不得超过200元"},
    ]
    assert data["fee"] == "440.00"


def test_an_occasion_not_allowed_names_occasion(net, api, canteen):
    data = api(net.villager).post("/api/banquets/check/", body(canteen, occasion="full_month"),
                                  format="json").json()
    assert [v["field"] for v in data["violations"]] == ["occasion"]
    assert "满月" in data["violations"][0]["message"]


def test_incomplete_input_comes_back_as_violations_too(net, api, canteen):
    data = api(net.villager).post("/api/banquets/check/",
                                  {"canteen": canteen.pk, "occasion": "wedding", "kind": "banquet",
                                   "tables": "", "dishes_per_table": 6, "gift_limit": 100},
                                  format="json").json()
    assert data["ok"] is False and data["fee"] is None
    assert {v["field"] for v in data["violations"]} == {"tables", "date"}


def test_it_warns_when_the_canteen_has_too_few_tables_left(net, api, canteen):
    client = api(net.villager)
    assert client.post("/api/banquets/bookings/", body(canteen, tables=10),
                       format="json").status_code == 201
    assert client.post("/api/banquets/bookings/", body(canteen, tables=8),
                       format="json").status_code == 201
    data = client.post("/api/banquets/check/", body(canteen, tables=3), format="json").json()
    assert data["tables_left"] == 2
    assert data["violations"] == [{"field": "date", "message": "沃德嘎查合约食堂当天只剩2桌"}]


def test_readers_and_volunteers_may_not_check(net, api, canteen):
    for who in (net.volunteer, net.reviewer):
        assert api(who).post("/api/banquets/check/", body(canteen),
                             format="json").status_code == 403
    assert api().post("/api/banquets/check/", body(canteen), format="json").status_code in (
        401, 403)
