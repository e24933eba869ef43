"""GET and POST /api/banquets/violations/."""

import pytest

pytestmark = pytest.mark.django_db


def payload(household, **kw):
    data = {"household": household.pk, "event_date": "2025-05-01", "rule": "dishes_per_table",
            "description": "每桌上菜10个", "support_withheld_until": "2099-12-31"}
    data.update(kw)
    return data


def test_the_council_records_a_violation_and_the_flag_shows(net, api):
    r = api(net.station_staff).post("/api/banquets/violations/", payload(net.h11),
                                    format="json")
    assert r.status_code == 201, r.content
    assert r.json()["support_withheld"] is True
    listed = api(net.villager).get("/api/banquets/violations/").json()["results"]
    assert [row["id"] for row in listed] == [r.json()["id"]]


@pytest.mark.parametrize(
    ("who", "code"),
    [("station_staff", 201), ("township_staff", 201), ("banner_admin", 201),
     ("station_staff_other", 400), ("villager", 403), ("reviewer", 403), ("leader", 403)],
)
def test_who_may_record(net, api, who, code):
    r = api(getattr(net, who)).post("/api/banquets/violations/", payload(net.h11),
                                    format="json")
    assert r.status_code == code, r.content


def test_a_bad_record_names_each_field(net, api):
    r = api(net.station_staff).post(
        "/api/banquets/violations/",
        payload(net.h11, rule="noise", event_date="2099-01-01", description=""),
        format="json")
    assert r.status_code == 400
    assert {"rule", "description"} <= set(r.json())


def test_violations_outside_scope_are_404(net, api):
    r = api(net.station_staff).post("/api/banquets/violations/", payload(net.h11),
                                    format="json")
    pk = r.json()["id"]
    assert api(net.station_staff_other).get(f"/api/banquets/violations/{pk}/").status_code == 404
    assert api(net.villager_b).get(f"/api/banquets/violations/{pk}/").status_code == 404
    assert api(net.reviewer).get(f"/api/banquets/violations/{pk}/").status_code == 200
