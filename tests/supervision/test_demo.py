"""seed_demo writes a year of supervision once: tasks mostly closed, some late, a few open and
escalated; leaders' field visits; joint meetings whose decisions raised tasks."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F

from supervision.models import FieldVisit, JointMeeting, SupervisedTask, TaskEvent

pytestmark = pytest.mark.django_db


def counts():
    return (SupervisedTask.objects.count(), FieldVisit.objects.count(),
            JointMeeting.objects.count(), TaskEvent.objects.count())


def test_the_demo_has_a_year_of_tasks_visits_and_meetings():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    first = counts()
    tasks = SupervisedTask.objects
    total = tasks.count()
    assert total >= 20 * 12
    assert tasks.filter(state="closed").count() > total / 2
    late = tasks.filter(state="closed", closed_on__gt=F("deadline"))
    assert late.exists()
    assert tasks.exclude(state="closed").filter(escalated_at__isnull=False).exists()
    assert tasks.exclude(state="closed").filter(escalated_at__isnull=True).exists()
    assert tasks.filter(origin_type__model="meetingdecision").exists()
    assert FieldVisit.objects.filter(leader__username="leader").count() >= 6
    assert FieldVisit.objects.filter(villages__isnull=False).distinct().count() == \
        FieldVisit.objects.count()
    assert JointMeeting.objects.filter(unit__level="banner").count() == 4
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert counts() == first
