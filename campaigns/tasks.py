"""Celery tasks of campaigns: thin wrappers around ``campaigns.services``."""

import datetime

from celery import shared_task


@shared_task(name="campaigns.tasks.remind_stations", ignore_result=True, acks_late=True)
def remind_stations(on=None):
    """The daily run: stations that have not planned an activity for a campaign starting within
    its reminder days are asked to, once each (safe to run twice). ``on``: the day to run for
    (ISO date), default today."""
    from campaigns import services

    day = datetime.date.fromisoformat(on) if on else None
    return services.campaigns_remind(on=day)
