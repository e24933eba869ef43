"""The daily Celery run over overdue tasks, on frozen days: the deadline notice to the head on
the deadline, the escalation to the banner's leaders three days later, each once only."""

import datetime

import pytest

from practice.models import SmsMessage
from supervision.models import SupervisedTask, TaskEvent
from supervision.tasks import escalate_overdue_tasks
from tests.supervision.conftest import make_task
from volunteers.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def phones(snet, daytime):
    for user, phone in ((snet.township_leader, "13600000101"), (snet.leader, "13600000102"),
                        (snet.banner_admin, "13600000103")):
        user.phone = phone
        user.save()
    return snet


def _run(day):
    escalate_overdue_tasks.delay(on=day.isoformat())


def _notices(user, word):
    return Notification.objects.filter(user=user, message__contains=word).count()


def test_the_head_is_told_on_the_deadline_and_the_leaders_three_days_later_once(phones):
    net = phones
    task = make_task(net, unit=net.t1, days=1, title="补齐村规民约")
    deadline = task.deadline

    _run(deadline - datetime.timedelta(days=1))
    assert _notices(net.township_leader, "补齐村规民约") == 1  # only the "new task" notice

    _run(deadline)
    assert _notices(net.township_leader, "补齐村规民约") == 2
    assert SmsMessage.objects.filter(template="supervision_deadline",
                                     phone="13600000101").count() == 1
    assert _notices(net.leader, "补齐村规民约") == 0

    _run(deadline + datetime.timedelta(days=1))
    _run(deadline + datetime.timedelta(days=2))
    assert _notices(net.township_leader, "补齐村规民约") == 2  # not again
    assert SupervisedTask.objects.get(pk=task.pk).escalated_at is None

    _run(deadline + datetime.timedelta(days=3))
    task.refresh_from_db()
    assert task.escalated_at is not None
    assert _notices(net.leader, "补齐村规民约") == 1
    assert _notices(net.banner_admin, "补齐村规民约") == 1  # the banner's head
    assert SmsMessage.objects.filter(template="supervision_escalated").count() == 2
    assert TaskEvent.objects.filter(task=task, kind="escalated").count() == 1

    _run(deadline + datetime.timedelta(days=4))
    _run(deadline + datetime.timedelta(days=10))
    assert _notices(net.leader, "补齐村规民约") == 1
    assert TaskEvent.objects.filter(task=task, kind="escalated").count() == 1
    assert TaskEvent.objects.filter(task=task, kind="deadline_notice").count() == 1
    assert SmsMessage.objects.filter(template__startswith="supervision_").count() == 3


def test_a_closed_task_is_never_escalated(phones, api):
    net = phones
    from supervision import services

    task = make_task(net, unit=net.t1, days=1, title="已办结的事项")
    services.task_request_close(task, actor=net.township_staff)
    services.task_accept(task, actor=net.banner_admin)
    _run(task.deadline + datetime.timedelta(days=5))
    assert _notices(net.leader, "已办结的事项") == 0
    assert SupervisedTask.objects.get(pk=task.pk).escalated_at is None


def test_the_overdue_filter_lists_late_tasks(phones, api):
    net = phones
    late = make_task(net, unit=net.t1, days=0, title="今日到期")
    SupervisedTask.objects.filter(pk=late.pk).update(
        deadline=net.today - datetime.timedelta(days=2))
    make_task(net, unit=net.t1, days=5, title="未到期")
    rows = api(net.leader).get("/api/supervised-tasks/?overdue=true").json()["results"]
    assert [r["title"] for r in rows] == ["今日到期"]
    assert rows[0]["overdue"] is True
    rows = api(net.leader).get("/api/supervised-tasks/?overdue=false").json()["results"]
    assert [r["title"] for r in rows] == ["未到期"]
