"""Celery tasks of the core: thin wrappers around its services."""

from celery import shared_task


@shared_task(name="practice.household_import_apply", acks_late=True, ignore_result=True)
def household_import_apply(import_id):
    """Apply a confirmed household roster import; safe to run twice (practice/rosters.py)."""
    from practice import rosters

    imp = rosters.household_import_apply(import_id=import_id)
    return imp.state if imp is not None else None
