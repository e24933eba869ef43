"""Who sees which tasks (a unit its own and those below it), who may set them, and clear
Chinese answers for bad input."""

import datetime

import pytest

from tests.supervision.conftest import make_task

pytestmark = pytest.mark.django_db
URL = "/api/supervised-tasks/"


def _titles(client, query=""):
    r = client.get(f"{URL}{query}")
    assert r.status_code == 200
    return sorted(t["title"] for t in r.json()["results"])


def test_a_unit_sees_its_own_tasks_and_those_below_it(snet, api):
    make_task(snet, unit=snet.banner, title="旗")
    make_task(snet, unit=snet.t1, title="镇一")
    make_task(snet, unit=snet.v11, title="村一一")
    make_task(snet, unit=snet.v21, title="村二一")
    assert _titles(api(snet.leader)) == sorted(["旗", "镇一", "村一一", "村二一"])
    assert _titles(api(snet.township_staff)) == sorted(["镇一", "村一一"])
    assert _titles(api(snet.station_staff)) == ["村一一"]
    assert _titles(api(snet.station_staff_other)) == ["村二一"]
    assert api(snet.villager).get(URL).status_code == 403
    assert _titles(api(snet.leader), f"?unit={snet.t1.pk}") == ["镇一"]
    assert _titles(api(snet.leader), "?state=closed") == []


def test_tasks_are_set_from_above_only(snet, api):
    deadline = (snet.today + datetime.timedelta(days=7)).isoformat()

    def post(user, unit):
        return api(user).post(URL, {"title": "事项", "unit": unit.pk, "deadline": deadline},
                              format="json")

    assert post(snet.township_staff, snet.v11).status_code == 201
    assert post(snet.township_staff, snet.t1).status_code == 403  # its own unit
    assert post(snet.township_staff, snet.v21).status_code == 400  # not a unit it sees
    assert post(snet.station_staff, snet.v11).status_code == 403
    assert post(snet.leader, snet.t2).status_code == 201
    assert post(snet.banner_admin, snet.banner).status_code == 201
    assert post(snet.reviewer, snet.t1).status_code == 403
    assert post(snet.villager, snet.t1).status_code == 403


def test_bad_input_is_answered_in_chinese(snet, api):
    client = api(snet.banner_admin)
    past = (snet.today - datetime.timedelta(days=1)).isoformat()
    r = client.post(URL, {"title": " ", "unit": snet.t1.pk, "deadline": past}, format="json")
    assert r.status_code == 400
    body = r.json()
    assert "title" in body
    r = client.post(URL, {"title": "事项", "unit": snet.t1.pk, "deadline": past},
                    format="json")
    assert r.status_code == 400 and "已经过去" in str(r.json()["deadline"])
    r = client.post(URL, {"title": "事项", "unit": snet.b111.pk, "deadline": "2099-01-01"},
                    format="json")
    assert r.status_code == 400 and "unit" in r.json()
    r = client.post(URL, {"title": "事项", "unit": snet.t1.pk, "deadline": "明天"},
                    format="json")
    assert r.status_code == 400 and "deadline" in r.json()
    r = client.post(URL, {"title": "事项", "unit": snet.t1.pk, "deadline": "2099-01-01",
                          "evidence_kind": "indicator", "indicator_code": "nope"},
                    format="json")
    assert r.status_code == 400 and "indicator_code" in r.json()
    r = client.post(URL, {"title": "事项", "unit": snet.t1.pk, "deadline": "2099-01-01",
                          "evidence_kind": "activity"}, format="json")
    assert r.status_code == 400 and "activity" in r.json()
    task = make_task(snet, unit=snet.t1)
    r = api(snet.township_staff).post(f"{URL}{task.pk}/progress/", {"note": ""},
                                      format="json")
    assert r.status_code == 400 and "note" in r.json()
    r = api(snet.township_staff).post(f"{URL}{task.pk}/progress/",
                                      {"note": "进展", "photos": [_not_a_picture()]},
                                      format="multipart")
    assert r.status_code == 400 and "图片" in str(r.json())
    assert api(snet.township_staff).get(f"{URL}999999/").status_code == 404


def _not_a_picture():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("x.png", b"not a picture", "image/png")
