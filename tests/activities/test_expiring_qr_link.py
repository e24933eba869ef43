"""The QR code is a signed link that expires: an old or altered code is refused in Chinese."""

import time

import pytest
from django.core import signing

from practice.exceptions import InvalidInput
from volunteers import activity_services
from volunteers.models import Attendance

pytestmark = pytest.mark.django_db


class _Yesterday(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - activity_services.link_max_age() - 3600)


def _old_token(activity):
    return _Yesterday(salt=activity_services.TOKEN_SALT).sign_object({"activity": activity.pk})


def test_a_fresh_link_names_its_activity(act, token):
    assert activity_services.activity_id_from_token(token) == act.pk


def test_an_expired_link_is_refused(vnet, act, api):
    old = _old_token(act)
    with pytest.raises(InvalidInput) as e:
        activity_services.attendance_check_in(act, actor=vnet.volunteer, token=old)
    assert e.value.field == "token"
    r = api(vnet.volunteer).post(f"/api/activities/{act.pk}/check-in/", {"token": old},
                                 format="json")
    assert r.status_code == 400
    assert "二维码已过期" in r.json()["token"][0]
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("mangle", [
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),   # altered signature
    lambda t: "x" + t,                                              # altered payload
    lambda t: signing.dumps({"activity": 1}, salt="another-purpose"),  # signed for another use
    lambda t: "",
])
def test_a_tampered_link_is_refused(vnet, act, token, api, mangle):
    bad = mangle(token)
    r = api(vnet.volunteer).post(f"/api/activities/{act.pk}/check-in/", {"token": bad},
                                 format="json")
    assert r.status_code == 400
    assert "token" in r.json()
    assert "二维码" in r.json()["token"][0]
    assert not Attendance.objects.exists()


def test_a_link_of_another_activity_is_refused(vnet, act, plan, api):
    other = plan(title="义诊")
    r = api(vnet.volunteer).post(f"/api/activities/{act.pk}/check-in/",
                                 {"token": activity_services.checkin_token(other)}, format="json")
    assert r.status_code == 400 and "另一个活动" in r.json()["token"][0]


def test_the_check_in_page_explains_an_expired_link(vnet, act, web):
    page = web(vnet.volunteer).get(f"/volunteers/a/{_old_token(act)}/")
    assert page.status_code == 400
    assert "二维码已过期" in page.content.decode()
