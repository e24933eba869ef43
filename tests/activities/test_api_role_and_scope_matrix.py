"""Who may read and act on an activity of village v11: 200, 403 (wrong role) or 404 (outside)."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

READ = {
    "villager": 200, "villager_b": 404, "villager_other": 404, "volunteer": 200,
    "volunteer_other": 404, "station_staff": 200, "station_staff_other": 404,
    "township_staff": 200, "township_staff_other": 404, "township_leader": 200, "leader": 200,
    "reviewer": 200, "banner_admin": 200,
}


@pytest.mark.parametrize(("who", "code"), READ.items())
def test_reading_an_activity(vnet, api, act, who, code):
    assert api(getattr(vnet, who)).get(f"/api/activities/{act.pk}/").status_code == code


@pytest.mark.parametrize(("who", "code"), READ.items())
def test_listing_shows_only_what_is_in_scope(vnet, api, act, who, code):
    ids = [a["id"] for a in api(getattr(vnet, who)).get("/api/activities/").json()["results"]]
    assert (act.pk in ids) == (code == 200)


def test_villagers_see_the_activities_of_their_township_and_banner_but_not_others(
        vnet, api, plan):
    township = plan(unit=vnet.t1, actor=vnet.township_staff, teams=[])
    banner = plan(unit=vnet.banner, actor=vnet.banner_admin, teams=[])
    other = plan(unit=vnet.t2, actor=vnet.township_staff_other, teams=[])
    ids = {a["id"] for a in api(vnet.villager).get("/api/activities/").json()["results"]}
    assert {township.pk, banner.pk} <= ids and other.pk not in ids


def test_a_volunteer_sees_what_their_team_organises_elsewhere(vnet, api, plan):
    far = plan(unit=vnet.t2, actor=vnet.township_staff_other, teams=[vnet.team_other])
    ids = {a["id"] for a in api(vnet.volunteer_other).get("/api/activities/").json()["results"]}
    assert far.pk in ids


ACTIONS = {
    "held": {"villager": 403, "volunteer": 403, "leader": 403, "reviewer": 403,
             "station_staff_other": 404, "township_staff_other": 404, "station_staff": 200},
    "cancel": {"villager": 403, "volunteer": 403, "township_leader": 403,
               "township_staff_other": 404, "township_staff": 200},
    "check-in": {"villager": 403, "leader": 403, "reviewer": 403,
                 "township_staff_other": 404, "station_staff_other": 404, "station_staff": 200},
    "add-hours": {"villager": 403, "volunteer": 403, "leader": 403,
                  "township_staff_other": 404, "banner_admin": 200},
}
CASES = [(a, who, code) for a, table in ACTIONS.items() for who, code in table.items()]


@pytest.mark.parametrize(("action", "who", "code"), CASES)
def test_acting_on_an_activity(vnet, api, act, action, who, code):
    body = {"volunteer": vnet.vol.pk, "hours": "1", "participants": 30, "reason": "下雨"}
    r = api(getattr(vnet, who)).post(f"/api/activities/{act.pk}/{action}/", body,
                                     format="json")
    assert r.status_code == code, r.content


@pytest.mark.parametrize(("who", "code"), [
    ("villager", 403), ("volunteer", 403), ("leader", 403), ("station_staff_other", 404),
    ("station_staff", 200), ("township_staff", 200), ("banner_admin", 200)])
def test_the_qr_link_is_for_staff_of_the_area(vnet, api, act, who, code):
    r = api(getattr(vnet, who)).get(f"/api/activities/{act.pk}/qr/")
    assert r.status_code == code
    if code == 200:
        assert "/volunteers/a/" in r.json()["url"] and r.json()["token"]


@pytest.mark.parametrize(("who", "code"), [
    ("villager", 403), ("volunteer", 403), ("leader", 403), ("township_staff_other", 404),
    ("township_staff", 200)])
def test_editing_an_activity(vnet, api, act, who, code):
    r = api(getattr(vnet, who)).patch(f"/api/activities/{act.pk}/", {"title": "法治讲座"},
                                      format="json")
    assert r.status_code == code, r.content


@pytest.mark.parametrize(("who", "code"), [
    ("villager", 403), ("volunteer", 403), ("leader", 403), ("station_staff_other", 404),
    ("station_staff", 200)])
def test_deleting_a_planned_activity(vnet, api, act, who, code):
    # 200: it has a history (its planning), so it is cancelled, not deleted
    assert api(getattr(vnet, who)).delete(f"/api/activities/{act.pk}/").status_code == code


def _body(vnet, **kw):
    now = timezone.now()
    body = {"unit": vnet.v11.pk, "category": "health", "title": "义诊进嘎查",
            "starts_at": (now + timedelta(days=1)).isoformat(),
            "ends_at": (now + timedelta(days=1, hours=2)).isoformat(), "place": "卫生室",
            "teams": [vnet.team.pk]}
    body.update(kw)
    return body


@pytest.mark.parametrize(("who", "code"), [
    ("villager", 403), ("volunteer", 403), ("leader", 403), ("reviewer", 403),
    ("station_staff", 201), ("township_staff", 201), ("banner_admin", 201)])
def test_creating_an_activity(vnet, api, who, code):
    r = api(getattr(vnet, who)).post("/api/activities/", _body(vnet), format="json")
    assert r.status_code == code, r.content
    if code == 201:
        assert r.json()["status"] == "planned" and r.json()["teams"][0]["name"] == vnet.team.name


def test_staff_cannot_plan_outside_their_area(vnet, api):
    r = api(vnet.station_staff).post("/api/activities/", _body(vnet, unit=vnet.v21.pk),
                                     format="json")
    assert r.status_code == 400 and "unit" in r.json()
    r = api(vnet.station_staff).post("/api/activities/", _body(vnet, teams=[vnet.team_other.pk]),
                                     format="json")
    assert r.status_code == 400 and "teams" in r.json()


def test_a_volunteer_sees_what_they_attended_elsewhere_and_nothing_else_there(vnet, api, plan):
    from volunteers import activity_services

    # In t1, far from volunteer_other's line (t2) and organised by no team of theirs.
    attended = plan(unit=vnet.t1, actor=vnet.township_staff, teams=[])
    unrelated = plan(unit=vnet.t1, actor=vnet.township_staff, teams=[])
    # Checked in with the activity's QR code, which works for volunteers from anywhere.
    activity_services.attendance_check_in(attended, actor=vnet.volunteer_other,
                                          token=activity_services.checkin_token(attended))
    ids = {a["id"] for a in api(vnet.volunteer_other).get("/api/activities/").json()["results"]}
    assert attended.pk in ids and unrelated.pk not in ids
