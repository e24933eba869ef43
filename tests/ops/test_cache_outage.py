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
import runpy
import socket
import uuid
from types import SimpleNamespace

import pytest
import requests
from celery import current_app
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.urls import reverse

from practice import log_filters
from tests.factories import PASSWORD
from tests.platform import endpoints
from tests.platform.matrix_table import ADMIN, API, PAGES, ROLES
from tests.platform.world import build_world

SETTINGS_FILE = django_settings.BASE_DIR / "config" / "settings.py"


def _dead_port() -> int:
    """A port on 127.0.0.1 where nothing listens: bound by the system, then closed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dead_cache(settings, monkeypatch):
    """The cache exactly as config/settings.py builds it for a REDIS_URL whose Redis is down.

    The settings module is run again with that REDIS_URL, so the backend and its OPTIONS
    (IGNORE_EXCEPTIONS, timeouts, logging of the ignored failures) are the production ones.
    Overriding CACHES resets Django's cache handler (the setting_changed signal); the live
    server's request threads build their cache from the new settings too.
    """
    server = f"redis://127.0.0.1:{_dead_port()}"
    monkeypatch.setenv("REDIS_URL", f"{server}/0")
    conf = runpy.run_path(str(SETTINGS_FILE))
    assert conf["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert conf["CACHES"]["default"]["LOCATION"].startswith(f"{server}/")
    settings.CACHES = conf["CACHES"]
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = conf["DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"]
    backend = caches["default"]
    assert type(backend).__module__ == "django_redis.cache", "the cache handler kept the old one"
    return server


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


# --- the sweep through the real server --------------------------------------------------------
def _gets(world):
    """(kind, key, path, query, {role: (in, out)}, side index) of every GET of the matrix."""
    for table, kind in ((API, "api"), (PAGES, "web")):
        for key, row in sorted(table.items()):
            method, name = key.split(" ", 1)
            if method == "GET":
                sides = ("in", "out") if row.is_sided() else ("in",)
                for i, side in enumerate(sides):
                    query = row.query(world, side) if row.query else None
                    path = endpoints.url_of(world, name, row, side)
                    yield kind, key, path, query, row.statuses(), i
    for key, row in sorted(ADMIN.items()):
        model = key.split(" ", 1)[1]
        app = "points_market" if model.startswith("points_market_") else model.split("_")[0]
        path = reverse(f"admin:{app}_{model[len(app) + 1:]}_changelist")
        yield "web", key, path, None, row.statuses(), 0


@pytest.fixture
def http():
    """``http()`` → a requests session, closed after the test: no keep-alive connection
    outlives it in the live server's threads."""
    made = []

    def make():
        made.append(requests.Session())
        return made[-1]

    yield make
    for session in made:
        session.close()


def _login(http, base, username):
    """A web session through the login form (with its CSRF token) and an API token."""
    web = http()
    form = web.get(f"{base}/accounts/login/", timeout=30)
    assert form.status_code == 200, form.text[:300]
    done = web.post(f"{base}/accounts/login/", timeout=30, allow_redirects=False, data={
        "username": username, "password": PASSWORD,
        "csrfmiddlewaretoken": web.cookies["csrftoken"]},
        headers={"Referer": f"{base}/accounts/login/"})
    assert done.status_code == 302, f"{username}: web login answered {done.status_code}"
    assert "sessionid" in web.cookies
    api = http()
    answer = api.post(f"{base}/api/auth/token/", timeout=30,
                      json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.text[:300]
    api.headers["Authorization"] = f"Token {answer.json()['token']}"
    me = api.get(f"{base}/api/me/", timeout=30)
    assert me.status_code == 200 and me.json()["username"] == username, me.text[:300]
    return web, api


@pytest.fixture
def world(transactional_db):
    """The matrix's world, committed: the live server's threads read it (built while the cache
    still works; the tests below take it away afterwards)."""
    return build_world()


def test_every_role_works_through_the_real_server_without_the_cache(world, dead_cache, cache_log,
                                                                     http, live_server):
    base = live_server.url
    sessions = {"anonymous": (http(), http())}
    for role in ROLES[1:]:
        sessions[role] = _login(http, base, world.user(role).username)

    problems, requests_made = [], 0
    for kind, key, path, query, statuses, side in _gets(world):
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
