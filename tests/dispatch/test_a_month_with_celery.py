"""One month of the 月调度 mechanism end to end, its scheduled work done by a real Celery worker
on Redis: the month's figures → the submissions with their figures frozen → the reminder on the
deadline → filled in, submitted, signed off → the dispatch meeting and its decisions → a
supervised task raised from each decision → progress, asked to close, accepted → the other one
left late and escalated to the banner's leaders → the indicators, the assessment and the 月调度
view show it."""

import datetime
import time
from decimal import Decimal

import pytest
from celery import current_app
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from dispatch import services as dispatch_services
from dispatch.models import Decision, Submission
from dispatch.tasks import create_submissions, remind_submissions
from practice.indicators import Period, evaluate
from practice.models import Unit
from reports import services as reports
from reports.models import Assessment, AssessmentItem
from supervision.models import SupervisedTask, TaskEvent
from supervision.tasks import escalate_overdue_tasks
from tests.dispatch.conftest import due_soon, submission
from tests.reports.conftest import at, household
from tests.supervision.conftest import png
from volunteers.models import Notification

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CODES = ["dispatch.submissions_on_time", "dispatch.submissions_late",
         "supervision.tasks_closed_on_time", "supervision.tasks_escalated"]


def _until(check, seconds=20):
    """Wait for the worker to have done it (it runs in a thread of this process)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def _raise_task(web, admin, decision, unit, deadline):
    """The banner's administrator raises a task from a decision on the task form."""
    url = f"/supervision/tasks/new/?origin=dispatch:{decision.pk}"
    form = web(admin).get(url).content.decode()
    assert decision.text in form  # the decision's text is offered as the task
    r = web(admin).post(url, {
        "origin": f"dispatch:{decision.pk}", "title": decision.text, "unit": unit.pk,
        "deadline": deadline.isoformat(), "evidence_kind": "note",
        "evidence_text": "附整改台账"})
    assert r.status_code == 302, r.content.decode()[:2000]
    return SupervisedTask.objects.get(origin_id=decision.pk, unit=unit)


