"""Fault drill: a Celery worker is killed (SIGKILL, as when its machine is lost) while it runs a
task. Tasks are acknowledged late, so the message stays with Redis, which delivers it again
after the visibility timeout (``TASK_VISIBILITY_TIMEOUT``, 3 s here) to a worker started
afterwards; that worker runs it, once.

The task is the real ``volunteers.tasks.send_notifications`` with a backend that blocks until
the test lets it go (tests/ops/drill_backend.py): the first worker is killed in the middle of
sending, and the notification must still be sent, exactly once, by the second.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

from volunteers.models import Notification
from volunteers.tasks import send_notifications

ROOT = Path(__file__).resolve().parents[2]


def wait_until(condition, what, attempts=1200):
    pause = threading.Event()
    for _ in range(attempts):  # at most about two minutes
        if condition():
            return
        pause.wait(0.1)
    raise AssertionError(f"gave up waiting: {what}")


def lines(path):
    return path.read_text().split() if path.exists() else []


@pytest.fixture
def worker(broker, tmp_path):
    """``start()`` → a real ``celery -A config worker`` on the test database and Redis."""
    _point_to, redis_url = broker
    db = connection.settings_dict
    # The URLs are this test worker's own already: the subprocess must not shift them again
    # (config/settings.py gives each pytest-xdist worker its own Redis database).
    inherited = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}
    env = {
        **inherited,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
                         f"{db['PORT'] or 5432}/{db['NAME']}"),
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "TASK_VISIBILITY_TIMEOUT": "3",
        "VOLUNTEERS_NOTIFICATION_BACKEND": "tests.ops.drill_backend.BlockingFileBackend",
        "DRILL_DIR": str(tmp_path),
    }
    redis.Redis.from_url(redis_url).flushdb()  # no message of an earlier run is left
    started = []

    def start(name):
        log = open(tmp_path / f"{name}.log", "wb")  # noqa: SIM115 (closed below)
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo",
             "--without-heartbeat", "--without-gossip", "--without-mingle", "-n", f"{name}@%h",
             "--loglevel", "INFO"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        started.append((process, log))
        return process

    start.broker_url = redis_url
    yield start
    for process, log in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
    redis.Redis.from_url(redis_url).flushdb()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_task_whose_worker_was_killed_runs_once_on_another_worker(vnet, worker, tmp_path):
    notification = Notification.objects.create(user=vnet.villager, message="您的订单已派单")
    first = worker("first")
    send_notifications.apply_async(args=[[notification.pk]])

    wait_until(lambda: lines(tmp_path / "started"), "the first worker to start sending")
    first.send_signal(signal.SIGKILL)  # its machine is lost
    first.wait()
    (tmp_path / "go").touch()
    assert lines(tmp_path / "sent") == []
    notification.refresh_from_db()
    assert notification.sent_at is None  # not marked sent: it was not sent

    # A worker looks for tasks out longer than the visibility timeout when it starts (and then
    # every 100 s): start the second once the killed one's task has been out that long.
    broker = redis.Redis.from_url(worker.broker_url)

    def out_longer_than_the_timeout():
        delivered = broker.zrange("unacked_index", 0, -1, withscores=True)
        return delivered and all(time.time() - at > 3.5 for _tag, at in delivered)

    wait_until(out_longer_than_the_timeout, "the killed worker's task to be out 3 s")
    second = worker("second")
    wait_until(lambda: lines(tmp_path / "sent"), "the task to be delivered again")
    wait_until(lambda: Notification.objects.filter(sent_at__isnull=False).exists(),
               "the notification to be marked sent")
    second.send_signal(signal.SIGTERM)
    second.wait(timeout=30)
    assert lines(tmp_path / "sent") == [str(notification.pk)]  # sent once
    starts = lines(tmp_path / "started")
    assert len(starts) == 2 and starts[1] == str(second.pid), starts  # by the second worker


def test_the_visibility_timeout_outlasts_every_retry_countdown(settings):
    """A retry waits in its worker unacknowledged; were its countdown longer than the visibility
    timeout, Redis would deliver it to a second worker meanwhile."""
    from config.celery import app

    app.loader.import_default_modules()
    longest = 0
    for task in app.tasks.values():
        backoff = getattr(task, "retry_backoff", False)
        if not getattr(task, "autoretry_for", ()) or not backoff:
            continue
        factor = 1 if backoff is True else int(backoff)
        countdown = factor * 2 ** max(task.max_retries - 1, 0)
        longest = max(longest, min(countdown, getattr(task, "retry_backoff_max", 600)))
    assert longest > 0  # the report build retries with a backoff
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert timeout == settings.TASK_VISIBILITY_TIMEOUT
    assert timeout > longest
