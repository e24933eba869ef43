"""Periodic work of the volunteers app: thin tasks that call services."""

from celery import shared_task

from . import services


@shared_task(name="volunteers.tasks.flag_overdue_orders", autoretry_for=(Exception,),
             retry_backoff=True, max_retries=3)
def flag_overdue_orders():
    """Flag late orders and escalate undispatched ones; safe to run twice."""
    return services.orders_flag_overdue()
