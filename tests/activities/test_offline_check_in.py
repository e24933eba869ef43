"""A check-in queued on a phone without signal and sent later: accepted when the QR link was
valid at the phone's time of it (within 7 days, in the activity's window), even if the link has
expired since; marked offline, its hours staff-entered until staff confirm it."""

import time
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from volunteers import activity_services
from volunteers.models import Attendance, HoursSource, TimeBankEntry

pytestmark = pytest.mark.django_db


def token_made(activity, ago: timedelta) -> str:
    """The activity's QR link as made ``ago``."""

    class Then(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time() - ago.total_seconds()))

    return Then(salt=activity_services.TOKEN_SALT).sign_object({"activity": activity.pk})


@pytest.fixture
def yesterday(plan):
    """An activity held yesterday from 25 h ago to 23 h ago."""
    now = timezone.now()
    return plan(title="昨天的宣讲", starts_at=now - timedelta(hours=25),
                ends_at=now - timedelta(hours=23))


def _send(api, vnet, activity, token, at):
    return api(vnet.volunteer).post(f"/api/activities/{activity.pk}/check-in/",
                                    {"token": token, "at": at.isoformat()}, format="json")


def test_queued_while_valid_accepted_after_expiry(vnet, yesterday, api):
    token = token_made(yesterday, timedelta(hours=26))  # expired 2 h ago
    at = timezone.now() - timedelta(hours=24, minutes=50)  # 1 h 10 min after it was made
    r = _send(api, vnet, yesterday, token, at)
    assert r.status_code == 200, r.json()
    assert r.json()["offline"] is True
    att = Attendance.objects.get()
    assert att.offline and att.offline_confirmed_at is None
    assert abs(att.checked_in_at - at) < timedelta(seconds=1)
    # sent again (the queue replayed): the same attendance, nothing new
    assert _send(api, vnet, yesterday, token, at).status_code == 200
    assert Attendance.objects.count() == 1


def test_the_same_expired_link_without_the_queue_s_time_is_refused(vnet, yesterday, api):
    token = token_made(yesterday, timedelta(hours=26))
    r = api(vnet.volunteer).post(f"/api/activities/{yesterday.pk}/check-in/",
                                 {"token": token}, format="json")
    assert r.status_code == 400 and "二维码已过期" in r.json()["token"][0]


def test_a_check_in_at_a_time_the_link_was_no_longer_valid_is_refused(vnet, act, api):
    token = token_made(act, timedelta(hours=25))
    r = _send(api, vnet, act, token, timezone.now() - timedelta(minutes=30))
    assert r.status_code == 400 and "签到时二维码已失效" in r.json()["at"][0]
    assert not Attendance.objects.exists()


def test_a_check_in_before_the_link_was_made_is_refused(vnet, act, api):
    token = token_made(act, timedelta(minutes=10))
    r = _send(api, vnet, act, token, timezone.now() - timedelta(minutes=40))
    assert r.status_code == 400 and "签到时二维码已失效" in r.json()["at"][0]


def test_a_check_in_older_than_7_days_is_refused(vnet, plan, api):
    old = plan(starts_at=timezone.now() - timedelta(days=8),
               ends_at=timezone.now() - timedelta(days=8) + timedelta(hours=2))
    token = token_made(old, timedelta(days=7, hours=23, minutes=50))
    r = _send(api, vnet, old, token, timezone.now() - timedelta(days=7, hours=23))
    assert r.status_code == 400 and "超过7天" in r.json()["at"][0]
    assert not Attendance.objects.exists()


def test_a_check_in_in_the_future_is_refused(vnet, act, token, api):
    r = _send(api, vnet, act, token, timezone.now() + timedelta(hours=1))
    assert r.status_code == 400 and "签到时间在将来" in r.json()["at"][0]


def test_the_phone_s_time_is_bounded_by_the_activity_s_window(vnet, yesterday, api):
    token = token_made(yesterday, timedelta(hours=22, minutes=30))
    r = _send(api, vnet, yesterday, token, timezone.now() - timedelta(hours=22))  # after end
    assert r.status_code == 409 and r.json()["code"] == "closed"
    assert not Attendance.objects.exists()


def test_staff_confirm_an_offline_check_in_then_its_hours_are_verified(vnet, act, api):
    token = token_made(act, timedelta(hours=1))
    at = timezone.now() - timedelta(minutes=50)
    assert _send(api, vnet, act, token, at).status_code == 200
    out = api(vnet.volunteer).post(f"/api/activities/{act.pk}/check-out/", {"token": token},
                                   format="json")
    assert out.status_code == 200
    assert out.json()["hours_source"] == HoursSource.STAFF_ENTERED  # not confirmed yet
    assert list(TimeBankEntry.objects.values_list("kind", flat=True)) == ["staff_entered"]
    for _i in range(2):  # confirmed twice: once
        r = api(vnet.station_staff).post(f"/api/activities/{act.pk}/confirm-offline/",
                                         {"volunteer": vnet.vol.pk}, format="json")
        assert r.status_code == 200
        assert r.json()["hours_source"] == HoursSource.VERIFIED
        assert r.json()["offline_confirmed_at"]
    kinds = sorted(TimeBankEntry.objects.values_list("kind", flat=True))
    assert kinds == ["activity", "reversal", "staff_entered"]
    assert sum(TimeBankEntry.objects.values_list("hours", flat=True)) == \
        Attendance.objects.get().hours


def test_a_volunteer_may_not_confirm(vnet, act, token, api):
    _send(api, vnet, act, token, timezone.now() - timedelta(minutes=5))
    r = api(vnet.volunteer).post(f"/api/activities/{act.pk}/confirm-offline/",
                                 {"volunteer": vnet.vol.pk}, format="json")
    assert r.status_code == 403
    assert Attendance.objects.get().offline_confirmed_at is None
