"""Fault drill: the database drops every connection of a running server (PostgreSQL restarted,
failed over, or an administrator ended them) while clients read and write.

A real gunicorn (sync workers keep their connection between requests, CONN_MAX_AGE) serves the
test database; four clients read the API and a public page and record deposits while the test
ends the server's connections twice. No answer is a 500: a request that starts after the drop
finds its connection dead before using it (CONN_HEALTH_CHECKS) and reconnects, one caught in
flight answers 503 with Retry-After and a Chinese message. Every deposit answered 201 is in the
ledger once and the balance is the sum of the entries.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token

from points_market.models import Account, Entry
from tests.points_market.conftest import make_market

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
DROPPED = "数据库暂时无法连接"  # the Chinese message of a 503


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path, settings):
    """A gunicorn with two sync workers on the test database; yields its base URL."""
    db = connection.settings_dict
    url = (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
           f"{db['PORT'] or 5432}/{db['NAME']}")
    port = free_port()
    # This test worker's URLs as they are: the server must not shift them again (settings give
    # each pytest-xdist worker a Redis database of its own).
    inherited = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}
    env = {**inherited, "DATABASE_URL": url, "REDIS_URL": settings.REDIS_URL or "",
           "CONN_MAX_AGE": "600", "DJANGO_SETTINGS_MODULE": "config.settings"}
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "sync"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        ready = threading.Event()
        for _ in range(300):
            try:
                call(base, "GET", "/board/")
                break
            except OSError:  # not listening yet
                assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
                ready.wait(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def call(base, method, path, token=None, body=None, headers=()):
    request = urllib.request.Request(  # noqa: S310 (our own http:// server)
        base + path, method=method, headers={"Accept": "application/json", **dict(headers)},
        data=json.dumps(body).encode() if body is not None else None)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Token {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_dropped_connections_answer_503_or_succeed_never_500(vnet, server):
    market = make_market(vnet)
    cashier = Token.objects.create(user=vnet.station_staff).key
    villager = Token.objects.create(user=vnet.villager).key
    household = vnet.h11
    deposit = {"household": household.pk,
               "lines": [{"category": market.newspaper.pk, "weight_jin": "2"}]}

    answers, lock, progress = [], threading.Lock(), threading.Condition()
    stop = threading.Event()

    def client(kind):
        while not stop.is_set():
            key = ""
            if kind == "deposit":
                key = uuid.uuid4().hex
                answer = call(server, "POST", "/api/points/deposits/", cashier, deposit,
                              {"Idempotency-Key": key})
            elif kind == "me":
                answer = call(server, "GET", "/api/me/", villager)
            elif kind == "balance":
                answer = call(server, "GET", f"/api/points/households/{household.pk}/", cashier)
            else:
                answer = call(server, "GET", f"/board/units/{vnet.v11.pk}/")
            with lock:
                answers.append((kind, key, *answer))
            with progress:
                progress.notify_all()

    def wait_for(count):
        with progress:
            assert progress.wait_for(lambda: len(answers) >= count, timeout=120), len(answers)

    threads = [threading.Thread(target=client, args=(kind,))
               for kind in ("deposit", "deposit", "me", "balance", "page")]
    for thread in threads:
        thread.start()
    try:
        for drop in (1, 2):
            wait_for(40 * drop)
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                assert cursor.fetchone()[0] >= 1  # the server's connections were there
        wait_for(120)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)

    statuses = sorted({status for *_, status, _h, _b in answers})
    assert 500 not in statuses, [a[:3] + (a[4][:300],) for a in answers if a[2] >= 500]
    for kind, _key, status, headers, body in answers:
        if status < 300:
            continue
        assert status == 503, (kind, status, body[:300])
        assert int(headers["Retry-After"]) > 0
        text = body.decode()
        if kind == "page":
            assert DROPPED in text
        else:
            data = json.loads(text)
            assert data["code"] == "database_unavailable" and DROPPED in data["detail"]

    stored = [a for a in answers if a[0] == "deposit" and a[2] == 201]
    assert stored, statuses
    ids = [json.loads(body)["id"] for *_, body in stored]
    assert len(set(ids)) == len(ids)
    entries = Entry.objects.filter(household=household)
    assert entries.filter(deposit_id__in=ids).count() == len(ids)  # each stored once
    written = sum(1 for a in answers if a[0] == "deposit")
    assert len(stored) <= entries.count() <= written  # a 503 write is in whole or not at all
    assert Account.objects.get(household=household).balance == sum(
        entries.values_list("points", flat=True))


@pytest.fixture
def lost_connection():
    """``lose()`` ends this test's own database connection from another one: the next query
    of a request (Django's test client keeps the connection across requests) finds it gone,
    as a request in flight does when the server drops it."""
    from django.db import connections

    def lose():
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        finally:
            other.close()

    yield lose
    connection.close()  # the dead connection is not reused when the test's data is flushed


def test_a_request_that_loses_its_connection_answers_503(vnet, lost_connection):
    from django.test import Client
    from rest_framework.test import APIClient

    token = Token.objects.create(user=vnet.villager).key
    api = APIClient(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {token}")
    lost_connection()
    response = api.get("/api/me/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "database_unavailable"
    assert DROPPED in response.json()["detail"]

    connection.close()
    lost_connection()
    page = Client(raise_request_exception=False).get(f"/board/units/{vnet.v11.pk}/")
    assert page.status_code == 503
    assert int(page["Retry-After"]) > 0
    assert DROPPED in page.content.decode()