def test_a_month_of_the_dispatch_mechanism(heads, api, web, broker, daytime):
    net = heads
    point_to, redis_url = broker
    point_to(redis_url)
    Unit.objects.filter(pk=net.banner.pk).update(head=net.banner_admin)
    today = timezone.localdate()
    year, month = dispatch_services.previous_month(today)
    household(net.v11, "T1V1-0300", at(year, month, day=3))
    reports.monthly_reports_build(year, month)

    with start_worker(current_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        # 1. On the 1st: every township and village gets its submission, figures frozen in.
        create_submissions.delay(year, month)
        assert _until(lambda: Submission.objects.filter(year=year, month=month).count() == 5)
        sub = due_soon(submission(net.t1, (year, month)), days=0)  # due today
        figures = {f["code"]: f["value"] for f in sub.figures}
        assert figures["practice.households_new"] == 1

        # 2. The reminder on the deadline reaches the township's head.
        remind_submissions.delay()
        assert _until(lambda: Notification.objects.filter(
            user=net.t1_head, message__contains=net.t1.name).exists())

        # 3. Staff fill it in and submit it; the head signs it off, on time.
        staff = api(net.township_staff)
        r = staff.patch(f"/api/submissions/{sub.pk}/", {
            "work_done": "开展理论宣讲三场", "problems": "牧区居住分散",
            "help_requested": "请旗里派宣讲骨干", "next_plan": "补开志愿服务活动日"},
            format="json")
        assert r.status_code == 200, r.content
        assert staff.post(f"/api/submissions/{sub.pk}/submit/").status_code == 200
        r = api(net.t1_head).post(f"/api/submissions/{sub.pk}/sign-off/")
        assert r.status_code == 200 and r.json()["standing"] == "on_time", r.content

        # 4. The banner's dispatch meeting: its agenda, two decisions naming a township each.
        admin = api(net.banner_admin)
        r = admin.post("/api/dispatch-meetings/", {
            "unit": net.banner.pk, "year": year, "month": month, "date": today.isoformat(),
            "attendees": [net.t1_head.pk, net.t2_head.pk]}, format="json")
        assert r.status_code == 201, r.content
        meeting = r.json()["id"]
        for text, unit in (("查日苏镇补开志愿服务活动日", net.t1),
                           ("努古斯台镇月报限期补报", net.t2)):
            r = admin.post(f"/api/dispatch-meetings/{meeting}/decisions/",
                           {"text": text, "unit": unit.pk}, format="json")
            assert r.status_code == 201, r.content
        first, second = Decision.objects.filter(meeting_id=meeting).order_by("order")

        # 5. Each decision becomes a supervised task of the township it names.
        done = _raise_task(web, net.banner_admin, first, net.t1, today)
        late = _raise_task(web, net.banner_admin, second, net.t2, today)

        # 6. 查日苏镇 reports progress with a photo, asks to close; the banner accepts.
        url = f"/api/supervised-tasks/{done.pk}/"
        r = staff.post(f"{url}progress/", {"note": "已补开，附照片", "photos": [png()]},
                       format="multipart")
        assert r.status_code in (200, 201), r.content
        assert staff.post(f"{url}request-close/", {"note": "已办结"},
                          format="json").status_code == 200
        r = admin.post(f"{url}accept/", {}, format="json")
        assert r.status_code == 200 and r.json()["state"] == "closed", r.content

        # 7. 努古斯台镇 does nothing: three days past the deadline the daily run escalates it
        # to the banner's leaders (once), the deadline notice having gone to its head.
        for days in (3, 4):
            escalate_overdue_tasks.delay(on=(today + datetime.timedelta(days=days)).isoformat())
        assert _until(lambda: SupervisedTask.objects.get(pk=late.pk).escalated_at is not None)
        assert _until(lambda: Notification.objects.filter(
            user=net.leader, message__contains="努古斯台镇月报限期补报").exists())
    assert TaskEvent.objects.filter(task=late, kind="escalated").count() == 1
    told = Notification.objects.filter(user=net.t2_head, message__contains="努古斯台镇月报限期补报")
    assert told.count() == 2  # the new task, then its deadline
    assert SupervisedTask.objects.get(pk=done.pk).escalated_at is None

    # 8. The indicators move: 查日苏镇 on time with its submission and its task, 努古斯台镇
    # missing its submission and escalated; the banner sums them.
    period = Period(datetime.date(year, 1, 1), today + datetime.timedelta(days=1))
    values = evaluate(period, [net.t1, net.t2, net.banner], CODES)
    assert values[net.t1.pk]["dispatch.submissions_on_time"] == 1
    assert values[net.t1.pk]["supervision.tasks_closed_on_time"] == 1
    assert values[net.t2.pk]["supervision.tasks_closed_on_time"] == 0
    assert values[net.t2.pk]["supervision.tasks_escalated"] == 1
    assert values[net.banner.pk]["supervision.tasks_escalated"] == 1

    # 9. ... and so does the assessment: the township that did its part ranks first.
    assessment = Assessment.objects.create(unit=net.banner, year=today.year, title="考核")
    for code, higher in (("supervision.tasks_closed_on_time", True),
                         ("supervision.tasks_escalated", False)):
        AssessmentItem.objects.create(assessment=assessment, code=code, weight=Decimal("10"),
                                      target=Decimal("1"), higher_is_better=higher)
    ranking = api(net.leader).get(f"/api/assessments/?year={today.year}").json()
    rows = {r["name"]: r for r in ranking["townships"]}
    assert rows["查日苏镇"]["rank"] == 1 and rows["查日苏镇"]["score"] > rows["努古斯台镇"]["score"]

    # 10. The leaders' 月调度 view: the submissions' standing, the decisions and their tasks.
    page = web(net.leader).get(f"/dispatch/month/?year={year}&month={month}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "查日苏镇补开志愿服务活动日" in html and "努古斯台镇月报限期补报" in html
    assert f'/supervision/tasks/{done.pk}/' in html and f'/supervision/tasks/{late.pk}/' in html
    township = web(net.t1_head).get(f"/dispatch/month/?year={year}&month={month}")
    assert township.status_code == 200 and "努古斯台镇" not in township.content.decode()
