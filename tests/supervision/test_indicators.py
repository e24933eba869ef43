"""The supervision indicators count at the responsible unit (a visit at each village) and
roll up the tree."""

import datetime

import pytest
from django.utils import timezone

from practice.indicators import Period, evaluate
from supervision import services
from supervision.models import SupervisedTask
from tests.supervision.conftest import make_task

pytestmark = pytest.mark.django_db
CODES = ["supervision.tasks_closed_on_time", "supervision.tasks_overdue",
         "supervision.tasks_escalated", "supervision.field_visits"]


def test_the_indicators_count_tasks_and_visit_days(snet):
    today = timezone.localdate()
    on_time = make_task(snet, unit=snet.v11, title="按时")
    services.task_request_close(on_time, actor=snet.station_staff)
    services.task_accept(on_time, actor=snet.township_staff)
    late = make_task(snet, unit=snet.t1, days=0, title="逾期未办")
    SupervisedTask.objects.filter(pk=late.pk).update(deadline=today - datetime.timedelta(days=5))
    closed_late = make_task(snet, unit=snet.v21, days=0, title="逾期办结")
    services.task_request_close(closed_late, actor=snet.station_staff_other)
    services.task_accept(closed_late, actor=snet.banner_admin)
    SupervisedTask.objects.filter(pk=closed_late.pk).update(
        deadline=today - datetime.timedelta(days=1))
    services.tasks_escalate(on=today)
    services.visit_record(actor=snet.leader, villages=[snet.v11, snet.v21],
                          started_on=today - datetime.timedelta(days=2), ended_on=today,
                          findings="村道待修")

    period = Period(today - datetime.timedelta(days=10), today + datetime.timedelta(days=1))
    values = evaluate(period, [snet.banner, snet.t1, snet.t2, snet.v11, snet.v21], CODES)
    assert values[snet.v11.pk]["supervision.tasks_closed_on_time"] == 1
    assert values[snet.banner.pk]["supervision.tasks_closed_on_time"] == 1
    assert values[snet.t1.pk]["supervision.tasks_overdue"] == 1
    assert values[snet.t2.pk]["supervision.tasks_overdue"] == 1  # closed after its deadline
    assert values[snet.banner.pk]["supervision.tasks_overdue"] == 2
    assert values[snet.t1.pk]["supervision.tasks_escalated"] == 1
    assert values[snet.t2.pk]["supervision.tasks_escalated"] == 0
    assert values[snet.v11.pk]["supervision.field_visits"] == 3
    assert values[snet.banner.pk]["supervision.field_visits"] == 6
