"""A task's whole life through the API: set, progress with a photo, ask to close, sent back
with a reason, asked again, accepted; who may do each step, and 409 for a step out of turn."""

import datetime

import pytest

from supervision.models import ProgressReport, SupervisedTask, TaskEvent
from tests.supervision.conftest import make_task, png
from volunteers.models import Notification

pytestmark = pytest.mark.django_db
URL = "/api/supervised-tasks/"


def test_a_task_lives_from_set_to_accepted(snet, api):
    banner = api(snet.banner_admin)
    deadline = (snet.today + datetime.timedelta(days=14)).isoformat()
    r = banner.post(URL, {"title": "完成新时代文明实践所阵地提升", "unit": snet.t1.pk,
                          "deadline": deadline, "evidence_kind": "photos",
                          "evidence_text": "阵地照片"}, format="json")
    assert r.status_code == 201, r.content
    task = r.json()
    assert task["state"] == "open"
    assert task["head"] == snet.township_leader.pk  # the township's head by default
    assert Notification.objects.filter(user=snet.township_leader,
                                       message__contains="完成新时代文明实践所").exists()
    url = f"{URL}{task['id']}/"

    township = api(snet.township_staff)
    r = township.post(f"{url}progress/", {"note": "已完成外墙粉刷", "photos": [png()]},
                      format="multipart")
    assert r.status_code == 201, r.content
    assert len(r.json()["photos"]) == 1
    assert township.get(url).json()["state"] == "in_progress"

    r = township.post(f"{url}request-close/", {"note": "已完成"}, format="json")
    assert r.status_code == 200 and r.json()["state"] == "close_requested"

    r = banner.post(f"{url}return/", {"reason": ""}, format="json")
    assert r.status_code == 400 and "reason" in r.json()
    r = banner.post(f"{url}return/", {"reason": "缺少室内照片"}, format="json")
    assert r.status_code == 200 and r.json()["state"] == "in_progress"
    assert Notification.objects.filter(user=snet.township_leader,
                                       message__contains="缺少室内照片").exists()

    assert township.post(f"{url}accept/", format="json").status_code == 403
    assert township.post(f"{url}request-close/", {}, format="json").status_code == 200
    r = banner.post(f"{url}accept/", {}, format="json")
    assert r.status_code == 200 and r.json()["state"] == "closed"
    assert r.json()["closed_on"] == snet.today.isoformat()

    detail = banner.get(url).json()
    assert [e["to_status"] for e in detail["events"]] == [
        "open", "in_progress", "close_requested", "in_progress", "close_requested", "closed"]
    assert detail["events"][3]["note"] == "缺少室内照片"
    assert len(detail["progress"]) == 1
    r = banner.post(f"{url}accept/", {}, format="json")
    assert r.status_code == 409
    assert r.json()["code"] == "invalid_transition" and r.json()["status"] == "closed"
    assert township.post(f"{url}progress/", {"note": "再补充"}, format="json").status_code == 409


def test_a_village_task_is_accepted_by_its_township_not_by_the_village(snet, api):
    task = make_task(snet, unit=snet.v11, actor=snet.township_staff)
    assert task.head == snet.station_staff
    url = f"{URL}{task.pk}/"
    station = api(snet.station_staff)
    assert station.post(f"{url}request-close/", {}, format="json").status_code == 200
    assert station.post(f"{url}accept/", {}, format="json").status_code == 403
    assert api(snet.township_staff_other).post(f"{url}accept/", {},
                                               format="json").status_code == 404
    assert api(snet.township_staff).post(f"{url}accept/", {}, format="json").status_code == 200


def test_only_the_responsible_unit_reports_progress(snet, api):
    task = make_task(snet, unit=snet.t1)
    url = f"{URL}{task.pk}/progress/"
    # A village's staff do not see the township's task at all; the banner's leader sees it
    # but does not report on it.
    assert api(snet.station_staff).post(url, {"note": "x"}, format="json").status_code == 404
    assert api(snet.leader).post(url, {"note": "x"}, format="json").status_code == 403
    assert api(snet.township_leader).post(url, {"note": "进展"},
                                          format="json").status_code == 201


def test_history_and_progress_cannot_be_deleted(snet):
    task = make_task(snet)
    from supervision import services

    report = services.task_progress(task, actor=snet.township_staff, note="进展")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        report.delete()
    with pytest.raises(ValidationError):
        TaskEvent.objects.filter(task=task).first().delete()
    assert ProgressReport.objects.count() == 1
    assert SupervisedTask.objects.get(pk=task.pk).state == "in_progress"
