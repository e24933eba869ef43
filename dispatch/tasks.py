"""Celery tasks of the dispatch app: thin wrappers around ``dispatch.services``."""

from celery import shared_task

from practice.exceptions import DomainError


@shared_task(bind=True, autoretry_for=(Exception,), dont_autoretry_for=(DomainError,),
             retry_backoff=60, max_retries=3, acks_late=True)
def create_submissions(self, year=None, month=None):
    """Create the month's submissions (default: the month before today), figures frozen in.
    Beat runs it on the 1st after the monthly reports are built; safe to run twice."""
    from dispatch import services

    if year is None or month is None:
        year, month = services.previous_month()
    created = services.submissions_create(year, month)
    return {"year": year, "month": month, "created": len(created)}


@shared_task(ignore_result=True)
def remind_submissions():
    """Daily: remind units of submissions due in two days or today and not signed off yet."""
    from dispatch import services

    return services.submission_reminders()
