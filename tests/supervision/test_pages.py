"""The staff pages: set a task, report with a photo, ask to close with a confirmation, send
back with a reason, accept; overdue tasks in red; field visits and joint meetings recorded on
a phone form, listed by unit, and raising tasks."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from supervision.models import (
    FieldVisit,
    JointMeeting,
    MeetingDecision,
    SupervisedTask,
)
from tests.supervision.conftest import make_task, png

pytestmark = pytest.mark.django_db


def test_a_task_through_the_pages(snet, web):
    township, station = web(snet.township_staff), web(snet.station_staff)
    deadline = (snet.today + datetime.timedelta(days=7)).isoformat()
    page = township.get("/supervision/tasks/new/")
    assert page.status_code == 200 and "沃德嘎查" in page.content.decode()
    r = township.post("/supervision/tasks/new/", {"title": "清理河道垃圾", "unit": snet.v11.pk,
                                                  "deadline": deadline,
                                                  "evidence_kind": "photos"})
    assert r.status_code == 302
    task = SupervisedTask.objects.get(title="清理河道垃圾")
    url = f"/supervision/tasks/{task.pk}/"
    assert "清理河道垃圾" in station.get("/supervision/tasks/").content.decode()

    r = station.post(f"{url}progress/", {"note": "已清理一半", "photos": [png()]}, follow=True)
    assert "进展已提交" in r.content.decode()
    assert task.progress_reports.get().photos.count() == 1

    r = station.post(f"{url}request-close/", {"note": "完成"}, follow=True)
    assert "请勾选确认" in r.content.decode()
    station.post(f"{url}request-close/", {"note": "完成", "confirm": "1"})
    task.refresh_from_db()
    assert task.state == "close_requested"

    assert station.post(f"{url}accept/", {"confirm": "1"}).status_code == 403
    r = township.post(f"{url}return/", {"confirm": "1", "reason": ""}, follow=True)
    assert "请填写退回理由" in r.content.decode()
    township.post(f"{url}return/", {"confirm": "1", "reason": "下游仍有垃圾"})
    task.refresh_from_db()
    assert task.state == "in_progress"
    assert "下游仍有垃圾" in station.get(url).content.decode()

    station.post(f"{url}request-close/", {"confirm": "1"})
    page = township.get(url).content.decode()
    assert "验收办结" in page
    township.post(f"{url}accept/", {"confirm": "1"})
    task.refresh_from_db()
    assert task.state == "closed"


def test_a_bad_task_form_says_what_is_wrong(snet, web):
    r = web(snet.township_staff).post("/supervision/tasks/new/", {
        "title": "", "unit": snet.v11.pk, "deadline": "2000-01-01"})
    assert r.status_code == 400
    assert "请填写督办事项" in r.content.decode()


def test_overdue_tasks_show_in_red(snet, web):
    late = make_task(snet, unit=snet.t1, days=0, title="逾期的事项")
    SupervisedTask.objects.filter(pk=late.pk).update(
        deadline=snet.today - datetime.timedelta(days=3))
    make_task(snet, unit=snet.t1, days=9, title="未到期的事项")
    html = web(snet.leader).get("/supervision/tasks/?scope=area").content.decode()
    assert f'class="card task late" id="task-{late.pk}"' in html
    assert html.count("card task late") == 1
    html = web(snet.township_staff).get("/supervision/tasks/?scope=area&overdue=1")
    assert "逾期的事项" in html.content.decode()
    assert "未到期的事项" not in html.content.decode()


def test_a_leader_records_a_visit_that_shows_at_the_village_and_township(snet, web):
    leader = web(snet.leader)
    r = leader.post("/supervision/visits/new/", {
        "villages": [snet.v11.pk, snet.v12.pk], "started_on": snet.today.isoformat(),
        "ended_on": snet.today.isoformat(), "findings": "文化室缺少图书"})
    assert r.status_code == 302
    visit = FieldVisit.objects.get()
    assert visit.leader == snet.leader and visit.days == 1
    for unit in (snet.v11, snet.t1):
        html = web(snet.township_staff).get(f"/supervision/visits/?unit={unit.pk}")
        assert "文化室缺少图书" in html.content.decode()
    html = web(snet.station_staff_other).get("/supervision/visits/").content.decode()
    assert "文化室缺少图书" not in html
    assert web(snet.station_staff_other).get(
        f"/supervision/visits/?unit={snet.v11.pk}").status_code == 404
    html = web(snet.leader).get("/supervision/visits/").content.decode()
    assert 'id="leader-visits"' in html

    r = leader.get(f"/supervision/tasks/new/?origin=visit:{visit.pk}")
    assert r.status_code == 200
    leader.post("/supervision/tasks/new/", {
        "origin": f"visit:{visit.pk}", "title": "补充图书", "unit": snet.v11.pk,
        "deadline": (snet.today + datetime.timedelta(days=20)).isoformat(),
        "evidence_kind": "note"})
    task = SupervisedTask.objects.get(title="补充图书")
    assert task.origin == visit


def test_a_visit_form_refuses_bad_dates(snet, web):
    r = web(snet.leader).post("/supervision/visits/new/", {
        "villages": [snet.v11.pk], "started_on": snet.today.isoformat(),
        "ended_on": (snet.today - datetime.timedelta(days=2)).isoformat(), "findings": "x"})
    assert r.status_code == 400 and "结束日期不能早于开始日期" in r.content.decode()
    r = web(snet.leader).post("/supervision/visits/new/", {
        "started_on": snet.today.isoformat(), "ended_on": snet.today.isoformat(),
        "findings": "x"})
    assert r.status_code == 400 and "请至少选择一个嘎查村" in r.content.decode()


def test_a_joint_meeting_records_decisions_that_raise_tasks(snet, web):
    township = web(snet.township_staff)
    r = township.post("/supervision/meetings/new/", {
        "unit": snet.t1.pk, "date": snet.today.isoformat(),
        "participants": [snet.township_leader.pk], "other_participants": "各嘎查书记",
        "topics": "秋季人居环境整治", "decisions": "清理柴草堆\n\n修缮村道"})
    assert r.status_code == 302
    meeting = JointMeeting.objects.get()
    assert [d.text for d in meeting.decisions.all()] == ["清理柴草堆", "修缮村道"]
    decision = meeting.decisions.first()
    township.post("/supervision/tasks/new/", {
        "origin": f"decision:{decision.pk}", "title": "清理柴草堆", "unit": snet.v11.pk,
        "deadline": (snet.today + datetime.timedelta(days=20)).isoformat()})
    task = SupervisedTask.objects.get(title="清理柴草堆")
    assert task.origin_type == ContentType.objects.get_for_model(MeetingDecision)
    assert task.origin_id == decision.pk
    html = township.get(f"/supervision/meetings/?unit={snet.t1.pk}").content.decode()
    assert "秋季人居环境整治" in html and "1 项督办" in html
    assert "秋季人居环境整治" not in web(snet.township_staff_other).get(
        "/supervision/meetings/").content.decode()


def test_leaders_visits_per_quarter_against_the_setting(snet, settings):
    from supervision import selectors, services

    settings.SUPERVISION_VISITS_PER_QUARTER = 3
    services.visit_record(actor=snet.leader, villages=[snet.v11], started_on=snet.today,
                          ended_on=snet.today, findings="走访")
    rows = {r["leader"].pk: r for r in selectors.leader_visits_by_quarter(
        snet.banner_admin, snet.today.year)}
    quarter = (snet.today.month - 1) // 3
    mine = rows[snet.leader.pk]
    assert mine["expected"] == 3 and mine["total"] == 1
    assert mine["quarters"][quarter] == {"n": 1, "short": True}
    assert rows[snet.township_leader.pk]["total"] == 0
