"""Celery tasks of supervision: thin wrappers around ``supervision.services``."""

import datetime

from celery import shared_task


@shared_task(name="supervision.tasks.escalate_overdue_tasks", ignore_result=True,
             acks_late=True)
def escalate_overdue_tasks(on=None):
    """The daily run: deadline notices and escalations (safe to run twice). ``on``: the day
    to run for (ISO date), default today."""
    from supervision import services

    day = datetime.date.fromisoformat(on) if on else None
    return services.tasks_escalate(on=day)
