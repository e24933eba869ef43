"""The leaders' dashboard tells the month now due in brief: submissions on time, late and
missing, supervised tasks open and overdue, with the way to the 月调度 view."""

import datetime

import pytest
from django.utils import timezone

from dispatch import services
from supervision.models import SupervisedTask
from tests.dispatch.conftest import due_soon, submission
from tests.supervision.conftest import make_task

pytestmark = pytest.mark.django_db


def test_the_dashboard_counts_the_month_due_and_the_overdue_tasks(heads, web):
    net = heads
    year, month = services.previous_month()
    services.submissions_create(year, month)
    sub = due_soon(submission(net.t1, (year, month)), days=3)
    services.submission_update(sub, actor=net.township_staff, work_done="宣讲", next_plan="走访")
    services.submission_submit(sub, actor=net.township_staff)
    services.submission_sign_off(sub, actor=net.t1_head)
    task = make_task(net, unit=net.t2, days=1, title="补报月报")
    SupervisedTask.objects.filter(pk=task.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1))
    make_task(net, unit=net.v11, days=5, title="整治村容")

    html = web(net.leader).get("/reports/").content.decode()
    brief = html[html.index('id="month-dispatch"'):html.index('id="month-dispatch-link"')]
    assert f"{year}年{month}月月报：按时 1" in brief
    assert "未办结督办事项 2" in brief and "其中逾期 1" in brief
    assert f"/dispatch/month/?unit={net.banner.pk}" in html

    township = web(net.t1_head).get("/reports/").content.decode()
    brief = township[township.index('id="month-dispatch"'):]
    assert "未办结督办事项 1" in brief and "其中逾期" not in brief.split("</p>")[0]
