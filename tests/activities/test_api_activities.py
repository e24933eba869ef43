"""The activity API: input errors name their field, wrong states answer 409, filters work."""

from datetime import timedelta

import pytest
from django.utils import timezone

from volunteers import activity_services
from volunteers.models import Activity, ActivityEvent, ActivityStatus

pytestmark = pytest.mark.django_db


def _body(vnet, **kw):
    now = timezone.now()
    body = {"unit": vnet.v11.pk, "category": "health", "title": "义诊进嘎查",
            "starts_at": (now + timedelta(days=1)).isoformat(),
            "ends_at": (now + timedelta(days=1, hours=2)).isoformat()}
    body.update(kw)
    return body


@pytest.mark.parametrize(("change", "field"), [
    ({"title": ""}, "title"),
    ({"category": "dancing"}, "category"),
    ({"unit": 999999}, "unit"),
    ({"starts_at": "明天"}, "starts_at"),
    ({"ends_at": (timezone.now() - timedelta(days=3)).isoformat()}, "ends_at"),
    ({"ends_at": (timezone.now() + timedelta(days=3)).isoformat()}, "ends_at"),
    ({"category": "service_day", "unit": "T1"}, "unit"),
])
def test_bad_input_is_refused_naming_the_field(vnet, api, change, field):
    if change.get("unit") == "T1":
        change["unit"] = vnet.t1.pk
    r = api(vnet.township_staff).post("/api/activities/", _body(vnet, **change), format="json")
    assert r.status_code == 400, r.content
    assert field in r.json()
    assert not Activity.objects.exists()


def test_the_status_moves_only_along_the_table(vnet, api, act):
    staff = api(vnet.station_staff)
    r = staff.post(f"/api/activities/{act.pk}/held/", {"participants": 42}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "held"
    assert r.json()["participants"] == 42
    for action in ("held", "cancel"):
        r = staff.post(f"/api/activities/{act.pk}/{action}/", {}, format="json")
        assert r.status_code == 409
        assert (r.json()["code"], r.json()["status"]) == ("invalid_transition", "held")
    r = staff.patch(f"/api/activities/{act.pk}/", {"title": "改"}, format="json")
    assert r.status_code == 409
    assert (r.json()["code"], r.json()["status"]) == ("invalid_transition", "held")
    assert staff.delete(f"/api/activities/{act.pk}/").status_code == 409
    moves = list(ActivityEvent.objects.filter(activity=act).values_list("from_status",
                                                                         "to_status"))
    assert moves == [("", "planned"), ("planned", "held")]


def test_an_activity_in_the_future_cannot_be_marked_held(vnet, api, plan):
    later = plan(starts_at=timezone.now() + timedelta(days=2),
                 ends_at=timezone.now() + timedelta(days=2, hours=1))
    r = api(vnet.station_staff).post(f"/api/activities/{later.pk}/held/", {}, format="json")
    assert r.status_code == 409
    assert (r.json()["code"], r.json()["status"]) == ("invalid_transition", "planned")
    assert r.json()["detail"] == "活动尚未开始。"


def test_a_cancelled_activity_stays_cancelled(vnet, api, act):
    staff = api(vnet.station_staff)
    assert staff.post(f"/api/activities/{act.pk}/cancel/", {"reason": "大风"},
                      format="json").json()["status"] == "cancelled"
    r = staff.post(f"/api/activities/{act.pk}/held/", {}, format="json")
    assert r.status_code == 409
    assert (r.json()["code"], r.json()["status"]) == ("invalid_transition", "cancelled")


def test_participants_must_be_a_sensible_number(vnet, api, act):
    r = api(vnet.station_staff).post(f"/api/activities/{act.pk}/held/", {"participants": -1},
                                     format="json")
    assert r.status_code == 400 and "participants" in r.json()
    assert Activity.objects.get(pk=act.pk).status == ActivityStatus.PLANNED


def test_filters_by_category_status_unit_and_dates(vnet, api, plan):
    now = timezone.localtime()
    a = plan(category="health", starts_at=now - timedelta(days=10),
             ends_at=now - timedelta(days=10) + timedelta(hours=1))
    b = plan(category="legal", starts_at=now - timedelta(days=1),
             ends_at=now - timedelta(days=1) + timedelta(hours=1))
    c = plan(category="legal", unit=vnet.v12, teams=[], actor=vnet.township_staff,
             starts_at=now - timedelta(days=1),
             ends_at=now - timedelta(days=1) + timedelta(hours=1))
    activity_services.activity_mark_held(b, actor=vnet.station_staff)
    client = api(vnet.township_staff)

    def ids(query):
        r = client.get(f"/api/activities/?{query}")
        assert r.status_code == 200, r.content
        return {x["id"] for x in r.json()["results"]}

    assert ids("category=legal") == {b.pk, c.pk}
    assert ids("category=legal&category=health") == {a.pk, b.pk, c.pk}
    assert ids("status=held") == {b.pk}
    assert ids(f"unit={vnet.v12.pk}") == {c.pk}
    day = (now - timedelta(days=10)).date()
    assert ids(f"from={day}&to={day}") == {a.pk}
    assert ids(f"from={(now - timedelta(days=2)).date()}") == {b.pk, c.pk}
    r = client.get("/api/activities/?from=昨天")
    assert r.status_code == 400 and "from" in r.json()


def test_the_list_costs_a_fixed_number_of_queries(vnet, api, plan,
                                                  django_assert_max_num_queries):
    for i in range(12):
        plan(title=f"活动{i}", teams=[vnet.team, vnet.team_t1])
    client = api(vnet.township_staff)
    with django_assert_max_num_queries(6):
        r = client.get("/api/activities/")
    assert r.json()["count"] == 12


def test_volunteers_check_in_and_out_through_the_api(vnet, api, act, token):
    client = api(vnet.volunteer)
    r = client.post(f"/api/activities/{act.pk}/check-in/", {"token": token}, format="json")
    assert r.status_code == 200 and r.json()["check_in_method"] == "qr"
    r = client.post(f"/api/activities/{act.pk}/check-out/", {"token": token}, format="json")
    assert r.status_code == 200 and r.json()["hours_source"] == "verified"
    r = client.post(f"/api/activities/{act.pk}/check-in/", {}, format="json")
    assert r.status_code == 400 and "token" in r.json()


def test_staff_check_in_needs_the_volunteer(vnet, api, act):
    r = api(vnet.station_staff).post(f"/api/activities/{act.pk}/check-in/", {}, format="json")
    assert r.status_code == 400 and "volunteer" in r.json()
    r = api(vnet.station_staff).post(f"/api/activities/{act.pk}/check-in/",
                                     {"volunteer": vnet.vol_other.pk}, format="json")
    assert r.status_code == 400 and "volunteer" in r.json()


def test_check_out_before_check_in_is_a_conflict(vnet, api, act, token):
    r = api(vnet.volunteer).post(f"/api/activities/{act.pk}/check-out/", {"token": token},
                                 format="json")
    assert r.status_code == 409 and r.json()["code"] == "not_checked_in"


def test_attendance_list_for_staff(vnet, api, act, token):
    activity_services.attendance_check_in(act, actor=vnet.volunteer, token=token)
    rows = api(vnet.township_leader).get(f"/api/activities/{act.pk}/attendance/").json()
    assert [r["volunteer"]["name"] for r in rows] == [vnet.vol.name]
    assert api(vnet.volunteer).get(f"/api/activities/{act.pk}/attendance/").status_code == 403
