"""Fault drill: the cache is unreachable. A cache is an optimisation, never a dependency.

The server runs (pytest-django's ``live_server``: a real HTTP server in a thread) with the
cache that ``config/settings.py`` configures for ``REDIS_URL``, pointed at a port where nothing
listens. Every role logs in on the web form and for an API token, every page, API list and
detail and admin changelist of the role × scope matrix answers as the matrix says, writes go
through, and the ignored failure is logged once a minute, not once per request.

Runs in both ways of running the suite: embedded (SQLite, local-memory cache) and with
PostgreSQL and Redis; either way the cache under test is the dead one.
"""

import io
import logging
import uuid
from types import SimpleNamespace

import pytest
from celery import current_app
from django.core.cache import cache

from practice import log_filters
from tests.ops.live import login, matrix_gets
from tests.platform.matrix_table import ROLES


@pytest.fixture
def cache_log(monkeypatch):
    """``lines()``: what the ``django_redis`` logger's once-a-minute handler writes;
    ``failures()``: how many ignored failures were logged; ``clock.now``: the filter's time.

    The handler configured in LOGGING writes to a buffer instead of stderr; its filter is a
    fresh ``OncePerMinute`` (earlier tests must not have used up this minute's line) that reads
    ``clock.now`` instead of the system's monotonic clock.
    """
    # A web process imports the apps' tasks modules on first need (practice.outbox), and
    # Celery's Django fix-up runs django.setup() again then, which configures logging anew;
    # import them first so that the handler taken over here stays the one in use.
    current_app.loader.import_default_modules()
    handlers = [h for h in logging.getLogger("django_redis").handlers
                if any(isinstance(f, log_filters.OncePerMinute) for f in h.filters)]
    assert len(handlers) == 1, "LOGGING gives the django_redis logger one once-a-minute handler"
    handler = handlers[0]
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    monkeypatch.setattr(handler, "filters", [log_filters.OncePerMinute()])
    clock = SimpleNamespace(now=1000.0)
    monkeypatch.setattr(log_filters, "time", SimpleNamespace(monotonic=lambda: clock.now))
    every = _Counter()  # every record the logger gets, before the handler's filter
    logging.getLogger("django_redis").addHandler(every)
    log = SimpleNamespace(clock=clock, failures=lambda: every.count, lines=lambda: [
        line for line in buffer.getvalue().splitlines() if line.startswith("Exception ignored")])
    yield log
    assert handler in logging.getLogger("django_redis").handlers, "logging was configured anew"
    logging.getLogger("django_redis").removeHandler(every)
    handler.setStream(previous)


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__()
        self.count = 0

    def emit(self, record):
        self.count += 1


def test_the_cache_backend_swallows_the_outage(dead_cache):
    cache.set("probe", 1)  # dropped
    assert cache.get("probe") is None
    assert cache.get("probe", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    cache.delete("probe")
    cache.clear()


def test_every_role_works_through_the_real_server_without_the_cache(world, dead_cache, cache_log,
                                                                     http, live_server):
    base = live_server.url
    sessions = {"anonymous": (http(), http())}
    for role in ROLES[1:]:
        sessions[role] = login(http, base, world.user(role).username)

    problems, requests_made = [], 0
    for kind, key, path, query, statuses, side in matrix_gets(world):
        for role in ROLES:
            web, api = sessions[role]
            client = api if kind == "api" else web
            response = client.get(f"{base}{path}", params=query, timeout=60,
                                  allow_redirects=False)
            requests_made += 1
            want = statuses[role][side]
            if response.status_code != want:
                problems.append(f"{key} {('in', 'out')[side]} as {role}: expected {want}, got "
                                f"{response.status_code}: {response.text[:200]!r}")
    assert not problems, "\n".join(problems)
    assert requests_made > 1000

    # Writes: a villager orders a service; station staff weigh in recyclables, and the retry
    # of that deposit (same Idempotency-Key) returns the first result.
    _web, villager = sessions["villager"]
    order = villager.post(f"{base}/api/orders/", timeout=30, json={
        "service_item": world.item_in.pk, "description": "家里老人需要理发"})
    assert order.status_code == 201, order.text[:300]
    assert villager.get(f"{base}/api/orders/{order.json()['id']}/",
                        timeout=30).status_code == 200
    _web, staff = sessions["station_staff"]
    body = {"household": world.household_in.pk,
            "lines": [{"category": world.market.newspaper.pk, "weight_jin": "10"}]}
    key = {"Idempotency-Key": uuid.uuid4().hex}
    first = staff.post(f"{base}/api/points/deposits/", json=body, headers=key, timeout=30)
    again = staff.post(f"{base}/api/points/deposits/", json=body, headers=key, timeout=30)
    assert first.status_code == 201, first.text[:300]
    assert again.json() == first.json()

    # Many requests failed to reach the cache (logging in and the dashboards read it); the log
    # says so once this minute.
    assert cache_log.failures() >= 10, "hardly a request reached the cache: is it still used?"
    assert len(cache_log.lines()) == 1, cache_log.lines()
    cache_log.clock.now += 61  # a minute later, still down: one more line
    _web, leader = sessions["leader"]
    assert leader.get(f"{base}/api/dashboard/summary/", timeout=30).status_code == 200
    assert len(cache_log.lines()) == 2, cache_log.lines()


def test_the_failure_is_logged_once_a_minute(dead_cache, cache_log):
    for _ in range(50):
        assert cache.get("reports:generation") is None
    assert cache_log.failures() == 50
    assert len(cache_log.lines()) == 1
    cache_log.clock.now += 59
    cache.get("reports:generation")
    assert len(cache_log.lines()) == 1
    cache_log.clock.now += 2
    cache.get("reports:generation")
    assert len(cache_log.lines()) == 2
