"""Reminders: two days before the deadline and on it, once each, in-app and by text message."""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

from dispatch import services
from dispatch.tasks import remind_submissions
from practice.models import SmsMessage
from practice.roles import Role
from tests.dispatch.conftest import due_soon, filled, submission
from tests.factories import make_user
from volunteers.models import Notification

pytestmark = pytest.mark.django_db


def _notified(user):
    return list(Notification.objects.filter(user=user).values_list("message", flat=True))


def test_two_days_before_the_deadline_staff_and_head_are_reminded_once(month, daytime):
    net = month
    texted = make_user("t1_clerk", Role.TOWNSHIP_STAFF, net.t1, phone="13900000102")
    sub = due_soon(submission(net.t1), days=2)
    remind_submissions.delay()
    remind_submissions.delay()
    for user in (net.township_staff, net.t1_head, texted):
        messages = _notified(user)
        assert len(messages) == 1, user
        assert "查日苏镇" in messages[0] and "尚未签发" in messages[0]
    assert _notified(net.township_staff_other) == []
    phones = set(SmsMessage.objects.filter(template="submission_reminder")
                 .values_list("phone", flat=True))
    assert phones == {"13900000101", "13900000102"}  # those with a phone
    assert sub.reminders.get().occasion == "before"


def test_on_the_deadline_a_second_reminder_goes_out(month, daytime):
    net = month
    sub = due_soon(submission(net.t1), days=2)
    services.submission_reminders(today=timezone.localdate())
    services.submission_reminders(today=sub.deadline)
    services.submission_reminders(today=sub.deadline)
    assert len(_notified(net.township_staff)) == 2
    assert sorted(sub.reminders.values_list("occasion", flat=True)) == ["before", "due"]


def test_a_signed_off_submission_is_not_reminded(month):
    net = month
    sub = due_soon(submission(net.t1), days=2)
    services.submission_submit(filled(sub, net.township_staff), actor=net.township_staff)
    services.submission_sign_off(sub, actor=net.t1_head)
    Notification.objects.all().delete()
    remind_submissions.delay()
    assert _notified(net.township_staff) == []


def test_other_days_send_nothing(month):
    net = month
    due_soon(submission(net.t1), days=3)
    assert services.submission_reminders() == 0
    assert services.submission_reminders(
        today=timezone.localdate() + datetime.timedelta(days=2)) == 0


def test_beat_creates_the_submissions_on_the_first_after_the_build_and_reminds_daily():
    schedule = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    build = schedule["reports.tasks.build_monthly_reports"]
    create = schedule["dispatch.tasks.create_submissions"]
    assert isinstance(create, crontab)
    assert create.day_of_month == {1}
    assert min(create.hour) > min(build.hour)
    assert schedule["dispatch.tasks.remind_submissions"].day_of_month == set(range(1, 32))
