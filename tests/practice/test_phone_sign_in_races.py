"""Sign-in codes under concurrency (PostgreSQL): a code signs in once, a roster's first sign-in
makes one account, and wrong codes sent at once are all counted."""

import pytest
from rest_framework.test import APIClient

from practice.models import User
from tests.parallel import in_parallel

from .conftest import ROSTER_PHONE, ask, last_code, wrong

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def verifying(phone, code):
    def call():
        response = APIClient().post("/api/auth/sms/verify/", {"phone": phone, "code": code},
                                    format="json")
        return response.status_code, response.json()
    return call


def test_two_verifies_of_one_code_at_once_give_one_token(people):
    ask("13800000001")
    code = last_code("13800000001")
    results = in_parallel([verifying("13800000001", code) for _ in range(2)])
    assert sorted(status for status, _body in results) == [200, 400]


def test_four_verifies_of_one_code_at_once_give_one_token(people):
    ask("13800000001")
    code = last_code("13800000001")
    results = in_parallel([verifying("13800000001", code) for _ in range(4)])
    assert sorted(status for status, _body in results) == [200, 400, 400, 400]


def test_a_rostered_volunteer_verified_twice_at_once_gets_one_account(people):
    ask(ROSTER_PHONE)
    code = last_code(ROSTER_PHONE)
    results = in_parallel([verifying(ROSTER_PHONE, code) for _ in range(2)])
    assert sorted(status for status, _body in results) == [200, 400]
    assert User.objects.filter(phone=ROSTER_PHONE).count() == 1
    assert User.objects.filter(username__startswith=ROSTER_PHONE).count() == 1
    people.rostered.refresh_from_db()
    assert people.rostered.user.phone == ROSTER_PHONE


def test_wrong_codes_sent_at_once_are_counted_exactly(people):
    ask("13800000001")
    bad = wrong(last_code("13800000001"))
    results = in_parallel([verifying("13800000001", bad) for _ in range(10)])
    # Four wrong codes answer 400; the fifth locks the number: it and all after it, 429.
    assert sorted(status for status, _body in results) == [400] * 4 + [429] * 6


def test_code_requests_for_one_number_at_once_send_one_code(people):
    from .conftest import texts_to

    def asking():
        return APIClient().post("/api/auth/sms/request/", {"phone": "13800000001"},
                                format="json").status_code

    results = in_parallel([asking for _ in range(5)])
    assert sorted(results) == [202] + [429] * 4
    assert len(texts_to("13800000001")) == 1
