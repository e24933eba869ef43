"""Mongolian in the traditional script for villagers, volunteers and the public: the choice is
remembered on the account and brought back at every sign-in; pages marked bilingual speak it
(the home page only to those who are not staff); Django's and DRF's messages, dates and numbers
come out in the traditional script, never Cyrillic; a string without a translation is
Chinese; text messages go out in the recipient's language."""

import datetime
import re

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.utils import translation
from rest_framework import serializers

from practice.language import MONGOLIAN
from practice.models import SmsMessage, User
from tests.factories import PASSWORD

from .conftest import last_code

pytestmark = pytest.mark.django_db

MONGOLIAN_LETTERS = re.compile(r"[\u1820-\u18AF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
CJK = re.compile(r"[\u4e00-\u9fff]")
LANGUAGE = settings.LANGUAGE_COOKIE_NAME


def mongolian(text: str) -> bool:
    return bool(MONGOLIAN_LETTERS.search(text)) and not CYRILLIC.search(text)


def choose(client, code, next_url="/"):
    return client.post("/language/", {"language": code, "next": next_url})


# --- the remembered choice ------------------------------------------------------------------
def test_a_villager_who_switches_is_remembered_on_every_browser(net, web):
    client = web(net.villager)
    answer = choose(client, MONGOLIAN)
    assert answer.status_code == 302 and answer.cookies[LANGUAGE].value == MONGOLIAN
    home = client.get("/")
    assert home["Content-Language"] == MONGOLIAN and mongolian(home.content.decode())
    net.villager.refresh_from_db()
    assert net.villager.language == MONGOLIAN

    other_browser = Client()
    signed_in = other_browser.post("/accounts/login/", {"username": "villager",
                                                        "password": PASSWORD})
    assert signed_in.status_code == 302
    assert signed_in.cookies[LANGUAGE].value == MONGOLIAN
    assert other_browser.get("/")["Content-Language"] == MONGOLIAN


def test_signing_in_by_phone_brings_back_the_account_language(people):
    User.objects.filter(pk=people.villager.pk).update(language=MONGOLIAN)
    client = Client()
    client.post("/accounts/login/phone/", {"phone": "13800000001"})
    answer = client.post("/accounts/login/phone/code/", {"code": last_code("13800000001")})
    assert answer.status_code == 302 and answer.cookies[LANGUAGE].value == MONGOLIAN
    assert client.get("/")["Content-Language"] == MONGOLIAN


def test_a_choice_made_on_the_login_page_is_kept_by_an_account_that_made_none(net):
    client = Client()
    choose(client, MONGOLIAN, "/accounts/login/")
    login = client.get("/accounts/login/")
    assert login["Content-Language"] == MONGOLIAN and mongolian(login.content.decode())
    client.post("/accounts/login/", {"username": "villager", "password": PASSWORD})
    net.villager.refresh_from_db()
    assert net.villager.language == MONGOLIAN


def test_an_account_language_overrides_what_the_browser_had(net):
    User.objects.filter(pk=net.volunteer.pk).update(language="zh-hans")
    client = Client()
    client.cookies[LANGUAGE] = MONGOLIAN
    answer = client.post("/accounts/login/", {"username": "volunteer", "password": PASSWORD})
    assert answer.cookies[LANGUAGE].value == "zh-hans"
    assert client.get("/")["Content-Language"] == "zh-hans"


def test_the_app_sets_the_language_through_the_api(net, api):
    client = api(net.villager)
    answer = client.patch("/api/me/", {"language": MONGOLIAN}, format="json")
    assert answer.status_code == 200 and answer.json()["language"] == MONGOLIAN
    assert answer.json()["sms_opt_out"] is False
    assert client.patch("/api/me/", {"language": "mn"}, format="json").status_code == 400
    assert client.patch("/api/me/", {}, format="json").status_code == 400
    net.villager.refresh_from_db()
    assert net.villager.language == MONGOLIAN


# --- where Mongolian is spoken ---------------------------------------------------------------
def test_staff_pages_stay_chinese_and_do_not_offer_mongolian(net, web):
    client = web(net.station_staff)
    choose(client, MONGOLIAN)
    home = client.get("/")
    html = home.content.decode()
    assert home["Content-Language"] == "zh-hans" and not MONGOLIAN_LETTERS.search(html)
    assert f'value="{MONGOLIAN}"' not in html and 'value="en"' in html
    for path in ("/accounts/login/", "/sms/settings/"):  # bilingual, but not for staff
        assert client.get(path)["Content-Language"] == "zh-hans", path


def test_the_switcher_offers_mongolian_on_villager_and_login_pages(net, web):
    for client, path in ((web(net.villager), "/"), (web(net.volunteer), "/"),
                         (Client(), "/accounts/login/"), (Client(), "/accounts/login/phone/"),
                         (web(net.villager), "/sms/settings/")):
        html = client.get(path).content.decode()
        assert f'value="{MONGOLIAN}"' in html and "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ" in html, path


def test_the_login_pages_and_sms_settings_speak_mongolian_whole(net, web):
    anonymous = Client()
    anonymous.cookies[LANGUAGE] = MONGOLIAN
    villager = web(net.villager)
    villager.cookies[LANGUAGE] = MONGOLIAN
    for client, path in ((anonymous, "/accounts/login/"), (anonymous, "/accounts/login/phone/"),
                         (villager, "/sms/settings/"), (villager, "/")):
        answer = client.get(path)
        html = answer.content.decode()
        assert answer["Content-Language"] == MONGOLIAN, path
        assert f'<html lang="{MONGOLIAN}">' in html and mongolian(html), path


def test_a_phone_sign_in_error_is_in_mongolian(net):
    client = Client()
    client.cookies[LANGUAGE] = MONGOLIAN
    answer = client.post("/accounts/login/phone/", {"phone": "12"})
    assert answer.status_code == 400
    error = re.search(r'<p class="error" role="alert">(.*?)</p>', answer.content.decode()).group(1)
    assert mongolian(error) and not CJK.search(error)


def test_error_pages_speak_the_page_language(net, web, settings):
    settings.DEBUG = False
    anonymous = Client(raise_request_exception=False)
    anonymous.cookies[LANGUAGE] = MONGOLIAN
    missing = anonymous.get("/no-such-page/")
    assert missing.status_code == 404 and missing["Content-Language"] == MONGOLIAN
    assert mongolian(missing.content.decode())
    staff = web(net.station_staff)
    staff.cookies[LANGUAGE] = MONGOLIAN
    missing = staff.get("/no-such-page/")
    assert missing.status_code == 404 and "不存在" in missing.content.decode()
    assert not MONGOLIAN_LETTERS.search(missing.content.decode())
    strict = Client(enforce_csrf_checks=True)
    strict.cookies[LANGUAGE] = MONGOLIAN
    forged = strict.post("/accounts/login/", {"username": "x", "password": "y"})
    assert forged.status_code == 403 and mongolian(forged.content.decode())


# --- Django's and DRF's messages, dates, numbers ---------------------------------------------
class _Form(forms.Form):
    count = forms.IntegerField()
    day = forms.DateField()
    kind = forms.ChoiceField(choices=[("a", "a")])
    note = forms.CharField(max_length=3)


class _Serializer(serializers.Serializer):
    count = serializers.IntegerField(max_value=10)
    name = serializers.CharField()


def test_form_and_drf_errors_are_in_the_traditional_script_never_cyrillic(net):
    with translation.override(MONGOLIAN):
        form = _Form(data={"count": "x", "day": "2026-13-40", "kind": "b", "note": "long"})
        assert not form.is_valid()
        for field in ("count", "day", "kind", "note"):
            assert all(mongolian(str(m)) for m in form.errors[field]), field
        assert mongolian(str(_Form(data={}).errors["count"][0]))
        given = _Serializer(data={"count": 11})
        assert not given.is_valid()
        assert mongolian(str(given.errors["count"][0]))
        assert mongolian(str(given.errors["name"][0]))
        assert mongolian(str(serializers.ValidationError().detail[0]))


def test_a_drf_error_page_of_the_api_speaks_mongolian_when_asked_in_mongolian(net):
    from rest_framework.exceptions import NotAuthenticated, PermissionDenied

    with translation.override(MONGOLIAN):
        assert mongolian(str(NotAuthenticated().detail))
        assert mongolian(str(PermissionDenied().detail))


def test_a_string_without_a_mongolian_translation_falls_back_to_chinese(net):
    with translation.override("zh-hans"):
        chinese = translation.gettext("Household roster")
        django_chinese = translation.gettext("Enter a valid domain name.")
    with translation.override(MONGOLIAN):
        assert translation.gettext("Household roster") == chinese != "Household roster"
        assert translation.gettext("Enter a valid domain name.") == django_chinese
        assert CJK.search(django_chinese)


def test_dates_and_numbers_are_numeric_in_mongolian(net):
    template = Template('{{ day }}|{{ moment }}|{{ day|date }}'
                        '|{{ moment|date:"SHORT_DATETIME_FORMAT" }}'
                        '|{{ day|date:"YEAR_MONTH_FORMAT" }}|{{ count }}|{{ amount }}')
    context = Context({"day": datetime.date(2026, 12, 6),
                       "moment": datetime.datetime(2026, 12, 6, 14, 30), "count": 1234567,
                       "amount": 12.5})
    with translation.override(MONGOLIAN):
        shown = template.render(context)
    assert shown == "2026.12.06|2026.12.06 14:30|2026.12.06|2026.12.06 14:30|2026.12|1234567|12.5"
    assert not CYRILLIC.search(shown) and not re.search(r"[A-Za-z]", shown)


# --- text messages ------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_text_messages_go_out_in_the_recipients_language(net, sms_gateway, daytime):
    from practice.sms import send_sms

    User.objects.filter(pk__in=[net.villager.pk, net.station_staff.pk]).update(
        language=MONGOLIAN)
    net.villager.refresh_from_db()
    net.station_staff.refresh_from_db()
    send_sms(phone="13800000001", template="login_code", params={"code": "123456"},
             essential=True)
    send_sms(phone="13800000009", template="login_code", params={"code": "654321"},
             user=net.station_staff, essential=True)
    villager, staff = sms_gateway.received
    assert mongolian(villager.json()["text"]) and "123456" in villager.json()["text"]
    assert "654321" in staff.json()["text"] and "验证码" in staff.json()["text"]
    assert not MONGOLIAN_LETTERS.search(staff.json()["text"])


@pytest.mark.django_db(transaction=True)
def test_the_console_backend_logs_the_mongolian_message(net, daytime, settings):
    from practice.sms import send_sms

    settings.SMS_BACKEND = "console"
    User.objects.filter(pk=net.volunteer.pk).update(language=MONGOLIAN)
    net.volunteer.refresh_from_db()
    send_sms(phone="13800000002", template="login_code", params={"code": "222333"},
             user=net.volunteer, essential=True)
    message = SmsMessage.objects.get(phone="13800000002")
    assert mongolian(message.text) and message.text.startswith("【")


def test_a_village_with_a_mongolian_name_is_named_in_it(net, web):
    from practice.models import Unit

    Unit.objects.filter(pk=net.v11.pk).update(name_mn="ᠸᠣᠳᠠ ᠭᠠᠴᠠᠭ᠎ᠠ")
    client = web(net.villager)
    choose(client, MONGOLIAN)
    html = client.get("/").content.decode()
    assert "ᠸᠣᠳᠠ ᠭᠠᠴᠠᠭ᠎ᠠ" in html and "沃德嘎查" not in html
    choose(client, "zh-hans")
    assert "沃德嘎查" in client.get("/").content.decode()
