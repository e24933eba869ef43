"""Fault drill: Redis is down, as cache and as broker, under the real server.

The server runs (pytest-django's ``live_server``) with the cache that ``config/settings.py``
builds and Celery's broker both pointed at a port where nothing listens, as when the one Redis
of a deployment stops. Every day's flow goes on from the database: staff, a villager and a
volunteer log in on the web form and for a token; an order is placed, dispatched, accepted and
completed; a household's recyclables are weighed in at the counter and points are redeemed; a
banquet is booked and approved; every page and API read of the villager and the cashier answers
as the role × scope matrix says. The tasks those changes cause wait in the outbox. Then Redis
comes back: the outbox sends what waited, and each task runs once.
"""

import datetime
import re
import time
import uuid
from collections import Counter

import pytest
from celery import current_app, signals
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from banquets.models import Booking
from practice import outbox
from practice.models import OutboxMessage
from tests.ops.live import login, matrix_gets, post_form
from volunteers.models import Notification

pytestmark = [pytest.mark.postgres]


def _sweep(sessions, world, roles):
    """Every GET of the matrix as each of ``roles``; the answers that differ from the matrix."""
    base, problems = sessions["base"], []
    for kind, key, path, query, statuses, side in matrix_gets(world):
        for role in roles:
            web, api = sessions[role]
            response = (api if kind == "api" else web).get(
                f"{base}{path}", params=query, timeout=60, allow_redirects=False)
            want = statuses[role][side]
            if response.status_code != want:
                problems.append(f"{key} as {role}: expected {want}, got "
                                f"{response.status_code}: {response.text[:200]!r}")
    return problems


def test_the_platform_works_while_redis_is_down_and_the_outbox_catches_up(
        world, dead_cache, broker, http, live_server):
    point_to, redis_url = broker
    point_to(f"{dead_cache}/0")  # the broker is the same dead Redis as the cache
    base = live_server.url
    sessions = {"base": base}
    earlier = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    new = Notification.objects.filter(pk__gt=earlier)  # the notifications of the outage
    for role in ("villager", "volunteer", "station_staff"):
        sessions[role] = login(http, base, world.user(role).username)
    villager_web, villager = sessions["villager"]
    volunteer_web, volunteer = sessions["volunteer"]
    staff_web, staff = sessions["station_staff"]

    # An order: placed by the villager (API), dispatched by the station (its web page),
    # accepted (API) and completed (web page) by the volunteer.
    placed = villager.post(f"{base}/api/orders/", timeout=30, json={
        "service_item": world.item_in.pk, "description": "家里老人需要理发"})
    assert placed.status_code == 201, placed.text[:300]
    order = f"/volunteers/orders/{placed.json()['id']}/"
    dispatched = post_form(staff_web, base, order, {"action": "dispatch",
                                                    "team": world.team_in.pk})
    assert dispatched.status_code == 200 and "已派单" in dispatched.text, dispatched.text[:300]
    accepted = volunteer.post(f"{base}/api/orders/{placed.json()['id']}/accept/", timeout=30)
    assert accepted.status_code == 200, accepted.text[:300]
    completed = post_form(volunteer_web, base, order, {"action": "complete", "hours": "1.5"})
    assert completed.status_code == 200, completed.text[:300]
    detail = villager.get(f"{base}/api/orders/{placed.json()['id']}/", timeout=30).json()
    assert detail["status"] == "completed"

    # The counter: a weigh-in through the cashier's page, sent twice (a double tap) with the
    # page's one key, counts once; then points are redeemed through the API.
    household = world.household_in
    before = staff.get(f"{base}/api/points/households/{household.pk}/", timeout=30).json()
    counter = staff_web.get(f"{base}/points/cashier/households/{household.pk}/", timeout=30)
    assert counter.status_code == 200
    key = re.search(r'name="key" value="([^"]+)"', counter.text).group(1)
    weight = re.search(r'name="(weight_\d+)"', counter.text).group(1)
    deposit = f"/points/cashier/households/{household.pk}/deposit/"
    first = post_form(staff_web, base, deposit, {"key": key, weight: "10"})
    again = post_form(staff_web, base, deposit, {"key": key, weight: "10"})
    assert first.status_code == 200 and "/receipt/" in first.url, first.text[:300]
    assert again.url == first.url
    redeemed = staff.post(f"{base}/api/points/redemptions/", timeout=30,
                          headers={"Idempotency-Key": uuid.uuid4().hex},
                          json={"household": household.pk,
                                "lines": [{"product": world.product_in.pk, "quantity": 1}]})
    assert redeemed.status_code == 201, redeemed.text[:300]
    after = staff.get(f"{base}/api/points/households/{household.pk}/", timeout=30).json()
    gained = after["balance"] - before["balance"]
    assert gained == redeemed.json()["balance"] - before["balance"]
    assert gained + redeemed.json()["points"] > 0  # the weigh-in was credited, once

    # A banquet: booked on the villager's form, approved on the station's queue.
    date = timezone.localdate() + datetime.timedelta(days=40)
    booked = post_form(villager_web, base, "/banquets/", {
        "canteen": world.canteen_in.pk, "occasion": "wedding", "kind": "banquet",
        "date": date.isoformat(), "tables": "8", "dishes_per_table": "6",
        "gift_limit": "200", "formal_meals": "1"})
    assert booked.status_code == 200 and booked.url.endswith("/banquets/mine/"), booked.text[:300]
    booking = Booking.objects.get(household=household, date=date)
    approved = post_form(staff_web, base, f"/banquets/bookings/{booking.pk}/approve/", {})
    assert approved.status_code == 200, approved.text[:300]
    booking.refresh_from_db()
    assert booking.status == "approved"

    # Every page and API read of the villager and of the cashier (station staff).
    problems = _sweep(sessions, world, ["villager", "station_staff"])
    assert not problems, "\n".join(problems)

    # The tasks of those changes (the notifications) waited; none was sent.
    waiting = set(OutboxMessage.objects.filter(sent_at__isnull=True).values_list("pk", flat=True))
    assert waiting
    assert new.filter(order_id=placed.json()["id"]).count() >= 3  # dispatched, accepted, done
    assert not new.filter(sent_at__isnull=False).exists()

    # Redis is back: the outbox sends what waited, and each task runs once.
    point_to(redis_url)
    ran = []

    def count(task_id=None, task=None, args=None, **_):
        ran.append((task.name, repr(list(args or ()))))

    signals.task_prerun.connect(count, weak=False)
    try:
        with start_worker(current_app, pool="solo", perform_ping_check=False,
                          shutdown_timeout=10):
            assert outbox.flush() == len(waiting)
            assert outbox.flush() == 0  # nothing is sent twice
            for _ in range(200):
                if len(ran) >= len(waiting) and not new.filter(sent_at__isnull=True).exists():
                    break
                time.sleep(0.05)
    finally:
        signals.task_prerun.disconnect(count)
    sent = OutboxMessage.objects.filter(pk__in=waiting)
    assert not sent.filter(sent_at__isnull=True).exists()
    assert Counter(ran) == Counter((m.task, repr(list(m.args))) for m in sent), ran
    assert not new.filter(sent_at__isnull=True).exists()
