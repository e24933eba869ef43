"""Parallel check-outs (and a staff member adding hours at the same moment) deposit once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.parallel import in_parallel
from volunteers import activity_services, services
from volunteers.models import Attendance, TimeBankAccount, TimeBankEntry

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
N = 8


def _post(user, path, body):
    def call():
        client = APIClient()
        client.force_authenticate(user)
        return client.post(path, body, format="json").status_code
    return call


def _assert_ledger_consistent(volunteer):
    account = TimeBankAccount.objects.get(volunteer=volunteer)
    total = sum(TimeBankEntry.objects.filter(account=account).values_list("hours", flat=True))
    assert account.balance == total


def test_parallel_check_outs_deposit_the_hours_once(vnet, plan):
    act = plan(starts_at=timezone.now() - timedelta(minutes=70))
    token = activity_services.checkin_token(act)
    activity_services.attendance_check_in(act, actor=vnet.volunteer, token=token, at=act.starts_at)
    codes = in_parallel([_post(vnet.volunteer, f"/api/activities/{act.pk}/check-out/",
                                 {"token": token})] * N)
    assert codes == [200] * N
    assert TimeBankEntry.objects.filter(account__volunteer=vnet.vol).count() == 1
    att = Attendance.objects.get(activity=act, volunteer=vnet.vol)
    assert services.balance_of(vnet.vol) == att.hours > 0
    _assert_ledger_consistent(vnet.vol)


def test_a_check_out_racing_staff_added_hours_deposits_once(vnet, plan):
    act = plan(starts_at=timezone.now() - timedelta(minutes=70))
    token = activity_services.checkin_token(act)
    activity_services.attendance_check_in(act, actor=vnet.volunteer, token=token, at=act.starts_at)
    calls = []
    for i in range(N):
        if i % 2:
            calls.append(_post(vnet.volunteer, f"/api/activities/{act.pk}/check-out/",
                               {"token": token}))
        else:
            calls.append(_post(vnet.station_staff, f"/api/activities/{act.pk}/add-hours/",
                               {"volunteer": vnet.vol.pk, "hours": "1"}))
    codes = in_parallel(calls)
    assert set(codes) <= {200, 409}
    assert TimeBankEntry.objects.filter(account__volunteer=vnet.vol).count() == 1
    att = Attendance.objects.get(activity=act, volunteer=vnet.vol)
    assert services.balance_of(vnet.vol) == att.hours
    _assert_ledger_consistent(vnet.vol)


def test_parallel_first_check_ins_make_one_attendance(vnet, act, token):
    codes = in_parallel([_post(vnet.volunteer, f"/api/activities/{act.pk}/check-in/",
                                 {"token": token})] * N)
    assert codes == [200] * N
    assert Attendance.objects.filter(activity=act, volunteer=vnet.vol).count() == 1
