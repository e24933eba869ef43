"""Fixtures for signing in with the phone: a clock that stands still until moved, the codes as
the texts carried them, and the people a phone may belong to."""

import datetime

import pytest
from rest_framework.test import APIClient

UNKNOWN = "13900000009"  # no account, no roster row
STAFF_PHONE = "13800000003"  # station staff
ROSTER_PHONE = "13700000011"  # a rostered volunteer without an account


class Clock:
    """``django.utils.timezone.now`` for the test: stands at one instant until ``advance``."""

    def __init__(self, at):
        self.at = at

    def now(self):
        return self.at

    def advance(self, **delta):
        self.at += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    from django.utils import timezone

    c = Clock(timezone.now())
    monkeypatch.setattr(timezone, "now", c.now)
    return c


@pytest.fixture
def people(net):
    """The villager and the volunteer with sign-in phones, station staff with one, and a
    rostered volunteer of v11 without an account whose phone household h12 lists too."""
    from volunteers.models import Volunteer

    net.station_staff.phone = STAFF_PHONE
    net.station_staff.save()
    net.h12.phone = ROSTER_PHONE
    net.h12.save()
    net.rostered = Volunteer.objects.create(name="其木格", phone=ROSTER_PHONE, unit=net.v11,
                                            registered_on=datetime.date(2024, 3, 5))
    return net


def ask(phone, address="10.0.0.1"):
    return APIClient().post("/api/auth/sms/request/", {"phone": phone}, format="json",
                            REMOTE_ADDR=address)


def verify(phone, code, address="10.0.0.1"):
    return APIClient().post("/api/auth/sms/verify/", {"phone": phone, "code": code},
                            format="json", REMOTE_ADDR=address)


def texts_to(phone):
    from practice.models import SmsMessage

    return list(SmsMessage.objects.filter(phone=phone).order_by("created_at"))


def last_code(phone) -> str:
    """The code in the last text sent to ``phone``."""
    return texts_to(phone)[-1].params["code"]


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"
