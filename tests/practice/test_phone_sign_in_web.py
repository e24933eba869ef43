"""The login page's two steps for signing in by phone: the number, then the texted code."""

import pytest
from django.test import Client

from .conftest import ROSTER_PHONE, STAFF_PHONE, UNKNOWN, last_code, texts_to, wrong

pytestmark = pytest.mark.django_db
VILLAGER_PHONE = "13800000001"


def send_number(client, phone, **extra):
    return client.post("/accounts/login/phone/", {"phone": phone, **extra})


def test_the_password_login_page_leads_to_the_phone_sign_in(people):
    page = Client().get("/accounts/login/").content.decode()
    assert 'href="/accounts/login/phone/"' in page
    assert "短信验证码" in page


def test_a_villager_signs_in_in_two_steps(people):
    client = Client()
    step_one = client.get("/accounts/login/phone/")
    assert step_one.status_code == 200
    assert 'type="tel"' in step_one.content.decode()
    response = send_number(client, "138 0000 0001")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/phone/code/"
    step_two = client.get(response["Location"]).content.decode()
    assert "138****0001" in step_two
    assert 'autocomplete="one-time-code"' in step_two
    response = client.post("/accounts/login/phone/code/", {"code": last_code(VILLAGER_PHONE)})
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert home.context["user"] == people.villager


def test_a_rostered_volunteer_signs_in_on_the_page_and_lands_where_they_were_going(people):
    client = Client()
    send_number(client, ROSTER_PHONE, next="/volunteers/my-activities/")
    response = client.post("/accounts/login/phone/code/?next=/volunteers/my-activities/",
                           {"code": last_code(ROSTER_PHONE),
                            "next": "/volunteers/my-activities/"})
    assert response["Location"] == "/volunteers/my-activities/"
    people.rostered.refresh_from_db()
    assert client.get("/").context["user"] == people.rostered.user


def test_a_next_page_elsewhere_is_ignored(people):
    client = Client()
    send_number(client, VILLAGER_PHONE, next="https://example.com/")
    response = client.post("/accounts/login/phone/code/",
                           {"code": last_code(VILLAGER_PHONE), "next": "https://example.com/"})
    assert response["Location"] == "/"


def test_a_wrong_code_shows_the_form_again_with_the_reason(people):
    client = Client()
    send_number(client, VILLAGER_PHONE)
    response = client.post("/accounts/login/phone/code/",
                           {"code": wrong(last_code(VILLAGER_PHONE))})
    assert response.status_code == 400
    assert "验证码错误或已过期" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_out_and_the_limits_are_told_on_the_page(people):
    client = Client()
    send_number(client, VILLAGER_PHONE)
    for _ in range(5):
        response = client.post("/accounts/login/phone/code/", {"code": "000000"})
    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    assert "锁定" in response.content.decode()
    again = send_number(client, VILLAGER_PHONE)
    assert again.status_code == 429
    assert "锁定" in again.content.decode()


def test_a_second_code_within_a_minute_is_refused_on_the_page(people):
    client = Client()
    send_number(client, VILLAGER_PHONE)
    response = send_number(client, VILLAGER_PHONE)
    assert response.status_code == 429
    assert "秒" in response.content.decode()
    assert len(texts_to(VILLAGER_PHONE)) == 1


def test_the_pages_answer_the_same_for_unknown_and_staff_numbers(people):
    def answers(phone):
        client = Client()
        step_one = send_number(client, phone)
        step_two = client.post("/accounts/login/phone/code/", {"code": "000000"})
        return step_one.status_code, step_one["Location"], step_two.status_code

    assert answers(VILLAGER_PHONE) == answers(UNKNOWN) == answers(STAFF_PHONE) == (
        302, "/accounts/login/phone/code/", 400)
    assert texts_to(UNKNOWN) == texts_to(STAFF_PHONE) == []


def test_a_bad_number_is_told_in_chinese(people):
    response = send_number(Client(), "12345")
    assert response.status_code == 400
    assert "手机号" in response.content.decode()


def test_the_code_step_without_a_number_goes_back_to_the_first(people):
    response = Client().get("/accounts/login/phone/code/")
    assert response["Location"] == "/accounts/login/phone/"
