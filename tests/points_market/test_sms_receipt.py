"""The weigh-in receipt by text message: sent only when the household asks for it, with the
points and the new balance, to every phone of the household; a failing gateway never fails
the deposit (tasks run in-process, as in the embedded set-up)."""

import pytest
from django.urls import reverse

from practice.models import SmsMessage, SmsStatus


@pytest.fixture
def sms_market(net, market, sms_gateway, daytime, django_capture_on_commit_callbacks):
    net.h11.phone = "13700000011"
    net.h11.save()
    market.commit = lambda: django_capture_on_commit_callbacks(execute=True)
    return market


def _deposit(api, net, market, **extra):
    body = {"household": net.h11.pk,
            "lines": [{"category": market.newspaper.pk, "weight_jin": "10"}], **extra}
    with market.commit():
        return api(net.station_staff).post("/api/points/deposits/", body, format="json")


def _receipts(gateway):
    return [r.json() for r in gateway.received if r.json()["template"] == "weigh_in_receipt"]


def test_no_receipt_is_texted_unless_the_household_asks(net, sms_market, sms_gateway, api):
    answer = _deposit(api, net, sms_market)
    assert answer.status_code == 201 and answer.json()["sms_receipt"] is False
    assert _receipts(sms_gateway) == []


def test_the_receipt_carries_the_points_and_the_new_balance(net, sms_market, sms_gateway, api):
    _deposit(api, net, sms_market)
    answer = _deposit(api, net, sms_market, sms_receipt=True)
    assert answer.status_code == 201 and answer.json()["sms_receipt"] is True
    receipts = {r["phone"]: r for r in _receipts(sms_gateway)}
    assert set(receipts) == {net.villager.phone, "13700000011"}
    receipt = receipts["13700000011"]
    assert receipt["params"]["points"] == 80 and receipt["params"]["balance"] == 160
    assert "80" in receipt["text"] and "160" in receipt["text"]
    assert "沃德嘎查积分超市" in receipt["text"]


def test_a_replayed_deposit_texts_nothing_more(net, sms_market, sms_gateway, api):
    body = {"household": net.h11.pk, "sms_receipt": True,
            "lines": [{"category": sms_market.newspaper.pk, "weight_jin": "10"}]}
    for _ in range(2):
        with sms_market.commit():
            api(net.station_staff).post("/api/points/deposits/", body, format="json",
                                        HTTP_IDEMPOTENCY_KEY="weigh-1")
    assert len(_receipts(sms_gateway)) == 2  # one deposit, two phones


def test_a_failing_gateway_does_not_fail_the_weigh_in(net, sms_market, sms_gateway, api):
    sms_gateway.fail_next(10, status=502)
    answer = _deposit(api, net, sms_market, sms_receipt=True)
    assert answer.status_code == 201 and answer.json()["balance"] == 80
    assert set(SmsMessage.objects.filter(template="weigh_in_receipt")
               .values_list("status", flat=True)) == {SmsStatus.QUEUED}


def test_the_cashier_ticks_the_receipt_box(net, sms_market, sms_gateway, web):
    client = web(net.station_staff)
    counter = client.get(reverse("points_market:counter", args=[net.h11.pk]))
    assert 'name="sms_receipt"' in counter.content.decode()
    with sms_market.commit():
        answer = client.post(reverse("points_market:deposit", args=[net.h11.pk]), {
            "key": "k-1", f"weight_{sms_market.newspaper.pk}": "5", "sms_receipt": "on"})
    assert answer.status_code == 302
    [first, *_] = _receipts(sms_gateway)
    assert first["params"]["points"] == 40 and first["params"]["balance"] == 40
