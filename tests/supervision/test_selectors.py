"""What the leaders' 月调度 view reads: open and overdue tasks by unit, and the tasks raised
from given decisions (any model: a dispatch meeting's decision is wired after merging)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from supervision import selectors, services
from supervision.models import SupervisedTask
from tests.supervision.conftest import make_task

pytestmark = pytest.mark.django_db


def test_open_and_overdue_tasks_by_unit(snet):
    late = make_task(snet, unit=snet.t1, days=0)
    SupervisedTask.objects.filter(pk=late.pk).update(
        deadline=snet.today - datetime.timedelta(days=1))
    make_task(snet, unit=snet.t1, days=5)
    done = make_task(snet, unit=snet.v21, days=5)
    services.task_request_close(done, actor=snet.station_staff_other)
    services.task_accept(done, actor=snet.banner_admin)
    assert selectors.open_and_overdue_by_unit(snet.leader) == {
        snet.t1.pk: {"open": 2, "overdue": 1}}
    assert selectors.open_and_overdue_by_unit(snet.station_staff) == {}


def test_tasks_raised_from_decisions(snet):
    meeting = services.meeting_record(actor=snet.township_staff, unit=snet.t1, date=snet.today,
                                      topics="议题", decisions=["甲", "乙"])
    first, second = meeting.decisions.all()
    task = make_task(snet, unit=snet.v11, actor=snet.township_staff, origin=first)
    ct = ContentType.objects.get_for_model(first).pk
    found = selectors.tasks_of_origins(snet.township_staff, [first, second])
    assert found == {(ct, first.pk): [task]}
    assert selectors.tasks_of_origins(snet.township_staff_other, [first]) == {}
