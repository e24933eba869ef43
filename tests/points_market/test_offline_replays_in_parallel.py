"""An offline queue replayed in parallel (a flaky network, two tabs, a retry racing the first
send) on PostgreSQL: a weigh-in is credited once, a check-in recorded once, and confirming an
offline check-in turns its hours verified once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from points_market.models import Account, Deposit, Entry
from tests.activities.conftest import plan  # noqa: F401 (fixture)
from tests.activities.test_offline_check_in import token_made
from tests.parallel import in_parallel
from tests.volunteers.conftest import vnet  # noqa: F401 (fixture)
from volunteers.models import Attendance, TimeBankAccount, TimeBankEntry

from .conftest import make_market

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

N = 12


def _post(user, url, body, key=None):
    def request():
        client = APIClient()
        client.force_authenticate(user)
        headers = {"Idempotency-Key": key} if key else {}
        response = client.post(url, body, format="json", headers=headers)
        return response.status_code, response.json()
    return request


def test_a_queued_weigh_in_replayed_in_parallel_is_credited_once(net):
    market = make_market(net)
    weighed = (timezone.now() - timedelta(hours=3)).isoformat()
    body = {"household": net.h11.pk, "weighed_at": weighed, "queue_started_at": weighed,
            "lines": [{"category": market.newspaper.pk, "weight_jin": "12.5"}]}
    results = in_parallel([_post(net.station_staff, "/api/points/deposits/", body, "queued-1")
                           for _i in range(N)])
    assert {status for status, _data in results} == {201}
    assert len({data["id"] for _status, data in results}) == 1
    assert Deposit.objects.count() == 1 and Entry.objects.count() == 1
    assert Account.objects.get(household=net.h11).balance == 100  # 12.5 × 0.8 × 10


def test_an_offline_check_in_replayed_in_parallel_counts_once(vnet, plan):  # noqa: F811
    act = plan()
    token = token_made(act, timedelta(hours=1))
    at = (timezone.now() - timedelta(minutes=50)).isoformat()
    results = in_parallel([
        _post(vnet.volunteer, f"/api/activities/{act.pk}/check-in/", {"token": token, "at": at},
              key="checkin-1") for _i in range(N)])
    assert {status for status, _data in results} == {200}
    assert Attendance.objects.filter(activity=act).count() == 1
    assert Attendance.objects.get().offline

    # checked out, then confirmed by two staff at once: verified hours, deposited once
    out = _post(vnet.volunteer, f"/api/activities/{act.pk}/check-out/", {"token": token})()
    assert out[0] == 200
    hours = Attendance.objects.get().hours
    results = in_parallel([
        _post(vnet.station_staff, f"/api/activities/{act.pk}/confirm-offline/",
              {"volunteer": vnet.vol.pk}) for _i in range(N)])
    assert {status for status, _data in results} == {200}
    kinds = sorted(TimeBankEntry.objects.values_list("kind", flat=True))
    assert kinds == ["activity", "reversal", "staff_entered"]
    assert TimeBankAccount.objects.get(volunteer=vnet.vol).balance == hours
