"""Who reads which text messages (the staff page, the admin's delivery log), and each person's
own switch (page and API)."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework.test import APIClient

from practice.models import SmsMessage
from practice.sms import register_template, send_sms
from tests.factories import make_network

register_template("test_notice", _("Hello {name}, you have {points} points."))


@pytest.fixture
def net(db, daytime, settings):
    settings.SMS_BACKEND = "console"
    n = make_network()
    with transaction.atomic():
        n.to_v11 = send_sms(phone=n.villager.phone, template="test_notice",
                            params={"name": "包金山", "points": 11})
        n.villager_other.phone = "13800000009"
        n.villager_other.save()
        n.to_v21 = send_sms(phone=n.villager_other.phone, template="test_notice",
                            params={"name": "乌云", "points": 21})
        n.stranger = send_sms(phone="13900000000", template="test_notice",
                              params={"name": "外人", "points": 0})
        n.code = send_sms(phone=n.villager.phone, template="login_code",
                          params={"code": "246810", "minutes": 5}, essential=True)
    return n


def _client(user):
    client = APIClient()
    client.force_login(user)
    return client


def test_station_staff_read_the_messages_to_their_village_only(net):
    page = _client(net.station_staff).get(reverse("sms:log")).content.decode()
    assert "包金山" in page and "246810" in page  # the console backend: demo codes readable
    assert "乌云" not in page and "外人" not in page


def test_the_banner_administrator_reads_every_message(net):
    page = _client(net.banner_admin).get(reverse("sms:log")).content.decode()
    assert "包金山" in page and "乌云" in page and "外人" in page


def test_villagers_may_not_open_the_list(net):
    assert _client(net.villager).get(reverse("sms:log")).status_code == 403


def test_the_admin_delivery_log_is_scoped_and_read_only(net):
    client = _client(net.station_staff)
    listing = client.get(reverse("admin:practice_smsmessage_changelist")).content.decode()
    assert net.villager.phone in listing and net.villager_other.phone not in listing
    own = reverse("admin:practice_smsmessage_change", args=[net.to_v11.pk])
    other = reverse("admin:practice_smsmessage_change", args=[net.to_v21.pk])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 302  # Django's admin: not found, back to the list
    assert client.post(own, {"status": "failed"}).status_code == 403
    assert SmsMessage.objects.get(pk=net.to_v11.pk).status == net.to_v11.status
    changelist = reverse("admin:practice_smsmessage_changelist")
    found = client.get(changelist, {"q": net.villager.phone}).content.decode()
    assert str(net.to_v11.pk) in found
    assert client.get(changelist, {"q": "not-an-id"}).status_code == 200
    assert client.get(changelist, {"q": str(net.to_v11.pk)}).status_code == 200


def test_a_real_gateway_keeps_sign_in_codes_out_of_staff_sight(net, settings):
    settings.SMS_BACKEND = "http"
    page = _client(net.station_staff).get(reverse("sms:log")).content.decode()
    assert "246810" not in page and "包金山" in page
    admin_page = _client(net.station_staff).get(
        reverse("admin:practice_smsmessage_change", args=[net.code.pk])).content.decode()
    assert "246810" not in admin_page


def test_a_person_turns_messages_off_and_on_from_the_page(net):
    client = _client(net.villager)
    assert client.get(reverse("sms:settings")).status_code == 200
    client.post(reverse("sms:settings-save"), {})
    net.villager.refresh_from_db()
    assert net.villager.sms_opt_out is True
    with transaction.atomic():
        assert send_sms(phone=net.villager.phone, template="test_notice",
                        params={"name": "x", "points": 1}) is None
    client.post(reverse("sms:settings-save"), {"sms": "on"})
    net.villager.refresh_from_db()
    assert net.villager.sms_opt_out is False


def test_a_person_turns_messages_off_through_the_api(net):
    client = APIClient()
    client.force_authenticate(net.volunteer)
    answer = client.patch("/api/me/", {"sms_opt_out": True}, format="json")
    assert answer.status_code == 200 and answer.json()["sms_opt_out"] is True
    assert client.get("/api/me/").json()["sms_opt_out"] is True
    assert client.patch("/api/me/", {"sms_opt_out": "maybe"}, format="json").status_code == 400
    with transaction.atomic():
        assert send_sms(phone=net.volunteer.phone, template="test_notice",
                        params={"name": "x", "points": 1}) is None
    assert not SmsMessage.objects.filter(phone=net.volunteer.phone).exists()
