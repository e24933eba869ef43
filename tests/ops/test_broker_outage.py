"""Fault drill: Redis is down. Orders, deposits and bookings still succeed; the notifications
their changes cause wait in the outbox and are delivered once the broker is back."""

import datetime
import threading

import pytest
from celery import current_app
from django.utils import timezone

from banquets.models import Canteen
from practice import outbox
from practice.models import OutboxMessage
from tests.points_market.conftest import make_market
from volunteers.models import Notification

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DEAD = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_writes_succeed_while_the_broker_is_down_and_notifications_follow(vnet, api, broker):
    from celery.contrib.testing.worker import start_worker

    point_to, redis_url = broker
    point_to(DEAD)
    market = make_market(vnet)
    canteen = Canteen.objects.create(village=vnet.v11, name="沃德嘎查合约食堂", capacity=20)

    order = api(vnet.villager).post("/api/orders/", {
        "service_item": vnet.item_v11.pk, "description": "家里老人需要理发"}, format="json")
    assert order.status_code == 201, order.content
    dispatch = api(vnet.station_staff).post(
        f"/api/orders/{order.json()['id']}/dispatch/", {"team": vnet.team.pk}, format="json")
    assert dispatch.status_code == 200, dispatch.content
    deposit = api(vnet.station_staff).post("/api/points/deposits/", {
        "household": vnet.h11.pk,
        "lines": [{"category": market.newspaper.pk, "weight_jin": "10"}]}, format="json")
    assert deposit.status_code == 201, deposit.content
    booking = api(vnet.villager).post("/api/banquets/bookings/", {
        "canteen": canteen.pk, "occasion": "wedding", "kind": "banquet",
        "date": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "tables": 8, "dishes_per_table": 6, "gift_limit": 200}, format="json")
    assert booking.status_code == 201, booking.content

    waiting = OutboxMessage.objects.filter(sent_at__isnull=True).count()
    assert waiting >= 1  # the notifications of the order and its dispatch wait
    assert Notification.objects.exists()
    assert not Notification.objects.filter(sent_at__isnull=False).exists()

    point_to(redis_url)  # the broker is back
    with start_worker(current_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert outbox.flush() == waiting  # every waiting message goes out
        done = threading.Event()
        for _ in range(100):
            if not Notification.objects.filter(sent_at__isnull=True).exists():
                break
            done.wait(0.1)
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
