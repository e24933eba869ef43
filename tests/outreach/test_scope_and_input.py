import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.outreach.conftest import past_stop, plan, stop_data

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _web(user):
    client = Client()
    client.force_login(user)
    return client


def test_staff_see_the_posts_of_their_area(onet):
    ids = {p["id"] for p in _api(onet.township_staff).get("/api/outreach/posts/").json()[
        "results"]}
    assert ids == {onet.m1.pk}
    assert _api(onet.township_staff_other).get(f"/api/outreach/posts/{onet.m1.pk}/"
                                               ).status_code == 404
    assert _api(onet.villager).get("/api/outreach/posts/").status_code == 403


def test_a_villages_station_sees_the_stops_in_its_village_only(onet):
    round_ = plan(onet, [stop_data(onet), stop_data(onet, village=onet.v12.pk,
                                                    date=onet.month.replace(day=12))])
    at_v11, at_v12 = round_.stops.order_by("date")
    api = _api(onet.station_staff)
    assert api.get(f"/api/outreach/stops/{at_v11.pk}/").status_code == 200
    assert api.get(f"/api/outreach/stops/{at_v12.pk}/").status_code == 404
    assert api.get(f"/api/outreach/rounds/{round_.pk}/").status_code == 404
    # seeing is not managing
    assert api.post(f"/api/outreach/stops/{at_v11.pk}/cancel/", {"reason": "x"},
                    format="json").status_code == 403


def test_plan_and_record_through_the_api(onet, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    api = _api(onet.township_staff)
    body = {"post": onet.m1.pk, "year": onet.month.year, "month": onet.month.month,
            "stops": [{**stop_data(onet), "date": onet.month.replace(day=10).isoformat()}]}
    response = api.post("/api/outreach/rounds/", body, format="json")
    assert response.status_code == 201, response.content
    assert len(response.json()["stops"]) == 1
    bad = {**body, "month": onet.month.month % 12 + 1 if onet.month.month < 12 else 1,
           "year": onet.month.year + (onet.month.month == 12),
           "stops": [{**body["stops"][0], "village": onet.v21.pk}]}
    bad["stops"][0]["date"] = f"{bad['year']}-{bad['month']:02d}-10"
    response = api.post("/api/outreach/rounds/", bad, format="json")
    assert response.status_code == 400
    assert "流动驿站所在苏木镇" in response.json()["village"][0]
    stop = past_stop(onet)
    response = api.post(f"/api/outreach/stops/{stop.pk}/record/", {
        "people_served": 20, "given": [{"service_item": onet.haircut.pk, "count": 8}]},
        format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "done"
    from tests.outreach.conftest import png

    response = api.post(f"/api/outreach/stops/{stop.pk}/photos/", {"image": png()},
                        format="multipart")
    assert response.status_code == 201


@pytest.mark.parametrize("body", [
    {}, {"people_served": -1}, {"people_served": "很多"}, {"people_served": 2**70},
    {"people_served": 3, "given": [{"service_item": 999999, "count": 1}]},
    {"people_served": 3, "given": "x"}, {"people_served": 3, "activities": [2**80]},
    {"people_served": 3, "activity_unit": "moon"},
])
def test_bad_records_are_400_not_500(onet, body):
    stop = past_stop(onet)
    response = _api(onet.township_staff).post(f"/api/outreach/stops/{stop.pk}/record/", body,
                                              format="json")
    assert response.status_code == 400


@pytest.mark.parametrize("body", [
    {"post": "x"}, {"post": 2**80, "year": 2026, "month": 1}, {"year": 99999},
    {"post": 1, "year": 2030, "month": 13}, {"stops": "x"},
])
def test_bad_plans_are_400_not_500(onet, body):
    response = _api(onet.township_staff).post("/api/outreach/rounds/", body, format="json")
    assert response.status_code == 400


def test_the_staff_pages_plan_add_and_record(onet, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    web = _web(onet.township_staff)
    assert web.get(reverse("outreach:posts")).status_code == 200
    assert web.get(reverse("outreach:post", args=[onet.m1.pk])).status_code == 200
    response = web.post(reverse("outreach:round-new", args=[onet.m1.pk]),
                        {"month": onet.month.strftime("%Y-%m"), "copy_previous": "on"})
    assert response.status_code == 302
    round_url = response.url
    response = web.post(round_url, {
        "action": "add", "date": onet.month.replace(day=9).isoformat(), "starts_at": "09:00",
        "ends_at": "08:00", "place_kind": "school", "village": onet.v11.pk, "place": "小学"})
    assert response.status_code == 200
    assert "结束时间必须晚于开始时间" in response.content.decode()
    response = web.post(round_url, {
        "action": "add", "date": onet.month.replace(day=9).isoformat(), "starts_at": "09:00",
        "ends_at": "10:00", "place_kind": "school", "village": onet.v11.pk, "place": "小学",
        "services": [onet.checkup.pk]})
    assert response.status_code == 302
    stop = past_stop(onet)
    response = web.post(reverse("outreach:stop", args=[stop.pk]), {
        "action": "record", "people_served": "-5"})
    assert response.status_code == 200
    response = web.post(reverse("outreach:stop", args=[stop.pk]), {
        "action": "record", "people_served": "15", f"given_{onet.haircut.pk}": "6",
        "activity_title": "理发进嘎查", "activity_unit": "post"})
    assert response.status_code == 302
    stop.refresh_from_db()
    assert stop.people_served == 15 and stop.activities.count() == 1
    assert web.get(reverse("outreach:stop", args=[stop.pk])).status_code == 200
    profile = web.post(reverse("outreach:post", args=[onet.m1.pk]), {
        "action": "profile", "team": onet.team.pk, "vehicle": "依维柯服务车",
        "phone": "13912345678"})
    assert profile.status_code == 302
    bad_phone = web.post(reverse("outreach:post", args=[onet.m1.pk]), {
        "action": "profile", "vehicle": "车", "phone": "123"})
    assert bad_phone.status_code == 200 and "手机号码" in bad_phone.content.decode()


def test_other_townships_staff_get_404_and_readers_cannot_write(onet):
    round_ = plan(onet, [stop_data(onet)])
    stop = round_.stops.get()
    other = _web(onet.township_staff_other)
    assert other.get(reverse("outreach:round", args=[round_.pk])).status_code == 404
    assert other.get(reverse("outreach:stop", args=[stop.pk])).status_code == 404
    assert other.get(reverse("outreach:post", args=[onet.m1.pk])).status_code == 404
    leader = _web(onet.leader)
    assert leader.get(reverse("outreach:round", args=[round_.pk])).status_code == 200
    assert leader.post(reverse("outreach:stop", args=[stop.pk]),
                       {"action": "cancel", "reason": "x"}).status_code == 403


@pytest.mark.parametrize("services", [[None, None], "理发", 5, {"a": 1}, [[1]]])
def test_bad_service_lists_are_400_not_500(onet, services):
    body = {"post": onet.m1.pk, "year": onet.month.year, "month": onet.month.month,
            "stops": [{"date": onet.month.replace(day=10).isoformat(), "starts_at": "00:00:00Z",
                       "ends_at": "10:00", "village": onet.v11.pk, "place": "广场",
                       "services": services}]}
    response = _api(onet.township_staff).post("/api/outreach/rounds/", body, format="json")
    assert response.status_code == 400
