"""Only station staff of the household's village and staff above it record points;
villagers read their own household; outside scope → 404; wrong role → 403."""

import pytest

from points_market.models import Entry

from .conftest import credit

pytestmark = pytest.mark.django_db


def deposit_body(net, market, household):
    return {"household": getattr(net, household).pk,
            "lines": [{"category": market.newspaper.pk, "weight_jin": "1"}]}


@pytest.mark.parametrize(("who", "household", "status"), [
    ("station_staff", "h11", 201),
    ("township_staff", "h11", 201),
    ("banner_admin", "h11", 201),
    ("banner_admin", "h21", 201),
    ("station_staff_other", "h21", 201),
    ("station_staff", "h21", 404),
    ("station_staff_other", "h11", 404),
    ("township_staff_other", "h11", 404),
    ("township_staff", "h21", 404),
    ("villager", "h11", 403),
    ("volunteer", "h11", 403),
    ("leader", "h11", 403),
    ("township_leader", "h11", 403),
    ("reviewer", "h11", 403),
])
def test_who_may_record_a_deposit(net, market, api, who, household, status):
    response = api(getattr(net, who)).post("/api/points/deposits/",
                                           deposit_body(net, market, household), format="json")
    assert response.status_code == status, response.content
    assert Entry.objects.count() == (1 if status == 201 else 0)


@pytest.mark.parametrize(("who", "status"), [
    ("station_staff", 201), ("township_staff", 201), ("station_staff_other", 404),
    ("villager", 403), ("leader", 403),
])
def test_who_may_record_a_redemption(net, market, api, who, status):
    credit(net, market, net.h11, 10)
    response = api(getattr(net, who)).post("/api/points/redemptions/", {
        "household": net.h11.pk, "lines": [{"product": market.p11_salt.pk, "quantity": 1}]},
        format="json")
    assert response.status_code == status, response.content


@pytest.mark.parametrize(("who", "status"), [
    ("station_staff", 201), ("township_staff", 201), ("banner_admin", 201),
    ("station_staff_other", 404), ("township_staff_other", 404),
    ("villager", 403), ("leader", 403), ("reviewer", 403),
])
def test_who_may_reverse_an_entry(net, market, api, who, status):
    entry = credit(net, market, net.h11, 10).entry
    response = api(getattr(net, who)).post(f"/api/points/entries/{entry.pk}/reverse/",
                                           {"reason": "称错了"}, format="json")
    assert response.status_code == status, response.content


def test_a_reversal_through_the_api_answers_the_new_entry(net, market, api):
    entry = credit(net, market, net.h11, 10).entry
    client = api(net.station_staff)
    response = client.post(f"/api/points/entries/{entry.pk}/reverse/", {"reason": "称错了"},
                           format="json")
    assert response.status_code == 201
    assert response.json()["reverses"] == entry.pk and response.json()["balance_after"] == 0
    again = client.post(f"/api/points/entries/{entry.pk}/reverse/", {"reason": "称错了"},
                        format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_reversed"
    missing = client.post(f"/api/points/entries/{entry.pk}/reverse/", {}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()


@pytest.mark.parametrize(("who", "household", "status"), [
    ("villager", "h11", 200),
    ("villager", "h12", 404),
    ("villager", "h21", 404),
    ("villager_b", "h11", 404),
    ("volunteer", "h11", 404),
    ("station_staff", "h11", 200),
    ("station_staff", "h12", 404),
    ("township_staff", "h12", 200),
    ("township_staff_other", "h11", 404),
    ("township_leader", "h11", 200),
    ("leader", "h21", 200),
    ("reviewer", "h11", 200),
])
def test_who_reads_a_households_account(net, market, api, who, household, status):
    credit(net, market, net.h11, 10)
    response = api(getattr(net, who)).get(
        f"/api/points/households/{getattr(net, household).pk}/")
    assert response.status_code == status


def test_a_villager_reads_balance_and_history(net, market, api):
    credit(net, market, net.h11, 10)
    credit(net, market, net.h11, 5)
    body = api(net.villager).get(f"/api/points/households/{net.h11.pk}/").json()
    assert body["balance"] == 120
    assert body["household"]["number"] == "T1V1-0001"
    assert [e["points"] for e in body["entries"]] == [40, 80]
    assert [e["balance_after"] for e in body["entries"]] == [120, 80]


def test_a_villager_sees_only_own_entries(net, market, api):
    credit(net, market, net.h11, 10)
    credit(net, market, net.h21, 10)
    rows = api(net.villager).get("/api/points/entries/").json()["results"]
    assert {r["household"] for r in rows} == {net.h11.pk}
    other = Entry.objects.get(household=net.h21)
    assert api(net.villager).get(f"/api/points/entries/{other.pk}/").status_code == 404


def test_staff_see_the_balance_where_they_find_the_household(net, market, api):
    credit(net, market, net.h11, 10)
    rows = api(net.station_staff).get("/api/points/households/?search=包金山").json()
    assert rows == [{"id": net.h11.pk, "number": "T1V1-0001", "head_name": "包金山",
                     "village": {"id": net.v11.pk, "name": "沃德嘎查", "level": "village"},
                     "balance": 80}]
    by_phone = api(net.township_staff).get("/api/points/households/?search=13800000001").json()
    assert [r["id"] for r in by_phone] == [net.h11.pk]
    assert api(net.station_staff).get("/api/points/households/?search=乌云").json() == []


def test_anonymous_callers_are_refused(net, market, api):
    assert api().get("/api/points/prices/").status_code in (401, 403)
    assert api().post("/api/points/deposits/", {}, format="json").status_code in (401, 403)
