"""Villagers and volunteers sign in with their phone and a texted code (手机号 + 验证码)."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from practice.models import PhoneSignIn, User
from tests.factories import PASSWORD

from .conftest import (
    ROSTER_PHONE,
    STAFF_PHONE,
    UNKNOWN,
    ask,
    last_code,
    texts_to,
    verify,
    wrong,
)

pytestmark = pytest.mark.django_db
VILLAGER_PHONE = "13800000001"


def token_user(response) -> User:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = client.get("/api/me/")
    assert me.status_code == 200
    return User.objects.get(pk=me.json()["id"])


def test_a_villager_signs_in_with_the_texted_code(people):
    response = ask(VILLAGER_PHONE)
    assert response.status_code == 202
    assert "验证码" in response.json()["detail"]
    [text] = texts_to(VILLAGER_PHONE)
    code = text.params["code"]
    assert len(code) == 6 and code.isdigit()
    assert code in text.text
    response = verify(VILLAGER_PHONE, code)
    assert response.status_code == 200
    assert token_user(response) == people.villager


def test_a_volunteer_signs_in_with_the_texted_code(people):
    ask("13800000002")
    assert token_user(verify("13800000002", last_code("13800000002"))) == people.volunteer


def test_the_number_may_be_typed_with_spaces_and_the_country_code(people):
    assert ask("+86 138 0000 0001").status_code == 202
    assert verify("138-0000-0001", last_code(VILLAGER_PHONE)).status_code == 200


def test_the_code_is_stored_only_as_a_hash(people):
    ask(VILLAGER_PHONE)
    code = last_code(VILLAGER_PHONE)
    row = PhoneSignIn.objects.filter(phone=VILLAGER_PHONE).values().get()
    assert all(code not in str(value) for value in row.values())


def test_a_code_signs_in_once(people):
    ask(VILLAGER_PHONE)
    code = last_code(VILLAGER_PHONE)
    assert verify(VILLAGER_PHONE, code).status_code == 200
    again = verify(VILLAGER_PHONE, code)
    assert again.status_code == 400
    assert "验证码错误或已过期" in again.json()["code"][0]


def test_a_code_lives_five_minutes(people, clock):
    ask(VILLAGER_PHONE)
    clock.advance(minutes=4, seconds=59)
    assert verify(VILLAGER_PHONE, last_code(VILLAGER_PHONE)).status_code == 200
    clock.advance(minutes=1, seconds=2)
    ask(VILLAGER_PHONE)
    clock.advance(minutes=5, seconds=1)
    assert verify(VILLAGER_PHONE, last_code(VILLAGER_PHONE)).status_code == 400


def test_a_new_code_replaces_the_last(people, clock):
    ask(VILLAGER_PHONE)
    first = last_code(VILLAGER_PHONE)
    clock.advance(seconds=61)
    ask(VILLAGER_PHONE)
    second = last_code(VILLAGER_PHONE)
    if first != second:
        assert verify(VILLAGER_PHONE, first).status_code == 400
    assert verify(VILLAGER_PHONE, second).status_code == 200


def test_five_wrong_codes_lock_the_number_for_thirty_minutes(people, clock):
    ask(VILLAGER_PHONE)
    code = last_code(VILLAGER_PHONE)
    statuses = [verify(VILLAGER_PHONE, wrong(code)).status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    locked = verify(VILLAGER_PHONE, code)
    assert locked.status_code == 429
    assert "锁定" in locked.json()["detail"] and "30" in locked.json()["detail"]
    assert locked["Retry-After"] == "1800"
    assert ask(VILLAGER_PHONE).status_code == 429  # no code is sent to a locked number
    clock.advance(minutes=29, seconds=59)
    assert ask(VILLAGER_PHONE).status_code == 429
    clock.advance(seconds=2)
    assert ask(VILLAGER_PHONE).status_code == 202
    assert verify(VILLAGER_PHONE, last_code(VILLAGER_PHONE)).status_code == 200


def test_a_right_code_starts_the_count_of_wrong_ones_again(people, clock):
    ask(VILLAGER_PHONE)
    for _ in range(4):
        verify(VILLAGER_PHONE, wrong(last_code(VILLAGER_PHONE)))
    assert verify(VILLAGER_PHONE, last_code(VILLAGER_PHONE)).status_code == 200
    clock.advance(seconds=61)
    ask(VILLAGER_PHONE)
    assert verify(VILLAGER_PHONE, wrong(last_code(VILLAGER_PHONE))).status_code == 400


def test_one_code_a_minute_per_number(people, clock):
    assert ask(VILLAGER_PHONE).status_code == 202
    again = ask(VILLAGER_PHONE, address="10.0.0.2")
    assert again.status_code == 429
    assert again["Retry-After"] == "60"
    assert "60" in again.json()["detail"] and "秒" in again.json()["detail"]
    assert len(texts_to(VILLAGER_PHONE)) == 1
    clock.advance(seconds=61)
    assert ask(VILLAGER_PHONE).status_code == 202
    assert len(texts_to(VILLAGER_PHONE)) == 2


def test_ten_codes_a_day_per_number(people, clock):
    for _ in range(10):
        assert ask(VILLAGER_PHONE).status_code == 202
        clock.advance(minutes=10)
    refused = ask(VILLAGER_PHONE)
    assert refused.status_code == 429
    assert "一天" in refused.json()["detail"]
    assert int(refused["Retry-After"]) == 24 * 3600 - 100 * 60
    assert len(texts_to(VILLAGER_PHONE)) == 10
    clock.advance(hours=23)
    assert ask(VILLAGER_PHONE).status_code == 202


def test_code_requests_are_limited_per_address(people, clock, settings):
    settings.SIGN_IN_CODES_PER_ADDRESS = 3
    phones = ["13900000001", "13900000002", "13900000003"]
    assert [ask(p).status_code for p in phones] == [202, 202, 202]
    refused = ask(VILLAGER_PHONE)
    assert refused.status_code == 429
    assert "网络" in refused.json()["detail"]
    assert texts_to(VILLAGER_PHONE) == []
    assert ask(VILLAGER_PHONE, address="10.9.9.9").status_code == 202
    clock.advance(minutes=61)
    assert ask("13900000004").status_code == 202


def _story(phone, clock):
    """Every answer a caller can get for ``phone``: the code asked for, asked again, five wrong
    codes, asked while locked, and again once the lock is over."""
    answers = [ask(phone), ask(phone)]
    answers += [verify(phone, "000000") for _ in range(5)]
    answers.append(ask(phone))
    clock.advance(minutes=31)
    answers.append(ask(phone))
    clock.advance(days=2)  # the next story starts with no counts
    return [(r.status_code, r.get("Retry-After"), r.content) for r in answers]


def test_the_answers_are_the_same_for_registered_unknown_and_staff_numbers(people, clock):
    known = _story(VILLAGER_PHONE, clock)
    assert known == _story(UNKNOWN, clock)
    assert known == _story(STAFF_PHONE, clock)
    assert known == _story(ROSTER_PHONE, clock)
    assert [status for status, _wait, _body in known] == [202, 429] + [400] * 4 + [429] * 2 + [202]
    assert texts_to(UNKNOWN) == [] and texts_to(STAFF_PHONE) == []
    assert len(texts_to(VILLAGER_PHONE)) == len(texts_to(ROSTER_PHONE)) == 2


def test_a_staff_account_never_signs_in_by_code(people, clock):
    assert ask(STAFF_PHONE).status_code == 202
    assert texts_to(STAFF_PHONE) == []
    # Even with a roster row listing the staff member's phone, no code is sent.
    people.rostered.phone = STAFF_PHONE
    people.rostered.save()
    clock.advance(seconds=61)
    ask(STAFF_PHONE)
    assert texts_to(STAFF_PHONE) == []


def test_a_code_sent_before_the_account_became_staff_does_not_sign_it_in(people):
    ask(VILLAGER_PHONE)
    people.villager.role = "station_staff"
    people.villager.save()
    response = verify(VILLAGER_PHONE, last_code(VILLAGER_PHONE))
    assert response.status_code == 400
    assert response.content == verify(UNKNOWN, "123456").content


def test_a_deactivated_account_gets_no_code(people):
    people.villager.is_active = False
    people.villager.save()
    assert ask(VILLAGER_PHONE).status_code == 202
    assert texts_to(VILLAGER_PHONE) == []


def test_a_rostered_volunteer_first_sign_in_makes_the_account(people):
    ask(ROSTER_PHONE)
    response = verify(ROSTER_PHONE, last_code(ROSTER_PHONE))
    assert response.status_code == 200
    user = token_user(response)
    assert (user.username, user.phone, user.role, user.unit) == (
        ROSTER_PHONE, ROSTER_PHONE, "volunteer", people.v11)
    assert user.real_name == "其木格"
    assert not user.has_usable_password()
    assert user.household == people.h12  # the household that lists the same phone
    people.rostered.refresh_from_db()
    assert people.rostered.user == user
    # The next sign-in is the same account.
    ask_again = APIClient().post("/api/auth/sms/request/", {"phone": ROSTER_PHONE},
                                 format="json", REMOTE_ADDR="10.0.0.7")
    assert ask_again.status_code == 429  # a minute has not passed: same rules as anyone
    assert User.objects.filter(phone=ROSTER_PHONE).count() == 1


def test_a_phone_listed_by_two_households_links_neither(people):
    people.h11.phone = ROSTER_PHONE
    people.h11.save()
    ask(ROSTER_PHONE)
    user = token_user(verify(ROSTER_PHONE, last_code(ROSTER_PHONE)))
    assert user.household is None


def test_an_account_signing_in_gets_its_unlinked_roster_row(people):
    from volunteers.models import Volunteer

    row = Volunteer.objects.create(name="志愿者", phone="13800000002", unit=people.v11,
                                   registered_on=people.rostered.registered_on)
    ask("13800000002")
    assert token_user(verify("13800000002", last_code("13800000002"))) == people.volunteer
    row.refresh_from_db()
    assert row.user == people.volunteer
    assert User.objects.filter(phone="13800000002").count() == 1


def test_a_linked_volunteer_without_a_phone_signs_in_with_the_roster_phone(people):
    people.rostered.user = people.villager_b
    people.rostered.save()
    ask(ROSTER_PHONE)
    assert token_user(verify(ROSTER_PHONE, last_code(ROSTER_PHONE))) == people.villager_b
    people.villager_b.refresh_from_db()
    assert people.villager_b.phone == ROSTER_PHONE


def test_bad_numbers_and_codes_are_told_in_chinese(people):
    for phone in ["", "12345", "23800000001", "1380000000a", "１３８００００００01"]:
        response = ask(phone)
        assert response.status_code == 400, phone
        assert "手机号" in response.json()["phone"][0]
    for code in ["", "12345", "abcdef", "1234567"]:
        response = verify(VILLAGER_PHONE, code)
        assert response.status_code == 400, code
        assert "验证码" in response.json()["code"][0]


def test_password_logins_keep_working(people):
    def password_login(username):
        api = APIClient().post("/api/auth/token/", {"username": username, "password": PASSWORD})
        web = Client().post("/accounts/login/", {"username": username, "password": PASSWORD})
        return api.status_code, web.status_code

    assert password_login("station_staff") == (200, 302)
    assert password_login("villager") == (200, 302)
    ask(VILLAGER_PHONE)
    verify(VILLAGER_PHONE, last_code(VILLAGER_PHONE))
    assert password_login("villager") == (200, 302)


def test_an_administrator_can_unlock_a_number(people, clock):
    from io import StringIO

    from django.core.management import call_command

    ask(VILLAGER_PHONE)
    code = last_code(VILLAGER_PHONE)
    for _ in range(5):
        verify(VILLAGER_PHONE, wrong(code))
    out = StringIO()
    call_command("sign_in_unlock", "138 0000 0001", stdout=out)
    assert out.getvalue().strip() == "unlocked"
    assert verify(VILLAGER_PHONE, code).status_code == 400  # the lock ended the code too
    clock.advance(seconds=61)
    assert ask(VILLAGER_PHONE).status_code == 202
    assert verify(VILLAGER_PHONE, last_code(VILLAGER_PHONE)).status_code == 200


def _dead_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_limits_hold_with_the_cache_unreachable(people, settings):
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{_dead_port()}/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
    }}
    assert ask(VILLAGER_PHONE).status_code == 202
    assert ask(VILLAGER_PHONE).status_code == 429
    code = last_code(VILLAGER_PHONE)
    assert [verify(VILLAGER_PHONE, wrong(code)).status_code for _ in range(5)] == [400] * 4 + [429]
    assert verify(VILLAGER_PHONE, code).status_code == 429


def test_rotating_x_forwarded_for_does_not_lift_the_address_limit(people, settings):
    settings.SIGN_IN_CODES_PER_ADDRESS = 2
    answers = [APIClient().post("/api/auth/sms/request/", {"phone": f"1390000000{i}"},
                                format="json", REMOTE_ADDR="10.0.0.1",
                                HTTP_X_FORWARDED_FOR=f"172.16.0.{i}").status_code
               for i in range(3)]
    assert answers == [202, 202, 429]


def test_a_villager_on_the_volunteer_roster_signs_in_once_as_both(people):
    """One person, one account: the household's account takes the roster row, and acts as a
    villager and a volunteer."""
    from volunteers.models import Volunteer

    Volunteer.objects.create(name="包金山", phone=VILLAGER_PHONE, unit=people.v11,
                             registered_on=people.rostered.registered_on)
    ask(VILLAGER_PHONE)
    response = verify(VILLAGER_PHONE, last_code(VILLAGER_PHONE))
    assert token_user(response) == people.villager
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/me/").json()["capacities"] == ["villager", "volunteer"]
    assert User.objects.filter(phone=VILLAGER_PHONE).count() == 1
