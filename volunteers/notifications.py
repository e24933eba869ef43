"""In-app notifications and a pluggable sending backend.

Rows are written inside the caller's transaction; sending goes through the backend named by
``settings.VOLUNTEERS_NOTIFICATION_BACKEND`` (a dotted path, default :class:`LoggingBackend`)
only after the transaction commits, so a rolled-back order never sends anything. An SMS or
WeChat backend is a class with a ``send(notification)`` method.

Sending is a Celery task queued through the outbox (practice/outbox.py): when the broker is
down the order still succeeds, and the sending happens once the broker is back. Each
notification is locked while it is sent and marked sent in the same transaction, so a task
that runs twice sends it once, and one killed while sending leaves it for the next delivery.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from practice import outbox

from .models import Notification

logger = logging.getLogger("volunteers.notifications")

class LoggingBackend:
    def send(self, notification):
        logger.info("notify user=%s order=%s: %s", notification.user_id,
                    notification.order_id, notification.message)


class MemoryBackend:
    """Keeps what it sent in ``MemoryBackend.outbox`` (for tests and local development)."""

    outbox: list = []

    def send(self, notification):
        MemoryBackend.outbox.append(notification)


def get_backend():
    return import_string(settings.VOLUNTEERS_NOTIFICATION_BACKEND)()


def send_pending(ids) -> int:
    """Send the notifications of ``ids`` not sent yet; returns how many were sent.

    Each one is locked, sent and marked sent in one transaction: a run that is killed while
    sending leaves it unsent for the next delivery of the task (the broker delivers it again,
    practice/outbox.py), and a run beside it skips the locked row instead of sending it twice.
    """
    backend = get_backend()
    sent = 0
    for pk in Notification.objects.filter(pk__in=ids, sent_at__isnull=True).values_list(
            "pk", flat=True):
        try:
            with transaction.atomic():
                notification = (Notification.objects.select_for_update(skip_locked=True)
                                .filter(pk=pk, sent_at__isnull=True).first())
                if notification is None:
                    continue  # sent, or being sent by another run
                backend.send(notification)
                Notification.objects.filter(pk=pk).update(sent_at=timezone.now())
            sent += 1
        except Exception:  # a failing channel must not break the order flow
            logger.exception("sending notification %s failed", pk)
    return sent


def notify(users, message, *, order=None, msgid="", params=None):
    """Queue ``message`` for each distinct user; send after commit. ``msgid`` and ``params``
    (volunteers/wording.py) let the page show it in the reader's language."""
    seen, rows = set(), []
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        rows.append(Notification(user=user, order=order, message=str(message)[:300],
                                 msgid=msgid, params=params or {}))
    if not rows:
        return []
    created = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in created if n.pk is not None]
    if not ids:  # backends without RETURNING: look the rows up again
        ids = list(Notification.objects.filter(user__in=seen, order=order, message=rows[0].message)
                   .values_list("pk", flat=True))
    outbox.enqueue("volunteers.tasks.send_notifications", ids)
    return created


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_all_read(user) -> int:
    """Mark every unread notification of ``user`` read; returns how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now())
