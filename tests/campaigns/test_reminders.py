"""Reminders: stations that have not planned an activity for a campaign are asked once."""

import datetime
import threading

import pytest
from django.db import connection

from campaigns import tasks
from practice.roles import Role
from tests.factories import make_user
from volunteers.models import ActivityStatus, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def soon(net, make_campaign, today):
    """A banner campaign starting in five days (reminders seven days before)."""
    start = today + datetime.timedelta(days=5)
    return make_campaign(code="chongyang", name="重阳敬老", starts=start,
                         ends=start + datetime.timedelta(days=7), remind_days_before=7)


def _reminded(user):
    return Notification.objects.filter(user=user, message__contains="重阳敬老").count()


def test_stations_without_an_activity_are_asked_once(net, soon):
    tasks.remind_stations()
    tasks.remind_stations()
    assert _reminded(net.station_staff) == 1
    assert _reminded(net.station_staff_other) == 1
    assert _reminded(net.township_staff) == 0


def test_a_station_without_staff_is_asked_once_its_staff_come(net, soon):
    tasks.remind_stations()  # v12 has no station staff yet
    clerk = make_user("station_staff_v12", Role.STATION_STAFF, net.v12)
    tasks.remind_stations()
    tasks.remind_stations()
    assert _reminded(clerk) == 1
    assert _reminded(net.station_staff) == 1


def test_a_station_that_planned_an_activity_is_not_asked(net, soon, make_activity):
    make_activity(unit=net.v11, campaign=soon, status=ActivityStatus.PLANNED,
                  when=datetime.datetime.combine(soon.starts_on, datetime.time(9),
                                                 tzinfo=datetime.UTC))
    tasks.remind_stations()
    assert _reminded(net.station_staff) == 0
    assert _reminded(net.station_staff_other) == 1


def test_nobody_is_asked_before_the_reminder_days(net, make_campaign, today):
    start = today + datetime.timedelta(days=20)
    make_campaign(code="later", name="重阳敬老", starts=start, ends=start, remind_days_before=7)
    tasks.remind_stations()
    assert _reminded(net.station_staff) == 0
    tasks.remind_stations(on=(start - datetime.timedelta(days=7)).isoformat())
    assert _reminded(net.station_staff) == 1


def test_a_townships_own_campaign_asks_its_stations_only(net, make_campaign, today):
    start = today + datetime.timedelta(days=3)
    make_campaign(code="chunfeng", name="重阳敬老", unit=net.t1, starts=start, ends=start)
    tasks.remind_stations()
    assert _reminded(net.station_staff) == 1 and _reminded(net.station_staff_other) == 0


@pytest.mark.postgres  # concurrent writers
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_ask_each_station_once(net, soon):
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            tasks.remind_stations()
        except Exception as e:  # noqa: BLE001 (reported below)
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert _reminded(net.station_staff) == 1 and _reminded(net.station_staff_other) == 1
