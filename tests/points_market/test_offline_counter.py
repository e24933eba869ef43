"""The offline counter's server side: a weigh-in sent from the queue keeps the device's time of
weighing (bounded) beside the time it reached the server, counts once however often it is
sent, and the counter keeps the last-known balances of its area's recent households."""

from datetime import timedelta

import pytest
from django.utils import timezone

from points_market.models import Account, Deposit

from .conftest import credit

pytestmark = pytest.mark.django_db


def _body(net, market, **extra):
    return {"household": net.h11.pk,
            "lines": [{"category": market.newspaper.pk, "weight_jin": "10"}], **extra}


def _post(api, net, body, key):
    return api(net.station_staff).post("/api/points/deposits/", body, format="json",
                                       HTTP_IDEMPOTENCY_KEY=key)


def test_a_queued_weigh_in_keeps_the_device_time_and_the_arrival(net, market, api):
    weighed = timezone.now() - timedelta(days=2, hours=3)
    started = weighed - timedelta(minutes=10)
    r = _post(api, net, _body(net, market, weighed_at=weighed.isoformat(),
                              queue_started_at=started.isoformat()), "offline-1")
    assert r.status_code == 201, r.json()
    deposit = Deposit.objects.get()
    assert abs(deposit.weighed_at - weighed) < timedelta(seconds=1)
    assert deposit.received_at > deposit.weighed_at + timedelta(days=2)
    assert r.json()["points"] == 80 and r.json()["balance"] == 80
    assert r.json()["weighed_at"] and r.json()["received_at"]


def test_a_weigh_in_sent_again_counts_once(net, market, api):
    body = _body(net, market, weighed_at=(timezone.now() - timedelta(hours=1)).isoformat())
    answers = [_post(api, net, body, "same-key") for _i in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert answers[1]["Idempotent-Replayed"] == "true"
    assert len({a.json()["id"] for a in answers}) == 1
    assert Deposit.objects.count() == 1
    assert Account.objects.get(household=net.h11).balance == 80


def test_a_weigh_in_without_a_device_time_was_weighed_when_it_arrived(net, market, api):
    r = _post(api, net, _body(net, market), "k")
    deposit = Deposit.objects.get(pk=r.json()["id"])
    assert deposit.weighed_at == deposit.received_at


@pytest.mark.parametrize(("weighed", "started", "says"), [
    (timedelta(hours=1), None, "称重时间在将来"),
    (-timedelta(days=7, minutes=1), None, "超过7天"),
    (-timedelta(hours=2), -timedelta(hours=1), "早于离线队列的第一条记录"),
])
def test_a_bad_device_time_is_refused_in_chinese(net, market, api, weighed, started, says):
    now = timezone.now()
    extra = {"weighed_at": (now + weighed).isoformat()}
    if started is not None:
        extra["queue_started_at"] = (now + started).isoformat()
    r = _post(api, net, _body(net, market, **extra), "bad")
    assert r.status_code == 400
    assert says in r.json()["weighed_at"][0]
    assert not Deposit.objects.exists()


@pytest.mark.parametrize("text", ["yesterday", "2026-13-45T10:00", "1e9"])
def test_a_time_that_is_no_time_is_refused(net, market, api, text):
    r = _post(api, net, _body(net, market, weighed_at=text), "bad")
    assert r.status_code == 400
    assert "ISO 8601" in r.json()["weighed_at"][0]


def test_a_slightly_fast_device_clock_counts_as_now(net, market, api):
    r = _post(api, net, _body(net, market, weighed_at=(
        timezone.now() + timedelta(minutes=2)).isoformat()), "fast")
    assert r.status_code == 201
    deposit = Deposit.objects.get()
    assert deposit.weighed_at <= deposit.received_at


def test_the_station_data_holds_its_area_s_recent_households(net, market, web):
    credit(net, market, net.h11, 10)
    credit(net, market, net.h21, 10)
    data = web(net.station_staff).get("/points/cashier/station.json").json()
    assert [h["id"] for h in data["households"]] == [net.h11.pk]
    assert data["households"][0]["balance"] == 80
    assert {p["name"] for p in data["prices"]} == {"报纸", "塑料瓶", "纸板", "书本"}
    assert {p["name"] for p in data["products"]} == {"食用油", "食盐", "酱油", "醋"}
    everyone = web(net.banner_admin).get("/points/cashier/station.json").json()
    assert {h["id"] for h in everyone["households"]} == {net.h11.pk, net.h21.pk}


def test_a_household_served_long_ago_is_not_kept(net, market, web):
    credit(net, market, net.h11, 10)
    Deposit.objects.update(created_at=timezone.now() - timedelta(days=31))
    data = web(net.station_staff).get("/points/cashier/station.json").json()
    assert data["households"] == []


def test_the_service_worker_and_the_manifest_are_served_from_the_root(net, web):
    sw = web().get("/sw.js")
    assert sw.status_code == 200
    assert sw["Content-Type"].startswith("text/javascript")
    assert sw["Service-Worker-Allowed"] == "/"
    assert "no-cache" in sw["Cache-Control"]
    body = sw.content.decode()
    assert "/points/cashier/offline/" in body and "/points/cashier/station.json" in body
    manifest = web().get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    assert manifest.json()["name"] == "新时代文明实践"
