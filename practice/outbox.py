"""A transactional outbox for Celery tasks: nothing is lost when the broker is down.

Services call :func:`enqueue` inside their transaction instead of ``task.delay``. The message row
commits (or rolls back) with the change that caused it; after the commit it is sent at once,
and if the broker cannot be reached it stays pending until :func:`flush` (run by Celery beat
every minute, or by ``manage.py outbox_flush``) sends it. Tasks must therefore be safe to run
twice, as every task of this platform is.
"""

import logging

from celery import current_app, shared_task
from django.db import transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)


def enqueue(task_name: str, *args, task_id: str = "", **kwargs):
    """Record a task to run after the current transaction commits; returns the message.

    ``task_id`` fixes the Celery task id in advance (so an API can answer with it at once).
    """
    from .models import OutboxMessage

    message = OutboxMessage.objects.create(
        task=task_name, task_id=task_id, args=list(args), kwargs=kwargs
    )
    transaction.on_commit(lambda: send(message.pk))
    return message


def resolve_task(name: str):
    """The Celery task called ``name``. A web process has not imported the apps' ``tasks``
    modules (only a worker does at start), so they are imported on first need."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def send(message_id: int) -> bool:
    """Send one pending message; True when it was handed to the broker (or ran, when eager)."""
    from .models import OutboxMessage

    message = OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).first()
    if message is None:
        return False
    try:
        task = resolve_task(message.task)
        task.apply_async(
            args=message.args, kwargs=message.kwargs, task_id=message.task_id or None, retry=False
        )
    except Exception as exc:  # the broker is down, or the task failed when run eagerly
        logger.warning("outbox: %s not sent (%s); it stays pending", message, exc)
        OutboxMessage.objects.filter(pk=message.pk).update(
            attempts=F("attempts") + 1, last_error=str(exc)[:2000]
        )
        return False
    OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1
    )
    return True


def flush(limit: int = 500) -> int:
    """Send the oldest pending messages; returns how many were sent."""
    from .models import OutboxMessage

    pending = list(
        OutboxMessage.objects.filter(sent_at__isnull=True)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in pending if send(pk))


@shared_task(name="practice.outbox_flush", ignore_result=True)
def outbox_flush():
    return flush()
