"""GET /api/banquets/canteens/ and /api/banquets/rules/?village=<id>."""

import datetime

import pytest

from banquets.models import Canteen, RuleSet

pytestmark = pytest.mark.django_db


def test_canteens_carry_id_name_village_and_capacity(net, api, canteen, canteen_v21):
    r = api(net.villager).get("/api/banquets/canteens/")
    assert r.status_code == 200
    [row] = r.json()["results"]
    assert {k: row[k] for k in ("id", "name", "village", "capacity")} == {
        "id": canteen.pk, "name": "沃德嘎查合约食堂", "village": net.v11.pk, "capacity": 20}


@pytest.mark.parametrize(
    ("who", "seen"),
    [("villager", "canteen"), ("villager_b", "canteen"), ("villager_other", "canteen_v21"),
     ("station_staff", "canteen"), ("station_staff_other", "canteen_v21"),
     ("township_staff", "canteen"), ("leader", "canteen canteen_v21"),
     ("reviewer", "canteen canteen_v21"), ("volunteer", "")],
)
def test_each_role_sees_the_canteens_of_its_scope(net, api, canteen, canteen_v21, who, seen):
    named = {"canteen": canteen, "canteen_v21": canteen_v21}
    r = api(getattr(net, who)).get("/api/banquets/canteens/")
    assert {row["id"] for row in r.json()["results"]} == {named[n].pk for n in seen.split()}


def test_a_canteen_outside_scope_is_404(net, api, canteen_v21):
    assert api(net.station_staff).get(
        f"/api/banquets/canteens/{canteen_v21.pk}/").status_code == 404


def test_the_rules_in_force_as_data(net, api, banner_rules):
    RuleSet.objects.create(unit=net.v21, effective_from=datetime.date(2019, 1, 1), max_tables=8,
                           max_gift=100, title="柴达木嘎查红白事暂行办法")
    client = api(net.leader)
    banner = client.get(f"/api/banquets/rules/?village={net.v11.pk}").json()
    assert banner["source"] == "banner" and banner["id"] == banner_rules.pk
    assert (banner["max_tables"], banner["max_dishes_per_table"], banner["max_gift"],
            banner["fee_per_table"]) == (10, 6, 200, "40.00")
    assert banner["banquet_occasions"] == ["wedding", "collective_wedding", "funeral"]
    assert banner["tea_party_occasions"] == ["school_admission", "birthday"]
    assert banner["forbidden_occasions"] == ["relocation", "full_month", "enlistment", "other"]
    own = client.get(f"/api/banquets/rules/?village={net.v21.pk}").json()
    assert own["source"] == "village" and own["max_tables"] == 8 and own["max_gift"] == 100
    assert any("8桌" in line for line in own["notice"])
    older = client.get(f"/api/banquets/rules/?village={net.v21.pk}&date=2018-06-01").json()
    assert older["source"] == "banner"


def test_a_villager_reads_the_rules_of_their_own_village(net, api):
    client = api(net.villager)
    data = client.get("/api/banquets/rules/").json()
    assert data["village"] == net.v11.pk and data["source"] == "default"
    assert client.get(f"/api/banquets/rules/?village={net.v21.pk}").status_code == 404
    assert api(net.leader).get("/api/banquets/rules/").status_code == 400


def test_canteen_capacity_must_be_positive(net):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Canteen(village=net.v11, name="x", capacity=0).full_clean()
