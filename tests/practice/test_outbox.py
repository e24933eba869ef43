"""The outbox: a task is sent after commit, never after a rollback, and survives a dead broker."""

import os
import threading

import pytest
from celery import current_app, shared_task
from django.db import transaction

from practice import outbox
from practice.models import OutboxMessage

RAN: list = []


@shared_task(name="tests.outbox_probe")
def outbox_probe(value):
    RAN.append(value)
    return value


@pytest.fixture(autouse=True)
def _clear():
    RAN.clear()
    yield
    RAN.clear()


@pytest.mark.django_db(transaction=True)
def test_a_task_runs_once_the_transaction_commits():
    with transaction.atomic():
        outbox.enqueue("tests.outbox_probe", "committed")
        assert RAN == []  # not before the commit
    assert RAN == ["committed"]
    assert OutboxMessage.objects.get().sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_task_enqueued_in_a_rolled_back_transaction_never_runs():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue("tests.outbox_probe", "rolled back")
        raise RuntimeError("boom")
    outbox.flush()
    assert RAN == []
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_flush_sends_each_message_once():
    with transaction.atomic():
        message = outbox.enqueue("tests.outbox_probe", "once")
    assert outbox.flush() == 0
    assert outbox.send(message.pk) is False
    assert RAN == ["once"]


@pytest.mark.django_db(transaction=True)
def test_when_the_broker_is_down_the_message_waits_and_is_delivered_later(broker):
    from celery.contrib.testing.worker import start_worker

    point_to, good_url = broker
    point_to("redis://127.0.0.1:1/0")  # nothing listens there
    with transaction.atomic():
        message = outbox.enqueue("tests.outbox_probe", "after the outage")
    message.refresh_from_db()
    assert message.sent_at is None  # the write itself succeeded; the task waits
    assert message.attempts == 1 and message.last_error

    point_to(good_url)
    done = threading.Event()
    with start_worker(current_app, pool="solo", perform_ping_check=False,
                      shutdown_timeout=10):
        assert outbox.flush() == 1
        for _ in range(100):
            if RAN:
                done.set()
                break
            done.wait(0.1)
    assert RAN == ["after the outage"]
    message.refresh_from_db()
    assert message.sent_at is not None


def test_a_web_process_finds_the_apps_tasks():
    """A fresh process (as gunicorn's) has imported no ``tasks`` module: the outbox must still
    find the task of every message, or notifications would stay pending."""
    import subprocess
    import sys

    script = (
        "import django; django.setup()\n"
        "from celery import current_app\n"
        "from practice.outbox import resolve_task\n"
        "name = 'volunteers.tasks.send_notifications'\n"
        "print(name in current_app.tasks, resolve_task(name).name,"
        " resolve_task('reports.tasks.build_monthly_reports').name)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    env["DEBUG"] = "1"
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["False", "volunteers.tasks.send_notifications",
                   "reports.tasks.build_monthly_reports"]
